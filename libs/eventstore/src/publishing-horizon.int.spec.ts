import { randomUUID } from 'node:crypto';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool, PoolClient } from 'pg';
import { insertEvents } from './append-statement';
import { PostgresEventStore } from './event-store';
import { inEventWritingTransaction } from './event-writing';
import { quoteIdent } from './sql';
import { type AppendMetadata, LOG_START, type LogPosition, type StoredEvent } from './types';

const metadata = (commandId = randomUUID()): AppendMetadata => ({
  context: 'test',
  occurredAt: new Date().toISOString(),
  correlationId: commandId,
  causationId: commandId,
  actor: 'test',
  tenant: null,
  commandId,
});
const event = (n: number) => ({ eventId: randomUUID(), type: 'Happened', schemaVersion: 1, data: { n } });
const positionOf = (e: StoredEvent): LogPosition => ({ transactionId: e.transactionId, globalPosition: e.globalPosition });

describe('the publishing horizon', () => {
  let pool: Pool;
  let store: PostgresEventStore;
  const schema = `hz_${uniqueSuffix()}`;

  beforeAll(async () => {
    pool = testPool(10);
    store = new PostgresEventStore(pool, schema);
    await store.migrate();
    await pool.query(`CREATE TABLE ${schema}.unrelated (n INTEGER)`);
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  });

  /** Appends one event to a new stream through the store; returns the stream. */
  const appendOne = async (): Promise<string> => {
    const stream = `s-${randomUUID()}`;
    const m = metadata();
    await store.append(stream, 0, [event(1)], m, (streamVersion) => ({
      status: 'ACCEPTED',
      commandId: m.commandId,
      streamId: stream,
      streamVersion,
      eventIds: [],
    }));
    return stream;
  };
  /** Where a reader that has read everything readable now stands (tests here leave no writer open). */
  const endOfLog = async (): Promise<LogPosition> => {
    const all = await store.readCommitted(LOG_START, 100_000);
    return all.length ? positionOf(all[all.length - 1]) : LOG_START;
  };
  const transactionIdOf = async (client: PoolClient): Promise<string | null> =>
    (await client.query<{ id: string | null }>('SELECT pg_current_xact_id_if_assigned()::text AS id')).rows[0].id;

  it.each([
    ['a write to another table', () => `INSERT INTO ${schema}.unrelated VALUES (1)`],
    ['a CREATE INDEX, as a rebuild runs', () => `CREATE INDEX ON ${schema}.unrelated (n)`],
  ])('a long unrelated write transaction (%s) does not hold publishing', async (_, statement) => {
    const after = await endOfLog();
    const long = await pool.connect();
    try {
      await long.query('BEGIN');
      await long.query(statement());
      // It has a transaction id older than the events below, and stays open while they are read.
      expect(await transactionIdOf(long)).not.toBeNull();
      const appended = [await appendOne(), await appendOne()];
      expect((await store.readCommitted(after, 100)).map((e) => e.streamId)).toEqual(appended);
    } finally {
      await long.query('ROLLBACK');
      long.release();
    }
  });

  it('an event writer that took its transaction id early is never skipped', async () => {
    const after = await endOfLog();
    const before = await appendOne();
    const early = `early-${randomUUID()}`;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let idTaken!: () => void;
    const hasId = new Promise<void>((resolve) => (idTaken = resolve));
    // Like the timer planner: the events lock first, then other writes (the id is taken here),
    // a pause, and only then the events.
    const writer = inEventWritingTransaction(pool, quoteIdent(schema), async (client) => {
      await client.query(`INSERT INTO ${schema}.unrelated VALUES (2)`);
      idTaken();
      await released;
      await insertEvents(client, quoteIdent(schema), [{ streamId: early, expectedVersion: 0, events: [event(2)], metadata: metadata(), outcome: null }]);
    });
    let held: StoredEvent[];
    let later: string;
    try {
      await Promise.race([hasId, writer]);
      later = await appendOne();
      // `later` is committed, but the open writer's events will come before it in the log.
      held = await store.readCommitted(after, 100);
    } finally {
      release();
      await writer;
    }
    expect(held.map((e) => e.streamId)).toEqual([before]);
    const rest = await store.readCommitted(positionOf(held[0]), 100);
    expect(rest.map((e) => e.streamId)).toEqual([early, later]);
  });

  it('a follower reading while early-id writers, appends and unrelated transactions interleave sees every event once', async () => {
    let from = await endOfLog();
    const seen: string[] = [];
    let writing = true;
    const pause = (ms = 30) => new Promise((resolve) => setTimeout(resolve, Math.random() * ms));
    const follow = async (): Promise<void> => {
      for (;;) {
        // Only an empty read that began after every writer committed means the end.
        const last = !writing;
        const read = await store.readCommitted(from, 50);
        read.forEach((e) => seen.push(e.streamId));
        if (read.length) from = positionOf(read[read.length - 1]);
        else if (last) return;
        else await pause(5);
      }
    };
    const earlyWriter = async (i: number): Promise<string> => {
      const stream = `early-${i}-${randomUUID()}`;
      await inEventWritingTransaction(pool, quoteIdent(schema), async (client) => {
        await client.query(`INSERT INTO ${schema}.unrelated VALUES ($1)`, [i]);
        await pause();
        await insertEvents(client, quoteIdent(schema), [{ streamId: stream, expectedVersion: 0, events: [event(i)], metadata: metadata(), outcome: null }]);
      });
      return stream;
    };
    const unrelated = async (i: number): Promise<void> => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`INSERT INTO ${schema}.unrelated VALUES ($1)`, [i]);
        await pause();
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    const following = follow();
    const written = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        await pause();
        if (i % 3 === 2) await unrelated(i);
        return i % 3 === 0 ? earlyWriter(i) : appendOne();
      }),
    );
    writing = false;
    await following;
    expect([...seen].sort()).toEqual([...written].sort());
  });
});
