/**
 * What every side of the commerce bench must get right, checked after its run against what it
 * stored: no variant sold beyond the stock received (oversold units 0), and no order refused
 * that the stock could have served. Stock only falls during a run (no cancellations), so an
 * order refused for want of stock must still find one of its lines short at the end; one whose
 * every line the final stock still covers was refused wrongly. With one unit on one line per
 * order this is exactly "accepted units per variant = min(demand, stock)", also counted.
 * A time-boxed side decides a prefix of the demand: its undecided orders are left out.
 */
import type { Demand } from './commerce-demand';

/** Each order's outcome, by its place in the demand. */
/** `pending`: never sent (a time-boxed run stopped first); `other`: refused for anything but stock (none expected). */
export const OUTCOME = { pending: 0, accepted: 1, refused: 2, other: 3 } as const;

export interface SideCheck {
  /** Σ over variants of units sold beyond the stock received (must be 0). */
  readonly oversold_units: number;
  /** Refused orders the final stock still covers (must be 0). */
  readonly wrongly_refused: number;
  /** Variants whose stored units sold differ from the accepted orders' lines (must be 0). */
  readonly sold_units_mismatch: number;
  /** Variants whose accepted units ≠ min(units demanded, stock): 0 expected when orders are one unit on one line. */
  readonly variants_not_min_of_demand_and_stock: number;
  readonly units_sold: number;
  readonly variants_sold_out: number;
}

/**
 * `sold`: units sold per variant id as the side stored them (order lines, events);
 * `received`: units received per variant id as stored (the reference's initial stock, StockReceived events).
 */
export const checkSide = (demand: Demand, outcomes: Uint8Array, sold: ReadonlyMap<string, number>, received: ReadonlyMap<string, number>): SideCheck => {
  const variants = demand.shop.variants;
  const fromOutcomes = new Array<number>(variants.length).fill(0);
  const demanded = new Array<number>(variants.length).fill(0);
  demand.orders.forEach((order, i) => {
    // An order a time-boxed run never sent is no demand of that run.
    if (outcomes[i] === OUTCOME.pending || outcomes[i] === OUTCOME.other) return;
    for (const line of order.lines) {
      demanded[line.variant] += line.quantity;
      if (outcomes[i] === OUTCOME.accepted) fromOutcomes[line.variant] += line.quantity;
    }
  });
  const left = variants.map((v) => (received.get(v.variantId) ?? 0) - (sold.get(v.variantId) ?? 0));
  let wronglyRefused = 0;
  demand.orders.forEach((order, i) => {
    if (outcomes[i] === OUTCOME.refused && order.lines.every((l) => left[l.variant] >= l.quantity)) wronglyRefused++;
  });
  const stockOf = (i: number) => received.get(variants[i].variantId) ?? 0;
  const soldOf = (i: number) => sold.get(variants[i].variantId) ?? 0;
  return {
    oversold_units: variants.reduce((sum, _, i) => sum + Math.max(0, soldOf(i) - stockOf(i)), 0),
    wrongly_refused: wronglyRefused,
    sold_units_mismatch: variants.filter((_, i) => soldOf(i) !== fromOutcomes[i]).length,
    variants_not_min_of_demand_and_stock: variants.filter((_, i) => soldOf(i) !== Math.min(demanded[i], stockOf(i))).length,
    units_sold: variants.reduce((sum, _, i) => sum + soldOf(i), 0),
    variants_sold_out: variants.filter((_, i) => stockOf(i) - soldOf(i) === 0).length,
  };
};

/** Counts of a side's outcomes. */
export const tally = (outcomes: Uint8Array) => {
  const counts = [0, 0, 0, 0];
  for (const o of outcomes) counts[o]++;
  const [pending, accepted, rejected, other] = counts;
  return { decided: accepted + rejected + other, accepted, rejected, rejected_other: other, not_sent: pending };
};
