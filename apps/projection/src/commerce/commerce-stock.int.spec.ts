import type { Pool } from 'pg';
import { inventoryRowId } from './commerce.ids';
import { CommerceHistory, useCommerceSchemas } from './testing';
import { shop } from './shop.testing';

describe('commerce projection: stock numbers and the materialized views', () => {
  const schemas = useCommerceSchemas();
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));
  const stock = async (schema: string, variantId: string, location: string) => {
    const { rows } = await pool.query(
      `SELECT quantity_on_hand AS on_hand, quantity_reserved AS reserved, quantity_available AS available FROM ${schema}.inventory WHERE id = $1`,
      [inventoryRowId(variantId, location)],
    );
    return rows[0];
  };

  it('seed 001 inventory: on hand, reserved and available follow receipts, corrections, orders, cancellations and fulfilments, per location', async () => {
    const h = new CommerceHistory();
    const agent = h.agent('Sales', 'director');
    const customer = h.customer('ada@example.com');
    const { productId, variantIds } = h.product('Print', 'prints', [['P-S', '10.00']]);
    const [v] = variantIds;
    const line = (quantity: number, location = 'main') => [{ productId, variantId: v, quantity, location }];
    h.receive(productId, v, 12).receive(productId, v, 3, 'berlin').adjust(productId, v, -2);
    const a = h.order(customer, agent, line(4));
    const b = h.order(customer, agent, line(3));
    const c = h.order(customer, agent, line(2, 'berlin'));
    h.pay(a);
    h.fulfil(a);
    h.cancel(b);
    const d = h.order(customer, agent, line(5));
    h.pay(d);
    h.refund(d, '50.00');
    h.cancel(d, 'refunded');
    h.pay(c);
    const { schema, runner } = await schemas.projectionIn('com_stock');
    for (const event of h.envelopes) await runner.applyBatch([event]);
    // main: on hand 12 − 2 (count) − 4 (a shipped) = 6; reserved 4 + 3 − 4 (a shipped) − 3 (b cancelled) + 5 − 5 (d cancelled) = 0.
    expect(await stock(schema, v, 'main')).toEqual({ on_hand: 6, reserved: 0, available: 6 });
    // berlin: 3 received, c (2) paid and not shipped yet: reserved.
    expect(await stock(schema, v, 'berlin')).toEqual({ on_hand: 3, reserved: 2, available: 1 });
    h.fulfil(c);
    await runner.applyBatch(h.envelopes);
    expect(await stock(schema, v, 'berlin')).toEqual({ on_hand: 1, reserved: 0, available: 1 });
  });

  it('seed 001 "Materialized Views": a batch that changed their tables reports them stale; after refreshViews they match the rows', async () => {
    const s = shop();
    const { schema, projection, runner } = await schemas.projectionIn('com_views');
    expect(await runner.applyBatch(s.h.envelopes)).toMatchObject({ stale: true });
    expect((await pool.query(`SELECT * FROM ${schema}.customer_lifetime_value`)).rows).toEqual([]);
    await projection.refreshViews(pool);
    const [clv] = (await pool.query(`SELECT * FROM ${schema}.customer_lifetime_value`)).rows;
    // Two orders paid (the cancelled one never was): 54.80 + 29.90 − 10.00 refunded = 74.70, 37.35 on average.
    expect(clv).toMatchObject({ customer_id: s.customer, orders_count: 2, total_spent: '74.70', average_order_value: '37.35' });
    const products = Object.fromEntries((await pool.query(`SELECT * FROM ${schema}.product_performance`)).rows.map((p) => [p.product_id, p]));
    // Prints: 2 + 1 units sold for 39.80 + 29.90; in stock 8 small (10 − 2 shipped) + 4 large (5 − 1 reserved).
    expect(products[s.prints.productId]).toMatchObject({ units_sold: 3, orders_count: 2, revenue: '69.70', stock_available: 12 });
    // Frames: 3 sold for 15.00; 20 − 2 counted − 3 shipped.
    expect(products[s.frames.productId]).toMatchObject({ units_sold: 3, orders_count: 1, revenue: '15.00', stock_available: 15 });
    const agents = Object.fromEntries((await pool.query(`SELECT * FROM ${schema}.agent_performance`)).rows.map((a) => [a.name, a]));
    expect(agents.Support).toMatchObject({ attributed_revenue: '54.80', interactions_handled: 1, tasks_open: 0 });
    expect(agents.Sales).toMatchObject({ attributed_revenue: '29.90', interactions_handled: 0 });
    expect(agents.CEO).toMatchObject({ attributed_revenue: '0' });
  });

  it('a batch that touches none of the views’ tables leaves them fresh', async () => {
    const h = new CommerceHistory();
    const agent = h.agent('Sales', 'director');
    const { runner } = await schemas.projectionIn('com_views_fresh');
    await runner.applyBatch(h.envelopes);
    h.budget('ads', 5, '100.00', agent);
    h.configure('attribution_window_days', 14, agent);
    expect(await runner.applyBatch(h.envelopes)).toMatchObject({ applied: 2, stale: false });
  });
});
