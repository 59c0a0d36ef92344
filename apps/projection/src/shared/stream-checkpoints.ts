import type { Pool, PoolClient } from 'pg';
import { NEW_STREAM, type StreamPosition } from './batch-order';

/** Checkpoints per statement when a rebuild writes them out. */
const CHECKPOINT_CHUNK = 20_000;

/** What a committed batch changed: streams that moved on, and holds put on or lifted. */
export interface PositionChanges {
  readonly advanced: ReadonlyMap<string, number>;
  /** stream → the event it now waits behind, or null for a hold lifted (a redrive that went through). */
  readonly holds: ReadonlyMap<string, string | null>;
}

/**
 * Each stream's position in a projection (`projection_checkpoints`): its last applied version,
 * and the dead letter it waits behind. Live, the table is the truth and a batch locks its
 * streams' rows. A rebuild is its shadow schema's one writer, so memory is the truth until
 * `flush` writes it out; a failed rebuild is dropped whole.
 */
export class StreamCheckpoints {
  private readonly memory: Map<string, StreamPosition> | null;
  private readonly unsaved = new Set<string>();

  constructor(
    private readonly s: string,
    live: boolean,
  ) {
    this.memory = live ? null : new Map();
  }

  /** The batch's streams' positions, locked against a concurrent batch (live), or from memory (rebuild). */
  async load(client: PoolClient, streams: readonly string[]): Promise<Map<string, StreamPosition>> {
    const memory = this.memory;
    if (memory) return new Map(streams.filter((stream) => memory.has(stream)).map((stream) => [stream, memory.get(stream) as StreamPosition]));
    // A stream seen for the first time has no row to lock: make one (version 0) first, so two
    // consumers that both hold a new stream's batch after a rebalance serialize on it too. Two
    // statements: the lock read needs a snapshot taken after a racing insert committed.
    await client.query(
      `INSERT INTO ${this.s}.projection_checkpoints (stream_id, stream_version, updated_at)
       SELECT unnest($1::text[]), 0, now() ON CONFLICT (stream_id) DO NOTHING`,
      [streams],
    );
    const { rows } = await client.query<{ stream_id: string; stream_version: number; held_by: string | null }>(
      `SELECT stream_id, stream_version, held_by FROM ${this.s}.projection_checkpoints WHERE stream_id = ANY($1) FOR UPDATE`,
      [streams],
    );
    return new Map(rows.map((row) => [row.stream_id, { version: row.stream_version, heldBy: row.held_by }]));
  }

  /** Live: written in the batch's transaction. Rebuild: nothing until it committed (see `remember`). */
  async save(client: PoolClient, loaded: ReadonlyMap<string, StreamPosition>, changes: PositionChanges): Promise<void> {
    if (!this.memory) await this.write(client, positionsAfter(loaded, changes));
  }

  /** Rebuild: once the batch committed, its changes become the truth in memory. */
  remember(loaded: ReadonlyMap<string, StreamPosition>, changes: PositionChanges): void {
    if (!this.memory) return;
    for (const [stream, position] of positionsAfter(loaded, changes)) {
      this.memory.set(stream, position);
      this.unsaved.add(stream);
    }
  }

  /** Rebuild: writes the positions replayed since the last flush, in bulk chunks side by side. */
  async flush(pool: Pool): Promise<void> {
    const memory = this.memory;
    if (!memory) return;
    const streams = [...this.unsaved];
    const chunks: Promise<void>[] = [];
    for (let i = 0; i < streams.length; i += CHECKPOINT_CHUNK) {
      const chunk = streams.slice(i, i + CHECKPOINT_CHUNK);
      chunks.push(this.write(pool, new Map(chunk.map((stream) => [stream, memory.get(stream) as StreamPosition]))));
    }
    const failed = (await Promise.allSettled(chunks)).find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    this.unsaved.clear();
  }

  private async write(client: Pool | PoolClient, positions: ReadonlyMap<string, StreamPosition>): Promise<void> {
    if (positions.size === 0) return;
    await client.query(
      `INSERT INTO ${this.s}.projection_checkpoints (stream_id, stream_version, held_by, updated_at)
       SELECT stream_id, stream_version, held_by, now()
         FROM unnest($1::text[], $2::int[], $3::uuid[]) AS c(stream_id, stream_version, held_by)
       ON CONFLICT (stream_id) DO UPDATE
         SET stream_version = GREATEST(${this.s}.projection_checkpoints.stream_version, EXCLUDED.stream_version),
             held_by = EXCLUDED.held_by, updated_at = now()`,
      [[...positions.keys()], [...positions.values()].map((p) => p.version), [...positions.values()].map((p) => p.heldBy)],
    );
  }
}

/** The positions a batch leaves its changed streams in (a hold keeps the version reached before it). */
const positionsAfter = (loaded: ReadonlyMap<string, StreamPosition>, changes: PositionChanges): Map<string, StreamPosition> => {
  const streams = new Set([...changes.advanced.keys(), ...changes.holds.keys()]);
  return new Map(
    [...streams].map((stream) => {
      const was = loaded.get(stream) ?? NEW_STREAM;
      const hold = changes.holds.get(stream);
      return [stream, { version: changes.advanced.get(stream) ?? was.version, heldBy: hold !== undefined ? hold : was.heldBy }];
    }),
  );
};
