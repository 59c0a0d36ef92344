import { randomUUID } from 'node:crypto';
import { testPool, uniqueSuffix } from '@campaign/testing';
import { type Pool, types } from 'pg';
import { commerceDdl } from './commerce.schema';
import { ensureCommercePartitions, refreshCommerceViewsSql } from './commerce.views';

/*
 * The commerce read models' DDL (seed 001) against real PostgreSQL, with rows written in plain
 * SQL: every ON DELETE rule, UNIQUE and CHECK, the seed's indexes, the monthly partitions and
 * the three materialized views. Each describe has its own schema, dropped after it.
 */

type Row = Record<string, unknown>;
type Values = Row | ((rows: Rows) => Promise<Row>);

/** The columns that find a row again: the primary key (a partitioned table's id is unique alone here). */
const KEYS: Record<string, readonly string[]> = { customer_segment_members: ['customer_id', 'segment_id'], email_subscribers: ['email', 'list_id'] };
const keyOf = (table: string) => KEYS[table] ?? ['id'];
const MARCH = '2026-03-10T12:00:00.000Z';
const DATE_OID = 1082;
/** DATE columns read back as written ('2026-03-01'), not as a Date at the runner's local midnight. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text') =>
    oid === DATE_OID ? (text: string) => text : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

/**
 * Rows of one tenant, inserted with plain SQL. Each table's maker fills its required columns and
 * makes the parents it needs, unless the caller's values name them.
 */
class Rows {
  constructor(
    readonly pool: Pool,
    readonly schema: string,
    readonly org: string = randomUUID(),
  ) {}

  async insert(table: string, values: Row): Promise<Row> {
    const columns = Object.keys(values);
    const sql = `INSERT INTO ${this.schema}.${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`;
    return (await this.pool.query({ text: sql, values: Object.values(values), types: TYPES })).rows[0];
  }

  async make(table: string, values: Row = {}): Promise<Row> {
    return this.insert(table, { org_id: this.org, ...(await MAKERS[table](this, values)), ...values });
  }

  /** The parent named in `values`, or a new one. */
  async ref(values: Row, column: string, table: string): Promise<unknown> {
    return column in values ? values[column] : (await this.make(table)).id;
  }

  async find(table: string, row: Row): Promise<Row[]> {
    const keys = keyOf(table);
    const where = keys.map((key, i) => `${key} = $${i + 1}`).join(' AND ');
    const text = `SELECT * FROM ${this.schema}.${table} WHERE ${where}`;
    return (await this.pool.query({ text, values: keys.map((key) => row[key]), types: TYPES })).rows;
  }
}

const id = () => randomUUID();
const MAKERS: Record<string, (r: Rows, v: Row) => Promise<Row>> = {
  agents: async () => ({ id: id(), name: `agent ${id()}`, type: 'specialist' }),
  agent_capabilities: async (r, v) => ({ id: id(), agent_id: await r.ref(v, 'agent_id', 'agents'), capability: `cap ${id()}` }),
  agent_collaborations: async (r, v) => ({
    id: id(),
    requesting_agent_id: await r.ref(v, 'requesting_agent_id', 'agents'),
    responding_agent_id: await r.ref(v, 'responding_agent_id', 'agents'),
    collaboration_type: 'review',
  }),
  goals: async () => ({ id: id(), title: 'Grow' }),
  workflows: async (r, v) => ({ id: id(), name: 'Launch', owner_agent_id: await r.ref(v, 'owner_agent_id', 'agents') }),
  workflow_executions: async (r, v) => ({ id: id(), workflow_id: await r.ref(v, 'workflow_id', 'workflows'), created_at: MARCH }),
  tasks: async (r, v) => {
    const execution = 'workflow_execution_id' in v ? {} : await r.make('workflow_executions');
    const assigned = await r.ref(v, 'assigned_agent_id', 'agents');
    return { id: id(), workflow_execution_id: execution.id, execution_created_at: execution.created_at, assigned_agent_id: assigned, title: 'Draft' };
  },
  products: async () => ({ id: id(), name: 'Print' }),
  product_variants: async (r, v) => ({
    id: id(),
    product_id: await r.ref(v, 'product_id', 'products'),
    sku: `sku-${id()}`,
    title: 'A2',
    price: '10.00',
    currency: 'EUR',
  }),
  inventory: async (r, v) => ({ id: id(), product_variant_id: await r.ref(v, 'product_variant_id', 'product_variants'), location: `loc-${id()}` }),
  product_metrics: async (r, v) => ({ id: id(), product_id: await r.ref(v, 'product_id', 'products'), period_start: '2026-03-01', period_end: '2026-03-31' }),
  customers: async () => ({ id: id(), email: `${id()}@example.com` }),
  orders: async () => ({ id: id(), currency: 'EUR', subtotal: '10.00', total: '10.00' }),
  order_items: async (r, v) => ({
    id: id(),
    order_id: await r.ref(v, 'order_id', 'orders'),
    sku: 'sku-1',
    location: 'main',
    quantity: 1,
    unit_price: '1.00',
    line_total: '1.00',
  }),
  customer_segments: async () => ({ id: id(), name: 'VIP', kind: 'static' }),
  customer_segment_members: async (r, v) => ({
    customer_id: await r.ref(v, 'customer_id', 'customers'),
    segment_id: await r.ref(v, 'segment_id', 'customer_segments'),
  }),
  customer_interactions: async (r, v) => ({ id: id(), customer_id: await r.ref(v, 'customer_id', 'customers'), channel: 'email', occurred_at: MARCH }),
  campaigns: async () => ({ id: id(), name: 'Spring' }),
  content: async () => ({ id: id(), title: 'Post', content_type: 'post' }),
  email_lists: async () => ({ id: id(), name: 'News' }),
  email_subscribers: async (r, v) => ({ email: `${id()}@example.com`, subscriber_id: id(), list_id: await r.ref(v, 'list_id', 'email_lists') }),
  kpis: async () => ({ id: id(), name: 'Revenue' }),
  kpi_measurements: async (r, v) => ({ id: id(), kpi_id: await r.ref(v, 'kpi_id', 'kpis'), measured_at: MARCH, value: '1.5' }),
  reports: async () => ({ id: id(), title: 'Weekly', report_type: 'weekly' }),
  transactions: async () => ({ id: id(), transaction_date: MARCH, type: 'sale', amount: '10.00', currency: 'EUR' }),
  budgets: async () => ({ id: id(), category: `cat ${id()}`, fiscal_year: 2026, fiscal_month: 3, amount: '100.00', currency: 'EUR' }),
  revenue_attribution: async (r, v) => {
    const transaction = 'transaction_id' in v ? {} : await r.make('transactions');
    const agent = await r.ref(v, 'agent_id', 'agents');
    const attribution = { model: 'linear', share: '1', amount: '10.00', currency: 'EUR' };
    return { id: id(), transaction_id: transaction.id, transaction_date: transaction.transaction_date, agent_id: agent, ...attribution };
  },
  system_events: async () => ({ id: id(), event_type: 'agent.started', created_at: MARCH }),
  configurations: async () => ({ id: id(), key: `key ${id()}`, value: '{"on": true}' }),
};

type Rule = 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION';
const CONFDELTYPE: Record<Rule, string> = { CASCADE: 'c', 'SET NULL': 'n', RESTRICT: 'r', 'NO ACTION': 'a' };
/** [constraint, rule, child table, child column, parent table]. */
type ForeignKey = readonly [string, Rule, string, string, string];

/** seed 001 "Detailed Relationships", restated: each foreign key with its ON DELETE rule. */
const FOREIGN_KEYS: readonly ForeignKey[] = [
  // seed 001: agents.parent_id "No CASCADE DELETE - preserve hierarchy"; "NO ACTION Rules: parent_id in agents".
  ['fk_agents_parent_id', 'NO ACTION', 'agents', 'parent_id', 'agents'],
  // seed 001: agent_capabilities "ON DELETE CASCADE -- When agent deleted, remove all capabilities".
  ['fk_agent_capabilities_agent_id', 'CASCADE', 'agent_capabilities', 'agent_id', 'agents'],
  // seed 001: agent_collaborations "FOREIGN KEY (requesting_agent_id) REFERENCES agents(id) ON DELETE CASCADE".
  ['fk_agent_collaborations_requesting_agent_id', 'CASCADE', 'agent_collaborations', 'requesting_agent_id', 'agents'],
  // seed 001: agent_collaborations "FOREIGN KEY (responding_agent_id) REFERENCES agents(id) ON DELETE CASCADE".
  ['fk_agent_collaborations_responding_agent_id', 'CASCADE', 'agent_collaborations', 'responding_agent_id', 'agents'],
  // seed 001: goals "FOREIGN KEY (owner_agent_id) REFERENCES agents(id)" (no rule).
  ['fk_goals_owner_agent_id', 'NO ACTION', 'goals', 'owner_agent_id', 'agents'],
  // seed 001: goals "FOREIGN KEY (parent_goal_id) REFERENCES goals(id) -- Hierarchical goal structure".
  ['fk_goals_parent_goal_id', 'NO ACTION', 'goals', 'parent_goal_id', 'goals'],
  // seed 001: workflows "FOREIGN KEY (goal_id) REFERENCES goals(id)" (no rule).
  ['fk_workflows_goal_id', 'NO ACTION', 'workflows', 'goal_id', 'goals'],
  // seed 001: workflows "FOREIGN KEY (owner_agent_id) REFERENCES agents(id) NOT NULL -- Workflows must have an owner".
  ['fk_workflows_owner_agent_id', 'NO ACTION', 'workflows', 'owner_agent_id', 'agents'],
  // seed 001: workflow_executions "ON DELETE RESTRICT -- Preserve execution history".
  ['fk_workflow_executions_workflow_id', 'RESTRICT', 'workflow_executions', 'workflow_id', 'workflows'],
  // seed 001: tasks "ON DELETE CASCADE -- Tasks deleted with execution".
  ['fk_tasks_workflow_execution_id', 'CASCADE', 'tasks', 'workflow_execution_id', 'workflow_executions'],
  // seed 001: tasks "FOREIGN KEY (assigned_agent_id) REFERENCES agents(id) NOT NULL -- Must be assigned to an agent".
  ['fk_tasks_assigned_agent_id', 'NO ACTION', 'tasks', 'assigned_agent_id', 'agents'],
  // seed 001: product_variants "ON DELETE CASCADE -- Variants deleted with product".
  ['fk_product_variants_product_id', 'CASCADE', 'product_variants', 'product_id', 'products'],
  // seed 001: inventory "ON DELETE CASCADE -- Inventory deleted with variant".
  ['fk_inventory_product_variant_id', 'CASCADE', 'inventory', 'product_variant_id', 'product_variants'],
  // seed 001: product_metrics "ON DELETE CASCADE -- Metrics deleted with product".
  ['fk_product_metrics_product_id', 'CASCADE', 'product_metrics', 'product_id', 'products'],
  // seed 001: orders "-- Orders preserved if customer deleted".
  ['fk_orders_customer_id', 'SET NULL', 'orders', 'customer_id', 'customers'],
  // seed 001: order_items "ON DELETE CASCADE -- Items deleted with order".
  ['fk_order_items_order_id', 'CASCADE', 'order_items', 'order_id', 'orders'],
  // seed 001: order_items "-- Preserve items if variant deleted".
  ['fk_order_items_product_variant_id', 'SET NULL', 'order_items', 'product_variant_id', 'product_variants'],
  // seed 001: customer_segment_members "-- Membership deleted if either side deleted" (customer).
  ['fk_customer_segment_members_customer_id', 'CASCADE', 'customer_segment_members', 'customer_id', 'customers'],
  // seed 001: customer_segment_members "-- Membership deleted if either side deleted" (segment).
  ['fk_customer_segment_members_segment_id', 'CASCADE', 'customer_segment_members', 'segment_id', 'customer_segments'],
  // seed 001: customer_interactions "ON DELETE CASCADE -- Interactions deleted with customer".
  ['fk_customer_interactions_customer_id', 'CASCADE', 'customer_interactions', 'customer_id', 'customers'],
  // seed 001: customer_interactions "-- Preserve if agent deleted".
  ['fk_customer_interactions_agent_id', 'SET NULL', 'customer_interactions', 'agent_id', 'agents'],
  // seed 001: campaigns "-- All relationships optional -- Campaigns can exist independently" (goal).
  ['fk_campaigns_goal_id', 'SET NULL', 'campaigns', 'goal_id', 'goals'],
  // seed 001: campaigns "-- All relationships optional -- Campaigns can exist independently" (owner).
  ['fk_campaigns_owner_agent_id', 'SET NULL', 'campaigns', 'owner_agent_id', 'agents'],
  // seed 001: campaigns "-- All relationships optional -- Campaigns can exist independently" (segment).
  ['fk_campaigns_target_segment_id', 'SET NULL', 'campaigns', 'target_segment_id', 'customer_segments'],
  // seed 001: content "ON DELETE SET NULL -- Content preserved if campaign deleted".
  ['fk_content_campaign_id', 'SET NULL', 'content', 'campaign_id', 'campaigns'],
  // seed 001: content "-- Track creator agent"; "SET NULL Rules: agent references in logs/events".
  ['fk_content_created_by_agent_id', 'SET NULL', 'content', 'created_by_agent_id', 'agents'],
  // seed 001: email_subscribers "ON DELETE CASCADE -- Subscriber deleted if list deleted".
  ['fk_email_subscribers_list_id', 'CASCADE', 'email_subscribers', 'list_id', 'email_lists'],
  // seed 001: email_subscribers "ON DELETE SET NULL -- Preserve subscription if customer deleted".
  ['fk_email_subscribers_customer_id', 'SET NULL', 'email_subscribers', 'customer_id', 'customers'],
  // seed 001: kpis "FOREIGN KEY (owner_agent_id) REFERENCES agents(id) -- KPIs can exist without owner" (no rule).
  ['fk_kpis_owner_agent_id', 'NO ACTION', 'kpis', 'owner_agent_id', 'agents'],
  // seed 001: kpi_measurements "ON DELETE CASCADE -- Measurements deleted with KPI".
  ['fk_kpi_measurements_kpi_id', 'CASCADE', 'kpi_measurements', 'kpi_id', 'kpis'],
  // seed 001: reports "-- Reports preserved if agent deleted".
  ['fk_reports_created_by_agent_id', 'SET NULL', 'reports', 'created_by_agent_id', 'agents'],
  // seed 001: transactions "-- All optional for flexibility" (order).
  ['fk_transactions_order_id', 'SET NULL', 'transactions', 'order_id', 'orders'],
  // seed 001: transactions "-- All optional for flexibility" (customer).
  ['fk_transactions_customer_id', 'SET NULL', 'transactions', 'customer_id', 'customers'],
  // seed 001: transactions "-- All optional for flexibility" (agent).
  ['fk_transactions_agent_id', 'SET NULL', 'transactions', 'agent_id', 'agents'],
  // seed 001: budgets "FOREIGN KEY (owner_agent_id) REFERENCES agents(id) -- Can exist without owner" (no rule).
  ['fk_budgets_owner_agent_id', 'NO ACTION', 'budgets', 'owner_agent_id', 'agents'],
  // seed 001: revenue_attribution "ON DELETE CASCADE -- Attribution deleted with transaction".
  ['fk_revenue_attribution_transaction_id', 'CASCADE', 'revenue_attribution', 'transaction_id', 'transactions'],
  // seed 001: revenue_attribution "FOREIGN KEY (agent_id) REFERENCES agents(id) NOT NULL -- Must credit an agent".
  ['fk_revenue_attribution_agent_id', 'NO ACTION', 'revenue_attribution', 'agent_id', 'agents'],
  // seed 001: revenue_attribution "FOREIGN KEY (campaign_id) REFERENCES campaigns(id)" ("drives"; optional).
  ['fk_revenue_attribution_campaign_id', 'SET NULL', 'revenue_attribution', 'campaign_id', 'campaigns'],
  // seed 001: system_events "-- Events preserved if agent deleted".
  ['fk_system_events_source_agent_id', 'SET NULL', 'system_events', 'source_agent_id', 'agents'],
  // seed 001: configurations "-- Configs preserved if agent deleted".
  ['fk_configurations_updated_by_agent_id', 'SET NULL', 'configurations', 'updated_by_agent_id', 'agents'],
];

/** The child's values naming the parent: a partitioned parent is referenced with its partition key. */
const linkTo = (parent: Row, childColumn: string): Row => {
  if (childColumn === 'workflow_execution_id') return { workflow_execution_id: parent.id, execution_created_at: parent.created_at };
  if (childColumn === 'transaction_id') return { transaction_id: parent.id, transaction_date: parent.transaction_date };
  return { [childColumn]: parent.id };
};

const useSchema = (name: string) => {
  let pool: Pool;
  const schema = `${name}_${uniqueSuffix()}`;
  beforeAll(async () => {
    pool = testPool(4);
    await pool.query(commerceDdl(schema));
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });
  return { schema, pool: () => pool, rows: (org?: string) => new Rows(pool, schema, org) };
};

describe('commerce schema: seed 001 ON DELETE rules', () => {
  const db = useSchema('commerce_fk');

  it('has exactly the foreign keys of seed 001, each with its ON DELETE rule and an index idx_[table]_[column] leading with its columns', async () => {
    const { rows: fks } = await db.pool().query(
      `SELECT c.conname, c.confdeltype, t.relname AS tbl,
              ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY AS k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE c.contype = 'f' AND c.conparentid = 0 AND c.connamespace = $1::regnamespace`,
      [db.schema],
    );
    expect(Object.fromEntries(fks.map((fk) => [fk.conname, fk.confdeltype]))).toEqual(
      Object.fromEntries(FOREIGN_KEYS.map(([name, rule]) => [name, CONFDELTYPE[rule]])),
    );
    const { rows: indexes } = await db.pool().query(
      `SELECT ix.relname AS name, t.relname AS tbl,
              ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(n, o) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns
         FROM pg_index i JOIN pg_class ix ON ix.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relnamespace = $1::regnamespace`,
      [db.schema],
    );
    const byName = new Map(indexes.map((index) => [index.name, index]));
    for (const fk of fks) {
      const index = byName.get(`idx_${fk.tbl}_${fk.columns[0]}`);
      expect({ fk: fk.conname, table: index?.tbl, columns: index?.columns.slice(0, fk.columns.length) }).toEqual({
        fk: fk.conname,
        table: fk.tbl,
        columns: fk.columns,
      });
    }
  });

  it.each(FOREIGN_KEYS)('seed 001 %s ON DELETE %s', async (name, rule, childTable, column, parentTable) => {
    const rows = db.rows();
    const parent = await rows.make(parentTable);
    const child = await rows.make(childTable, linkTo(parent, column));
    const deleting = db.pool().query(`DELETE FROM ${db.schema}.${parentTable} WHERE id = $1`, [parent.id]);
    if (rule === 'CASCADE') {
      await deleting;
      expect(await rows.find(childTable, child)).toEqual([]);
    } else if (rule === 'SET NULL') {
      await deleting;
      expect(await rows.find(childTable, child)).toEqual([{ ...child, [column]: null }]);
    } else {
      await expect(deleting).rejects.toMatchObject({ code: '23503', constraint: name });
      expect(await rows.find(childTable, child)).toEqual([child]);
      expect(await rows.find(parentTable, parent)).toEqual([parent]);
    }
    // RESTRICT and NO ACTION refuse alike unless deferred: the catalog tells them apart.
    const declared = await db
      .pool()
      .query(`SELECT confdeltype FROM pg_constraint WHERE conname = $1 AND conparentid = 0 AND connamespace = $2::regnamespace`, [name, db.schema]);
    expect(declared.rows).toEqual([{ confdeltype: CONFDELTYPE[rule] }]);
  });
});

/** [constraint, table, the values repeating the first row's key, a row differing from it in one part of the key]. */
type Unique = readonly [string, string, (first: Row) => Row, (first: Row, rows: Rows) => Promise<Row>];
const otherOrg = (rows: Rows) => new Rows(rows.pool, rows.schema);

const UNIQUES: readonly Unique[] = [
  // seed 001: "CREATE UNIQUE INDEX idx_agents_name ON agents(name)", per tenant.
  ['idx_agents_name', 'agents', (f) => ({ name: f.name }), (f, r) => otherOrg(r).make('agents', { name: f.name })],
  // seed 001: "CREATE UNIQUE INDEX idx_customers_email ON customers(email)", per tenant.
  ['idx_customers_email', 'customers', (f) => ({ email: f.email }), (f, r) => otherOrg(r).make('customers', { email: f.email })],
  // seed 001: budgets "UNIQUE (category, fiscal_year, fiscal_month) -- One budget per category per period".
  [
    'idx_budgets_category_period',
    'budgets',
    (f) => ({ category: f.category, fiscal_year: f.fiscal_year, fiscal_month: f.fiscal_month }),
    (f, r) => r.make('budgets', { category: f.category, fiscal_year: f.fiscal_year, fiscal_month: 4 }),
  ],
  // seed 001: inventory "UNIQUE (product_variant_id, location) -- One variant per location".
  [
    'uq_inventory_variant_location',
    'inventory',
    (f) => ({ product_variant_id: f.product_variant_id, location: f.location }),
    (f, r) => r.make('inventory', { product_variant_id: f.product_variant_id, location: 'elsewhere' }),
  ],
  // seed 001: product_metrics "UNIQUE (product_id, period_start, period_end) -- One metric per product per period".
  [
    'uq_product_metrics_period',
    'product_metrics',
    (f) => ({ product_id: f.product_id, period_start: f.period_start, period_end: f.period_end }),
    (f, r) => r.make('product_metrics', { product_id: f.product_id, period_start: f.period_start, period_end: '2026-04-30' }),
  ],
  // seed 001: email_subscribers "PRIMARY KEY (email, list_id)".
  ['email_subscribers_pkey', 'email_subscribers', (f) => ({ email: f.email, list_id: f.list_id }), (f, r) => r.make('email_subscribers', { email: f.email })],
  // seed 001: customer_segment_members "PRIMARY KEY (customer_id, segment_id)".
  [
    'customer_segment_members_pkey',
    'customer_segment_members',
    (f) => ({ customer_id: f.customer_id, segment_id: f.segment_id }),
    (f, r) => r.make('customer_segment_members', { customer_id: f.customer_id }),
  ],
  // One score per capability of an agent.
  [
    'uq_agent_capabilities_capability',
    'agent_capabilities',
    (f) => ({ agent_id: f.agent_id, capability: f.capability }),
    (f, r) => r.make('agent_capabilities', { agent_id: f.agent_id }),
  ],
  // seed 001: agent_collaborations "Defines allowed collaboration patterns": one row per pattern, each way.
  [
    'uq_agent_collaborations_pair',
    'agent_collaborations',
    (f) => ({ requesting_agent_id: f.requesting_agent_id, responding_agent_id: f.responding_agent_id, collaboration_type: f.collaboration_type }),
    (f, r) => r.make('agent_collaborations', { requesting_agent_id: f.responding_agent_id, responding_agent_id: f.requesting_agent_id }),
  ],
  // A SKU names one variant of a tenant.
  ['uq_product_variants_sku', 'product_variants', (f) => ({ sku: f.sku }), (f, r) => otherOrg(r).make('product_variants', { sku: f.sku })],
  // One value per configuration key of a tenant.
  ['uq_configurations_key', 'configurations', (f) => ({ key: f.key }), (f, r) => otherOrg(r).make('configurations', { key: f.key })],
];

/** [constraint, table, values each refused, values each accepted (the bounds)]; a function makes rows it needs. */
type Check = readonly [string, string, readonly Values[], readonly Values[]];

const CHECKS: readonly Check[] = [
  // seed 001: "CHECK (type IN ('orchestrator', 'director', 'specialist'))".
  ['chk_agents_type', 'agents', [{ type: 'manager' }], [{ type: 'orchestrator' }, { type: 'director' }]],
  // seed 001: "CHECK (status IN ('active', 'inactive', 'archived'))".
  ['chk_agents_status', 'agents', [{ status: 'deleted' }], [{ status: 'inactive' }, { status: 'archived' }]],
  // seed 001: "CHECK (score BETWEEN 0 AND 100)".
  ['chk_agent_capabilities_score', 'agent_capabilities', [{ score: -1 }, { score: 101 }], [{ score: 0 }, { score: 100 }]],
  // An agent does not collaborate with itself.
  [
    'chk_agent_collaborations_not_self',
    'agent_collaborations',
    [
      async (r) => {
        const agent = (await r.make('agents')).id;
        return { requesting_agent_id: agent, responding_agent_id: agent };
      },
    ],
    [{ collaboration_type: 'handoff' }],
  ],
  ['chk_goals_status', 'goals', [{ status: 'done' }], [{ status: 'achieved' }, { status: 'abandoned' }]],
  // seed 001: "CHECK (status IN ('active', 'inactive', 'archived'))".
  ['chk_workflows_status', 'workflows', [{ status: 'paused' }], [{ status: 'archived' }]],
  ['chk_workflow_executions_status', 'workflow_executions', [{ status: 'paused' }], [{ status: 'completed' }, { status: 'cancelled' }]],
  ['chk_tasks_status', 'tasks', [{ status: 'blocked' }], [{ status: 'in_progress' }, { status: 'failed' }]],
  // seed 001: "CHECK (status IN ('active', 'inactive', 'archived'))".
  ['chk_products_status', 'products', [{ status: 'draft' }], [{ status: 'inactive' }]],
  // seed 001: "CHECK (amount >= 0)", for prices.
  ['chk_product_variants_price', 'product_variants', [{ price: '-0.01' }], [{ price: '0.00' }]],
  [
    'chk_inventory_quantities',
    'inventory',
    [{ quantity_reserved: -1, quantity_on_hand: 0 }],
    [
      { quantity_on_hand: 3, quantity_reserved: 3 },
      { quantity_on_hand: 0, quantity_reserved: 0 },
      // Between streams projected out of the log's order: an order before the receipt it drew from.
      { quantity_on_hand: 2, quantity_reserved: 3 },
      { quantity_on_hand: -1, quantity_reserved: 0 },
    ],
  ],
  [
    'chk_product_metrics_period',
    'product_metrics',
    [{ period_start: '2026-03-02', period_end: '2026-03-01' }],
    [{ period_start: '2026-03-01', period_end: '2026-03-01' }],
  ],
  // seed 001: "CHECK (status IN ('active', 'inactive', 'archived'))".
  ['chk_customers_status', 'customers', [{ status: 'banned' }], [{ status: 'archived' }]],
  ['chk_orders_status', 'orders', [{ status: 'shipped' }], [{ status: 'paid' }, { status: 'partially_refunded' }]],
  // seed 001: "CHECK (amount >= 0)", for money.
  ['chk_orders_subtotal', 'orders', [{ subtotal: '-0.01' }], [{ subtotal: '0.00' }]],
  [
    'chk_orders_refunded_amount',
    'orders',
    [{ refunded_amount: '-0.01' }, { total: '10.00', refunded_amount: '10.01' }],
    [{ total: '10.00', refunded_amount: '10.00' }],
  ],
  ['chk_order_items_quantity', 'order_items', [{ quantity: 0 }], [{ quantity: 1 }]],
  ['chk_order_items_unit_price', 'order_items', [{ unit_price: '-0.01' }], [{ unit_price: '0.00' }]],
  ['chk_order_items_line_total', 'order_items', [{ line_total: '-0.01' }], [{ line_total: '0.00' }]],
  ['chk_customer_segments_kind', 'customer_segments', [{ kind: 'dynamic' }], [{ kind: 'rule' }]],
  ['chk_campaigns_status', 'campaigns', [{ status: 'running' }], [{ status: 'paused' }, { status: 'completed' }]],
  ['chk_campaigns_budget', 'campaigns', [{ budget: '-1' }], [{ budget: '0.00' }, { budget: null }]],
  ['chk_content_status', 'content', [{ status: 'review' }], [{ status: 'published' }]],
  ['chk_email_subscribers_status', 'email_subscribers', [{ status: 'pending' }], [{ status: 'bounced' }, { status: 'unsubscribed' }]],
  ['chk_kpis_direction', 'kpis', [{ direction: 'flat' }], [{ direction: 'decrease' }]],
  ['chk_transactions_type', 'transactions', [{ type: 'transfer' }], [{ type: 'refund' }, { type: 'expense' }, { type: 'adjustment' }]],
  // seed 001: "CHECK (amount >= 0)".
  ['chk_transactions_amount', 'transactions', [{ amount: '-0.01' }], [{ amount: '0.00' }]],
  ['chk_budgets_fiscal_month', 'budgets', [{ fiscal_month: 0 }, { fiscal_month: 13 }], [{ fiscal_month: 1 }, { fiscal_month: 12 }]],
  // seed 001: "CHECK (amount >= 0)".
  ['chk_budgets_amount', 'budgets', [{ amount: '-0.01' }], [{ amount: '0.00' }]],
  ['chk_revenue_attribution_model', 'revenue_attribution', [{ model: 'first_touch' }], [{ model: 'last_touch' }]],
  ['chk_revenue_attribution_share', 'revenue_attribution', [{ share: '0' }, { share: '1.00000001' }], [{ share: '0.00000001' }, { share: '1.00000000' }]],
  ['chk_revenue_attribution_amount', 'revenue_attribution', [{ amount: '-0.01' }], [{ amount: '0.00' }]],
  ['chk_system_events_severity', 'system_events', [{ severity: 'debug' }], [{ severity: 'warning' }, { severity: 'critical' }]],
];

const valuesOf = async (values: Values, rows: Rows): Promise<Row> => (typeof values === 'function' ? values(rows) : values);

describe('commerce schema: seed 001 UNIQUE and CHECK constraints', () => {
  const db = useSchema('commerce_checks');

  it.each(UNIQUES)('%s: a second %s row with the same key is refused; one differing in one part of the key is stored', async (name, table, same, differ) => {
    const rows = db.rows();
    const first = await rows.make(table);
    await expect(rows.make(table, same(first))).rejects.toMatchObject({ code: '23505', constraint: name });
    await expect(differ(first, rows)).resolves.toBeTruthy();
  });

  it.each(CHECKS)('%s on %s refuses what the rule forbids and stores its bounds', async (name, table, refused, accepted) => {
    const rows = db.rows();
    for (const values of refused) await expect(rows.make(table, await valuesOf(values, rows))).rejects.toMatchObject({ code: '23514', constraint: name });
    for (const values of accepted) {
      const stored = await valuesOf(values, rows);
      await expect(rows.make(table, stored)).resolves.toMatchObject(stored);
    }
  });

  it('chk_orders_total: a negative total is refused by its own CHECK too (refunded_amount <= total implies it, so that one is dropped for the test)', async () => {
    const client = await db.pool().connect();
    try {
      await client.query('BEGIN');
      await client.query(`ALTER TABLE ${db.schema}.orders DROP CONSTRAINT chk_orders_refunded_amount`);
      const rows = new Rows(client as unknown as Pool, db.schema);
      await expect(rows.make('orders', { total: '-0.01' })).rejects.toMatchObject({ code: '23514', constraint: 'chk_orders_total' });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('every CHECK of the schema is one of those tested here', async () => {
    const { rows } = await db
      .pool()
      .query(`SELECT DISTINCT conname FROM pg_constraint WHERE contype = 'c' AND connamespace = $1::regnamespace ORDER BY conname`, [db.schema]);
    expect(rows.map((r) => r.conname)).toEqual([...CHECKS.map(([name]) => name), 'chk_orders_total'].sort());
  });

  it('inventory.quantity_available is quantity_on_hand - quantity_reserved, kept by PostgreSQL and never written', async () => {
    const rows = db.rows();
    const stock = await rows.make('inventory', { quantity_on_hand: 5, quantity_reserved: 2 });
    expect(stock.quantity_available).toBe(3);
    await db.pool().query(`UPDATE ${db.schema}.inventory SET quantity_reserved = 5 WHERE id = $1`, [stock.id]);
    expect((await rows.find('inventory', stock))[0].quantity_available).toBe(0);
    await expect(rows.make('inventory', { quantity_available: 9 })).rejects.toMatchObject({ code: '428C9' });
  });

  it("has seed 001's composite and unique indexes under their names, on their columns", async () => {
    const { rows } = await db.pool().query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1`, [db.schema]);
    const definitions = Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef.replace(/^.* USING btree /, '')]));
    expect(definitions).toMatchObject({
      // seed 001: "Composite Indexes -- Frequently queried combinations".
      idx_orders_customer_created: '(customer_id, created_at DESC)',
      idx_tasks_agent_status: '(assigned_agent_id, status)',
      idx_products_collection_status: '(collection, status)',
      // seed 001: "Unique Indexes -- Enforce business rules", per tenant.
      idx_customers_email: '(org_id, email)',
      idx_agents_name: '(org_id, name)',
      idx_budgets_category_period: '(org_id, category, fiscal_year, fiscal_month)',
    });
    const unique = rows.filter((r) => ['idx_customers_email', 'idx_agents_name', 'idx_budgets_category_period'].includes(r.indexname));
    expect(unique.map((r) => r.indexdef)).toEqual([expect.stringContaining('UNIQUE'), expect.stringContaining('UNIQUE'), expect.stringContaining('UNIQUE')]);
  });
});

describe('commerce schema: seed 001 "Partition Large Tables", by month', () => {
  const db = useSchema('commerce_parts');
  const TABLES = ['workflow_executions', 'transactions', 'system_events'] as const;
  const KEY = { workflow_executions: 'created_at', transactions: 'transaction_date', system_events: 'created_at' } as const;
  /** The partition holding the row `id` of `table`. */
  const partitionOf = async (table: string, rowId: unknown, schema = db.schema) =>
    (await db.pool().query(`SELECT tableoid::regclass::text AS p FROM ${schema}.${table} WHERE id = $1`, [rowId])).rows.map((r) =>
      r.p.replace(`${schema}.`, ''),
    );
  const partitionsOf = async (table: string, schema = db.schema) =>
    (await db.pool().query(`SELECT inhrelid::regclass::text AS p FROM pg_inherits WHERE inhparent = $1::regclass ORDER BY 1`, [`${schema}.${table}`])).rows.map(
      (r) => r.p.replace(`${schema}.`, ''),
    );
  const monthName = (date: Date) => `y${date.getUTCFullYear()}m${String(date.getUTCMonth() + 1).padStart(2, '0')}`;

  it('the schema comes with a DEFAULT partition and the current and next month of each table', async () => {
    const now = new Date();
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    for (const table of TABLES)
      expect(await partitionsOf(table)).toEqual([`${table}_default`, `${table}_${monthName(now)}`, `${table}_${monthName(next)}`].sort());
  });

  it('commerceDdl runs again on a live schema, its rows and relations kept (every start migrates)', async () => {
    const relations = async () =>
      (await db.pool().query(`SELECT relname FROM pg_class WHERE relnamespace = $1::regnamespace ORDER BY relname`, [db.schema])).rows.map((r) => r.relname);
    const before = await relations();
    const event = await db.rows().make('system_events');
    await db.pool().query(commerceDdl(db.schema));
    expect(await relations()).toEqual(before);
    expect(await db.rows().find('system_events', event)).toEqual([event]);
  });

  it('a row lands in the partition of its month in UTC, bounds included', async () => {
    const rows = db.rows();
    const instants = ['2025-01-31T23:59:59.999Z', '2025-02-01T00:30:00+01:00', '2025-02-01T00:00:00.000Z'];
    const made = await ensureCommercePartitions(
      db.pool(),
      db.schema,
      TABLES.flatMap((table) => instants.map((at) => ({ table, at }))),
    );
    expect(made).toEqual(['system_events', 'transactions', 'workflow_executions'].flatMap((t) => [`${t}_y2025m01`, `${t}_y2025m02`]));
    for (const table of TABLES) {
      const placed = [];
      for (const at of instants) placed.push(...(await partitionOf(table, (await rows.make(table, { [KEY[table]]: at })).id)));
      expect(placed).toEqual([`${table}_y2025m01`, `${table}_y2025m01`, `${table}_y2025m02`]);
    }
  });

  it('a row of a month with no partition yet is kept by the DEFAULT partition; ensureCommercePartitions then moves it, with the tasks and attributions naming it, into the new partition', async () => {
    const rows = db.rows();
    const june = '2025-06-15T08:00:00.000Z';
    const execution = await rows.make('workflow_executions', { created_at: june });
    const task = await rows.make('tasks', linkTo(execution, 'workflow_execution_id'));
    const transaction = await rows.make('transactions', { transaction_date: june });
    const attribution = await rows.make('revenue_attribution', linkTo(transaction, 'transaction_id'));
    const event = await rows.make('system_events', { created_at: june });
    const july = await rows.make('system_events', { created_at: '2025-07-01T00:00:00.000Z' });
    const moved = [execution, transaction, event].map((row, i) => [TABLES[i], row] as const);
    for (const [table, row] of moved) expect(await partitionOf(table, row.id)).toEqual([`${table}_default`]);

    await ensureCommercePartitions(
      db.pool(),
      db.schema,
      TABLES.map((table) => ({ table, at: '2025-06-01T00:00:00.000Z' })),
    );

    for (const [table, row] of moved)
      expect({ table, where: await partitionOf(table, row.id), row: await rows.find(table, row) }).toEqual({ table, where: [`${table}_y2025m06`], row: [row] });
    expect(await partitionOf('system_events', july.id)).toEqual(['system_events_default']);
    expect(await rows.find('tasks', task)).toEqual([task]);
    expect(await rows.find('revenue_attribution', attribution)).toEqual([attribution]);
    const later = await rows.make('workflow_executions', { created_at: '2025-06-30T23:59:59.000Z' });
    expect(await partitionOf('workflow_executions', later.id)).toEqual(['workflow_executions_y2025m06']);
    // The moved execution is still the parent its task cascades from (seed 001: "Tasks deleted with execution").
    await db.pool().query(`DELETE FROM ${db.schema}.workflow_executions WHERE id = $1`, [execution.id]);
    expect(await rows.find('tasks', task)).toEqual([]);
  });

  it('ensureCommercePartitions is idempotent and safe concurrently: four callers at once make each month once', async () => {
    const wanted = TABLES.flatMap((table) => ['2024-01-05T00:00:00Z', '2024-02-05T00:00:00Z', '2024-03-05T00:00:00Z'].map((at) => ({ table, at })));
    const names = TABLES.flatMap((table) => ['m01', 'm02', 'm03'].map((m) => `${table}_y2024${m}`)).sort();
    const results = await Promise.all([0, 1, 2, 3].map((i) => ensureCommercePartitions(db.pool(), db.schema, i % 2 ? [...wanted].reverse() : wanted)));
    for (const result of results) expect(result).toEqual(names);
    expect(await ensureCommercePartitions(db.pool(), db.schema, wanted)).toEqual(names);
    for (const table of TABLES)
      expect((await partitionsOf(table)).filter((p) => p.includes('_y2024'))).toEqual(names.filter((n) => n.startsWith(`${table}_y`)));
  });

  it('ensureCommercePartitions works on a schema renamed since it was made (a rebuild swaps schemas by renaming them)', async () => {
    const made = `${db.schema}_made`;
    const renamed = `${db.schema}_renamed`;
    await db.pool().query(commerceDdl(made));
    try {
      await db.pool().query(`ALTER SCHEMA ${made} RENAME TO ${renamed}`);
      expect(await ensureCommercePartitions(db.pool(), renamed, [{ table: 'transactions', at: '2023-05-05T00:00:00Z' }])).toEqual(['transactions_y2023m05']);
      expect(await partitionsOf('transactions', renamed)).toContain('transactions_y2023m05');
    } finally {
      await db.pool().query(`DROP SCHEMA IF EXISTS ${made} CASCADE; DROP SCHEMA IF EXISTS ${renamed} CASCADE`);
    }
  });

  it('ensureCommercePartitions refuses a table that is not partitioned', async () => {
    const wrong = [{ table: 'orders' as (typeof TABLES)[number], at: '2025-01-01T00:00:00Z' }];
    await expect(ensureCommercePartitions(db.pool(), db.schema, wrong)).rejects.toThrow('not a partitioned commerce table: orders');
    await expect(db.pool().query(`SELECT ${db.schema}.ensure_monthly_partition($1, 'orders', now())`, [db.schema])).rejects.toThrow(
      'not a partitioned commerce table',
    );
  });
});

describe('commerce schema: seed 001 "Materialized Views", refreshed CONCURRENTLY', () => {
  const db = useSchema('commerce_views');
  const view = async (name: string, key: string, columns: string) =>
    (await db.pool().query(`SELECT ${key}, ${columns} FROM ${db.schema}.${name} ORDER BY ${key}`)).rows;
  let r: Rows;
  const ids: Record<string, string> = {};

  /**
   * By hand: alice paid O1 (55.00 = 2 × V1a + 1 × V2) in January and O2 (25.00, V1b) in February,
   * was refunded 5.00; bob's O3 was cancelled, O4 refunded (30.00, 2 × V2), O5 is pending;
   * carol never ordered. Stock: P1 7 + 5 + 0, P2 3. A1 has tasks pending, in progress, 2
   * completed, failed and cancelled, two interactions, 27.50 + 25.00 attributed; A2 one task
   * completed and 27.50 attributed; A3 nothing.
   */
  beforeAll(async () => {
    r = db.rows();
    const make = async (name: string, table: string, values: Row = {}) => (ids[name] = (await r.make(table, values)).id as string);
    for (const name of ['alice', 'bob', 'carol']) await make(name, 'customers');
    await make('A1', 'agents', { type: 'specialist' });
    await make('A2', 'agents', { type: 'director' });
    await make('A3', 'agents', { type: 'orchestrator' });
    await make('P1', 'products', { collection: 'prints' });
    await make('P2', 'products', { collection: 'frames' });
    await make('P3', 'products', { collection: 'prints', status: 'inactive' });
    for (const [name, product] of [
      ['V1a', 'P1'],
      ['V1b', 'P1'],
      ['V2', 'P2'],
    ])
      await make(name, 'product_variants', { product_id: ids[product] });
    for (const [variant, location, onHand, reserved] of [
      ['V1a', 'main', 10, 3],
      ['V1a', 'east', 5, 0],
      ['V1b', 'main', 2, 2],
      ['V2', 'main', 4, 1],
    ] as const)
      await r.make('inventory', { product_variant_id: ids[variant], location, quantity_on_hand: onHand, quantity_reserved: reserved });
    const orders = [
      [
        'O1',
        'alice',
        'paid',
        '2026-01-10T10:00:00.000Z',
        [
          ['V1a', 'P1', 2, '40.00'],
          ['V2', 'P2', 1, '15.00'],
        ],
      ],
      ['O2', 'alice', 'fulfilled', '2026-02-05T10:00:00.000Z', [['V1b', 'P1', 1, '25.00']]],
      ['O3', 'bob', 'cancelled', '2026-01-20T10:00:00.000Z', [['V1a', 'P1', 5, '100.00']]],
      ['O4', 'bob', 'refunded', '2026-03-01T10:00:00.000Z', [['V2', 'P2', 2, '30.00']]],
      ['O5', 'bob', 'pending', '2026-03-02T10:00:00.000Z', [['V1a', 'P1', 1, '20.00']]],
    ] as const;
    for (const [name, customer, status, placedAt, lines] of orders) {
      await make(name, 'orders', { customer_id: ids[customer], status, placed_at: placedAt, subtotal: '200.00', total: '200.00' });
      for (const [variant, product, quantity, total] of lines)
        await r.make('order_items', { order_id: ids[name], product_variant_id: ids[variant], product_id: ids[product], quantity, line_total: total });
    }
    const sale = async (customer: string | null, type: string, amount: string, at: string) =>
      r.make('transactions', { customer_id: customer && ids[customer], type, amount, transaction_date: at });
    const s1 = await sale('alice', 'sale', '55.00', '2026-01-10T10:00:00.000Z');
    const s2 = await sale('alice', 'sale', '25.00', '2026-02-05T10:00:00.000Z');
    await sale('alice', 'refund', '5.00', '2026-02-20T10:00:00.000Z');
    await sale('alice', 'adjustment', '100.00', '2026-02-21T10:00:00.000Z');
    await sale('bob', 'sale', '30.00', '2026-03-01T10:00:00.000Z');
    await sale('bob', 'refund', '30.00', '2026-03-03T10:00:00.000Z');
    await sale(null, 'expense', '10.00', '2026-03-03T10:00:00.000Z');
    for (const [transaction, agent, model, share, amount] of [
      [s1, 'A1', 'linear', '0.5', '27.50'],
      [s1, 'A2', 'linear', '0.5', '27.50'],
      [s2, 'A1', 'last_touch', '1', '25.00'],
    ] as const)
      await r.make('revenue_attribution', { ...linkTo(transaction, 'transaction_id'), agent_id: ids[agent], model, share, amount });
    const execution = await r.make('workflow_executions', { workflow_id: (await r.make('workflows', { owner_agent_id: ids.A3 })).id });
    for (const [agent, status] of [
      ['A1', 'pending'],
      ['A1', 'in_progress'],
      ['A1', 'completed'],
      ['A1', 'completed'],
      ['A1', 'failed'],
      ['A1', 'cancelled'],
      ['A2', 'completed'],
    ])
      await r.make('tasks', { ...linkTo(execution, 'workflow_execution_id'), assigned_agent_id: ids[agent], status });
    for (const [customer, agent] of [
      ['alice', ids.A1],
      ['bob', ids.A1],
      ['bob', null],
    ] as const)
      await r.make('customer_interactions', { customer_id: ids[customer], agent_id: agent });
    await db.pool().query(refreshCommerceViewsSql(db.schema));
  });

  const byName = (name: string) => Object.keys(ids).find((key) => ids[key] === name);

  it('customer_lifetime_value: paid orders, sales minus refunds, first and last order, average; a customer without orders has zeros', async () => {
    const rows = await view('customer_lifetime_value', 'customer_id', 'org_id, orders_count, total_spent, first_order_at, last_order_at, average_order_value');
    expect(
      rows.map((row) => ({
        ...row,
        customer_id: byName(row.customer_id),
        first_order_at: row.first_order_at?.toISOString(),
        last_order_at: row.last_order_at?.toISOString(),
      })),
    ).toEqual(
      expect.arrayContaining([
        {
          customer_id: 'alice',
          org_id: r.org,
          orders_count: 2,
          total_spent: '75.00',
          first_order_at: '2026-01-10T10:00:00.000Z',
          last_order_at: '2026-02-05T10:00:00.000Z',
          average_order_value: '37.50',
        },
        {
          customer_id: 'bob',
          org_id: r.org,
          orders_count: 1,
          total_spent: '0.00',
          first_order_at: '2026-03-01T10:00:00.000Z',
          last_order_at: '2026-03-01T10:00:00.000Z',
          average_order_value: '0.00',
        },
        {
          customer_id: 'carol',
          org_id: r.org,
          orders_count: 0,
          total_spent: '0',
          first_order_at: undefined,
          last_order_at: undefined,
          average_order_value: '0',
        },
      ]),
    );
    expect(rows).toHaveLength(3);
  });

  it('product_performance: units, orders and revenue of paid orders, stock available over its variants; a product never sold has zeros', async () => {
    const rows = await view('product_performance', 'product_id', 'org_id, collection, status, units_sold, orders_count, revenue, stock_available');
    expect(
      rows.map((row) => ({ ...row, product_id: byName(row.product_id) })).sort((a, b) => String(a.product_id).localeCompare(String(b.product_id))),
    ).toEqual([
      { product_id: 'P1', org_id: r.org, collection: 'prints', status: 'active', units_sold: 3, orders_count: 2, revenue: '65.00', stock_available: 12 },
      { product_id: 'P2', org_id: r.org, collection: 'frames', status: 'active', units_sold: 3, orders_count: 2, revenue: '45.00', stock_available: 3 },
      { product_id: 'P3', org_id: r.org, collection: 'prints', status: 'inactive', units_sold: 0, orders_count: 0, revenue: '0', stock_available: 0 },
    ]);
  });

  it('agent_performance: open, completed and failed tasks, attributed revenue and interactions handled; an idle agent has zeros', async () => {
    const rows = await view(
      'agent_performance',
      'agent_id',
      'org_id, type, tasks_open, tasks_completed, tasks_failed, attributed_revenue, interactions_handled',
    );
    expect(rows.map((row) => ({ ...row, agent_id: byName(row.agent_id) })).sort((a, b) => String(a.agent_id).localeCompare(String(b.agent_id)))).toEqual([
      {
        agent_id: 'A1',
        org_id: r.org,
        type: 'specialist',
        tasks_open: 2,
        tasks_completed: 2,
        tasks_failed: 1,
        attributed_revenue: '52.50',
        interactions_handled: 2,
      },
      {
        agent_id: 'A2',
        org_id: r.org,
        type: 'director',
        tasks_open: 0,
        tasks_completed: 1,
        tasks_failed: 0,
        attributed_revenue: '27.50',
        interactions_handled: 0,
      },
      {
        agent_id: 'A3',
        org_id: r.org,
        type: 'orchestrator',
        tasks_open: 0,
        tasks_completed: 0,
        tasks_failed: 0,
        attributed_revenue: '0',
        interactions_handled: 0,
      },
    ]);
  });

  it('each view has a unique index, and refreshCommerceViewsSql refreshes them CONCURRENTLY: readers see the old rows until the refresh commits', async () => {
    const { rows: unique } = await db
      .pool()
      .query(
        `SELECT t.relname FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE t.relnamespace = $1::regnamespace AND t.relkind = 'm' AND i.indisunique ORDER BY 1`,
        [db.schema],
      );
    expect(unique.map((row) => row.relname)).toEqual(['agent_performance', 'customer_lifetime_value', 'product_performance']);
    await db.pool().query(`UPDATE ${db.schema}.orders SET status = 'paid' WHERE id = $1`, [ids.O5]);
    const [refresher, reader] = [await db.pool().connect(), await db.pool().connect()];
    const units = async () =>
      (await reader.query(`SELECT units_sold FROM ${db.schema}.product_performance WHERE product_id = $1`, [ids.P1])).rows[0].units_sold;
    try {
      // A plain REFRESH holds an ACCESS EXCLUSIVE lock until it commits: this reader would time out.
      await reader.query(`SET lock_timeout = '2s'`);
      await refresher.query('BEGIN');
      await refresher.query(refreshCommerceViewsSql(db.schema));
      expect(await units()).toBe(3);
      await refresher.query('COMMIT');
      expect(await units()).toBe(4);
    } finally {
      await refresher.query('ROLLBACK');
      await reader.query('RESET lock_timeout');
      [refresher, reader].forEach((client) => client.release());
    }
  });
});
