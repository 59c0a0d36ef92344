import type { EventEnvelope } from '@campaign/contracts';
import { storableText } from '@campaign/domain';
import { inTransaction, quoteIdent } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';

/** One context's read models: how to prepare for a batch and how to apply one event. */
export interface Projection {
  readonly context: string;
  /** The schema written to: the live one, or a shadow being rebuilt. */
  readonly schema: string;
  /** Work that must happen outside the batch transaction (DDL such as new partitions). */
  prepare(pool: Pool, events: readonly EventEnvelope[]): Promise<void>;
  /**
   * Applies events in order inside the caller's transaction; true when a derived view
   * (materialized view) went stale.
   */
  applyBatch(client: PoolClient, events: readonly EventEnvelope[]): Promise<boolean>;
  /**
   * Rebuild mode only, where the rebuild is the shadow schema's one writer: after each batch,
   * whether everything applyBatch last did was committed as a whole (state kept from it may be
   * trusted by the next batch) or not (forget any kept state).
   */
  settle?(committed: boolean): void;
}

export interface DeadLetter {
  readonly event: EventEnvelope;
  readonly error: string;
}

export interface BatchResult {
  readonly applied: number;
  readonly skipped: number;
  readonly deadLetters: readonly DeadLetter[];
  readonly stale: boolean;
}

/** Checkpoints per statement when a rebuild writes them out. */
const CHECKPOINT_CHUNK = 20_000;

/** The advisory lock live batches share and a rebuild's swap takes alone. */
export const swapLockKey = (context: string): string => `projection-swap:${context}`;

/**
 * SQLSTATE classes that mean "this event cannot be applied", not "the database is unwell".
 * Only those: an error without a SQL code is a bug in this code, not bad data — the batch
 * fails, is retried with back-off and alerts (health, metric) until the fix is deployed,
 * rather than quietly setting correct events aside.
 */
export const isDataError = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23') || code === 'P0001');
};

/**
 * Applies a batch of events in one transaction together with the per-stream checkpoints, so a
 * redelivered event (Kafka redelivery or a relay republish) is recognised and changes nothing.
 * An event that fails on its data is set aside as a dead letter; it never blocks the batch.
 */
export class ProjectionRunner {
  private readonly s: string;
  /**
   * Rebuild mode only: the checkpoints of every stream replayed so far, and those not yet
   * written. A shadow schema has one writer (the rebuild, reading the log in commit order), so
   * memory is the truth until flushCheckpoints writes it; a failed rebuild is dropped whole.
   */
  private readonly memory: Map<string, number> | null;
  private readonly unsaved = new Set<string>();

  constructor(private readonly pool: Pool, readonly projection: Projection, private readonly live = true) {
    this.s = quoteIdent(projection.schema);
    this.memory = live ? null : new Map();
  }

  async applyBatch(events: readonly EventEnvelope[]): Promise<BatchResult> {
    await this.projection.prepare(this.pool, events);
    let outcome: { result: BatchResult; advanced: Map<string, number> };
    try {
      outcome = await this.run(events, false);
      this.settle(true);
    } catch (error) {
      this.settle(false);
      if (!isDataError(error)) throw error;
      // Some event breaks a constraint: redo the batch one event at a time to find it.
      try {
        outcome = await this.run(events, true);
      } finally {
        // Some of those events were rolled back to their savepoint.
        this.settle(false);
      }
    }
    // Committed: only now may the in-memory checkpoints move (a rolled-back batch is redone).
    for (const [stream, version] of this.memory ? outcome.advanced : []) {
      this.memory?.set(stream, version);
      this.unsaved.add(stream);
    }
    return outcome.result;
  }

  private settle(committed: boolean): void {
    if (this.memory) this.projection.settle?.(committed);
  }

  /**
   * Rebuild mode: writes the checkpoints replayed since the last flush, in bulk, so the schema
   * holds exactly what live consumption needs to recognise redelivered events once it takes over.
   */
  async flushCheckpoints(): Promise<void> {
    const memory = this.memory;
    if (!memory) return;
    const streams = [...this.unsaved];
    const chunks: Promise<void>[] = [];
    // Chunks of distinct streams, side by side on the pool's connections.
    for (let i = 0; i < streams.length; i += CHECKPOINT_CHUNK) {
      const chunk = streams.slice(i, i + CHECKPOINT_CHUNK);
      chunks.push(this.saveCheckpoints(this.pool, new Map(chunk.map((stream) => [stream, memory.get(stream) as number]))));
    }
    const failed = (await Promise.allSettled(chunks)).find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    this.unsaved.clear();
  }

  private run(events: readonly EventEnvelope[], isolate: boolean): Promise<{ result: BatchResult; advanced: Map<string, number> }> {
    return this.inTransaction(async (client) => {
      const checkpoints = await this.loadCheckpoints(client, events);
      const advanced = new Map<string, number>();
      const fresh = events.filter((event) => {
        if ((checkpoints.get(event.streamId) ?? 0) >= event.streamVersion) return false;
        checkpoints.set(event.streamId, event.streamVersion);
        advanced.set(event.streamId, event.streamVersion);
        return true;
      });
      const deadLetters: DeadLetter[] = [];
      let stale = false;
      if (!isolate) stale = fresh.length > 0 && (await this.projection.applyBatch(client, fresh));
      for (const event of isolate ? fresh : []) {
        const outcome = await this.applyIsolated(client, event);
        if (typeof outcome === 'object') deadLetters.push(outcome);
        else stale = outcome || stale;
      }
      const applied = fresh.length - deadLetters.length;
      if (!this.memory) await this.saveCheckpoints(client, advanced);
      for (const letter of deadLetters) await this.recordDeadLetter(client, letter);
      return { result: { applied, skipped: events.length - applied - deadLetters.length, deadLetters, stale }, advanced };
    });
  }

  /**
   * One transaction on one pooled connection; a live batch begins holding the swap lock shared.
   * BEGIN and the lock go in one round trip (the key is a quoted literal).
   */
  private inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const key = `'${swapLockKey(this.projection.context).replace(/'/g, "''")}'`;
    return inTransaction(this.pool, work, this.live ? `BEGIN; SELECT pg_advisory_xact_lock_shared(hashtext(${key}))` : 'BEGIN');
  }

  private async applyIsolated(client: PoolClient, event: EventEnvelope): Promise<boolean | DeadLetter> {
    await client.query('SAVEPOINT one_event');
    try {
      const stale = await this.projection.applyBatch(client, [event]);
      await client.query('RELEASE SAVEPOINT one_event');
      return stale;
    } catch (error) {
      if (!isDataError(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT one_event');
      return { event, error: (error as Error).message };
    }
  }

  /** The batch's streams' checkpoints, locked against a concurrent batch (live), or from memory (rebuild). */
  private async loadCheckpoints(client: PoolClient, events: readonly EventEnvelope[]): Promise<Map<string, number>> {
    const streams = [...new Set(events.map((e) => e.streamId))];
    const memory = this.memory;
    if (memory) return new Map(streams.filter((stream) => memory.has(stream)).map((stream) => [stream, memory.get(stream) as number]));
    // A stream seen for the first time has no row to lock: make one (version 0) first, so two
    // consumers that both hold a new stream's batch after a rebalance serialize on it too. Two
    // statements: the lock read needs a snapshot taken after a racing insert committed.
    await client.query(
      `INSERT INTO ${this.s}.projection_checkpoints (stream_id, stream_version, updated_at)
       SELECT unnest($1::text[]), 0, now() ON CONFLICT (stream_id) DO NOTHING`,
      [streams],
    );
    const { rows } = await client.query<{ stream_id: string; stream_version: number }>(
      `SELECT stream_id, stream_version FROM ${this.s}.projection_checkpoints WHERE stream_id = ANY($1) FOR UPDATE`,
      [streams],
    );
    return new Map(rows.map((row) => [row.stream_id, row.stream_version]));
  }

  private async saveCheckpoints(client: Pool | PoolClient, checkpoints: Map<string, number>): Promise<void> {
    if (checkpoints.size === 0) return;
    await client.query(
      `INSERT INTO ${this.s}.projection_checkpoints (stream_id, stream_version, updated_at)
       SELECT stream_id, stream_version, now() FROM unnest($1::text[], $2::int[]) AS c(stream_id, stream_version)
       ON CONFLICT (stream_id) DO UPDATE
         SET stream_version = GREATEST(${this.s}.projection_checkpoints.stream_version, EXCLUDED.stream_version),
             updated_at = now()`,
      [[...checkpoints.keys()], [...checkpoints.values()]],
    );
  }

  private async recordDeadLetter(client: PoolClient, letter: DeadLetter): Promise<void> {
    const { event, error } = letter;
    await client.query(
      `INSERT INTO ${this.s}.projection_dead_letters (event_id, stream_id, stream_version, event_type, error, envelope)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING`,
      // What made the event fail may be text PostgreSQL cannot hold: keep it readable instead.
      [event.eventId, event.streamId, event.streamVersion, event.type, storableText(error), JSON.stringify(event, (_key, value) => (typeof value === 'string' ? storableText(value) : value))],
    );
  }
}
