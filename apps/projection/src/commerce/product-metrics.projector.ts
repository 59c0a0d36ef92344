/**
 * seed 001 `product_metrics`: one row per product and calendar month (UNIQUE (product_id,
 * period_start, period_end)), counting what paid orders sold: units, the orders that bought the
 * product, and the lines' revenue, in the month (UTC) of the payment. Orders of several streams
 * meet in a row, so updated_at is the latest payment's instant. The "row" is every metrics row
 * a payment touches: one per product of the order.
 */
import { projector } from '../shared/projector';
import { productMetricsRowId } from './commerce.ids';
import { centsOf as cents, latest, moneyOf, type PaidEnvelope, type SoldLine } from './commerce.events';

export interface ProductMetricsRow {
  readonly id: string;
  readonly org_id: string;
  readonly product_id: string;
  readonly period_start: string;
  readonly period_end: string;
  readonly units_sold: number;
  readonly orders_count: number;
  readonly revenue: string | number;
  readonly currency: string | null;
  readonly updated_at: string;
}

/** The calendar month (UTC) an instant falls in, as DATE strings. */
export const monthOf = (instant: string): { start: string; end: string } => {
  const at = new Date(instant);
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0));
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
};

/** The order's lines summed per product (a line whose product is unknown counts for none). */
const perProduct = (lines: readonly SoldLine[]): Map<string, { units: number; revenue: bigint }> => {
  const sums = new Map<string, { units: number; revenue: bigint }>();
  for (const line of lines) {
    if (line.productId === null) continue;
    const sum = sums.get(line.productId) ?? { units: 0, revenue: 0n };
    sums.set(line.productId, { units: sum.units + line.quantity, revenue: sum.revenue + cents(line.lineTotal) });
  }
  return sums;
};

export const productMetricsKeysOf = (event: PaidEnvelope): string[] =>
  [...perProduct(event.lines).keys()].map((productId) => productMetricsRowId(productId, monthOf(event.data.paidAt).start));

const projectMetrics = (rows: readonly ProductMetricsRow[], event: PaidEnvelope): readonly ProductMetricsRow[] => {
  const { orgId, paidAt, currency } = event.data;
  const { start, end } = monthOf(paidAt);
  const next = new Map(rows.map((row) => [row.id, row]));
  for (const [productId, sold] of perProduct(event.lines)) {
    const id = productMetricsRowId(productId, start);
    const row = next.get(id) ?? {
      id,
      org_id: orgId,
      product_id: productId,
      period_start: start,
      period_end: end,
      units_sold: 0,
      orders_count: 0,
      revenue: '0.00',
      currency,
      updated_at: paidAt,
    };
    next.set(id, {
      ...row,
      units_sold: row.units_sold + sold.units,
      orders_count: row.orders_count + 1,
      revenue: moneyOf(cents(row.revenue) + sold.revenue),
      updated_at: latest(row.updated_at, paidAt),
    });
  }
  return [...next.values()];
};

export const productMetricsProjector = projector({
  table: 'product_metrics',
  eventTypes: ['OrderPaid'],
  project: projectMetrics,
});
