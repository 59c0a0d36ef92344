/**
 * The commerce read models (seed 001), in a schema whose name is a parameter so that a rebuild
 * can fill a shadow copy. The seed prints no CREATE TABLE: only its relationships, ON DELETE
 * rules, indexes, CHECKs and defaults. Every one of those is here; the columns are designed
 * from them and from the events. Split by the seed's sections: commerce-agents.schema.ts,
 * commerce-sales.schema.ts, commerce-marketing.schema.ts, commerce-finance.schema.ts; the
 * partitions in commerce-partitions.schema.ts, the materialized views in commerce.views.ts.
 *
 * Design and departures, each with its reason:
 * - Every table has `org_id UUID NOT NULL`, the tenant. Ids are global UUIDs: `DEFAULT
 *   gen_random_uuid()` stays as the seed prints it, but rows projected from events always carry
 *   the events' ids, so a rebuild reproduces them. Likewise created_at/updated_at keep `DEFAULT
 *   CURRENT_TIMESTAMP` for hand-written rows; projectors write the events' instants. The
 *   partition keys have no default: a replay-time default would file history under today.
 * - The seed's unique indexes idx_agents_name, idx_customers_email and idx_budgets_category_period
 *   keep their names but lead with org_id: names, emails and budget periods are unique per tenant
 *   (a global index would let one tenant block another's). product_variants' sku and
 *   configurations' key are unique per tenant too (not in the seed).
 * - workflow_executions, transactions and system_events are partitioned by month (seed:
 *   "Partition Large Tables"), so their primary keys include the partition key: (id, created_at),
 *   (id, transaction_date). PostgreSQL only lets a foreign key reference a unique key of a
 *   partitioned table, and that key must contain the partition key; so tasks references
 *   workflow_executions by (workflow_execution_id, execution_created_at) and revenue_attribution
 *   references transactions by (transaction_id, transaction_date): the referencing rows carry
 *   their parent's instant. Each table has a DEFAULT partition (commerce-partitions.schema.ts).
 * - ON DELETE rules as the seed prints them. Where it prints none:
 *   - "Orders preserved if customer deleted", "Preserve items if variant deleted", "Preserve if
 *     agent deleted" (interactions), "Reports/Events/Configs preserved if agent deleted" and
 *     content's creator: SET NULL. NO ACTION would not preserve the row, it would forbid the
 *     deletion; SET NULL keeps the row and drops only the link (the seed's "SET NULL Rules:
 *     agent references in logs/events"). An order line keeps sku, product_id and location.
 *   - campaigns' goal, owner and target segment ("All relationships optional. Campaigns can
 *     exist independently") and transactions' order, customer and agent ("All optional for
 *     flexibility"): SET NULL, for the same reason: the campaign, the money movement stay.
 *   - Other references with no rule (agents.parent_id, goals' owner and parent, workflows' goal
 *     and owner, tasks' agent, kpis' and budgets' owner, revenue_attribution's agent): NO ACTION,
 *     PostgreSQL's default (seed: "NO ACTION Rules: Manual Handling"); the command side
 *     reassigns or archives first. revenue_attribution.agent_id is NOT NULL ("Must credit an
 *     agent"), so SET NULL could not hold there anyway.
 * - "Foreign Key Indexes: idx_[table]_[column]": one per foreign key, even where a unique key
 *   already leads with the column, so the seed's rule holds without exceptions. A two-column
 *   key's index is named after its id column.
 * - email_subscribers gains its `email` column (its primary key names it); order_items keeps
 *   `product_id` without a foreign key (history); inventory.quantity_available is generated.
 * - No triggers: rows are written by projectors from events (lifecycle.schema.ts explains why).
 * - projection_tombstones: ids of deleted rows, so an event naming one that arrives late writes
 *   nothing (as orchestration.schema.ts).
 */
import { quoteIdent } from '@campaign/eventstore';
import { bookkeepingDdl } from '../shared/bookkeeping.schema';
import { agentsDdl } from './commerce-agents.schema';
import { financeDdl } from './commerce-finance.schema';
import { marketingDdl } from './commerce-marketing.schema';
import { currentPartitionsDdl, partitionsDdl } from './commerce-partitions.schema';
import { salesDdl } from './commerce-sales.schema';
import { viewsDdl } from './commerce.views';

export const commerceDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
${agentsDdl(s)}
${salesDdl(s)}
${marketingDdl(s)}
${financeDdl(s)}
-- Deleted parents, so a late event naming one writes nothing instead of waiting for it forever.
CREATE TABLE IF NOT EXISTS ${s}.projection_tombstones (
    id UUID PRIMARY KEY,
    kind VARCHAR(20) NOT NULL,
    deleted_at TIMESTAMPTZ NOT NULL
);
${partitionsDdl(s)}
${currentPartitionsDdl(s, schema)}
${viewsDdl(s)}
${bookkeepingDdl(s)}`;
};

/** Every read-model table in foreign-key order, for comparing two projections row by row. */
export const COMMERCE_TABLES = [
  { table: 'agents', orderBy: 'id' },
  { table: 'agent_capabilities', orderBy: 'id' },
  { table: 'agent_collaborations', orderBy: 'id' },
  { table: 'goals', orderBy: 'id' },
  { table: 'workflows', orderBy: 'id' },
  { table: 'workflow_executions', orderBy: 'id, created_at' },
  { table: 'tasks', orderBy: 'id' },
  { table: 'products', orderBy: 'id' },
  { table: 'product_variants', orderBy: 'id' },
  { table: 'inventory', orderBy: 'id' },
  { table: 'product_metrics', orderBy: 'id' },
  { table: 'customers', orderBy: 'id' },
  { table: 'orders', orderBy: 'id' },
  { table: 'order_items', orderBy: 'id' },
  { table: 'customer_segments', orderBy: 'id' },
  { table: 'customer_segment_members', orderBy: 'customer_id, segment_id' },
  { table: 'customer_interactions', orderBy: 'id' },
  { table: 'campaigns', orderBy: 'id' },
  { table: 'content', orderBy: 'id' },
  { table: 'email_lists', orderBy: 'id' },
  { table: 'email_subscribers', orderBy: 'email, list_id' },
  { table: 'kpis', orderBy: 'id' },
  { table: 'kpi_measurements', orderBy: 'id' },
  { table: 'reports', orderBy: 'id' },
  { table: 'transactions', orderBy: 'id, transaction_date' },
  { table: 'budgets', orderBy: 'id' },
  { table: 'revenue_attribution', orderBy: 'id' },
  { table: 'system_events', orderBy: 'id, created_at' },
  { table: 'configurations', orderBy: 'id' },
  { table: 'projection_tombstones', orderBy: 'id' },
] as const;
