/**
 * Test rows for the commerce query API (commerce-query.int.spec.ts), written with plain SQL into
 * a schema made by commerceDdl: one small shop per org, its figures chosen so each endpoint's
 * answer can be computed by hand (the spec's expectations spell the arithmetic out).
 */
import { randomUUID } from 'node:crypto';
import { quoteIdent } from '@campaign/eventstore';
import type { Pool } from 'pg';

type Row = Record<string, unknown>;

const insert = async (pool: Pool, schema: string, table: string, row: Row): Promise<void> => {
  const columns = Object.keys(row);
  const values = columns.map((_, i) => `$${i + 1}`).join(', ');
  await pool.query(`INSERT INTO ${quoteIdent(schema)}.${table} (${columns.join(', ')}) VALUES (${values})`, Object.values(row));
};

/** Rows of one org, each given its id and org, inserted in the order given (parents first). */
const rowsOf = (orgId: string) => {
  const rows: [string, Row][] = [];
  const add = (table: string, row: Row): string => {
    const id = randomUUID();
    rows.push([table, { id, org_id: orgId, ...row }]);
    return id;
  };
  return { rows, add };
};

const agentsAndTasks = (add: ReturnType<typeof rowsOf>['add']) => {
  const ada = add('agents', { name: 'Ada', type: 'specialist' });
  const bob = add('agents', { name: 'Bob', type: 'director' });
  const workflow = add('workflows', { name: 'Restock', owner_agent_id: ada });
  const at = '2026-03-01T00:00:00Z';
  const execution = add('workflow_executions', { workflow_id: workflow, created_at: at });
  const task = (agent: string, title: string, status: string, priority: number) =>
    add('tasks', { workflow_execution_id: execution, execution_created_at: at, assigned_agent_id: agent, title, status, priority });
  const tasks = {
    pending: task(ada, 'Count stock', 'pending', 1),
    inProgress: task(ada, 'Order prints', 'in_progress', 5),
    completed: task(ada, 'Price mugs', 'completed', 9),
    failed: task(ada, 'Call supplier', 'failed', 0),
    bobs: task(bob, 'Review budget', 'pending', 3),
  };
  return { ada, bob, tasks };
};

const catalog = (add: ReturnType<typeof rowsOf>['add']) => {
  const print = add('products', { name: 'Print', collection: 'prints', status: 'active' });
  const poster = add('products', { name: 'Poster', collection: 'prints', status: 'archived' });
  const mug = add('products', { name: 'Mug', collection: 'kitchen', status: 'active' });
  const variant = (product: string, sku: string, price: string) => add('product_variants', { product_id: product, sku, title: sku, price, currency: 'EUR' });
  const v = {
    small: variant(print, 'P-S', '10.00'),
    large: variant(print, 'P-L', '20.00'),
    poster: variant(poster, 'PO-1', '15.00'),
    mug: variant(mug, 'M-1', '8.00'),
  };
  const stock = (variantId: string, location: string, onHand: number, reserved: number) =>
    add('inventory', { product_variant_id: variantId, location, quantity_on_hand: onHand, quantity_reserved: reserved });
  stock(v.small, 'main', 10, 3);
  stock(v.small, 'north', 5, 0);
  stock(v.large, 'main', 2, 2);
  return { print, poster, mug, v };
};

/**
 * One shop: agents Ada and Bob with tasks; Print (P-S, P-L) and Poster (PO-1) in `prints`, Mug in
 * `kitchen`; customers Cy (orders 30.00 paid, 10.00 pending, 40.00 paid then 10.00 refunded), Di
 * (15.00 paid) and Ed (none); March 2026 budgets ads 200.00 and tools 80.00, expenses ads 25.00 +
 * 100.00 (March 31st 23:30 UTC) + 50.00 (April), travel 40.00; the KPI Conversion with four values.
 */
export const shopRows = (orgId: string) => {
  const { rows, add } = rowsOf(orgId);
  const { ada, bob, tasks } = agentsAndTasks(add);
  const { print, poster, mug, v } = catalog(add);
  const customer = (email: string) => add('customers', { email, first_name: email.split('@')[0] });
  const [cy, di, ed] = [customer('cy@example.com'), customer('di@example.com'), customer('ed@example.com')];
  const order = (customerId: string, status: string, total: string, createdAt: string, lines: [string, string, number, string][]) => {
    const id = add('orders', { customer_id: customerId, status, currency: 'EUR', subtotal: total, total, created_at: createdAt, placed_at: createdAt });
    for (const [variantId, productId, quantity, lineTotal] of lines) {
      add('order_items', {
        order_id: id,
        product_variant_id: variantId,
        product_id: productId,
        sku: 'line',
        location: 'main',
        quantity,
        unit_price: '0',
        line_total: lineTotal,
      });
    }
    return id;
  };
  const orders = {
    first: order(cy, 'paid', '30.00', '2026-03-01T10:00:00Z', [
      [v.small, print, 1, '10.00'],
      [v.large, print, 1, '20.00'],
    ]),
    pending: order(cy, 'pending', '10.00', '2026-03-05T10:00:00Z', [[v.small, print, 1, '10.00']]),
    latest: order(cy, 'paid', '40.00', '2026-03-10T10:00:00Z', [[v.large, print, 2, '40.00']]),
    dis: order(di, 'paid', '15.00', '2026-03-03T10:00:00Z', [[v.poster, poster, 1, '15.00']]),
  };
  const money = (type: string, amount: string, date: string, extra: Row = {}) => {
    const id = add('transactions', { type, amount, currency: 'EUR', transaction_date: date, ...extra });
    return { id, date };
  };
  const sale1 = money('sale', '30.00', '2026-03-01T10:00:00Z', { order_id: orders.first, customer_id: cy });
  const sale3 = money('sale', '40.00', '2026-03-10T10:00:00Z', { order_id: orders.latest, customer_id: cy });
  money('refund', '10.00', '2026-03-12T10:00:00Z', { order_id: orders.latest, customer_id: cy });
  money('sale', '15.00', '2026-03-03T10:00:00Z', { order_id: orders.dis, customer_id: di });
  money('expense', '25.00', '2026-03-02T10:00:00Z', { category: 'ads' });
  money('expense', '100.00', '2026-03-31T23:30:00Z', { category: 'ads' });
  money('expense', '50.00', '2026-04-01T00:30:00Z', { category: 'ads' });
  money('expense', '40.00', '2026-03-15T10:00:00Z', { category: 'travel' });
  const credit = (agent: string, sale: { id: string; date: string }, amount: string) =>
    add('revenue_attribution', {
      transaction_id: sale.id,
      transaction_date: sale.date,
      agent_id: agent,
      model: 'last_touch',
      share: 1,
      amount,
      currency: 'EUR',
    });
  credit(ada, sale1, '30.00');
  credit(bob, sale3, '40.00');
  add('budgets', { category: 'ads', fiscal_year: 2026, fiscal_month: 3, amount: '200.00', currency: 'EUR' });
  add('budgets', { category: 'tools', fiscal_year: 2026, fiscal_month: 3, amount: '80.00', currency: 'EUR' });
  add('budgets', { category: 'ads', fiscal_year: 2026, fiscal_month: 4, amount: '999.00', currency: 'EUR' });
  const kpi = add('kpis', { name: 'Conversion', unit: 'ratio', target_value: '0.0500' });
  for (const [at, value] of [
    ['2026-03-01T08:00:00Z', '0.0300'],
    ['2026-03-01T20:00:00Z', '0.0500'],
    ['2026-03-02T10:00:00Z', '0.0400'],
    ['2026-03-09T10:00:00Z', '0.0600'],
  ]) {
    add('kpi_measurements', { kpi_id: kpi, measured_at: at, value });
  }
  return { orgId, rows, ada, bob, tasks, print, poster, mug, v, cy, di, ed, orders, kpi };
};

export type Shop = ReturnType<typeof shopRows>;

/** Writes the shops' rows, then refreshes the materialized views the API reads. */
export const insertShops = async (pool: Pool, schema: string, shops: readonly Shop[]): Promise<void> => {
  for (const shop of shops) for (const [table, row] of shop.rows) await insert(pool, schema, table, row);
  for (const view of ['customer_lifetime_value', 'product_performance', 'agent_performance']) {
    await pool.query(`REFRESH MATERIALIZED VIEW ${quoteIdent(schema)}.${view}`);
  }
};
