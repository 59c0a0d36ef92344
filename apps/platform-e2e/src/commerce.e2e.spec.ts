import { randomUUID } from 'node:crypto';
import { testPool, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { type Answer, call, expectStatus } from './support/http';
import { tokenFor } from './support/outreach';
import { Platform } from './support/platform';

const SCARCE = 10;
const BUYERS = 20;
const A2_PRICE = '89.00';
const A3_PRICE = '49.50';
const ORDER_TOTAL = '138.50';

/**
 * The commerce context (seed 001) through its public doors only: an agent-run shop sets up its
 * agents, catalog and stock, a campaign touches its customers, twenty customers order a print of
 * which ten are in stock — all at once — the paid orders are attributed to the campaign's agents,
 * one is refunded and cancelled (its unit goes back and is sold again), and the read models and
 * materialized views agree with what happened, to the unit and the cent.
 */
describe('commerce (seed 001): the shop end to end, campaign-command and projection as processes', () => {
  const platform = new Platform();
  let db: Pool;
  const orgId = randomUUID();
  const admin = tokenFor(orgId, randomUUID(), 'admin');
  const viewer = tokenFor(orgId, randomUUID(), 'viewer');
  const send = (method: string, path: string, body?: unknown): Promise<Answer> =>
    call(method, `${platform.url('campaign-command')}/v1/commerce${path}`, admin, body);
  const ok = async (method: string, path: string, body?: unknown, status = 201) => expectStatus(await send(method, path, body), status);
  const read = async (path: string) => expectStatus(await call('GET', `${platform.url('projection')}/v1/commerce${path}`, viewer), 200);
  const sql = async <R extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> => {
    const client = await db.connect();
    try {
      await client.query(`SET search_path TO ${platform.env.COMMERCE_SCHEMA}`);
      return (await client.query<R>(text, params)).rows;
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  };
  const until = (what: string, probe: () => Promise<boolean>, timeoutMs = 60_000) =>
    waitFor(what, async () => (await probe()) || undefined, { timeoutMs, intervalMs: 250 });

  const shop = { orchestrator: '', director: '', productId: '', a2: '', a3: '', campaignId: '', customers: [] as string[] };

  beforeAll(async () => {
    db = testPool();
    await Promise.all([platform.start('campaign-command'), platform.start('projection')]);
    shop.orchestrator = (await ok('POST', '/agents', { name: 'Orchestrator', type: 'orchestrator' })).agentId as string;
    shop.director = (await ok('POST', '/agents', { name: 'Sales director', type: 'director', parent_id: shop.orchestrator })).agentId as string;
    const product = await ok('POST', '/products', {
      name: 'Harbour at dawn',
      collection: 'coast',
      variants: [
        { sku: 'HARBOUR-A2', title: 'A2', price: A2_PRICE, currency: 'EUR' },
        { sku: 'HARBOUR-A3', title: 'A3', price: A3_PRICE, currency: 'EUR' },
      ],
    });
    shop.productId = product.productId as string;
    [shop.a2, shop.a3] = product.variantIds as string[];
    await ok('POST', '/inventory/receipts', { product_id: shop.productId, variant_id: shop.a2, quantity: SCARCE }, 200);
    await ok('POST', '/inventory/receipts', { product_id: shop.productId, variant_id: shop.a3, quantity: 100 }, 200);
    shop.campaignId = (await ok('POST', '/campaigns', { name: 'Spring', owner_agent_id: shop.director })).campaignId as string;
    await ok('PUT', '/configuration/attribution_model', { value: 'linear' }, 200);
    for (let i = 0; i < BUYERS; i++) {
      const customerId = (await ok('POST', '/customers', { email: `buyer${i}@example.com` })).customerId as string;
      await ok('POST', `/customers/${customerId}/interactions`, { agent_id: shop.director, campaign_id: shop.campaignId, channel: 'email' });
      shop.customers.push(customerId);
    }
  }, 180_000);

  afterAll(async () => {
    await platform.stopAll();
    await db?.end();
  });

  const order = (customerId: string) =>
    send('POST', '/orders', {
      customer_id: customerId,
      agent_id: shop.orchestrator,
      items: [
        { product_id: shop.productId, variant_id: shop.a2, quantity: 1 },
        { product_id: shop.productId, variant_id: shop.a3, quantity: 1 },
      ],
    });

  it('twenty customers ordering the last ten at once: ten orders placed, ten refused INSUFFICIENT_STOCK, none oversold', async () => {
    const answers = await Promise.all(shop.customers.map(order));
    const placed = answers.filter((a) => a.status === 201).map((a) => a.body.orderId as string);
    expect(placed).toHaveLength(SCARCE);
    expect(answers.filter((a) => a.status === 409 && a.body.code === 'INSUFFICIENT_STOCK')).toHaveLength(BUYERS - SCARCE);

    // Payment is the computed total (89.00 + 49.50), attributed linearly to the touches: the director via the campaign.
    for (const orderId of placed) await ok('POST', `/orders/${orderId}/payments`, { amount: ORDER_TOTAL });
    // One refund in full, then the order is cancelled: its unit goes back and is sold again.
    const [refunded] = placed;
    await ok('POST', `/orders/${refunded}/refunds`, { amount: ORDER_TOTAL, reason: 'changed mind' });
    await ok('POST', `/orders/${refunded}/cancellation`, undefined, 200);
    const lateBuyer = shop.customers.find((id) => !answers[shop.customers.indexOf(id)].body.orderId) as string;
    const late = expectStatus(await order(lateBuyer), 201).orderId as string;
    await ok('POST', `/orders/${late}/payments`, { amount: ORDER_TOTAL });

    await until('the orders, stock and money in the read models', async () => {
      const [stock] = await sql<{ on_hand: number; reserved: number; available: number }>(
        `SELECT quantity_on_hand AS on_hand, quantity_reserved AS reserved, quantity_available AS available FROM inventory WHERE product_variant_id = $1`,
        [shop.a2],
      );
      const [money] = await sql<{ sales: string; refunds: string }>(
        `SELECT count(*) FILTER (WHERE type = 'sale')::text AS sales, count(*) FILTER (WHERE type = 'refund')::text AS refunds FROM transactions WHERE org_id = $1`,
        [orgId],
      );
      return stock?.available === 0 && stock.reserved === SCARCE && money?.sales === String(SCARCE + 1) && money.refunds === '1';
    });

    const statuses = await sql<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM orders WHERE org_id = $1 GROUP BY status ORDER BY status`,
      [orgId],
    );
    expect(statuses).toEqual([
      { status: 'cancelled', n: 1 },
      { status: 'paid', n: SCARCE },
    ]);
    // seed 001 CHECK (amount >= 0): the type says the sign; the net is ten orders' worth.
    const [net] = await sql<{ net: string }>(
      `SELECT sum(CASE type WHEN 'sale' THEN amount ELSE -amount END)::text AS net FROM transactions WHERE org_id = $1`,
      [orgId],
    );
    expect(net.net).toBe((SCARCE * 138.5).toFixed(2));
  }, 180_000);

  it('every sale is attributed in full: shares sum to 1, amounts to the sale, each row crediting an agent (seed 001: revenue_attribution.agent_id NOT NULL)', async () => {
    const sums = await sql<{ amount: string; attributed: string; shares: string; agents: number }>(
      `SELECT t.amount::text, sum(ra.amount)::text AS attributed, sum(ra.share)::text AS shares, count(ra.agent_id)::int AS agents
         FROM transactions t JOIN revenue_attribution ra ON ra.transaction_id = t.id AND ra.transaction_date = t.transaction_date
        WHERE t.org_id = $1 AND t.type = 'sale' GROUP BY t.id, t.amount`,
      [orgId],
    );
    expect(sums).toHaveLength(SCARCE + 1);
    for (const sale of sums) {
      expect(sale.attributed).toBe(sale.amount);
      expect(Number(sale.shares)).toBe(1);
      expect(sale.agents).toBeGreaterThan(0);
    }
    const campaigns = await sql<{ campaign_id: string }>(`SELECT DISTINCT campaign_id FROM revenue_attribution WHERE org_id = $1`, [orgId]);
    expect(campaigns).toEqual([{ campaign_id: shop.campaignId }]);
  });

  it('the materialized views follow: lifetime value nets the refund, product and agent performance count what was sold', async () => {
    await until('the views refreshed', async () => {
      const [product] = await sql<{ units_sold: number }>(`SELECT units_sold FROM product_performance WHERE product_id = $1`, [shop.productId]);
      // Two lines an order, of the ten orders paid and not cancelled.
      return Number(product?.units_sold) === 2 * SCARCE;
    });
    const clv = await sql<{ total_spent: string }>(`SELECT total_spent::text FROM customer_lifetime_value WHERE org_id = $1 AND total_spent > 0`, [orgId]);
    expect(clv).toHaveLength(SCARCE);
    expect(clv.every((row) => row.total_spent === ORDER_TOTAL)).toBe(true);
    const [director] = await sql<{ attributed_revenue: string }>(`SELECT attributed_revenue::text FROM agent_performance WHERE agent_id = $1`, [shop.director]);
    expect(director.attributed_revenue).toBe(((SCARCE + 1) * 138.5).toFixed(2));
  });

  it("the query API answers the shop's questions for its own org only: stock per variant, a customer's orders newest first", async () => {
    const stock = await read(`/inventory?product_id=${shop.productId}&variant_id=${shop.a2}`);
    expect(stock.items).toEqual([
      expect.objectContaining({ variant_id: shop.a2, sku: 'HARBOUR-A2', total: { on_hand: SCARCE, reserved: SCARCE, available: 0 } }),
    ]);
    const buyer = shop.customers[0];
    const orders = await read(`/customers/${buyer}/orders`);
    expect((orders.items as unknown[]).length).toBeGreaterThan(0);
    const rival = tokenFor(randomUUID(), randomUUID(), 'viewer');
    const foreign = await call('GET', `${platform.url('projection')}/v1/commerce/customers/${buyer}/orders`, rival);
    expect(foreign).toMatchObject({ status: 404, body: { code: 'CUSTOMER_NOT_FOUND' } });
  });
});
