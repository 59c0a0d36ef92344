/**
 * The tables the commerce projectors keep, in foreign-key order (a referenced table before the
 * tables that reference it): for each, its projector, the rows an event reads, the columns
 * written with their SQL types, and what a row whose parent is missing becomes.
 */
import { agentCapabilitiesProjector, agentCollaborationsProjector, agentsProjector, capabilityKeyOf, collaborationKeyOf } from './agents.projector';
import { budgetsProjector, configurationKeyOf, configurationsProjector } from './budgets.projector';
import { productsProjector, productVariantsProjector } from './catalog.projector';
import type { PaidEnvelope } from './commerce.events';
import type { RowTable } from './commerce.writer';
import { MORE_ROW_TABLES } from './commerce-more.tables';
import { customerInteractionsProjector, customersProjector } from './customers.projector';
import { goalsProjector } from './goals.projector';
import { inventoryKeysOf, type InventoryEnvelope, inventoryProjector } from './inventory.projector';
import { orderItemsProjector, ordersProjector } from './orders.projector';
import { productMetricsKeysOf, productMetricsProjector } from './product-metrics.projector';
import { revenueAttributionProjector, transactionsProjector } from './transactions.projector';
import { agent, ids, one, parent, stamps } from './commerce.columns';
import { text, ts, typed, uuid } from '../shared/row-writing';

export const ROW_TABLES: readonly RowTable[] = [
  {
    projector: agentsProjector,
    groupBy: 'id',
    groupsOf: one('agentId'),
    columns: [...ids, ...text('name', 'type'), ['parent_id', 'uuid'], ...text('status', 'description'), ['settings', 'jsonb'], ...stamps],
    // The registry is one stream: a parent was registered before its children.
    parents: [parent('parent_id', 'agents', 'null', false)],
  },
  {
    projector: agentCapabilitiesProjector,
    groupBy: 'id',
    groupsOf: (e) => [capabilityKeyOf(e as Parameters<typeof capabilityKeyOf>[0])],
    columns: [...ids, ['agent_id', 'uuid'], ['capability', 'text'], ['score', 'integer'], ['created_at', 'timestamptz']],
    parents: [],
  },
  {
    projector: agentCollaborationsProjector,
    groupBy: 'id',
    groupsOf: (e) => [collaborationKeyOf(e as Parameters<typeof collaborationKeyOf>[0])],
    columns: [
      ...ids,
      ...uuid('requesting_agent_id', 'responding_agent_id'),
      ['collaboration_type', 'text'],
      ['is_allowed', 'boolean'],
      ['created_at', 'timestamptz'],
    ],
    parents: [],
  },
  {
    projector: goalsProjector,
    groupBy: 'id',
    groupsOf: one('goalId'),
    columns: [
      ...ids,
      ...text('title', 'description'),
      ...uuid('owner_agent_id', 'parent_goal_id'),
      ...typed('numeric', 'target_value', 'current_value'),
      ['unit', 'text'],
      ['due_date', 'date'],
      ['status', 'text'],
      ...stamps,
    ],
    parents: [agent('owner_agent_id'), parent('parent_goal_id', 'goals', 'null', false)],
  },
  {
    projector: productsProjector,
    groupBy: 'id',
    groupsOf: one('productId'),
    columns: [...ids, ...text('name', 'description', 'collection', 'status'), ...stamps],
    parents: [],
    tombstone: 'product',
  },
  {
    projector: productVariantsProjector,
    groupBy: 'product_id',
    groupsOf: one('productId'),
    grouped: true,
    columns: [...ids, ['product_id', 'uuid'], ...text('sku', 'title'), ['price', 'numeric'], ['currency', 'text'], ...stamps],
    parents: [],
    tombstone: 'variant',
  },
  {
    projector: customersProjector,
    groupBy: 'id',
    groupsOf: one('customerId'),
    columns: [...ids, ...text('email', 'first_name', 'last_name', 'phone', 'status'), ['accepts_marketing', 'boolean'], ['attributes', 'jsonb'], ...stamps],
    parents: [],
    tombstone: 'customer',
  },
  {
    projector: customerInteractionsProjector,
    groupBy: 'id',
    groupsOf: one('interactionId'),
    columns: [...ids, ...uuid('customer_id', 'agent_id'), ...text('channel', 'summary'), ...ts('occurred_at', 'created_at')],
    parents: [agent('agent_id')],
  },
  // Marketing and work (commerce-more.tables.ts): after agents, goals and customers, before the
  // orders and money whose revenue_attribution names campaigns.
  ...MORE_ROW_TABLES,
  {
    projector: ordersProjector,
    groupBy: 'id',
    groupsOf: one('orderId'),
    columns: [
      ...ids,
      ['customer_id', 'uuid'],
      ...text('status', 'currency'),
      ...typed('numeric', 'subtotal', 'total', 'refunded_amount'),
      ...ts('placed_at', 'paid_at', 'fulfilled_at', 'cancelled_at'),
      ...stamps,
    ],
    // seed 001: "Orders preserved if customer deleted" (SET NULL).
    parents: [parent('customer_id', 'customers', 'null')],
  },
  {
    projector: orderItemsProjector,
    groupBy: 'order_id',
    groupsOf: one('orderId'),
    grouped: true,
    columns: [
      ...ids,
      ...uuid('order_id', 'product_variant_id', 'product_id'),
      ...text('sku', 'location'),
      ['quantity', 'integer'],
      ...typed('numeric', 'unit_price', 'line_total'),
      ['created_at', 'timestamptz'],
    ],
    // seed 001: "Preserve items if variant deleted" (SET NULL).
    parents: [parent('product_variant_id', 'product_variants', 'null')],
  },
  {
    projector: inventoryProjector,
    groupBy: 'id',
    groupsOf: (e) => inventoryKeysOf(e as InventoryEnvelope),
    grouped: true,
    columns: [
      ...ids,
      ['product_variant_id', 'uuid'],
      ['location', 'text'],
      ...typed('integer', 'quantity_on_hand', 'quantity_reserved'),
      ['updated_at', 'timestamptz'],
    ],
    // seed 001: "Inventory deleted with variant": a deleted variant's stock moves nothing.
    parents: [parent('product_variant_id', 'product_variants', 'skip')],
  },
  {
    projector: productMetricsProjector,
    groupBy: 'id',
    groupsOf: (e) => productMetricsKeysOf(e as PaidEnvelope),
    grouped: true,
    columns: [
      ...ids,
      ['product_id', 'uuid'],
      ...typed('date', 'period_start', 'period_end'),
      ...typed('integer', 'units_sold', 'orders_count'),
      ['revenue', 'numeric'],
      ['currency', 'text'],
      ['updated_at', 'timestamptz'],
    ],
    // seed 001: "Metrics deleted with product".
    parents: [parent('product_id', 'products', 'skip')],
  },
  {
    projector: transactionsProjector,
    groupBy: 'id',
    groupsOf: one('transactionId'),
    columns: [
      ...ids,
      ['transaction_date', 'timestamptz'],
      ['type', 'text'],
      ['amount', 'numeric'],
      ...text('currency', 'category'),
      ...uuid('order_id', 'customer_id', 'agent_id'),
      ['description', 'text'],
      ['created_at', 'timestamptz'],
    ],
    key: 'id, transaction_date',
    // seed 001: "All optional for flexibility" (SET NULL); the order is the event's own stream.
    parents: [parent('customer_id', 'customers', 'null'), agent('agent_id')],
  },
  {
    projector: revenueAttributionProjector,
    groupBy: 'transaction_id',
    groupsOf: one('transactionId'),
    grouped: true,
    columns: [
      ...ids,
      ['transaction_id', 'uuid'],
      ['transaction_date', 'timestamptz'],
      ...uuid('agent_id', 'campaign_id'),
      ['model', 'text'],
      ...typed('numeric', 'share', 'amount'),
      ['currency', 'text'],
      ['created_at', 'timestamptz'],
    ],
    // seed 001: "Must credit an agent"; a campaign's attribution outlives it (SET NULL).
    parents: [parent('agent_id', 'agents', 'skip'), parent('campaign_id', 'campaigns', 'null')],
  },
  {
    projector: budgetsProjector,
    groupBy: 'id',
    groupsOf: one('budgetId'),
    columns: [
      ...ids,
      ['category', 'text'],
      ...typed('integer', 'fiscal_year', 'fiscal_month'),
      ['amount', 'numeric'],
      ['currency', 'text'],
      ['owner_agent_id', 'uuid'],
      ...stamps,
    ],
    parents: [agent('owner_agent_id')],
    tombstone: 'budget',
  },
  {
    projector: configurationsProjector,
    groupBy: 'id',
    groupsOf: (e) => [configurationKeyOf(e as Parameters<typeof configurationKeyOf>[0])],
    columns: [...ids, ['key', 'text'], ['value', 'jsonb'], ['updated_by_agent_id', 'uuid'], ...stamps],
    parents: [agent('updated_by_agent_id')],
  },
];
