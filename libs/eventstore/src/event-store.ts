import type { Pool } from 'pg';
import { eventStoreDdl } from './schema';
import { inTransaction, isUniqueViolation, quoteIdent } from './sql';
import {
  type AppendMetadata,
  type CommandOutcome,
  ConcurrencyError,
  DuplicateCommandError,
  type LogPosition,
  type NewEvent,
  type StoredEvent,
} from './types';

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

/**
 * PostgreSQL event store: streams with optimistic concurrency, a commit-ordered global log
 * that followers can trust, and command ids recorded once with their outcome.
 */
export class PostgresEventStore {
  private readonly table: string;
  private readonly appendListeners = new Set<(streamId: string) => void>();

  constructor(private readonly pool: Pool, readonly schema = 'eventstore') {
    this.table = quoteIdent(schema);
  }

  /** Creates the schema if missing; safe to run concurrently from several processes. */
  async migrate(): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${this.schema}`]);
      await client.query(eventStoreDdl(this.schema));
    });
  }

  async readStream(streamId: string): Promise<{ events: StoredEvent[]; version: number }> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table}.events WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    const events = rows.map(toStoredEvent);
    return { events, version: events.length === 0 ? 0 : events[events.length - 1].streamVersion };
  }

  /**
   * What a command handler needs in one round trip: the command's earlier outcome, if any,
   * and the stream it addresses.
   */
  async load(streamId: string, commandId: string): Promise<{ outcome: CommandOutcome | null; events: StoredEvent[]; version: number }> {
    const { rows } = await this.pool.query<EventRow & { outcome: CommandOutcome | null }>(
      `SELECT p.result AS outcome, e.*
         FROM (SELECT 1) AS one
         LEFT JOIN ${this.table}.processed_commands p ON p.command_id = $2
         LEFT JOIN LATERAL (
           SELECT ${COLUMNS} FROM ${this.table}.events WHERE stream_id = $1
         ) e ON true
        ORDER BY e.stream_version`,
      [streamId, commandId],
    );
    const outcome = rows[0]?.outcome ?? null;
    const events = rows.filter((row) => row.event_id !== null).map(toStoredEvent);
    return { outcome, events, version: events.length === 0 ? 0 : events[events.length - 1].streamVersion };
  }

  async findOutcome(commandId: string): Promise<CommandOutcome | null> {
    const { rows } = await this.pool.query<{ result: CommandOutcome }>(
      `SELECT result FROM ${this.table}.processed_commands WHERE command_id = $1`,
      [commandId],
    );
    return rows[0]?.result ?? null;
  }

  /**
   * Appends after `expectedVersion` and records the command's outcome in the same
   * transaction. Nothing is written before the insert into `events`, so the transaction id
   * is taken after the stream was read: a stream's later version always has a later
   * transaction id, which keeps per-stream order in the global log.
   */
  async append(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    metadata: AppendMetadata,
    outcome: (streamVersion: number) => CommandOutcome,
  ): Promise<CommandOutcome> {
    const result = outcome(expectedVersion + events.length);
    const m = metadata;
    try {
      // One statement, so one round trip and one implicit transaction: the events and the
      // command's outcome commit together or not at all. (No NOTIFY here: PostgreSQL
      // serialises committing transactions that notify, which cut appends/s by two thirds.)
      await this.pool.query(
        `WITH appended AS (
           INSERT INTO ${this.table}.events (event_id, context, stream_id, stream_version, event_type,
             schema_version, data, occurred_at, correlation_id, causation_id, actor, tenant, command_id)
           SELECT e.event_id, $1, $2, $3 + e.ord, e.event_type, e.schema_version, e.data, $4, $5, $6, $7, $8, $9
             FROM unnest($10::uuid[], $11::text[], $12::int[], $13::jsonb[]) WITH ORDINALITY
                  AS e(event_id, event_type, schema_version, data, ord)
            ORDER BY e.ord
           RETURNING 1
         ), recorded AS (
           INSERT INTO ${this.table}.processed_commands (command_id, context, stream_id, result)
           VALUES ($9, $1, $2, $14) RETURNING 1
         )
         SELECT (SELECT count(*) FROM appended), (SELECT count(*) FROM recorded)`,
        [
          m.context, streamId, expectedVersion, m.occurredAt, m.correlationId, m.causationId, m.actor, m.tenant, m.commandId,
          events.map((e) => e.eventId),
          events.map((e) => e.type),
          events.map((e) => e.schemaVersion),
          events.map((e) => JSON.stringify(e.data)),
          result,
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'events_pkey')) throw new ConcurrencyError(streamId, expectedVersion);
      if (isUniqueViolation(error, 'processed_commands_pkey')) throw new DuplicateCommandError(metadata.commandId);
      throw error;
    }
    this.appendListeners.forEach((listener) => listener(streamId));
    return result;
  }

  /** Called after every successful append in this process (the relay wakes on it). */
  onAppended(listener: (streamId: string) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /** Records a rejection so that the same command id is answered the same way again. */
  async recordRejection(context: string, outcome: CommandOutcome): Promise<CommandOutcome> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${this.table}.processed_commands (command_id, context, stream_id, result)
       VALUES ($1, $2, $3, $4) ON CONFLICT (command_id) DO NOTHING`,
      [outcome.commandId, context, outcome.streamId, outcome],
    );
    if (rowCount === 1) return outcome;
    return (await this.findOutcome(outcome.commandId)) ?? outcome;
  }

  /**
   * Events committed after `after`, in commit order, that no running transaction can still
   * precede: only transactions older than the snapshot's xmin are read.
   */
  async readCommitted(after: LogPosition, limit: number, context?: string): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table}.events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          AND ($4::text IS NULL OR context = $4)
        ORDER BY transaction_id, global_position
        LIMIT $3`,
      [after.transactionId, after.globalPosition, limit, context ?? null],
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
