import type { Pool } from 'pg';
import { CommerceHistory, useCommerceSchemas } from './testing';

/** A product with two variants in stock and sold (paid), another product, a customer who talked to an agent and bought, a budget. */
const history = () => {
  const h = new CommerceHistory();
  const agent = h.agent('Sales', 'director');
  const print = h.product('Print', 'prints', [
    ['P-S', '19.90'],
    ['P-L', '29.90'],
  ]);
  const mug = h.product('Mug', 'kitchen', [['M-1', '8.00']]);
  const [small, large] = print.variantIds;
  h.receive(print.productId, small, 5).receive(print.productId, large, 5).receive(mug.productId, mug.variantIds[0], 5);
  const customer = h.customer('ada@example.com');
  h.interaction(customer, agent);
  const order = h.order(customer, agent, [
    { productId: print.productId, variantId: small, quantity: 1 },
    { productId: mug.productId, variantId: mug.variantIds[0], quantity: 2 },
  ]);
  h.pay(order);
  const budget = h.budget('ads', 4, '500.00', agent);
  return { h, agent, print, mug, small, large, customer, order, budget };
};

describe('commerce projection: seed 001 ON DELETE rules through events', () => {
  const schemas = useCommerceSchemas();
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));
  const count = async (schema: string, table: string, where = 'true', params: unknown[] = []) =>
    Number((await pool.query(`SELECT count(*) AS n FROM ${schema}.${table} WHERE ${where}`, params)).rows[0].n);

  it('seed 001 product_variants, inventory, product_metrics ON DELETE CASCADE: ProductDeleted takes its variants, their stock and its metrics', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('com_del_product');
    await runner.applyBatch(w.h.envelopes);
    const ofPrint = `product_id = '${w.print.productId}'`;
    const ofPrintStock = `product_variant_id IN ('${w.small}', '${w.large}')`;
    expect([
      await count(schema, 'product_variants', ofPrint),
      await count(schema, 'inventory', ofPrintStock),
      await count(schema, 'product_metrics', ofPrint),
    ]).toEqual([2, 2, 1]);
    w.h.deleteProduct(w.print.productId, ['P-S', 'P-L']);
    expect(await runner.applyBatch(w.h.envelopes)).toMatchObject({ applied: 1, deadLetters: [] });
    expect(await count(schema, 'products', 'id = $1', [w.print.productId])).toBe(0);
    expect([
      await count(schema, 'product_variants', ofPrint),
      await count(schema, 'inventory', ofPrintStock),
      await count(schema, 'product_metrics', ofPrint),
    ]).toEqual([0, 0, 0]);
    // The other product keeps its own.
    expect(await count(schema, 'product_metrics', 'product_id = $1', [w.mug.productId])).toBe(1);
  });

  it('seed 001 order_items.product_variant_id SET NULL, "Preserve items if variant deleted": the line keeps its sku, product and price', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('com_del_items');
    w.h.deleteProduct(w.print.productId, ['P-S', 'P-L']);
    await runner.applyBatch(w.h.envelopes);
    const { rows } = await pool.query(`SELECT product_variant_id, product_id, sku, unit_price FROM ${schema}.order_items WHERE sku = 'P-S'`);
    expect(rows).toEqual([{ product_variant_id: null, product_id: w.print.productId, sku: 'P-S', unit_price: '19.90' }]);
    expect(await count(schema, 'order_items', 'order_id = $1', [w.order])).toBe(2);
  });

  it('seed 001 inventory ON DELETE CASCADE, order_items SET NULL: ProductVariantRemoved takes the variant’s stock and unlinks its lines', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('com_del_variant');
    w.h.productEvent(w.print.productId, 'ProductVariantRemoved', { variantId: w.small, sku: 'P-S', removedAt: w.h.at() });
    await runner.applyBatch(w.h.envelopes);
    expect(await count(schema, 'product_variants', 'product_id = $1', [w.print.productId])).toBe(1);
    expect(await count(schema, 'inventory', 'product_variant_id = $1', [w.small])).toBe(0);
    expect(await count(schema, 'inventory', 'product_variant_id = $1', [w.large])).toBe(1);
    expect(await count(schema, 'order_items', `sku = 'P-S' AND product_variant_id IS NULL`)).toBe(1);
  });

  it('seed 001 customer_interactions CASCADE, orders and transactions SET NULL: CustomerDeleted takes the interactions and keeps the orders and money without the customer', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('com_del_customer');
    await runner.applyBatch(w.h.envelopes);
    expect(await count(schema, 'customer_interactions', 'customer_id = $1', [w.customer])).toBe(1);
    w.h.customerEvent(w.customer, 'CustomerDeleted', { email: 'ada@example.com', deletedAt: w.h.at() });
    await runner.applyBatch(w.h.envelopes);
    expect(await count(schema, 'customers')).toBe(0);
    expect(await count(schema, 'customer_interactions')).toBe(0);
    expect(await count(schema, 'orders', 'id = $1 AND customer_id IS NULL', [w.order])).toBe(1);
    expect(await count(schema, 'transactions', 'order_id = $1 AND customer_id IS NULL', [w.order])).toBe(1);
    // The email is free again: another customer registers with it.
    w.h.customer('ada@example.com', 'Ada II');
    expect(await runner.applyBatch(w.h.envelopes)).toMatchObject({ applied: 1, deadLetters: [] });
  });

  it('seed 001 budgets: BudgetDeleted removes the budget, and its period (idx_budgets_category_period) may be budgeted again in the same batch', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('com_del_budget');
    await runner.applyBatch(w.h.envelopes);
    w.h.budgetEvent(w.budget, 'ads', 4, 'deleted');
    const again = w.h.budget('ads', 4, '800.00', null);
    expect(await runner.applyBatch(w.h.envelopes)).toMatchObject({ applied: 2, deadLetters: [] });
    const { rows } = await pool.query(`SELECT id, amount FROM ${schema}.budgets`);
    expect(rows).toEqual([{ id: again, amount: '800.00' }]);
  });

  it('a late event of another stream naming a deleted parent writes nothing: stock of a deleted product, a sale of it, an order of a deleted customer', async () => {
    const h = new CommerceHistory();
    const agent = h.agent('Sales', 'director');
    const p = h.product('Mug', null, [['M-1', '8.00']]);
    const variant = p.variantIds[0];
    h.receive(p.productId, variant, 5);
    const customer = h.customer('bo@example.com', 'Bo');
    const order = h.order(customer, agent, [{ productId: p.productId, variantId: variant, quantity: 2 }]);
    h.pay(order);
    const late = h.envelopes.filter((e) => e.streamId.includes('-order-') || e.streamId.includes('-inventory-'));
    h.deleteProduct(p.productId, ['M-1']).customerEvent(customer, 'CustomerDeleted', { email: 'bo@example.com', deletedAt: h.at() });
    const { schema, runner } = await schemas.projectionIn('com_del_late');
    // The product and customer streams, deletions included, are projected before the stock and the order arrive.
    expect(await runner.applyBatch(h.envelopes.filter((e) => !late.includes(e)))).toMatchObject({ deadLetters: [] });
    expect(await runner.applyBatch(late)).toMatchObject({ applied: late.length, deadLetters: [] });
    expect([await count(schema, 'inventory'), await count(schema, 'product_metrics')]).toEqual([0, 0]);
    expect(await count(schema, 'orders', 'id = $1 AND customer_id IS NULL', [order])).toBe(1);
    expect(await count(schema, 'order_items', 'order_id = $1 AND product_variant_id IS NULL', [order])).toBe(1);
    expect(await count(schema, 'transactions', 'order_id = $1 AND customer_id IS NULL', [order])).toBe(1);
  });
});
