import { quoteIdent } from '@campaign/eventstore';
import type { Pool } from 'pg';

export interface ProjectionDeadLetter {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventType: string;
  readonly error: string;
  readonly failedAt: Date;
  readonly redrivenAt: Date | null;
  /** Whether its stream still waits behind it. */
  readonly holding: boolean;
}

/** A context's dead letters, newest first; only those not yet redriven unless `all`. */
export const listDeadLetters = async (pool: Pool, schema: string, options: { all: boolean; limit: number }): Promise<ProjectionDeadLetter[]> => {
  const s = quoteIdent(schema);
  const { rows } = await pool.query<ProjectionDeadLetter>(
    `SELECT d.event_id AS "eventId", d.stream_id AS "streamId", d.stream_version AS "streamVersion", d.event_type AS "eventType",
            d.error, d.failed_at AS "failedAt", d.redriven_at AS "redrivenAt", (c.held_by = d.event_id) IS TRUE AS holding
       FROM ${s}.projection_dead_letters d LEFT JOIN ${s}.projection_checkpoints c ON c.stream_id = d.stream_id
      WHERE $1 OR d.redriven_at IS NULL
      ORDER BY d.failed_at DESC LIMIT $2`,
    [options.all, options.limit],
  );
  return rows;
};
