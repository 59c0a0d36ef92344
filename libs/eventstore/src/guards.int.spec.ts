import { randomUUID } from 'node:crypto';
import { type Command, type Decider, type Event, type Guard } from '@campaign/domain';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { CommandExecutor } from './command-executor';
import { PostgresEventStore } from './event-store';

/**
 * A member stream per (tenant, member) holding one handle, unique across streams (a claim), and
 * a shelf stream per item whose stock is a counter that orders, on streams of their own, draw from.
 */
type Join = Command<'Join', { readonly memberId: string; readonly handle: string }>;
type Leave = Command<'Leave', { readonly memberId: string }>;
type Stock = Command<'Stock', { readonly item: string; readonly units: number }>;
type Order = Command<'Order', { readonly orderId: string; readonly lines: readonly { item: string; units: number }[] }>;
type TestCommand = Join | Leave | Stock | Order;
type Joined = Event<'Joined', { readonly handle: string }>;
type Left = Event<'Left', { readonly handle: string }>;
type Stocked = Event<'Stocked', { readonly item: string; readonly units: number }>;
type Ordered = Event<'Ordered', { readonly lines: readonly { item: string; units: number }[] }>;
type TestEvent = Joined | Left | Stocked | Ordered;

const decider: Decider<TestCommand, TestEvent, { handle: string | null }> = {
  initialState: () => ({ handle: null }),
  evolve: (state, event) => (event.type === 'Joined' ? { handle: event.data.handle } : event.type === 'Left' ? { handle: null } : state),
  decide: (command, state) => {
    switch (command.type) {
      case 'Join':
        return [{ type: 'Joined', data: { handle: command.data.handle } }];
      case 'Leave':
        return state.handle === null ? [] : [{ type: 'Left', data: { handle: state.handle } }];
      case 'Stock':
        return [{ type: 'Stocked', data: command.data }];
      case 'Order':
        return [{ type: 'Ordered', data: { lines: command.data.lines } }];
    }
  },
  streamIdOf: (command) =>
    command.type === 'Stock' ? `shelf-${command.data.item}` : command.type === 'Order' ? `order-${command.data.orderId}` : `member-${command.data.memberId}`,
  guardsOf: (event): Guard[] => {
    switch (event.type) {
      case 'Joined':
        return [{ kind: 'claim', key: `handle:${event.data.handle}`, code: 'HANDLE_TAKEN', message: 'the handle is taken' }];
      case 'Left':
        return [{ kind: 'release', key: `handle:${event.data.handle}` }];
      case 'Stocked':
        return [{ kind: 'count', key: `stock:${event.data.item}`, delta: event.data.units, code: 'OUT_OF_STOCK', message: 'not enough stock' }];
      case 'Ordered':
        return event.data.lines.map((l) => ({ kind: 'count', key: `stock:${l.item}`, delta: -l.units, code: 'OUT_OF_STOCK', message: 'not enough stock' }));
    }
  },
};

describe('guards: values held across streams, checked in the append', () => {
  let pool: Pool;
  let store: PostgresEventStore;
  let executor: CommandExecutor<TestCommand, TestEvent, { handle: string | null }>;
  const schema = `es_${uniqueSuffix()}`;
  const tenant = randomUUID();
  const run = (type: TestCommand['type'], data: object, org = tenant) =>
    executor.execute({ type, data, metadata: { commandId: randomUUID(), now: new Date().toISOString(), actor: 'test', tenant: org } } as TestCommand);

  beforeAll(async () => {
    pool = testPool(20);
    store = new PostgresEventStore(pool, schema);
    await store.migrate();
    executor = new CommandExecutor(store, decider, { context: 'test', schemaVersionOf: () => 1 });
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  });

  it('of 50 parallel claims of one value exactly one is accepted; the rest get the typed rejection and write nothing', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => run('Join', { memberId: randomUUID(), handle: 'ada' })));
    const accepted = results.filter((r) => r.outcome.status === 'ACCEPTED');
    expect(accepted).toHaveLength(1);
    expect(results.filter((r) => r.outcome.status === 'REJECTED' && r.outcome.code === 'HANDLE_TAKEN')).toHaveLength(49);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.events WHERE event_type = 'Joined'`);
    expect(rows[0].n).toBe(1);
  });

  it('a released value can be taken again, and the same value is free in another tenant', async () => {
    const first = randomUUID();
    expect((await run('Join', { memberId: first, handle: 'grace' })).outcome.status).toBe('ACCEPTED');
    expect((await run('Join', { memberId: randomUUID(), handle: 'grace' })).outcome).toMatchObject({ code: 'HANDLE_TAKEN' });
    expect((await run('Join', { memberId: randomUUID(), handle: 'grace' }, randomUUID())).outcome.status).toBe('ACCEPTED');
    expect((await run('Leave', { memberId: first })).outcome.status).toBe('ACCEPTED');
    expect((await run('Join', { memberId: randomUUID(), handle: 'grace' })).outcome.status).toBe('ACCEPTED');
  });

  it('keeps no claimed value in clear (a claimed email is personal data)', async () => {
    await run('Join', { memberId: randomUUID(), handle: 'hopper@example.com' });
    const { rows } = await pool.query(`SELECT key FROM ${schema}.guard_claims`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => String(r.key).includes('hopper'))).toBe(false);
  });

  it('with 100 concurrent orders for the last 10 units exactly 10 succeed and the counter never goes below zero', async () => {
    const item = randomUUID();
    expect((await run('Stock', { item, units: 10 })).outcome.status).toBe('ACCEPTED');
    const results = await Promise.all(Array.from({ length: 100 }, () => run('Order', { orderId: randomUUID(), lines: [{ item, units: 1 }] })));
    expect(results.filter((r) => r.outcome.status === 'ACCEPTED')).toHaveLength(10);
    const refused = results.filter((r) => r.outcome.status === 'REJECTED');
    expect(refused).toHaveLength(90);
    expect(refused[0].outcome).toMatchObject({ code: 'OUT_OF_STOCK', details: { available: 0 } });
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.events WHERE event_type = 'Ordered' AND data::text LIKE $1`, [`%${item}%`]);
    expect(rows[0].n).toBe(10);
  });

  it('orders drawing on overlapping counters, from two processes at once, never deadlock', async () => {
    const items = Array.from({ length: 8 }, () => randomUUID());
    for (const item of items) expect((await run('Stock', { item, units: 10_000 })).outcome.status).toBe('ACCEPTED');
    // A second process's store: its own group commit, racing this one's on the same rows.
    const other = new CommandExecutor(new PostgresEventStore(pool, schema), decider, { context: 'test', schemaVersionOf: () => 1 });
    // Each order takes one unit of 2 to 5 of the items, a different set each time (seeded, so every run is the same).
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const orders = Array.from({ length: 600 }, () => items.filter(() => next() < 0.45).slice(0, 5));
    const results = await Promise.all(
      orders.map((lines, i) =>
        (i % 2 === 0 ? executor : other).execute({
          type: 'Order',
          data: { orderId: randomUUID(), lines: lines.map((item) => ({ item, units: 1 })) },
          metadata: { commandId: randomUUID(), now: new Date().toISOString(), actor: 'test', tenant },
        }),
      ),
    );
    expect(results.filter((r) => r.outcome.status === 'ACCEPTED')).toHaveLength(600);
    const drawn = new Map(items.map((item) => [item, orders.filter((lines) => lines.includes(item)).length]));
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${schema}.events WHERE event_type = 'Ordered' AND data::text LIKE ANY($1)`,
      [items.map((item) => `%${item}%`)],
    );
    expect(rows[0].n).toBe(orders.filter((lines) => lines.length > 0).length);
    expect([...drawn.values()].every((n) => n > 0)).toBe(true);
  });

  it('an order over several items is all or nothing: one short line refuses the whole order', async () => {
    const [plenty, scarce] = [randomUUID(), randomUUID()];
    await run('Stock', { item: plenty, units: 5 });
    await run('Stock', { item: scarce, units: 1 });
    const refused = await run('Order', {
      orderId: randomUUID(),
      lines: [
        { item: plenty, units: 2 },
        { item: scarce, units: 2 },
      ],
    });
    expect(refused.outcome).toMatchObject({ status: 'REJECTED', code: 'OUT_OF_STOCK', details: { available: 1 } });
    const accepted = await run('Order', {
      orderId: randomUUID(),
      lines: [
        { item: plenty, units: 5 },
        { item: scarce, units: 1 },
      ],
    });
    expect(accepted.outcome.status).toBe('ACCEPTED');
  });

  it('a batch shared with an overdrawing command still lands its innocent neighbours', async () => {
    const [ok, empty] = [randomUUID(), randomUUID()];
    await run('Stock', { item: ok, units: 100 });
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => run('Order', { orderId: randomUUID(), lines: [{ item: ok, units: 1 }] })),
      run('Order', { orderId: randomUUID(), lines: [{ item: empty, units: 1 }] }),
    ]);
    expect(results.slice(0, 20).every((r) => r.outcome.status === 'ACCEPTED')).toBe(true);
    expect(results[20].outcome).toMatchObject({ code: 'OUT_OF_STOCK', details: { available: 0 } });
  });
});
