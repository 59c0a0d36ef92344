import { randomUUID } from 'node:crypto';
import { migrateInTransaction } from '@campaign/eventstore';
import { signJwt } from '@campaign/runtime';
import { TEST_JWT_SECRET, testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { readAs } from '../shared/read-as';
import { useQueryApp } from '../shared/testing';
import { CommerceQueryController } from './commerce-query.controller';
import { insertShops, type Shop, shopRows } from './commerce-query.testing';
import { CommerceQueryService } from './commerce-query.service';
import * as SQL from './commerce-query.sql';
import { COMMERCE_API_ROLE, COMMERCE_ORG_SETTING, commerceApiRoleDdl, commerceRlsDdl } from './commerce.rls';
import { commerceDdl } from './commerce.schema';

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const userToken = (orgId: string, role = 'viewer') => signJwt({ sub: randomUUID(), org_id: orgId, role, exp: inAnHour() }, TEST_JWT_SECRET);
const serviceToken = (scope: string) => signJwt({ sub: 'commerce-reporter', scope, exp: inAnHour() }, TEST_JWT_SECRET);
/** An id no org has: the parameter checks come before any lookup. */
const NOBODY = '00000000-0000-4000-8000-000000000000';
const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

describe('commerce query API: seed 001 read models as endpoints, each answer confined to the caller’s org', () => {
  const { start, get } = useQueryApp('commerce-query-test');
  const schema = `commerce_api_${uniqueSuffix()}`;
  let pool: Pool;
  let one: Shop;
  let two: Shop;
  const as = (shop: Shop, path: string, role = 'viewer') => get(`/v1/commerce/${path}`, userToken(shop.orgId, role));

  beforeAll(async () => {
    pool = testPool();
    await migrateInTransaction(pool, async (client) => {
      // The API role is cluster-wide and shared by every commerce schema: one creator at a time.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['migrate:commerce-api-role']);
      await client.query(commerceApiRoleDdl());
      await client.query(commerceDdl(schema));
      await client.query(commerceRlsDdl(schema));
    });
    [one, two] = [shopRows(randomUUID()), shopRows(randomUUID())];
    await insertShops(pool, schema, [one, two]);
    await start({ config: { COMMERCE_SCHEMA: schema }, pool, controllers: [CommerceQueryController], providers: [CommerceQueryService] });
  });

  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it('seed 001 idx_orders_customer_created: GET /customers/:id/orders pages a customer’s orders newest first, each with its items', async () => {
    const first = await as(one, `customers/${one.cy}/orders?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ limit: 2, offset: 0, next_offset: 2 });
    expect(ids(first.body)).toEqual([one.orders.latest, one.orders.pending]);
    expect(first.body.items[0]).toMatchObject({ status: 'paid', total: '40.00', created_at: '2026-03-10T10:00:00.000Z' });
    expect(first.body.items[0].items).toEqual([expect.objectContaining({ order_id: one.orders.latest, quantity: 2, line_total: '40.00' })]);
    const rest = await as(one, `customers/${one.cy}/orders?limit=2&offset=2`);
    expect(rest.body).toMatchObject({ offset: 2, next_offset: null });
    expect(ids(rest.body)).toEqual([one.orders.first]);
    expect(rest.body.items[0].items.map((i: { line_total: string }) => i.line_total)).toEqual(['10.00', '20.00']);
    expect((await as(one, `customers/${one.ed}/orders`)).body).toEqual({ items: [], limit: 100, offset: 0, next_offset: null });
  });

  it('seed 001 idx_tasks_agent_status: GET /agents/:id/tasks?status=open lists pending and in_progress tasks, highest priority first', async () => {
    expect(ids((await as(one, `agents/${one.ada}/tasks?status=open`)).body)).toEqual([one.tasks.inProgress, one.tasks.pending]);
    expect(ids((await as(one, `agents/${one.ada}/tasks?status=completed`)).body)).toEqual([one.tasks.completed]);
    const all = await as(one, `agents/${one.ada}/tasks`);
    expect(ids(all.body)).toEqual([one.tasks.completed, one.tasks.inProgress, one.tasks.pending, one.tasks.failed]);
    expect(ids((await as(one, `agents/${one.bob}/tasks?status=open`)).body)).toEqual([one.tasks.bobs]);
  });

  it('seed 001 idx_products_collection_status: GET /products?collection&status lists a collection’s products by name, with variants by SKU', async () => {
    expect(ids((await as(one, 'products?collection=prints')).body)).toEqual([one.poster, one.print]);
    const active = await as(one, 'products?collection=prints&status=active');
    expect(ids(active.body)).toEqual([one.print]);
    expect(active.body.items[0].variants.map((v: { sku: string; price: string }) => [v.sku, v.price])).toEqual([
      ['P-L', '20.00'],
      ['P-S', '10.00'],
    ]);
    expect(ids((await as(one, 'products?collection=kitchen&status=archived')).body)).toEqual([]);
  });

  it('GET /inventory?product_id gives each variant’s stock per location and its totals (available = on hand − reserved)', async () => {
    const { body } = await as(one, `inventory?product_id=${one.print}`);
    expect(body.items).toEqual([
      {
        product_id: one.print,
        variant_id: one.v.large,
        sku: 'P-L',
        locations: [{ location: 'main', on_hand: 2, reserved: 2, available: 0 }],
        total: { on_hand: 2, reserved: 2, available: 0 },
      },
      {
        product_id: one.print,
        variant_id: one.v.small,
        sku: 'P-S',
        locations: [
          { location: 'main', on_hand: 10, reserved: 3, available: 7 },
          { location: 'north', on_hand: 5, reserved: 0, available: 5 },
        ],
        total: { on_hand: 15, reserved: 3, available: 12 },
      },
    ]);
    const unstocked = await as(one, `inventory?variant_id=${one.v.poster}`);
    expect(unstocked.body.items).toEqual([
      { product_id: one.poster, variant_id: one.v.poster, sku: 'PO-1', locations: [], total: { on_hand: 0, reserved: 0, available: 0 } },
    ]);
    const elsewhere = await as(one, `inventory?product_id=${one.print}&variant_id=${one.v.mug}`);
    expect(elsewhere).toMatchObject({ status: 404, body: { code: 'VARIANT_NOT_FOUND' } });
  });

  it('seed 001 "Customer lifetime value": one customer’s figures, and the top customers by total_spent (sales − refunds) or orders_count', async () => {
    const cy = await as(one, `customers/${one.cy}/lifetime-value`);
    // Paid orders 30.00 and 40.00, 10.00 refunded: 60.00 over 2 orders.
    expect(cy.body).toMatchObject({ customer_id: one.cy, email: 'cy@example.com', orders_count: 2, total_spent: '60.00', average_order_value: '30.00' });
    expect(cy.body).toMatchObject({ first_order_at: '2026-03-01T10:00:00.000Z', last_order_at: '2026-03-10T10:00:00.000Z' });
    const top = await as(one, 'customers/lifetime-value?order=total_spent&limit=2');
    expect(top.body).toMatchObject({ order: 'total_spent', next_offset: 2 });
    expect(top.body.items.map((c: { customer_id: string; total_spent: string }) => [c.customer_id, c.total_spent])).toEqual([
      [one.cy, '60.00'],
      [one.di, '15.00'],
    ]);
    const byOrders = await as(one, 'customers/lifetime-value?order=orders_count');
    expect(byOrders.body.items.map((c: { customer_id: string; orders_count: number }) => [c.customer_id, c.orders_count])).toEqual([
      [one.cy, 2],
      [one.di, 1],
      [one.ed, 0],
    ]);
  });

  it('seed 001 "Product performance summaries": GET /products/performance?collection ranks paid sales by revenue, with stock available', async () => {
    const { body } = await as(one, 'products/performance?collection=prints');
    // Print: 1×P-S 10.00 + 1×P-L 20.00 (first order) + 2×P-L 40.00 (latest); the pending order is not a sale. Stock 7 + 5 + 0.
    expect(body.items).toEqual([
      { product_id: one.print, name: 'Print', collection: 'prints', status: 'active', units_sold: 4, orders_count: 2, revenue: '70.00', stock_available: 12 },
      {
        product_id: one.poster,
        name: 'Poster',
        collection: 'prints',
        status: 'archived',
        units_sold: 1,
        orders_count: 1,
        revenue: '15.00',
        stock_available: 0,
      },
    ]);
    expect((await as(one, 'products/performance')).body.items.map((p: { product_id: string }) => p.product_id)).toEqual([one.print, one.poster, one.mug]);
  });

  it('seed 001 "Agent performance metrics": GET /agents/performance ranks agents by attributed revenue, with their task counts', async () => {
    const { body } = await as(one, 'agents/performance');
    expect(body.items).toEqual([
      {
        agent_id: one.bob,
        name: 'Bob',
        type: 'director',
        tasks_open: 1,
        tasks_completed: 0,
        tasks_failed: 0,
        attributed_revenue: '40.00',
        interactions_handled: 0,
      },
      {
        agent_id: one.ada,
        name: 'Ada',
        type: 'specialist',
        tasks_open: 2,
        tasks_completed: 1,
        tasks_failed: 1,
        attributed_revenue: '30.00',
        interactions_handled: 0,
      },
    ]);
  });

  it('GET /budgets?fiscal_year&fiscal_month: per category the budget, the month’s expenses (UTC), remaining and percent used', async () => {
    const march = await as(one, 'budgets?fiscal_year=2026&fiscal_month=3');
    // ads: 25.00 + 100.00 (March 31st 23:30 UTC); April's 50.00 and the sales are not March's expenses.
    expect(march.body).toEqual({
      fiscal_year: 2026,
      fiscal_month: 3,
      items: [
        { category: 'ads', currency: 'EUR', budget: '200.00', spent: '125.00', remaining: '75.00', percent_used: '62.50' },
        { category: 'tools', currency: 'EUR', budget: '80.00', spent: '0.00', remaining: '80.00', percent_used: '0.00' },
        { category: 'travel', currency: 'EUR', budget: null, spent: '40.00', remaining: null, percent_used: null },
      ],
    });
    // 50 / 999 = 5.005…%
    const april = await as(one, 'budgets?fiscal_year=2026&fiscal_month=4');
    expect(april.body.items).toEqual([{ category: 'ads', currency: 'EUR', budget: '999.00', spent: '50.00', remaining: '949.00', percent_used: '5.01' }]);
  });

  it('GET /kpis/:id/trend?bucket=day|week|month: per UTC bucket avg, min, max and last value, with the target', async () => {
    const days = await as(one, `kpis/${one.kpi}/trend`);
    expect(days.body).toMatchObject({ kpi_id: one.kpi, name: 'Conversion', target_value: '0.0500', bucket: 'day', from: null, to: null });
    expect(days.body.items).toEqual([
      { bucket_start: '2026-03-01T00:00:00.000Z', measurements: 2, avg: '0.0400', min: '0.0300', max: '0.0500', last: '0.0500', target_value: '0.0500' },
      { bucket_start: '2026-03-02T00:00:00.000Z', measurements: 1, avg: '0.0400', min: '0.0400', max: '0.0400', last: '0.0400', target_value: '0.0500' },
      { bucket_start: '2026-03-09T00:00:00.000Z', measurements: 1, avg: '0.0600', min: '0.0600', max: '0.0600', last: '0.0600', target_value: '0.0500' },
    ]);
    // 2026-03-01 is a Sunday: its week began on Monday 23 February.
    const weeks = await as(one, `kpis/${one.kpi}/trend?bucket=week`);
    expect(weeks.body.items.map((b: { bucket_start: string; last: string }) => [b.bucket_start, b.last])).toEqual([
      ['2026-02-23T00:00:00.000Z', '0.0500'],
      ['2026-03-02T00:00:00.000Z', '0.0400'],
      ['2026-03-09T00:00:00.000Z', '0.0600'],
    ]);
    const month = await as(one, `kpis/${one.kpi}/trend?bucket=month`);
    expect(month.body.items).toEqual([
      expect.objectContaining({ bucket_start: '2026-03-01T00:00:00.000Z', measurements: 4, avg: '0.0450', min: '0.0300', max: '0.0600', last: '0.0600' }),
    ]);
    const window = await as(one, `kpis/${one.kpi}/trend?from=2026-03-02&to=2026-03-09`);
    expect(window.body.items.map((b: { bucket_start: string }) => b.bucket_start)).toEqual(['2026-03-02T00:00:00.000Z']);
  });

  it('tenant isolation: another org’s ids are 404, its rows are in no list; a service token with commerce:read reads the org it names', async () => {
    for (const [path, code] of [
      [`customers/${two.cy}/orders`, 'CUSTOMER_NOT_FOUND'],
      [`customers/${two.cy}/lifetime-value`, 'CUSTOMER_NOT_FOUND'],
      [`agents/${two.ada}/tasks`, 'AGENT_NOT_FOUND'],
      [`inventory?product_id=${two.print}`, 'PRODUCT_NOT_FOUND'],
      [`inventory?variant_id=${two.v.small}`, 'VARIANT_NOT_FOUND'],
      [`kpis/${two.kpi}/trend`, 'KPI_NOT_FOUND'],
    ]) {
      expect([path, await as(one, path)]).toMatchObject([path, { status: 404, body: { code } }]);
    }
    expect((await as(one, 'customers/lifetime-value')).body.items).toHaveLength(3);
    expect((await as(one, 'agents/performance')).body.items.map((a: { agent_id: string }) => a.agent_id)).toEqual([one.bob, one.ada]);
    const theirs = await get(`/v1/commerce/products?collection=prints&org_id=${two.orgId}`, serviceToken('commerce:read'));
    expect(ids(theirs.body)).toEqual([two.poster, two.print]);
    const denied = await get(`/v1/commerce/products?collection=prints&org_id=${two.orgId}`, serviceToken('commerce:write'));
    expect(denied).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('row-level security: a statement that forgets the org sees only the caller’s rows, and the materialized views only through org_ views', async () => {
    const scope = { role: COMMERCE_API_ROLE, schema, setting: COMMERCE_ORG_SETTING, value: one.orgId };
    const count = (sql: string) => readAs(pool, scope, async (client) => (await client.query(sql)).rows[0].n);
    expect(await count('SELECT count(*)::int AS n FROM orders')).toBe(4);
    expect(await count('SELECT count(*)::int AS n FROM transactions')).toBe(8);
    expect(await count('SELECT count(*)::int AS n FROM org_customer_lifetime_value')).toBe(3);
    await expect(count('SELECT count(*)::int AS n FROM customer_lifetime_value')).rejects.toThrow(/permission denied/);
    await expect(count('SELECT count(*)::int AS n FROM projection_tombstones')).rejects.toThrow(/permission denied/);
  });

  it('the seed 001 composite indexes serve the API’s statements under row-level security (EXPLAIN, sequential scans off)', async () => {
    const scope = { role: COMMERCE_API_ROLE, schema, setting: COMMERCE_ORG_SETTING, value: one.orgId };
    const plan = (sql: string, params: unknown[]) =>
      readAs(pool, scope, async (client) => {
        // A handful of rows are cheaper to scan: ask whether the index can serve the statement, not whether it pays yet.
        await client.query('SET LOCAL enable_seqscan = off');
        return (await client.query(`EXPLAIN ${sql}`, params)).rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    expect(await plan(SQL.ORDERS_OF_CUSTOMER, [one.cy, 11, 0])).toContain('idx_orders_customer_created');
    expect(await plan(SQL.TASKS_OF_AGENT, [one.ada, ['pending', 'in_progress'], 11, 0])).toContain('idx_tasks_agent_status');
    expect(await plan(SQL.PRODUCTS_OF_COLLECTION, ['prints', ['active'], 11, 0])).toContain('idx_products_collection_status');
  });

  it('a person reads only with the role viewer, editor or admin, only its own org, and only with a token', async () => {
    expect(await as(one, 'agents/performance', 'recruiter')).toMatchObject({ status: 403, body: { code: 'COMMERCE_ROLE_REQUIRED' } });
    expect(await as(one, `agents/performance?org_id=${two.orgId}`, 'admin')).toMatchObject({ status: 403, body: { code: 'TENANT_MISMATCH' } });
    expect((await get('/v1/commerce/agents/performance')).status).toBe(401);
  });

  it.each([
    ['customers/42/orders', 'customerId must be a UUID'],
    [`customers/${NOBODY}/orders?limit=501`, 'limit must be an integer from 1 to 500'],
    [`agents/${NOBODY}/tasks?status=done`, 'status must be one of open, pending, in_progress, completed, failed, cancelled'],
    ['products', 'collection is required'],
    ['products?collection=prints&status=sold', 'status must be one of active, inactive, archived'],
    ['inventory', 'product_id or variant_id is required'],
    ['inventory?variant_id=x', 'variant_id must be a UUID'],
    ['customers/lifetime-value?order=name', 'order must be one of total_spent, orders_count, average_order_value, last_order_at'],
    ['products/performance?colour=red', 'colour is not a parameter'],
    ['agents/performance?offset=-1', 'offset must be an integer'],
    ['budgets?fiscal_year=2026', 'fiscal_month is required'],
    ['budgets?fiscal_year=2026&fiscal_month=13', 'fiscal_month must be an integer from 1 to 12'],
    [`kpis/${NOBODY}/trend?bucket=hour`, 'bucket must be one of day, week, month'],
    [`kpis/${NOBODY}/trend?from=2026-03-09&to=2026-03-02`, 'from must come before to'],
    [`kpis/${NOBODY}/trend?from=yesterday`, 'from must be an ISO-8601 instant'],
  ])('GET /v1/commerce/%s is refused with 400 INVALID_QUERY naming the parameter', async (path, message) => {
    const { status, body } = await as(one, path);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'INVALID_QUERY' });
    expect(body.message).toContain(message);
  });
});
