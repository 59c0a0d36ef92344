/**
 * The commerce query API's statements: each reads under row-level security as the caller's org
 * (commerce.rls.ts), with search_path on the context's schema and the session in UTC. Lists take
 * a limit one above the page (commerce-query.params.ts `paged`) and an offset.
 */

export const CUSTOMER_EXISTS = `SELECT id FROM customers WHERE id = $1`;
export const AGENT_EXISTS = `SELECT id FROM agents WHERE id = $1`;
export const PRODUCT_EXISTS = `SELECT id FROM products WHERE id = $1`;

/** seed 001 idx_orders_customer_created (customer_id, created_at DESC): a customer's orders, newest first. $1 customer, $2 limit, $3 offset. */
export const ORDERS_OF_CUSTOMER = `
SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`;

/** The lines of a page of orders (idx_order_items_order_id). $1 order ids. */
export const ITEMS_OF_ORDERS = `
SELECT * FROM order_items WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, created_at, id`;

/**
 * seed 001 idx_tasks_agent_status (assigned_agent_id, status): an agent's tasks in the statuses
 * $2, most urgent first (highest priority, then nearest due). $1 agent, $3 limit, $4 offset.
 */
export const TASKS_OF_AGENT = `
SELECT * FROM tasks WHERE assigned_agent_id = $1 AND status = ANY($2::text[])
ORDER BY priority DESC, due_at ASC NULLS LAST, created_at, id LIMIT $3 OFFSET $4`;

/** seed 001 idx_products_collection_status (collection, status): a collection's products in the statuses $2, by name. $3 limit, $4 offset. */
export const PRODUCTS_OF_COLLECTION = `
SELECT * FROM products WHERE collection = $1 AND status = ANY($2::text[]) ORDER BY name, id LIMIT $3 OFFSET $4`;

/** The variants of a page of products (idx_product_variants_product_id). $1 product ids. */
export const VARIANTS_OF_PRODUCTS = `
SELECT * FROM product_variants WHERE product_id = ANY($1::uuid[]) ORDER BY product_id, sku`;

/**
 * Stock per variant and location (idx_product_variants_product_id, idx_inventory_product_variant_id);
 * a variant with no stock anywhere has one row with a null location. $1 product or null, $2 variant or null.
 */
export const STOCK = `
SELECT v.product_id, v.id AS variant_id, v.sku, i.location,
       i.quantity_on_hand AS on_hand, i.quantity_reserved AS reserved, i.quantity_available AS available
FROM product_variants v
LEFT JOIN inventory i ON i.product_variant_id = v.id
WHERE ($1::uuid IS NULL OR v.product_id = $1) AND ($2::uuid IS NULL OR v.id = $2)
ORDER BY v.product_id, v.sku, i.location`;

const CLV = `
SELECT c.email, c.first_name, c.last_name, v.customer_id, v.orders_count, v.total_spent, v.average_order_value,
       v.first_order_at, v.last_order_at
FROM org_customer_lifetime_value v JOIN customers c ON c.id = v.customer_id`;

/** seed 001 "Materialized Views: Customer lifetime value", one customer. $1 customer. */
export const CUSTOMER_LIFETIME_VALUE = `${CLV} WHERE v.customer_id = $1`;

/** The top customers by one of CLV_ORDERS (a column name, checked against that list before it is spliced in). $1 limit, $2 offset. */
export const CLV_ORDERS = ['total_spent', 'orders_count', 'average_order_value', 'last_order_at'] as const;
export const topLifetimeValues = (order: (typeof CLV_ORDERS)[number]): string => {
  if (!CLV_ORDERS.includes(order)) throw new Error(`not a lifetime value column: ${order}`);
  return `${CLV} ORDER BY v.${order} DESC NULLS LAST, v.customer_id LIMIT $1 OFFSET $2`;
};

/** seed 001 "Materialized Views: Product performance summaries", best sellers (by revenue) first. $1 collection or null, $2 limit, $3 offset. */
export const PRODUCT_PERFORMANCE = `
SELECT p.name, v.product_id, v.collection, v.status, v.units_sold, v.orders_count, v.revenue, v.stock_available
FROM org_product_performance v JOIN products p ON p.id = v.product_id
WHERE ($1::text IS NULL OR v.collection = $1)
ORDER BY v.revenue DESC, p.name, v.product_id LIMIT $2 OFFSET $3`;

/** seed 001 "Materialized Views: Agent performance metrics", most attributed revenue first. $1 limit, $2 offset. */
export const AGENT_PERFORMANCE = `
SELECT agent_id, name, type, tasks_open, tasks_completed, tasks_failed, attributed_revenue, interactions_handled
FROM org_agent_performance
ORDER BY attributed_revenue DESC, name, agent_id LIMIT $1 OFFSET $2`;

/**
 * Budget against spending, per category, for one fiscal month ($1 year, $2 month: the budgets,
 * idx_budgets_category_period) and its UTC instants [$3, $4) (the expense transactions, one
 * monthly partition). Categories match as the budget decider keys them: trimmed, case-insensitive.
 * A category spent without a budget has a null budget, remaining and percent_used.
 */
export const BUDGET_VS_SPENT = `
WITH budgeted AS (
  SELECT lower(btrim(category)) AS k, category, amount, currency FROM budgets WHERE fiscal_year = $1 AND fiscal_month = $2
), spent AS (
  SELECT lower(btrim(category)) AS k, min(category) AS category, min(currency) AS currency, sum(amount) AS spent
  FROM transactions
  WHERE type = 'expense' AND category IS NOT NULL AND transaction_date >= $3 AND transaction_date < $4
  GROUP BY lower(btrim(category))
)
SELECT coalesce(b.category, s.category) AS category,
       coalesce(b.currency, s.currency) AS currency,
       b.amount AS budget,
       coalesce(s.spent, 0.00) AS spent,
       b.amount - coalesce(s.spent, 0) AS remaining,
       CASE WHEN b.amount > 0 THEN round(100 * coalesce(s.spent, 0) / b.amount, 2) END AS percent_used
FROM budgeted b FULL JOIN spent s ON s.k = b.k
ORDER BY coalesce(b.k, s.k)`;

export const KPI = `SELECT id AS kpi_id, name, unit, target_value, direction FROM kpis WHERE id = $1`;

/**
 * A KPI's measurements in [$3, $4) (either end open when null) per UTC bucket $2 (day, week or
 * month), oldest first (idx_kpi_measurements_kpi_id: kpi_id, measured_at). $1 KPI, $5 limit.
 */
export const KPI_TREND = `
SELECT date_trunc($2, measured_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS bucket_start,
       count(*)::int AS measurements,
       round(avg(value), 4) AS avg,
       min(value) AS min,
       max(value) AS max,
       (array_agg(value ORDER BY measured_at DESC, id DESC))[1] AS last
FROM kpi_measurements
WHERE kpi_id = $1 AND ($3::timestamptz IS NULL OR measured_at >= $3) AND ($4::timestamptz IS NULL OR measured_at < $4)
GROUP BY 1 ORDER BY 1 LIMIT $5`;
