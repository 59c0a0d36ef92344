/**
 * seed 001 "Materialized Views": customer lifetime value, product performance and agent
 * performance, each with a unique index so that it refreshes CONCURRENTLY (readers are never
 * blocked); and the monthly partitions of the three partitioned tables, made on demand.
 *
 * What the seed leaves open, decided here:
 * - An order counts (orders_count, first/last order, units sold, revenue) once it was paid:
 *   status paid, fulfilled, partially_refunded or refunded. Pending and cancelled orders never
 *   moved money. An order's instant is placed_at, or created_at where none was recorded.
 * - total_spent is the customer's money as the ledger has it: sale minus refund transactions;
 *   average_order_value is total_spent / orders_count, 0 without orders.
 * - Amounts are summed as they are: a tenant is assumed to trade in one currency.
 * - product_performance groups order lines by order_items.product_id, which the line keeps when
 *   its variant is deleted; revenue is the lines' line_total (refunds not subtracted).
 * - attributed_revenue sums every revenue_attribution row of the agent, whatever its model.
 */
import { quoteIdent } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';
import { PARTITION_KEYS, type PartitionedTable } from './commerce-partitions.schema';

const PAID = `('paid', 'fulfilled', 'partially_refunded', 'refunded')`;

/** The views, in the order they are created and refreshed. */
export const COMMERCE_VIEWS = ['customer_lifetime_value', 'product_performance', 'agent_performance'] as const;

export const viewsDdl = (s: string): string => `
CREATE MATERIALIZED VIEW IF NOT EXISTS ${s}.customer_lifetime_value AS
SELECT c.id AS customer_id,
       c.org_id,
       COALESCE(o.orders_count, 0) AS orders_count,
       COALESCE(t.total_spent, 0) AS total_spent,
       o.first_order_at,
       o.last_order_at,
       CASE WHEN o.orders_count > 0 THEN ROUND(COALESCE(t.total_spent, 0) / o.orders_count, 2) ELSE 0 END AS average_order_value
  FROM ${s}.customers c
  LEFT JOIN (SELECT customer_id,
                    COUNT(*)::int AS orders_count,
                    MIN(COALESCE(placed_at, created_at)) AS first_order_at,
                    MAX(COALESCE(placed_at, created_at)) AS last_order_at
               FROM ${s}.orders
              WHERE status IN ${PAID}
              GROUP BY customer_id) o ON o.customer_id = c.id
  LEFT JOIN (SELECT customer_id,
                    SUM(CASE WHEN type = 'sale' THEN amount ELSE -amount END) AS total_spent
               FROM ${s}.transactions
              WHERE type IN ('sale', 'refund')
              GROUP BY customer_id) t ON t.customer_id = c.id;
CREATE UNIQUE INDEX IF NOT EXISTS customer_lifetime_value_customer_id ON ${s}.customer_lifetime_value(customer_id);
CREATE INDEX IF NOT EXISTS customer_lifetime_value_org_id ON ${s}.customer_lifetime_value(org_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${s}.product_performance AS
SELECT p.id AS product_id,
       p.org_id,
       p.collection,
       p.status,
       COALESCE(sold.units_sold, 0) AS units_sold,
       COALESCE(sold.orders_count, 0) AS orders_count,
       COALESCE(sold.revenue, 0) AS revenue,
       COALESCE(stock.stock_available, 0) AS stock_available
  FROM ${s}.products p
  LEFT JOIN (SELECT i.product_id,
                    SUM(i.quantity)::int AS units_sold,
                    COUNT(DISTINCT i.order_id)::int AS orders_count,
                    SUM(i.line_total) AS revenue
               FROM ${s}.order_items i
               JOIN ${s}.orders o ON o.id = i.order_id
              WHERE o.status IN ${PAID}
              GROUP BY i.product_id) sold ON sold.product_id = p.id
  LEFT JOIN (SELECT v.product_id, SUM(inv.quantity_available)::int AS stock_available
               FROM ${s}.product_variants v
               JOIN ${s}.inventory inv ON inv.product_variant_id = v.id
              GROUP BY v.product_id) stock ON stock.product_id = p.id;
CREATE UNIQUE INDEX IF NOT EXISTS product_performance_product_id ON ${s}.product_performance(product_id);
CREATE INDEX IF NOT EXISTS product_performance_org_id ON ${s}.product_performance(org_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${s}.agent_performance AS
SELECT a.id AS agent_id,
       a.org_id,
       a.name,
       a.type,
       COALESCE(t.tasks_open, 0) AS tasks_open,
       COALESCE(t.tasks_completed, 0) AS tasks_completed,
       COALESCE(t.tasks_failed, 0) AS tasks_failed,
       COALESCE(r.attributed_revenue, 0) AS attributed_revenue,
       COALESCE(ci.interactions_handled, 0) AS interactions_handled
  FROM ${s}.agents a
  LEFT JOIN (SELECT assigned_agent_id,
                    (COUNT(*) FILTER (WHERE status IN ('pending', 'in_progress')))::int AS tasks_open,
                    (COUNT(*) FILTER (WHERE status = 'completed'))::int AS tasks_completed,
                    (COUNT(*) FILTER (WHERE status = 'failed'))::int AS tasks_failed
               FROM ${s}.tasks
              GROUP BY assigned_agent_id) t ON t.assigned_agent_id = a.id
  LEFT JOIN (SELECT agent_id, SUM(amount) AS attributed_revenue
               FROM ${s}.revenue_attribution
              GROUP BY agent_id) r ON r.agent_id = a.id
  LEFT JOIN (SELECT agent_id, COUNT(*)::int AS interactions_handled
               FROM ${s}.customer_interactions
              GROUP BY agent_id) ci ON ci.agent_id = a.id;
CREATE UNIQUE INDEX IF NOT EXISTS agent_performance_agent_id ON ${s}.agent_performance(agent_id);
CREATE INDEX IF NOT EXISTS agent_performance_org_id ON ${s}.agent_performance(org_id);
`;

/**
 * Refreshes the three views CONCURRENTLY (each has its unique index), readers seeing the old
 * rows meanwhile. Run it as one query, e.g. with `inLongTransaction` (a refresh grows with the data).
 */
export const refreshCommerceViewsSql = (schema: string): string => {
  const s = quoteIdent(schema);
  return COMMERCE_VIEWS.map((view) => `REFRESH MATERIALIZED VIEW CONCURRENTLY ${s}.${view};`).join('\n');
};

/** A row about to be written to a partitioned table: which table, and its partition key's value. */
export interface PartitionedRow {
  readonly table: PartitionedTable;
  /** ISO instant: created_at, or transaction_date for transactions. */
  readonly at: string;
}

/**
 * Makes the monthly partitions (UTC) that `rows` fall in, moving any rows the DEFAULT partition
 * caught for those months into them; returns their names. Idempotent and safe concurrently: one
 * statement, partitions already there cost a catalog look-up, a missing one is made under the
 * parent's lock. Call it before the batch that writes the rows, outside its transaction (as
 * lifecycle.projection.ts prepares its partitions): making a partition locks the parent.
 */
export const ensureCommercePartitions = async (db: Pool | PoolClient, schema: string, rows: readonly PartitionedRow[]): Promise<string[]> => {
  const wanted = new Map<string, { table: PartitionedTable; month: string }>();
  for (const { table, at } of rows) {
    if (!(table in PARTITION_KEYS)) throw new Error(`not a partitioned commerce table: ${table}`);
    const month = `${new Date(at).toISOString().slice(0, 7)}-01T00:00:00.000Z`;
    wanted.set(`${table} ${month}`, { table, month });
  }
  if (wanted.size === 0) return [];
  // Sorted, so two callers lock the parents in the same order.
  const list = [...wanted.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, entry]) => entry);
  const { rows: made } = await db.query<{ partition: string }>(
    `SELECT ${quoteIdent(schema)}.ensure_monthly_partition($1, u.t, u.at) AS partition
       FROM unnest($2::text[], $3::timestamptz[]) WITH ORDINALITY AS u(t, at, n) ORDER BY u.n`,
    [schema, list.map((entry) => entry.table), list.map((entry) => entry.month)],
  );
  return made.map((row) => row.partition);
};
