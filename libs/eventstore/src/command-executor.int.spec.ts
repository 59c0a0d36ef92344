import { randomUUID } from 'node:crypto';
import { type Command, type Decider, DomainError, type Event } from '@campaign/domain';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { CommandExecutor, STREAM_ALREADY_EXISTS } from './command-executor';
import { PostgresEventStore } from './event-store';
import { commandKey, IDEMPOTENCY_KEY_REUSED } from './idempotency';

/**
 * A tiny decider shaped like outreach's AddContacts: a list reads its org's directory
 * (alsoReads) and adding items opens one stream per item (streamOfNew).
 */
type Register = Command<'Register', { readonly org: string; readonly label: string }>;
type AddItems = Command<'AddItems', { readonly org: string; readonly listId: string; readonly itemIds: readonly string[] }>;
type TestCommand = Register | AddItems;
type Registered = Event<'Registered', { readonly label: string }>;
type ItemsAdded = Event<'ItemsAdded', { readonly count: number; readonly label: string; readonly total: number }>;
type ItemAdded = Event<'ItemAdded', { readonly itemId: string; readonly listId: string }>;
type TestEvent = Registered | ItemsAdded | ItemAdded;
interface TestState {
  readonly label: string | null;
  readonly total: number;
}

const directoryOf = (org: string) => `dir-${org}`;
const listOf = (org: string, listId: string) => `dir-${org}/list/${listId}`;
const itemOf = (org: string, itemId: string) => `dir-${org}/item/${itemId}`;

const decider: Decider<TestCommand, TestEvent, TestState> = {
  initialState: () => ({ label: null, total: 0 }),
  evolve: (state, event) => {
    if (event.type === 'Registered') return { ...state, label: event.data.label };
    if (event.type === 'ItemsAdded') return { ...state, total: event.data.total };
    return state;
  },
  decide: (command, state) => {
    if (command.type === 'Register') return [{ type: 'Registered', data: { label: command.data.label } }];
    if (state.label === null) return new DomainError('DIRECTORY_MISSING', 'the org has no directory');
    const { itemIds, listId } = command.data;
    const total = state.total + itemIds.length;
    return [
      { type: 'ItemsAdded', data: { count: itemIds.length, label: state.label, total } },
      ...itemIds.map((itemId): ItemAdded => ({ type: 'ItemAdded', data: { itemId, listId } })),
    ];
  },
  streamIdOf: (command) => (command.type === 'Register' ? directoryOf(command.data.org) : listOf(command.data.org, command.data.listId)),
  alsoReads: (command) => (command.type === 'AddItems' ? [directoryOf(command.data.org)] : []),
  streamOfNew: (event, command) => (event.type === 'ItemAdded' ? itemOf(command.data.org, event.data.itemId) : null),
};

const meta = (commandId = randomUUID()) => ({ commandId, now: new Date().toISOString(), actor: 'test', tenant: 'org' });

describe("CommandExecutor: streams read besides the command's own, and streams opened with it", () => {
  let pool: Pool;
  let store: PostgresEventStore;
  let executor: CommandExecutor<TestCommand, TestEvent, TestState>;
  const schema = `es_${uniqueSuffix()}`;

  beforeAll(async () => {
    pool = testPool(10);
    store = new PostgresEventStore(pool, schema);
    await store.migrate();
    executor = new CommandExecutor(store, decider, { context: 'test', schemaVersionOf: () => 1 });
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  });

  const registeredOrg = async (label = 'Acme') => {
    const org = randomUUID();
    await executor.execute({ type: 'Register', data: { org, label }, metadata: meta() });
    return org;
  };
  const addItems = (org: string, listId: string, itemIds: readonly string[], commandId = randomUUID()): AddItems => ({
    type: 'AddItems',
    data: { org, listId, itemIds },
    metadata: meta(commandId),
  });

  it("folds the also-read streams before the command's own", async () => {
    const listId = randomUUID();
    const unknownOrg = randomUUID();
    expect((await executor.execute(addItems(unknownOrg, listId, ['a']))).outcome).toMatchObject({ status: 'REJECTED', code: 'DIRECTORY_MISSING' });

    const org = await registeredOrg('Globex');
    await executor.execute(addItems(org, listId, [randomUUID()]));
    await executor.execute(addItems(org, listId, [randomUUID(), randomUUID()]));
    const { events, version } = await store.readStream(listOf(org, listId));
    expect(version).toBe(2);
    expect(events.map((e) => e.data)).toEqual([
      { count: 1, label: 'Globex', total: 1 },
      { count: 2, label: 'Globex', total: 3 },
    ]);
    // Only the command's own stream is expected at a version: the directory did not move.
    expect((await store.readStream(directoryOf(org))).version).toBe(1);
  });

  it("opens each new stream at version 1 in the same transaction as the command's stream; the outcome lists only its own events", async () => {
    const org = await registeredOrg();
    const listId = randomUUID();
    const itemIds = [randomUUID(), randomUUID(), randomUUID()];
    const { outcome } = await executor.execute(addItems(org, listId, itemIds));
    expect(outcome).toMatchObject({ status: 'ACCEPTED', streamId: listOf(org, listId), streamVersion: 1 });
    const own = await store.readStream(listOf(org, listId));
    expect(outcome.status === 'ACCEPTED' && outcome.eventIds).toEqual([own.events[0].eventId]);
    for (const itemId of itemIds) {
      const item = await store.readStream(itemOf(org, itemId));
      expect(item.version).toBe(1);
      expect(item.events[0]).toMatchObject({ type: 'ItemAdded', data: { itemId, listId }, tenant: 'org', transactionId: own.events[0].transactionId });
    }
  });

  it('writes nothing when a stream it would open exists, and says which', async () => {
    const org = await registeredOrg();
    const listId = randomUUID();
    const taken = randomUUID();
    await executor.execute(addItems(org, randomUUID(), [taken]));
    const fresh = randomUUID();
    const { outcome } = await executor.execute(addItems(org, listId, [fresh, taken]));
    expect(outcome).toMatchObject({ status: 'REJECTED', code: STREAM_ALREADY_EXISTS, details: { streamId: itemOf(org, taken) } });
    expect((await store.readStream(listOf(org, listId))).version).toBe(0);
    expect((await store.readStream(itemOf(org, fresh))).version).toBe(0);
    expect((await store.readStream(itemOf(org, taken))).version).toBe(1);
  });

  it('two commands racing to open the same stream: one lands whole, the other writes nothing', async () => {
    const org = await registeredOrg();
    const shared = randomUUID();
    const [a, b] = [randomUUID(), randomUUID()];
    const results = await Promise.all([executor.execute(addItems(org, a, [shared, randomUUID()])), executor.execute(addItems(org, b, [randomUUID(), shared]))]);
    expect(results.map((r) => r.outcome.status).sort()).toEqual(['ACCEPTED', 'REJECTED']);
    const versions = [(await store.readStream(listOf(org, a))).version, (await store.readStream(listOf(org, b))).version];
    expect(versions.sort()).toEqual([0, 1]);
  });

  it('a repeated command id writes nothing, not even the streams it would open', async () => {
    const org = await registeredOrg();
    const listId = randomUUID();
    const commandId = randomUUID();
    const first = await executor.execute(addItems(org, listId, [randomUUID()], commandId));
    const other = randomUUID();
    const again = await executor.execute(addItems(org, listId, [other], commandId));
    // Another request under the same id is refused rather than answered as the first.
    expect(again).toMatchObject({ outcome: { status: 'REJECTED', code: IDEMPOTENCY_KEY_REUSED }, duplicate: false });
    expect((await store.readStream(listOf(org, listId))).version).toBe(1);
    expect((await store.readStream(itemOf(org, other))).version).toBe(0);
    expect((await store.findProcessed(commandKey('test', 'org', commandId)))?.outcome).toEqual(first.outcome);
  });

  it('appends a bulk of 100,000 opened streams in one transaction', async () => {
    const org = await registeredOrg();
    const listId = randomUUID();
    const itemIds = Array.from({ length: 100_000 }, () => randomUUID());
    const command = addItems(org, listId, itemIds);
    const { outcome } = await executor.execute(command);
    expect(outcome).toMatchObject({ status: 'ACCEPTED', streamVersion: 1 });
    expect(outcome.status === 'ACCEPTED' && outcome.eventIds).toHaveLength(1);
    const { rows } = await pool.query(
      `SELECT count(*)::int AS events, count(DISTINCT transaction_id::text)::int AS transactions, count(DISTINCT stream_id)::int AS streams,
              max(stream_version) AS max_version
         FROM ${schema}.events WHERE command_id = $1`,
      [command.metadata.commandId],
    );
    expect(rows[0]).toEqual({ events: 100_001, transactions: 1, streams: 100_001, max_version: 1 });
    const recorded = await store.findProcessed(commandKey('test', 'org', command.metadata.commandId));
    expect(recorded?.outcome).toEqual(outcome);
  });

  it("an event the wire contract refuses (too large) rejects its command with the contract's code; nothing is written", async () => {
    const tooLarge = Object.assign(new Error('Registered would be 600000 bytes on the wire'), { code: 'EVENT_TOO_LARGE' });
    const guarded = new CommandExecutor(store, decider, {
      context: 'test',
      schemaVersionOf: () => 1,
      validate: (event) => {
        if (event.type === 'Registered' && (event.data as { label: string }).label.length > 1_000) throw tooLarge;
      },
    });
    const org = randomUUID();
    const { outcome } = await guarded.execute({ type: 'Register', data: { org, label: 'x'.repeat(5_000) }, metadata: meta() });
    expect(outcome).toMatchObject({ status: 'REJECTED', code: 'EVENT_TOO_LARGE' });
    expect((await store.readStream(directoryOf(org))).version).toBe(0);
    await expect(guarded.execute({ type: 'Register', data: { org, label: 'fits' }, metadata: meta() })).resolves.toMatchObject({
      outcome: { status: 'ACCEPTED' },
    });
  });
});
