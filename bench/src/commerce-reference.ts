/**
 * The commerce bench's reference: plain PostgreSQL on the same database, a schema of its own —
 * `stock(variant_id PK, available CHECK >= 0)`, `orders`, `order_lines`. Each order is one
 * transaction: per line, in variant-id order (so two orders lock their rows in the same order
 * and never deadlock), `UPDATE stock SET available = available - n WHERE variant_id = $1 AND
 * available >= n`; a line that touches no row rolls the order back (refused), otherwise the
 * order and its lines are inserted and committed. Same demand, same concurrency as the system.
 */
import type { Pool, PoolClient } from 'pg';
import { type Demand, type DemandOrder } from './commerce-demand';
import { OUTCOME } from './commerce-check';
import { pool as inParallel } from './stats';

export interface SideRun {
  readonly seconds: number;
  readonly outcomes: Uint8Array;
  /** Units sold per variant id, as stored. */
  readonly sold: Map<string, number>;
  /** Units received per variant id, as stored. */
  readonly received: Map<string, number>;
  /** Variants whose remaining stock as stored (row, counter) ≠ received − sold (must be 0). */
  readonly ledgerMismatch: number;
  /** Refusals other than for stock, by code (none expected). */
  readonly otherRejections: Record<string, number>;
  /** Seconds from the start at which each order was decided (the reference's; to compare on a time-boxed side's prefix). */
  readonly decidedAt?: Float64Array;
}

/** Seconds the reference took to decide the first `count` orders of the demand. */
export const prefixSeconds = (run: SideRun, count: number): number | null => {
  if (!run.decidedAt || count === 0) return null;
  let last = 0;
  for (let i = 0; i < count; i++) last = Math.max(last, run.decidedAt[i]);
  return last;
};

const ddl = (s: string) => `
CREATE SCHEMA ${s};
CREATE TABLE ${s}.stock (variant_id UUID PRIMARY KEY, available INT NOT NULL CHECK (available >= 0));
CREATE TABLE ${s}.orders (order_id UUID PRIMARY KEY, customer_id UUID NOT NULL, total NUMERIC(15, 2) NOT NULL,
  placed_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE TABLE ${s}.order_lines (order_id UUID NOT NULL REFERENCES ${s}.orders, line INT NOT NULL,
  variant_id UUID NOT NULL REFERENCES ${s}.stock, quantity INT NOT NULL CHECK (quantity > 0),
  unit_price NUMERIC(15, 2) NOT NULL, PRIMARY KEY (order_id, line));
`;

const cents = (price: string) => Math.round(Number(price) * 100);

/** One order's transaction; true when committed, false when a line found too little stock. */
const place = async (db: PoolClient, s: string, demand: Demand, order: DemandOrder): Promise<boolean> => {
  const variants = order.lines.map((l) => demand.shop.variants[l.variant]);
  await db.query('BEGIN');
  try {
    for (const [i, line] of order.lines.entries()) {
      const { rowCount } = await db.query(`UPDATE ${s}.stock SET available = available - $2 WHERE variant_id = $1 AND available >= $2`, [
        variants[i].variantId,
        line.quantity,
      ]);
      if (rowCount === 0) {
        await db.query('ROLLBACK');
        return false;
      }
    }
    const total = order.lines.reduce((sum, l, i) => sum + cents(variants[i].price) * l.quantity, 0);
    await db.query(`INSERT INTO ${s}.orders (order_id, customer_id, total) VALUES ($1, $2, $3)`, [
      order.orderId,
      demand.shop.customerIds[order.customer],
      (total / 100).toFixed(2),
    ]);
    await db.query(
      `INSERT INTO ${s}.order_lines (order_id, line, variant_id, quantity, unit_price)
       SELECT $1, l, v, q, p FROM unnest($2::int[], $3::uuid[], $4::int[], $5::numeric[]) AS t(l, v, q, p)`,
      [order.orderId, order.lines.map((_, i) => i + 1), variants.map((v) => v.variantId), order.lines.map((l) => l.quantity), variants.map((v) => v.price)],
    );
    await db.query('COMMIT');
    return true;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};

const unitsBy = async (pg: Pool, sql: string): Promise<Map<string, number>> => {
  const { rows } = await pg.query<{ variant_id: string; units: string }>(sql);
  return new Map(rows.map((r) => [r.variant_id, Number(r.units)]));
};

/** The demand's orders through plain PostgreSQL, `concurrency` transactions at a time, each on its own connection. */
export const runReference = async (pg: Pool, schema: string, demand: Demand, stock: number, concurrency: number): Promise<SideRun> => {
  await pg.query(ddl(schema));
  await pg.query(`INSERT INTO ${schema}.stock (variant_id, available) SELECT unnest($1::uuid[]), $2`, [demand.shop.variants.map((v) => v.variantId), stock]);
  await pg.query(`VACUUM ANALYZE ${schema}.stock`);
  const outcomes = new Uint8Array(demand.orders.length);
  const decidedAt = new Float64Array(demand.orders.length);
  const clients = await Promise.all(Array.from({ length: concurrency }, () => pg.connect()));
  let next = 0;
  const start = performance.now();
  try {
    await inParallel(concurrency, concurrency, async (worker) => {
      for (let i = next++; i < demand.orders.length; i = next++) {
        outcomes[i] = (await place(clients[worker], schema, demand, demand.orders[i])) ? OUTCOME.accepted : OUTCOME.refused;
        decidedAt[i] = (performance.now() - start) / 1000;
      }
    });
  } finally {
    clients.forEach((client) => client.release());
  }
  const seconds = (performance.now() - start) / 1000;
  const sold = await unitsBy(pg, `SELECT variant_id, sum(quantity) AS units FROM ${schema}.order_lines GROUP BY variant_id`);
  const left = await unitsBy(pg, `SELECT variant_id, available AS units FROM ${schema}.stock`);
  const received = new Map(demand.shop.variants.map((v) => [v.variantId, stock]));
  const ledgerMismatch = demand.shop.variants.filter((v) => left.get(v.variantId) !== stock - (sold.get(v.variantId) ?? 0)).length;
  return { seconds, outcomes, sold, received, ledgerMismatch, otherRejections: {}, decidedAt };
};
