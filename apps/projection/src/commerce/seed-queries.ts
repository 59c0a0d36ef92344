/**
 * seed 001 prints no SELECT of its own; what it prints are the queries its composite indexes
 * are for ("Frequently queried combinations"). These are those queries, one per index, as an
 * analyst writes them: they name tables without a schema, so they run with `search_path` set
 * to the context's schema, and take their values as parameters.
 */

/** idx_orders_customer_created (customer_id, created_at DESC): a customer's orders, newest first. */
export const ORDERS_OF_CUSTOMER = `SELECT id, status, total, created_at FROM orders WHERE customer_id = $1 ORDER BY created_at DESC;`;

/** idx_tasks_agent_status (assigned_agent_id, status): an agent's tasks in one status. */
export const TASKS_OF_AGENT_BY_STATUS = `SELECT id, title, status FROM tasks WHERE assigned_agent_id = $1 AND status = $2;`;

/** idx_products_collection_status (collection, status): a collection's products in one status. */
export const PRODUCTS_OF_COLLECTION_BY_STATUS = `SELECT id, name, status FROM products WHERE collection = $1 AND status = $2 ORDER BY name;`;
