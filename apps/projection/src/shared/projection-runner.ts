import type { EventEnvelope } from '@campaign/contracts';
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

/** The advisory lock live batches share and a rebuild's swap takes alone. */
export const swapLockKey = (context: string): string => `projection-swap:${context}`;

/** SQLSTATE classes that mean "this event cannot be applied", not "the database is unwell". */
const isDataError = (error: unknown): boolean => {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('22') || code.startsWith('23') || code === 'P0001' || !(error as { code?: string }).code;
};

/**
 * Applies a batch of events in one transaction together with the per-stream checkpoints, so a
 * redelivered event (Kafka redelivery or a relay republish) is recognised and changes nothing.
 * An event that fails on its data is set aside as a dead letter; it never blocks the batch.
 */
export class ProjectionRunner {
  private readonly s: string;

  constructor(private readonly pool: Pool, readonly projection: Projection, private readonly live = true) {
    this.s = quoteIdent(projection.schema);
  }

  async applyBatch(events: readonly EventEnvelope[]): Promise<BatchResult> {
    await this.projection.prepare(this.pool, events);
    try {
      return await this.run(events, false);
    } catch (error) {
      if (!isDataError(error)) throw error;
      // Some event breaks a constraint: redo the batch one event at a time to find it.
      return this.run(events, true);
    }
  }

  private run(events: readonly EventEnvelope[], isolate: boolean): Promise<BatchResult> {
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
      await this.saveCheckpoints(client, advanced);
      for (const letter of deadLetters) await this.recordDeadLetter(client, letter);
      return { applied, skipped: events.length - applied - deadLetters.length, deadLetters, stale };
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

  private async loadCheckpoints(client: PoolClient, events: readonly EventEnvelope[]): Promise<Map<string, number>> {
    const streams = [...new Set(events.map((e) => e.streamId))];
    const { rows } = await client.query<{ stream_id: string; stream_version: number }>(
      `SELECT stream_id, stream_version FROM ${this.s}.projection_checkpoints WHERE stream_id = ANY($1) FOR UPDATE`,
      [streams],
    );
    return new Map(rows.map((row) => [row.stream_id, row.stream_version]));
  }

  private async saveCheckpoints(client: PoolClient, checkpoints: Map<string, number>): Promise<void> {
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
      [event.eventId, event.streamId, event.streamVersion, event.type, error, JSON.stringify(event)],
    );
  }
}
