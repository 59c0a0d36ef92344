import { randomUUID } from 'node:crypto';
import { lifecycle } from '@campaign/domain';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { CommandExecutor } from './command-executor';
import { PostgresEventStore } from './event-store';
import { commandKey } from './idempotency';
import { ConcurrencyError, LOG_START, type AppendMetadata, type CommandOutcome } from './types';

const metadata = (commandId = randomUUID()): AppendMetadata => ({
  context: 'test',
  occurredAt: new Date().toISOString(),
  correlationId: commandId,
  causationId: commandId,
  actor: 'test',
  tenant: null,
  commandId,
});
const accepted =
  (commandId: string, streamId: string) =>
  (streamVersion: number): CommandOutcome => ({
    status: 'ACCEPTED',
    commandId,
    streamId,
    streamVersion,
    eventIds: [],
  });
const event = (n: number) => ({ eventId: randomUUID(), type: 'Happened', schemaVersion: 1, data: { n } });

describe('PostgresEventStore', () => {
  let pool: Pool;
  let store: PostgresEventStore;
  const schema = `es_${uniqueSuffix()}`;

  beforeAll(async () => {
    pool = testPool(20);
    store = new PostgresEventStore(pool, schema);
    await store.migrate();
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  });

  it("one command's failure is its own: 20 valid appends interleaved with 20 PostgreSQL refuses all land, only the poison fails", async () => {
    const attempts = Array.from({ length: 40 }, (_, i) => {
      const stream = `iso-${randomUUID()}`;
      const m = metadata();
      // U+0000 cannot be stored in jsonb: a value only PostgreSQL itself refuses, mid-batch.
      const data = i % 2 === 0 ? { n: i } : { n: i, text: 'poison\u0000' };
      return {
        stream,
        poison: i % 2 === 1,
        done: store.append(stream, 0, [{ ...event(i), data }], m, accepted(m.commandId, stream)).then(
          () => 'ok',
          (e: Error) => e,
        ),
      };
    });
    const results = await Promise.all(attempts.map((a) => a.done));
    expect(results.filter((r, i) => !attempts[i].poison && r !== 'ok')).toEqual([]);
    expect(results.filter((r, i) => attempts[i].poison && r === 'ok')).toEqual([]);
    for (const a of attempts) expect((await store.readStream(a.stream)).version).toBe(a.poison ? 0 : 1);
  });

  it('appends with the expected version and rejects a stale one', async () => {
    const stream = `s-${randomUUID()}`;
    const m1 = metadata();
    await store.append(stream, 0, [event(1), event(2)], m1, accepted(m1.commandId, stream));
    const m2 = metadata();
    await expect(store.append(stream, 1, [event(3)], m2, accepted(m2.commandId, stream))).rejects.toBeInstanceOf(ConcurrencyError);
    const { events, version } = await store.readStream(stream);
    expect(version).toBe(2);
    expect(events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await store.findProcessed(commandKey('test', null, m2.commandId))).toBeNull();
  });

  it('never lets a reader skip an event whose transaction commits after a later position', async () => {
    const start = await store.readCommitted(LOG_START, 100_000);
    const after = start.length ? { transactionId: start.at(-1)!.transactionId, globalPosition: start.at(-1)!.globalPosition } : LOG_START;
    const slow = await pool.connect();
    const slowStream = `slow-${randomUUID()}`;
    await slow.query('BEGIN');
    await slow.query(
      `INSERT INTO ${schema}.events (event_id, context, stream_id, stream_version, event_type, schema_version, data, occurred_at, correlation_id, actor)
       VALUES ($1, 'test', $2, 1, 'Happened', 1, '{}', now(), 'c', 'test')`,
      [randomUUID(), slowStream],
    );
    const fastStream = `fast-${randomUUID()}`;
    const m = metadata();
    await store.append(fastStream, 0, [event(1)], m, accepted(m.commandId, fastStream));
    // The fast event has the higher position and is committed, but the slow one may still commit below it.
    expect(await store.readCommitted(after, 100)).toEqual([]);
    await slow.query('COMMIT');
    slow.release();
    // Only this store's event writers hold its horizon (another schema's open transactions do
    // not), so the very next read has both.
    const visible = await store.readCommitted(after, 100);
    expect(visible.map((e) => e.streamId)).toEqual([slowStream, fastStream]);
  });

  it('reads in transaction-id order as numbers, not text, so no event is skipped when ids gain a digit', async () => {
    const isolated = `es_${uniqueSuffix()}`;
    const other = new PostgresEventStore(pool, isolated);
    await other.migrate();
    try {
      // Transaction ids 99 and 100: as text, '100' sorts before '99'.
      for (const xid of ['99', '100']) {
        await pool.query(
          `INSERT INTO ${isolated}.events (transaction_id, event_id, context, stream_id, stream_version, event_type, schema_version, data, occurred_at, correlation_id, actor)
           VALUES ($1::xid8, $2, 'test', $3, 1, 'Happened', 1, '{}', now(), 'c', 'test')`,
          [xid, randomUUID(), `s-${xid}`],
        );
      }
      const first = await other.readCommitted(LOG_START, 1);
      expect(first.map((e) => e.transactionId)).toEqual(['99']);
      const rest = await other.readCommitted({ transactionId: first[0].transactionId, globalPosition: first[0].globalPosition }, 10);
      expect(rest.map((e) => e.transactionId)).toEqual(['100']);
    } finally {
      await pool.query(`DROP SCHEMA ${isolated} CASCADE`);
    }
  });

  describe('CommandExecutor', () => {
    const executor = () => new CommandExecutor(store, lifecycle.campaignDecider, { context: 'lifecycle', schemaVersionOf: () => 1 });
    const create = (campaignId: string, commandId = randomUUID()): lifecycle.CreateCampaign => ({
      type: 'CreateCampaign',
      data: { campaignId, durationHours: 24 },
      metadata: { commandId, now: new Date().toISOString(), actor: 'test' },
    });

    it('processes a command id once: a repeat returns the first result and writes nothing', async () => {
      const campaignId = randomUUID();
      const command = create(campaignId);
      const first = await executor().execute(command);
      const again = await executor().execute({ ...command, metadata: { ...command.metadata, now: new Date(Date.now() + 1000).toISOString() } });
      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ outcome: first.outcome, duplicate: true });
      expect((await store.readStream(lifecycle.campaignStreamId(campaignId))).version).toBe(1);
    });

    it('answers a repeated rejected command with the same rejection', async () => {
      const start: lifecycle.StartCampaign = {
        type: 'StartCampaign',
        data: { campaignId: randomUUID() },
        metadata: { commandId: randomUUID(), now: new Date().toISOString(), actor: 't' },
      };
      const first = await executor().execute(start);
      expect(first.outcome).toMatchObject({ status: 'REJECTED', code: 'CAMPAIGN_NOT_FOUND' });
      expect(await executor().execute(start)).toEqual({ outcome: first.outcome, duplicate: true });
    });

    it('re-decides after losing a race, so concurrent commands on one stream all land in order', async () => {
      const campaignId = randomUUID();
      await executor().execute(create(campaignId));
      await executor().execute({
        type: 'StartCampaign',
        data: { campaignId },
        metadata: { commandId: randomUUID(), now: new Date().toISOString(), actor: 't' },
      });
      const joins = Array.from({ length: 16 }, (_, i) =>
        executor().execute({
          type: 'JoinCampaign',
          data: { campaignId, participantId: `p${i}` },
          metadata: { commandId: randomUUID(), now: new Date().toISOString(), actor: 't' },
        }),
      );
      const outcomes = await Promise.all(joins);
      expect(outcomes.every((o) => o.outcome.status === 'ACCEPTED')).toBe(true);
      const { events, version } = await store.readStream(lifecycle.campaignStreamId(campaignId));
      expect(version).toBe(18);
      expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    });

    it('two racing commands with the same id write once', async () => {
      const campaignId = randomUUID();
      const command = create(campaignId);
      const both = await Promise.all([executor().execute(command), executor().execute(command)]);
      expect(both.map((b) => b.outcome)).toEqual([both[0].outcome, both[0].outcome]);
      expect((await store.readStream(lifecycle.campaignStreamId(campaignId))).version).toBe(1);
    });
  });
});
