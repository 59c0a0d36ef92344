import type { Pool } from 'pg';
import { ORDERS_OF_CUSTOMER, PRODUCTS_OF_COLLECTION_BY_STATUS, TASKS_OF_AGENT_BY_STATUS } from './seed-queries';
import { CommerceHistory, useCommerceSchemas } from './testing';

/** A customer with three orders a day apart, and a collection with an active and an archived product. */
const history = () => {
  const h = new CommerceHistory();
  const agent = h.agent('Sales', 'director');
  const customer = h.customer('ada@example.com');
  const other = h.customer('bo@example.com', 'Bo');
  const print = h.product('Print', 'prints', [['P-S', '10.00']]);
  const poster = h.product('Poster', 'prints', [['PO-1', '15.00']]);
  h.product('Mug', 'kitchen', [['M-1', '8.00']]);
  h.productEvent(poster.productId, 'ProductStatusChanged', { from: 'active', to: 'archived', changedAt: h.at() });
  h.receive(print.productId, print.variantIds[0], 10);
  const item = [{ productId: print.productId, variantId: print.variantIds[0], quantity: 1 }];
  const orders = [0, 1, 2].map(() => h.skipDays(1).order(customer, agent, item));
  h.order(other, agent, item);
  h.pay(orders[1]);
  return { h, agent, customer, orders, print, poster };
};

describe('seed 001 composite indexes: the queries they serve run as written against the projection', () => {
  const schemas = useCommerceSchemas();
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));

  /** Runs a query as printed, with search_path set to the projection's schema (as an analyst would): its rows and whether the plan uses `index`. */
  const seedQuery = async (schema: string, sql: string, params: unknown[], index: string) => {
    const client = await pool.connect();
    try {
      await client.query(`SET search_path TO ${schema}`);
      const { rows } = await client.query(sql, params);
      // A handful of rows are cheaper to scan: ask whether the index can serve the query, not whether it pays yet.
      await client.query('SET enable_seqscan = off');
      const plan = (await client.query(`EXPLAIN ${sql}`, params)).rows.map((row) => row['QUERY PLAN']).join('\n');
      return { rows, usesIndex: plan.includes(index) };
    } finally {
      await client.query('RESET search_path; RESET enable_seqscan');
      client.release();
    }
  };

  it('idx_orders_customer_created: ORDERS_OF_CUSTOMER lists one customer’s orders, newest first', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('com_seedq_orders');
    await runner.applyBatch(w.h.envelopes);
    const result = await seedQuery(schema, ORDERS_OF_CUSTOMER, [w.customer], 'idx_orders_customer_created');
    expect(result.rows.map((o) => [o.id, o.status, o.total])).toEqual([
      [w.orders[2], 'pending', '10.00'],
      [w.orders[1], 'paid', '10.00'],
      [w.orders[0], 'pending', '10.00'],
    ]);
    expect(result.usesIndex).toBe(true);
  });

  it('idx_products_collection_status: PRODUCTS_OF_COLLECTION_BY_STATUS lists a collection’s products in one status', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('com_seedq_products');
    await runner.applyBatch(w.h.envelopes);
    const active = await seedQuery(schema, PRODUCTS_OF_COLLECTION_BY_STATUS, ['prints', 'active'], 'idx_products_collection_status');
    expect(active.rows).toEqual([{ id: w.print.productId, name: 'Print', status: 'active' }]);
    expect(active.usesIndex).toBe(true);
    const archived = await seedQuery(schema, PRODUCTS_OF_COLLECTION_BY_STATUS, ['prints', 'archived'], 'idx_products_collection_status');
    expect(archived.rows).toEqual([{ id: w.poster.productId, name: 'Poster', status: 'archived' }]);
  });

  // No commerce event writes tasks yet (the workflow events are not projected): the query runs, finds none, and the index serves it.
  it('idx_tasks_agent_status: TASKS_OF_AGENT_BY_STATUS runs against the projected schema and is served by the index', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('com_seedq_tasks');
    await runner.applyBatch(w.h.envelopes);
    const result = await seedQuery(schema, TASKS_OF_AGENT_BY_STATUS, [w.agent, 'pending'], 'idx_tasks_agent_status');
    expect(result).toEqual({ rows: [], usesIndex: true });
  });
});
