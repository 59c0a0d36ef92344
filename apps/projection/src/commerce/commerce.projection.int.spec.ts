import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@campaign/contracts';
import { PostgresEventStore } from '@campaign/eventstore';
import { dumpTables, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { Rebuilder } from '../shared/rebuild';
import { attributionRowId, capabilityRowId, inventoryRowId, orderItemRowId, productMetricsRowId } from './commerce.ids';
import { CommerceProjection } from './commerce.projection';
import { COMMERCE_TABLES } from './commerce.schema';
import { NotYetProjectedError } from '../shared/row-writing';
import { CommerceHistory, useCommerceSchemas } from './testing';
import { shop } from './shop.testing';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** Appends the envelopes to an event store as campaign-command would have. */
const storeOf = async (pool: Pool, envelopes: readonly EventEnvelope[]): Promise<PostgresEventStore> => {
  const store = new PostgresEventStore(pool, `es_com_${uniqueSuffix()}`);
  await store.migrate();
  for (const e of envelopes) {
    const metadata = {
      context: 'commerce',
      occurredAt: e.occurredAt,
      correlationId: e.correlationId,
      causationId: null,
      actor: e.actor,
      tenant: e.tenant,
      commandId: randomUUID(),
    };
    const event = { eventId: e.eventId, type: e.type, schemaVersion: 1, data: e.data };
    await store.append(e.streamId, e.streamVersion - 1, [event], metadata, (streamVersion) => ({
      status: 'ACCEPTED',
      commandId: metadata.commandId,
      streamId: e.streamId,
      streamVersion,
      eventIds: [e.eventId],
    }));
  }
  return store;
};

describe('commerce projection: seed 001 rows from the commerce events', () => {
  const schemas = useCommerceSchemas();
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));
  const rows = async (schema: string, table: string, where = 'true', params: unknown[] = []) =>
    (await pool.query(`SELECT * FROM ${schema}.${table} t WHERE ${where} ORDER BY 1`, params)).rows;

  it('writes the agent system and goals as the events say: hierarchy, latest capability score, collaboration, progress', async () => {
    const s = shop();
    const { schema, runner } = await schemas.projectionIn('com_agents');
    expect(await runner.applyBatch(s.h.envelopes)).toMatchObject({ deadLetters: [], applied: s.h.envelopes.length });
    const agents = Object.fromEntries((await rows(schema, 'agents')).map((a) => [a.name, a]));
    expect(agents.Support).toMatchObject({
      id: s.support,
      org_id: s.h.orgId,
      type: 'specialist',
      parent_id: s.sales,
      status: 'active',
      description: 'First line',
    });
    expect(agents.Sales.parent_id).toBe(s.ceo);
    expect(await rows(schema, 'agent_capabilities')).toEqual([
      expect.objectContaining({ id: capabilityRowId(s.support, 'chat'), agent_id: s.support, capability: 'chat', score: 85 }),
    ]);
    expect(await rows(schema, 'agent_collaborations')).toEqual([
      expect.objectContaining({ requesting_agent_id: s.sales, responding_agent_id: s.support, collaboration_type: 'handoff', is_allowed: true }),
    ]);
    const [sub] = await rows(schema, 'goals', 'id = $1', [s.subGoal]);
    expect(sub).toMatchObject({ parent_goal_id: s.goal, owner_agent_id: s.sales, current_value: '84.70', status: 'active' });
    const [top] = await rows(schema, 'goals', 'id = $1', [s.goal]);
    expect(top).toMatchObject({ target_value: '10000.00', current_value: '0.00', unit: 'EUR' });
    expect(top.due_date).toBeInstanceOf(Date);
  });

  it('writes catalog, customers, orders and their lines, money, budgets and settings as the events say', async () => {
    const s = shop();
    const { schema, runner } = await schemas.projectionIn('com_sales');
    await runner.applyBatch(s.h.envelopes);
    expect((await rows(schema, 'products')).map((p) => [p.name, p.collection, p.status]).sort()).toEqual([
      ['Frame', 'frames', 'active'],
      ['Print', 'prints', 'active'],
    ]);
    expect((await rows(schema, 'product_variants')).map((v) => [v.sku, v.price, v.currency]).sort()).toEqual([
      ['F-1', '5.00', 'EUR'],
      ['P-L', '29.90', 'EUR'],
      ['P-S', '19.90', 'EUR'],
    ]);
    expect(await rows(schema, 'customers')).toEqual([
      expect.objectContaining({
        id: s.customer,
        email: 'ada@example.com',
        first_name: 'Ada',
        status: 'active',
        accepts_marketing: true,
        attributes: { country: 'DE' },
      }),
    ]);
    expect(await rows(schema, 'customer_interactions')).toEqual([
      expect.objectContaining({ id: s.touch.interactionId, customer_id: s.customer, agent_id: s.support }),
    ]);
    const orders = Object.fromEntries((await rows(schema, 'orders')).map((o) => [o.id, o]));
    expect(orders[s.first]).toMatchObject({ customer_id: s.customer, status: 'fulfilled', subtotal: '54.80', total: '54.80', refunded_amount: '0.00' });
    expect(orders[s.first].fulfilled_at).toBeInstanceOf(Date);
    expect(orders[s.second]).toMatchObject({ status: 'partially_refunded', total: '29.90', refunded_amount: '10.00' });
    expect(orders[s.third]).toMatchObject({ status: 'cancelled', paid_at: null });
    const items = await rows(schema, 'order_items', 'order_id = $1', [s.first]);
    expect(items.map((i) => [i.id, i.product_variant_id, i.product_id, i.sku, i.location, i.quantity, i.unit_price, i.line_total]).sort()).toEqual(
      [
        [orderItemRowId(s.first, 1), s.small, s.prints.productId, 'P-S', 'main', 2, '19.90', '39.80'],
        [orderItemRowId(s.first, 2), s.frame, s.frames.productId, 'F-1', 'main', 3, '5.00', '15.00'],
      ].sort(),
    );
    const money = (await rows(schema, 'transactions')).map((t) => [t.type, t.amount, t.category, t.order_id, t.customer_id]).sort();
    expect(money).toEqual(
      [
        ['expense', '120.00', 'ads', null, null],
        ['refund', '10.00', null, s.second, s.customer],
        ['sale', '29.90', null, s.second, s.customer],
        ['sale', '54.80', null, s.first, s.customer],
      ].sort(),
    );
    // seed 001 "Partition Large Tables": April's money went to April's partition, made before the batch, not to the default one.
    const { rows: partitions } = await pool.query(`SELECT DISTINCT tableoid::regclass::text AS part FROM ${schema}.transactions`);
    expect(partitions).toEqual([{ part: `${schema}.transactions_y2026m04` }]);
    expect((await rows(schema, 'budgets')).map((b) => [b.category, b.fiscal_year, b.fiscal_month, b.amount, b.owner_agent_id])).toEqual([
      ['ads', 2026, 4, '1200.00', s.sales],
    ]);
    expect(await rows(schema, 'configurations')).toEqual([expect.objectContaining({ key: 'attribution_model', value: 'linear', updated_by_agent_id: s.ceo })]);
  });

  it('revenue_attribution: a payment credits the touch’s agent (last_touch), or the order’s agent without touches; product_metrics counts paid orders per product and month', async () => {
    const s = shop();
    const { schema, runner } = await schemas.projectionIn('com_attr');
    await runner.applyBatch(s.h.envelopes);
    const attributions = await rows(schema, 'revenue_attribution');
    expect(attributions.map((a) => [a.agent_id, a.model, a.share, a.amount, a.campaign_id]).sort()).toEqual(
      [
        [s.sales, 'last_touch', '1.00000000', '29.90', null],
        [s.support, 'last_touch', '1.00000000', '54.80', null],
      ].sort(),
    );
    const sale = (await rows(schema, 'transactions', `type = 'sale' AND order_id = $1`, [s.first]))[0];
    expect(attributions.find((a) => a.agent_id === s.support)).toMatchObject({ id: attributionRowId(sale.id, 0), transaction_id: sale.id });
    expect(attributions.find((a) => a.agent_id === s.support).transaction_date).toEqual(sale.transaction_date);
    const metrics = await rows(schema, 'product_metrics');
    // The cancelled order never paid: it counts for nothing.
    expect(metrics.map((m) => [m.id, m.period_start.toISOString().slice(0, 10), m.units_sold, m.orders_count, m.revenue]).sort()).toEqual(
      [
        [productMetricsRowId(s.prints.productId, '2026-04-01'), '2026-04-01', 3, 2, '69.70'],
        [productMetricsRowId(s.frames.productId, '2026-04-01'), '2026-04-01', 3, 1, '15.00'],
      ].sort(),
    );
  });

  it('replaying the history changes nothing, and a rebuild from the event store equals the live tables', async () => {
    const s = shop();
    s.h.productEvent(s.frames.productId, 'ProductVariantRemoved', { variantId: s.frame, sku: 'F-1', removedAt: s.h.at() });
    s.h.customerEvent(s.customer, 'CustomerDeleted', { email: 'ada@example.com', deletedAt: s.h.at() });
    const live = await schemas.projectionIn('com_live');
    for (const event of s.h.envelopes) await live.runner.applyBatch([event]);
    const before = await dumpTables(pool, live.schema, COMMERCE_TABLES);
    expect(await live.runner.applyBatch(s.h.envelopes)).toMatchObject({ applied: 0, skipped: s.h.envelopes.length });
    expect(await dumpTables(pool, live.schema, COMMERCE_TABLES)).toEqual(before);

    const store = await storeOf(pool, s.h.envelopes);
    const target = `${live.schema}_copy`;
    try {
      const report = await new Rebuilder(pool, store, silent).rebuild((schema) => new CommerceProjection(schema), {
        liveSchema: live.schema,
        target,
        swap: false,
      });
      expect(report).toMatchObject({ events: s.h.envelopes.length, deadLetters: 0 });
      expect(await dumpTables(pool, target, COMMERCE_TABLES)).toEqual(before);
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS ${target} CASCADE`);
      await pool.query(`DROP SCHEMA IF EXISTS ${store.schema} CASCADE`);
    }
  });

  it('events naming a parent of another stream not projected yet wait: the batch fails, to be retried, and applies once the parent lands', async () => {
    const s = shop();
    const { schema, runner } = await schemas.projectionIn('com_wait');
    const byStream = (prefix: string) => s.h.envelopes.filter((e) => e.streamId.startsWith(prefix));
    const orderStreams = byStream('commerce-order-');
    // The orders' partition is read first: their customer, catalog and stock are not projected yet.
    await expect(runner.applyBatch(orderStreams)).rejects.toThrow(NotYetProjectedError);
    expect(await rows(schema, 'orders')).toEqual([]);
    await runner.applyBatch(s.h.envelopes.filter((e) => !orderStreams.includes(e)));
    expect(await runner.applyBatch(orderStreams)).toMatchObject({ applied: orderStreams.length, deadLetters: [] });
    expect(await rows(schema, 'orders')).toHaveLength(3);
    expect((await rows(schema, 'inventory', 'id = $1', [inventoryRowId(s.small, 'main')]))[0]).toMatchObject({ quantity_on_hand: 8, quantity_reserved: 0 });
  });

  it('an order projected before the receipt it drew from is written at once, never held or dead-lettered; the row agrees once the receipt lands', async () => {
    const h = new CommerceHistory();
    const agent = h.agent('Sales', 'director');
    const customer = h.customer('bob@example.com', 'Bob');
    const p = h.product('Mug', null, [['M-1', '8.00']]);
    const receipt = h.receive(p.productId, p.variantIds[0], 4).envelopes.length;
    h.order(customer, agent, [{ productId: p.productId, variantId: p.variantIds[0], quantity: 3 }]);
    const { schema, runner } = await schemas.projectionIn('com_stock_wait');
    const withoutReceipt = h.envelopes.filter((_, i) => i !== receipt - 1);
    expect(await runner.applyBatch(withoutReceipt)).toMatchObject({ deadLetters: [] });
    expect((await rows(schema, 'inventory'))[0]).toMatchObject({ quantity_on_hand: 0, quantity_reserved: 3, quantity_available: -3 });
    await runner.applyBatch([h.envelopes[receipt - 1]]);
    const [row] = await rows(schema, 'inventory');
    expect(row).toMatchObject({ quantity_on_hand: 4, quantity_reserved: 3, quantity_available: 1 });
  });

  it('revenue_attribution.campaign_id is written as given once the campaigns row exists, and waits until then', async () => {
    const h = new CommerceHistory();
    const agent = h.agent('Sales', 'director');
    const customer = h.customer('cy@example.com', 'Cy');
    const campaign = randomUUID();
    const touch = h.interaction(customer, null, campaign);
    const p = h.product('Mug', null, [['M-1', '8.00']]);
    h.receive(p.productId, p.variantIds[0], 4);
    const order = h.order(customer, agent, [{ productId: p.productId, variantId: p.variantIds[0], quantity: 1 }], [touch]);
    h.pay(order);
    const { schema, runner } = await schemas.projectionIn('com_campaign_wait');
    await expect(runner.applyBatch(h.envelopes)).rejects.toThrow(/campaigns rows/);
    await pool.query(`INSERT INTO ${schema}.campaigns (id, org_id, name) VALUES ($1, $2, 'Spring')`, [campaign, h.orgId]);
    await runner.applyBatch(h.envelopes);
    // A touch naming no agent credits the order's agent.
    expect(await rows(schema, 'revenue_attribution')).toEqual([expect.objectContaining({ agent_id: agent, campaign_id: campaign, amount: '8.00' })]);
  });

  it('a customer erased before the projection read them (crypto-shredding: personal values open as null) keeps a row that names no one', async () => {
    const h = new CommerceHistory();
    const customer = h.customer('gone@example.com', 'Gone');
    h.customerEvent(customer, 'CustomerContactChanged', { firstName: 'Gone', lastName: null, phone: '+49 30 1234', changedAt: h.at() });
    const erased = h.envelopes.map((e) =>
      e.type === 'CustomerRegistered' || e.type === 'CustomerContactChanged'
        ? { ...e, data: { ...(e.data as object), email: null, firstName: null, lastName: null, phone: null } }
        : e,
    );
    const { schema, runner } = await schemas.projectionIn('com_erased');
    expect(await runner.applyBatch(erased)).toMatchObject({ deadLetters: [] });
    expect(await rows(schema, 'customers')).toEqual([expect.objectContaining({ id: customer, email: null, first_name: null, last_name: null, phone: null })]);
  });
});
