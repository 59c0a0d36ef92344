// The commerce part of the demo behind scripts/up.sh (seed 001): an art-print shop run by agents.
// Its agents (an orchestrator, a director, a specialist) and a refused cycle, a catalog with a
// scarce print (5 in stock), a campaign that touched the customers, eight customers ordering the
// scarce print at once — exactly five get it, three are refused INSUFFICIENT_STOCK — payments
// attributed linearly to the campaign's agents, a refund, and the read models and materialized
// views that result (stock, orders, transactions, attribution, lifetime value, performance).
import { randomUUID } from 'node:crypto';
import { COMMAND, QUERY, call, command as send, jwt, schemaReader, until } from './demo-lib.mjs';

const schema = process.env.COMMERCE_SCHEMA ?? 'commerce';

const orgId = randomUUID();
const admin = jwt({ sub: randomUUID(), org_id: orgId, role: 'admin' });
const viewer = jwt({ sub: randomUUID(), org_id: orgId, role: 'viewer' });
const command = (method, path, body = {}) => send(method, `${COMMAND}/v1/commerce${path}`, admin, body);
const attempt = (method, path, body = {}) => call(method, `${COMMAND}/v1/commerce${path}`, { token: admin, body });
const read = async (path) => (await call('GET', `${QUERY}/v1/commerce${path}`, { token: viewer })).body;
const { sql, end } = schemaReader(schema);
const table = (rows) => console.table(rows);

console.log("\nThe shop's agents: an orchestrator leads a director who leads a specialist");
const { agentId: orchestrator } = await command('POST', '/agents', { name: 'Shop orchestrator', type: 'orchestrator' });
const { agentId: director } = await command('POST', '/agents', { name: 'Sales director', type: 'director', parent_id: orchestrator });
const { agentId: specialist } = await command('POST', '/agents', { name: 'Support specialist', type: 'specialist', parent_id: director });
const cycle = await attempt('PUT', `/agents/${orchestrator}/parent`, { parent_id: specialist });
console.log(`  moving the orchestrator under the specialist → ${cycle.status} ${cycle.body.code} (${cycle.body.details?.cycle})`);

console.log('\nA catalog: a print in two sizes; 5 of the A2 in stock, 50 of the A3');
const { productId, variantIds } = await command('POST', '/products', {
  name: 'Harbour at dawn',
  collection: 'coast',
  variants: [
    { sku: 'HARBOUR-A2', title: 'A2 giclée', price: '89.00', currency: 'EUR' },
    { sku: 'HARBOUR-A3', title: 'A3 giclée', price: '49.50', currency: 'EUR' },
  ],
});
const [a2, a3] = variantIds;
await command('POST', '/inventory/receipts', { product_id: productId, variant_id: a2, location: 'main', quantity: 5 });
await command('POST', '/inventory/receipts', { product_id: productId, variant_id: a3, location: 'main', quantity: 50 });

console.log('\nA spring campaign run by the director; revenue attributed linearly to the touches before an order');
const { campaignId } = await command('POST', '/campaigns', { name: 'Spring coast prints', owner_agent_id: director, channel: 'email' });
await command('PUT', `/configuration/attribution_model`, { value: 'linear', updated_by_agent_id: orchestrator });

console.log('\nEight customers; the same email twice is refused');
const customers = [];
for (let i = 1; i <= 8; i++) {
  const { customerId } = await command('POST', '/customers', { email: `collector${i}@example.com`, first_name: `Collector ${i}`, accepts_marketing: true });
  customers.push(customerId);
  await command('POST', `/customers/${customerId}/interactions`, {
    agent_id: director,
    campaign_id: campaignId,
    channel: 'email',
    summary: 'opened the spring mail',
  });
  if (i % 2 === 0) await command('POST', `/customers/${customerId}/interactions`, { agent_id: specialist, channel: 'chat', summary: 'asked about framing' });
}
const twice = await attempt('POST', '/customers', { email: 'COLLECTOR1@example.com' });
console.log(`  collector1 again (in capitals) → ${twice.status} ${twice.body.code}`);

console.log('\nAll eight order the A2 (5 in stock) at the same time, with an A3 each');
const placed = await Promise.all(
  customers.map((customerId) =>
    attempt('POST', '/orders', {
      customer_id: customerId,
      agent_id: director,
      items: [
        { product_id: productId, variant_id: a2, quantity: 1 },
        { product_id: productId, variant_id: a3, quantity: 1 },
      ],
    }),
  ),
);
const accepted = placed.filter((answer) => answer.status === 201).map((answer) => answer.body.orderId);
const refused = placed.filter((answer) => answer.status !== 201);
console.log(
  `  ${accepted.length} placed, ${refused.length} refused: ${[...new Set(refused.map((answer) => answer.body.code))].join(', ')} (available ${refused[0]?.body.details?.available})`,
);

console.log('\nThe placed orders are paid (the total computed from the catalog: 89.00 + 49.50); one is refunded in part');
for (const orderId of accepted) await command('POST', `/orders/${orderId}/payments`, { amount: '138.50' });
await command('POST', `/orders/${accepted[0]}/fulfilment`);
await command('POST', `/orders/${accepted[1]}/refunds`, { amount: '49.50', reason: 'A3 arrived creased' });

const lastOrder = accepted[accepted.length - 1];
await until('the read models', async () => {
  const rows = await sql(`SELECT 1 FROM orders WHERE id = $1 AND status = 'paid'`, [lastOrder]);
  const refundRows = await sql(`SELECT 1 FROM transactions WHERE order_id = $1 AND type = 'refund'`, [accepted[1]]);
  return rows.length === 1 && refundRows.length === 1;
});
await until(
  'the materialized views',
  async () => (await sql(`SELECT 1 FROM product_performance WHERE product_id = $1 AND units_sold > 0`, [productId])).length === 1,
);

console.log('\nStock per variant (commerce.inventory): nothing oversold');
table(
  await sql(
    `SELECT v.sku, i.location, i.quantity_on_hand, i.quantity_reserved, i.quantity_available
                   FROM inventory i JOIN product_variants v ON v.id = i.product_variant_id WHERE v.product_id = $1 ORDER BY v.sku`,
    [productId],
  ),
);

console.log('Orders (commerce.orders), newest first');
table(
  await sql(
    `SELECT c.email, o.status, o.total, o.refunded_amount FROM orders o JOIN customers c ON c.id = o.customer_id
                  WHERE o.org_id = $1 ORDER BY o.created_at DESC`,
    [orgId],
  ),
);

console.log('Money (commerce.transactions) and its attribution (commerce.revenue_attribution)');
table(await sql(`SELECT type, count(*)::int AS n, sum(amount) AS amount FROM transactions WHERE org_id = $1 GROUP BY type ORDER BY type`, [orgId]));
table(
  await sql(
    `SELECT a.name AS agent, ra.campaign_id IS NOT NULL AS via_campaign, ra.model, count(*)::int AS rows, sum(ra.amount) AS amount
                   FROM revenue_attribution ra JOIN agents a ON a.id = ra.agent_id WHERE ra.org_id = $1
                  GROUP BY a.name, ra.campaign_id IS NOT NULL, ra.model ORDER BY a.name`,
    [orgId],
  ),
);

console.log('The materialized views: customer lifetime value (top 3), product and agent performance');
table(
  await sql(
    `SELECT c.email, v.orders_count, v.total_spent FROM customer_lifetime_value v JOIN customers c ON c.id = v.customer_id
                  WHERE v.org_id = $1 ORDER BY v.total_spent DESC, c.email LIMIT 3`,
    [orgId],
  ),
);
table(await sql(`SELECT collection, units_sold, orders_count, revenue, stock_available FROM product_performance WHERE product_id = $1`, [productId]));
table(await sql(`SELECT name, type, attributed_revenue, interactions_handled FROM agent_performance WHERE org_id = $1 ORDER BY name`, [orgId]));

console.log("The query API (projection, tenant-scoped by the viewer's token): stock of the A2");
console.log(JSON.stringify(await read(`/inventory?product_id=${productId}&variant_id=${a2}`)));
await end();
