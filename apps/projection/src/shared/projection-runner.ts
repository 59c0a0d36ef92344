import type { EventEnvelope } from '@campaign/contracts';
import { storableText } from '@campaign/domain';
import { isDataError, type StreamSource } from '@campaign/messaging';
import { inTransaction, quoteIdent } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';
import { orderBatch, type StreamPosition } from './batch-order';
import { type PositionChanges, StreamCheckpoints } from './stream-checkpoints';

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
  /** Events not applied because their stream waits behind a dead letter. */
  readonly held: number;
  /** Missing versions read from the event store and applied in order. */
  readonly filled: number;
  readonly stale: boolean;
}

export interface RedriveReport {
  /** Held streams taken up again. */
  readonly streams: number;
  readonly applied: number;
  /** Streams whose dead letter failed again: still held. */
  readonly stillHeld: number;
}

const NOTHING_RELEASED: ReadonlySet<string> = new Set();

/** The advisory lock live batches share and a rebuild's swap takes alone. */
export const swapLockKey = (context: string): string => `projection-swap:${context}`;

/**
 * Applies a batch of events in one transaction together with the per-stream checkpoints, so a
 * redelivered event (Kafka redelivery or a relay republish) is recognised and changes nothing,
 * and versions that went missing on the way are read from the event store and applied first.
 * An event that fails on its data is set aside as a dead letter and its stream is held behind
 * it — later versions wait, never applied out of order — until an operator redrives it after a
 * fix. It never blocks other streams.
 */
export class ProjectionRunner {
  private readonly s: string;
  private readonly checkpoints: StreamCheckpoints;

  /** `live` false: a rebuild, the shadow schema's one writer (see StreamCheckpoints). */
  constructor(
    private readonly pool: Pool,
    readonly projection: Projection,
    private readonly live = true,
    private readonly source: StreamSource | null = null,
  ) {
    this.s = quoteIdent(projection.schema);
    this.checkpoints = new StreamCheckpoints(this.s, live);
  }

  /** `release`: held streams being redriven, whose events in this batch may be applied again. */
  async applyBatch(events: readonly EventEnvelope[], release = NOTHING_RELEASED): Promise<BatchResult> {
    await this.projection.prepare(this.pool, events);
    let outcome: Outcome;
    try {
      outcome = await this.run(events, release, false);
      this.settle(true);
    } catch (error) {
      this.settle(false);
      if (!isDataError(error)) throw error;
      // Some event breaks a constraint: redo the batch one event at a time to find it.
      try {
        outcome = await this.run(events, release, true);
      } finally {
        // Some of those events were rolled back to their savepoint.
        this.settle(false);
      }
    }
    // Committed: only now may a rebuild's in-memory positions move (a rolled-back batch is redone).
    this.checkpoints.remember(outcome.loaded, outcome.changes);
    return outcome.result;
  }

  /**
   * Takes up held streams again after a fix: each one's events after its checkpoint, read from
   * the event store, applied in order — the dead letter first. A letter that fails again holds
   * its stream again. `eventIds` narrows it to the streams of those letters.
   */
  async redrive(eventIds?: readonly string[]): Promise<RedriveReport> {
    if (!this.source) throw new Error('redrive needs the event store as source');
    const { rows } = await this.pool.query<{ stream_id: string; stream_version: number }>(
      `SELECT c.stream_id, c.stream_version FROM ${this.s}.projection_checkpoints c
        WHERE c.held_by IS NOT NULL
          AND ($1::uuid[] IS NULL OR EXISTS (SELECT 1 FROM ${this.s}.projection_dead_letters d
                                             WHERE d.stream_id = c.stream_id AND d.event_id = ANY($1::uuid[])))`,
      [eventIds ?? null],
    );
    if (rows.length === 0) return { streams: 0, applied: 0, stillHeld: 0 };
    const events = (await Promise.all(rows.map((row) => this.source?.readRange(row.stream_id, row.stream_version, null) ?? []))).flat();
    const result = await this.applyBatch(events, new Set(rows.map((row) => row.stream_id)));
    return { streams: rows.length, applied: result.applied, stillHeld: new Set(result.deadLetters.map((letter) => letter.event.streamId)).size };
  }

  private settle(committed: boolean): void {
    if (!this.live) this.projection.settle?.(committed);
  }

  /** Rebuild mode: writes the positions replayed since the last flush, for live consumption to take over. */
  flushCheckpoints(): Promise<void> {
    return this.checkpoints.flush(this.pool);
  }

  private run(events: readonly EventEnvelope[], release: ReadonlySet<string>, isolate: boolean): Promise<Outcome> {
    return this.inTransaction(async (client) => {
      const loaded = await this.checkpoints.load(client, [...new Set(events.map((e) => e.streamId))]);
      const batch = await orderBatch(events, loaded, release, this.source);
      if (batch.filled.length > 0) await this.projection.prepare(this.pool, batch.filled);
      const applying = await this.applyInOrder(client, batch.fresh, isolate);
      const changes = changesOf(applying.applied, applying.holds, release);
      await this.checkpoints.save(client, loaded, changes);
      for (const letter of applying.deadLetters) await this.recordDeadLetter(client, letter);
      await this.markRedriven(client, release, applying.holds);
      const held = batch.held + batch.fresh.length - applying.applied.length - applying.deadLetters.length;
      const result = {
        applied: applying.applied.length,
        skipped: batch.skipped,
        deadLetters: applying.deadLetters,
        held,
        filled: batch.filled.length,
        stale: applying.stale,
      };
      return { result, loaded, changes };
    });
  }

  /**
   * All at once, or (isolating) one event at a time: an event that fails on its data becomes a
   * dead letter and holds its stream — the stream's later events in the batch are not applied.
   */
  private async applyInOrder(client: PoolClient, fresh: readonly EventEnvelope[], isolate: boolean) {
    const applied: EventEnvelope[] = [];
    const deadLetters: DeadLetter[] = [];
    const holds = new Map<string, string>();
    let stale = false;
    if (!isolate) {
      stale = fresh.length > 0 && (await this.projection.applyBatch(client, fresh));
      return { applied: [...fresh], deadLetters, holds, stale };
    }
    for (const event of fresh) {
      if (holds.has(event.streamId)) continue;
      const outcome = await this.applyIsolated(client, event);
      if (typeof outcome === 'object') {
        deadLetters.push(outcome);
        holds.set(event.streamId, event.eventId);
      } else {
        applied.push(event);
        stale = outcome || stale;
      }
    }
    return { applied, deadLetters, holds, stale };
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

  /** The dead letters of redriven streams that went through are marked, not deleted: operators keep the record. */
  private async markRedriven(client: PoolClient, release: ReadonlySet<string>, holds: ReadonlyMap<string, string>): Promise<void> {
    const through = [...release].filter((stream) => !holds.has(stream));
    if (through.length === 0) return;
    await client.query(`UPDATE ${this.s}.projection_dead_letters SET redriven_at = now() WHERE stream_id = ANY($1) AND redriven_at IS NULL`, [through]);
  }

  private async recordDeadLetter(client: PoolClient, letter: DeadLetter): Promise<void> {
    const { event, error } = letter;
    await client.query(
      `INSERT INTO ${this.s}.projection_dead_letters (event_id, stream_id, stream_version, event_type, error, envelope)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (event_id) DO UPDATE SET error = EXCLUDED.error, failed_at = now(), redriven_at = NULL`,
      // What made the event fail may be text PostgreSQL cannot hold: keep it readable instead.
      [
        event.eventId,
        event.streamId,
        event.streamVersion,
        event.type,
        storableText(error),
        JSON.stringify(event, (_key, value) => (typeof value === 'string' ? storableText(value) : value)),
      ],
    );
  }
}

interface Outcome {
  readonly result: BatchResult;
  readonly loaded: ReadonlyMap<string, StreamPosition>;
  readonly changes: PositionChanges;
}

/** Streams moved to their last applied version; new holds; holds lifted for redriven streams that went through. */
const changesOf = (applied: readonly EventEnvelope[], holds: ReadonlyMap<string, string>, release: ReadonlySet<string>): PositionChanges => {
  const advanced = new Map<string, number>();
  for (const event of applied) advanced.set(event.streamId, event.streamVersion);
  const changedHolds = new Map<string, string | null>([...release].map((stream) => [stream, null]));
  for (const [stream, eventId] of holds) changedHolds.set(stream, eventId);
  return { advanced, holds: changedHolds };
};
