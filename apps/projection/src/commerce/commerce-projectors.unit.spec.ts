import { inventoryRowId, productMetricsRowId } from './commerce.ids';
import type { PaidEnvelope } from './commerce.events';
import { inventoryProjector, type InventoryRow } from './inventory.projector';
import { monthOf, productMetricsProjector } from './product-metrics.projector';
import { CommerceHistory } from './testing';

const setUp = () => {
  const h = new CommerceHistory();
  const agent = h.agent('Sales', 'director');
  const customer = h.customer('ada@example.com');
  const p = h.product('Print', null, [['P-S', '10.00']]);
  return { h, agent, customer, productId: p.productId, variantId: p.variantIds[0] };
};

/** Folds the history's events that move stock, as the writer does for one (variant, location). */
const stockOf = (h: CommerceHistory): readonly InventoryRow[] =>
  h.envelopes.reduce<readonly InventoryRow[]>((rows, e) => (inventoryProjector.canHandle(e) ? inventoryProjector.project(rows, e) : rows), []);

describe('inventory projector (seed 001 inventory, one row per variant and location)', () => {
  it('an order reserves its lines’ units where they are taken from; a fulfilment takes them off hand and out of reserve', () => {
    const { h, agent, customer, productId, variantId } = setUp();
    h.receive(productId, variantId, 5).receive(productId, variantId, 2, 'annex');
    const order = h.order(customer, agent, [{ productId, variantId, quantity: 3 }]);
    expect(stockOf(h).map((r) => [r.location, r.quantity_on_hand, r.quantity_reserved])).toEqual([
      ['main', 5, 3],
      ['annex', 2, 0],
    ]);
    h.pay(order);
    h.fulfil(order);
    const [main] = stockOf(h);
    expect(main).toMatchObject({ id: inventoryRowId(variantId, 'main'), quantity_on_hand: 2, quantity_reserved: 0 });
  });

  it('an order projected before the receipt it drew from (another stream) is written at once: on hand catches up when the receipt lands', () => {
    const { h, agent, customer, productId, variantId } = setUp();
    h.order(customer, agent, [{ productId, variantId, quantity: 1 }]);
    const [row] = stockOf(h);
    expect(row).toMatchObject({ quantity_on_hand: 0, quantity_reserved: 1 });
  });
});

describe('product_metrics projector (seed 001 product_metrics, one row per product and period)', () => {
  it('the period is the calendar month (UTC) of the payment: February ends on its 28th, a payment at 23:30 UTC on the 31st counts in its month', () => {
    expect(monthOf('2026-02-10T12:00:00.000Z')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(monthOf('2026-03-31T23:30:00.000Z')).toEqual({ start: '2026-03-01', end: '2026-03-31' });
  });

  it('a payment counts each product of its order once, with the units and revenue of its lines', () => {
    const { h, agent, customer, productId, variantId } = setUp();
    h.receive(productId, variantId, 9);
    const order = h.order(customer, agent, [
      { productId, variantId, quantity: 2 },
      { productId, variantId, quantity: 1 },
    ]);
    h.pay(order);
    const paid = h.envelopes[h.envelopes.length - 1];
    const lines = [
      { productId, quantity: 2, lineTotal: '20.00' },
      { productId, quantity: 1, lineTotal: '10.00' },
    ];
    const rows = productMetricsProjector.project([], { ...paid, lines } as PaidEnvelope);
    expect(rows).toEqual([
      expect.objectContaining({ id: productMetricsRowId(productId, '2026-04-01'), units_sold: 3, orders_count: 1, revenue: '30.00', period_end: '2026-04-30' }),
    ]);
  });
});
