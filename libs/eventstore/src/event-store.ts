import type { Pool } from 'pg';
import { eventStoreDdl } from './schema';
import { type AppendRequest, BatchedIo, type Loaded, type LoadRequest } from './batched-io';
import { Batcher, isolatingFailures } from './batcher';
import { type CommandKey, IDEMPOTENCY_WINDOW_MS, type ProcessedCommand } from './idempotency';
import type { StreamGuard } from './guards';
import { publishingHorizon } from './publishing-horizon';
import type { PersonalData } from './personal-data';
import { migrateInTransaction, quoteIdent } from './sql';
import { StreamCache } from './stream-cache';
import { type AppendMetadata, type CommandOutcome, type LogPosition, type NewEvent, type OpenedStream, type StoredEvent } from './types';

interface EventRow {
  global_position: string;
  transaction_id: string;
  event_id: string;
  context: string;
  stream_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  data: unknown;
  occurred_at: Date;
  correlation_id: string;
  causation_id: string | null;
  actor: string;
  tenant: string | null;
  command_id: string | null;
}

const COLUMNS = `global_position, transaction_id::text AS transaction_id, event_id, context, stream_id,
  stream_version, event_type, schema_version, data, occurred_at, correlation_id, causation_id,
  actor, tenant, command_id`;

const toStoredEvent = (row: EventRow): StoredEvent => ({
  globalPosition: row.global_position,
  transactionId: row.transaction_id,
  eventId: row.event_id,
  context: row.context,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  type: row.event_type,
  schemaVersion: row.schema_version,
  data: row.data,
  occurredAt: row.occurred_at.toISOString(),
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  actor: row.actor,
  tenant: row.tenant,
  commandId: row.command_id,
});

interface Rejection {
  readonly key: CommandKey;
  readonly fingerprint: string;
  readonly outcome: CommandOutcome;
}

const keyColumns = (key: CommandKey) => ({ context: key.context, tenant: key.tenant, command_id: key.commandId });

export interface EventStoreOptions {
  /** Events of recently read streams kept in memory, so a load reads only what came after them (stream-cache.ts); 0 keeps none. */
  readonly streamCacheEvents?: number;
}

/** Enough for a shop's catalog, agents and active customers; at a few kB an event, some tens of MB at most. */
export const DEFAULT_STREAM_CACHE_EVENTS = 10_000;

/**
 * Loads and appends per statement. Smaller statements finish sooner, so the commands of a Kafka
 * partition batch are answered, and the next fetch made, sooner: at 100 rather than 500 the
 * orchestration bench ran 1,363–1,504 transitions/s against 1,131–1,314 (p50 dispatch latency
 * 1,255 against 1,874 ms) and the lifecycle Kafka door 2,854 against 2,347 commands/s, the store
 * in process unchanged (2,573 against 2,514). At 50, orchestration 1,613 but the lifecycle door
 * 2,464 and command latency p99 152 against 118 ms. (2026-12-06, bench/README.md.)
 */
const STATEMENT_BATCH = 100;

/**
 * PostgreSQL event store: streams with optimistic concurrency, a commit-ordered global log
 * that followers can trust, and command ids recorded once per (context, tenant) with their
 * outcome and request fingerprint (idempotency.ts). Concurrent commands share round trips
 * (group commit), so throughput grows with load.
 */
export class PostgresEventStore {
  private readonly table: string;
  private readonly appendListeners = new Set<(streamId: string) => void>();

  private readonly loads: Batcher<LoadRequest, Loaded>;
  private readonly appends: Batcher<AppendRequest, CommandOutcome>;
  private readonly rejections: Batcher<Rejection, ProcessedCommand | null>;

  /**
   * `personalData`: personal values are sealed before they are written and opened when a
   * command reads its streams (readers of the log — relay, rebuilds — get them sealed).
   */
  constructor(
    private readonly pool: Pool,
    readonly schema = 'eventstore',
    private readonly personalData: PersonalData | null = null,
    options: EventStoreOptions = {},
  ) {
    this.table = quoteIdent(schema);
    const held = (event: StoredEvent) => !personalData?.holdsClear(event.context, event);
    const cache = new StreamCache(options.streamCacheEvents ?? DEFAULT_STREAM_CACHE_EVENTS, held);
    const io = new BatchedIo(pool, this.table, COLUMNS, toStoredEvent as (row: never) => StoredEvent, cache);
    this.loads = new Batcher(
      isolatingFailures((requests) => io.load(requests)),
      { maxBatch: STATEMENT_BATCH },
    );
    this.appends = new Batcher(
      isolatingFailures((requests) => io.append(requests)),
      { maxBatch: STATEMENT_BATCH },
    );
    this.rejections = new Batcher((rejections) => this.recordRejections(rejections));
  }

  /** Creates the schema if missing; safe to run concurrently from several processes. */
  async migrate(): Promise<void> {
    await migrateInTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${this.schema}`]);
      await client.query(eventStoreDdl(this.schema));
    });
  }

  /** A stream's events after `afterVersion` (all by default), in version order. */
  async readStream(streamId: string, afterVersion = 0): Promise<{ events: StoredEvent[]; version: number }> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table}.events WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version`,
      [streamId, afterVersion],
    );
    const events = await this.opened(rows.map(toStoredEvent));
    return { events, version: events.length === 0 ? 0 : events[events.length - 1].streamVersion };
  }

  /**
   * What a command handler needs: what the command's key was first used for, if anything, the
   * stream it addresses and the streams its decision also reads. Concurrent loads share one
   * round trip.
   */
  async load(streamId: string, key: CommandKey, alsoReads: readonly string[] = []): Promise<Loaded> {
    const loaded = await this.loads.submit({ streamId, key, alsoReads });
    if (!this.personalData) return loaded;
    // One key lookup for the command's stream and the streams it also reads.
    const opened = await this.opened([...loaded.alsoRead, ...loaded.events]);
    return { ...loaded, alsoRead: opened.slice(0, loaded.alsoRead.length), events: opened.slice(loaded.alsoRead.length) };
  }

  private opened(events: StoredEvent[]): Promise<StoredEvent[]> {
    return this.personalData ? this.personalData.openAll(events) : Promise.resolve(events);
  }

  async findProcessed(key: CommandKey): Promise<ProcessedCommand | null> {
    const { rows } = await this.pool.query<{ result: CommandOutcome; fingerprint: string | null }>(
      `SELECT result, fingerprint FROM ${this.table}.processed_commands WHERE context = $1 AND tenant = $2 AND command_id = $3`,
      [key.context, key.tenant, key.commandId],
    );
    return rows[0] ? { outcome: rows[0].result, fingerprint: rows[0].fingerprint } : null;
  }

  /**
   * Appends after `expectedVersion` and records the command's outcome in the same
   * transaction. Nothing is written before the insert into `events`, so the transaction id
   * is taken after the stream was read: a stream's later version always has a later
   * transaction id, which keeps per-stream order in the global log. `opened` streams are
   * created in the same transaction; if one exists already, nothing at all is written
   * (StreamAlreadyExistsError). `guards` are taken, released and counted in the same
   * statement; one that refuses writes nothing (GuardViolationError, guards.ts).
   */
  async append(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    metadata: AppendMetadata,
    outcome: (streamVersion: number) => CommandOutcome,
    opened: readonly OpenedStream[] = [],
    guards: readonly StreamGuard[] = [],
  ): Promise<CommandOutcome> {
    if (this.personalData) {
      const [own, ...others] = await this.personalData.seal(metadata.context, metadata.tenant, [{ streamId, events }, ...opened]);
      events = own;
      opened = opened.map((stream, i) => ({ streamId: stream.streamId, events: others[i] }));
    }
    const result = await this.appends.submit({
      streamId,
      expectedVersion,
      events,
      metadata,
      outcome: outcome(expectedVersion + events.length),
      opened,
      guards,
    });
    this.appendListeners.forEach((listener) => listener(streamId));
    return result;
  }

  /** Called after every successful append in this process (the relay wakes on it). */
  onAppended(listener: (streamId: string) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /**
   * Records a rejection so that the same request under the same key is answered the same way
   * again. Returns null when recorded, or what the key was used for first (left as it was).
   */
  recordRejection(key: CommandKey, fingerprint: string, outcome: CommandOutcome): Promise<ProcessedCommand | null> {
    return this.rejections.submit({ key, fingerprint, outcome });
  }

  /** Concurrent rejections (a sold-out item refuses many orders at once) share two statements. */
  private async recordRejections(rejections: readonly Rejection[]): Promise<(ProcessedCommand | null)[]> {
    const rows = rejections.map(({ key, fingerprint, outcome }) => ({ ...keyColumns(key), stream_id: outcome.streamId, fingerprint, result: outcome }));
    const { rows: inserted } = await this.pool.query<{ context: string; tenant: string; command_id: string }>(
      `INSERT INTO ${this.table}.processed_commands (context, tenant, command_id, stream_id, fingerprint, result)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(context text, tenant text, command_id text, stream_id text, fingerprint text, result jsonb)
       ON CONFLICT (context, tenant, command_id) DO NOTHING
       RETURNING context, tenant, command_id`,
      [JSON.stringify(rows)],
    );
    const recorded = new Set(inserted.map((row) => `${row.context}|${row.tenant}|${row.command_id}`));
    const idOf = (key: CommandKey) => `${key.context}|${key.tenant}|${key.commandId}`;
    const firsts = await this.findAllProcessed(rejections.filter((r) => !recorded.has(idOf(r.key))).map((r) => r.key));
    return rejections.map(({ key, fingerprint, outcome }) => (recorded.has(idOf(key)) ? null : (firsts.get(idOf(key)) ?? { outcome, fingerprint })));
  }

  private async findAllProcessed(keys: readonly CommandKey[]): Promise<Map<string, ProcessedCommand>> {
    if (keys.length === 0) return new Map();
    const { rows } = await this.pool.query<{ context: string; tenant: string; command_id: string; result: CommandOutcome; fingerprint: string | null }>(
      `SELECT p.context, p.tenant, p.command_id, p.result, p.fingerprint
         FROM jsonb_to_recordset($1::jsonb) AS k(context text, tenant text, command_id text)
         JOIN ${this.table}.processed_commands p USING (context, tenant, command_id)`,
      [JSON.stringify(keys.map(keyColumns))],
    );
    return new Map(rows.map((row) => [`${row.context}|${row.tenant}|${row.command_id}`, { outcome: row.result, fingerprint: row.fingerprint }]));
  }

  /**
   * Forgets command ids recorded before `olderThan` (by default the idempotency window, 7 days,
   * ago), `batchSize` rows per statement so no long transaction holds locks; returns how many.
   * A forgotten id is a new command if it comes again: callers choose a window longer than any
   * client or service retries for.
   */
  async pruneProcessedCommands(olderThan = new Date(Date.now() - IDEMPOTENCY_WINDOW_MS), batchSize = 1_000): Promise<number> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, not ${batchSize}`);
    let total = 0;
    for (;;) {
      const { rowCount } = await this.pool.query(
        `DELETE FROM ${this.table}.processed_commands
          WHERE (context, tenant, command_id) IN (
            SELECT context, tenant, command_id FROM ${this.table}.processed_commands
             WHERE processed_at < $1 ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [olderThan, batchSize],
      );
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < batchSize) return total;
    }
  }

  /**
   * Events committed after `after`, in transaction-id order, that no running event writer can
   * still precede: only transactions below the publishing horizon are read. The horizon waits
   * for open event-writing transactions only (they hold the events table's ROW EXCLUSIVE lock
   * from before they have an id), not for unrelated ones — see publishing-horizon.ts. It is
   * found in a statement of its own: the read must use a later snapshot than the lock check.
   */
  async readCommitted(after: LogPosition, limit: number, context?: string): Promise<StoredEvent[]> {
    const horizon = await publishingHorizon(this.pool, this.table);
    const { rows } = await this.pool.query<EventRow>(
      // Qualified: the bare name would sort by the output column, transaction_id::text, in
      // text order ('100000' < '99999') — skipping events once ids gain a digit, and the index.
      `SELECT ${COLUMNS} FROM ${this.table}.events e
        WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
          AND e.transaction_id < $5::xid8
          AND ($4::text IS NULL OR e.context = $4)
        ORDER BY e.transaction_id, e.global_position
        LIMIT $3`,
      [after.transactionId, after.globalPosition, limit, context ?? null, horizon],
    );
    return rows.map(toStoredEvent);
  }

  async loadCheckpoint(name: string): Promise<LogPosition | null> {
    const { rows } = await this.pool.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id::text AS transaction_id, global_position FROM ${this.table}.checkpoints WHERE name = $1`,
      [name],
    );
    return rows[0] ? { transactionId: rows[0].transaction_id, globalPosition: rows[0].global_position } : null;
  }

  async saveCheckpoint(name: string, position: LogPosition): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table}.checkpoints (name, transaction_id, global_position) VALUES ($1, $2::xid8, $3)
       ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
         global_position = EXCLUDED.global_position, updated_at = now()`,
      [name, position.transactionId, position.globalPosition],
    );
  }

  /** How many committed events lie beyond a checkpoint (relay lag, for metrics and health). */
  async countAfter(after: LogPosition): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${this.table}.events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)`,
      [after.transactionId, after.globalPosition],
    );
    return Number(rows[0].n);
  }
}
