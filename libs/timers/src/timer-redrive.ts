import { inTransaction } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import { wakeChannel } from './schema';
import type { TimerStore } from './timer-store';

/**
 * An operator's second chance for a timer that failed for good (out of retries): after the
 * cause is fixed, the timer is armed again — PENDING, due now, its retries counted from zero —
 * and its engine fires it once more, recording the attempt as any other (TimerExecutionStarted,
 * then Completed or Failed on the timer's stream, after the version it already has).
 *
 * No timer event marks the re-arming itself: none of seed 002's timer events says "armed
 * again" (TimerScheduled would be a second schedule of one timer id, which the projection
 * ignores), so campaign_timers shows FAILED until the next attempt starts — at once, as the
 * timer is due now and its start is recorded as it begins (timer-start.ts).
 *
 * Refused timers (the policy asked, the rules said no) were never stored: they have no timer
 * to arm and are not redrivable.
 */
export type TimerRedriveCode =
  | 'TIMER_NOT_FOUND'
  | 'DEAD_LETTER_NOT_FOUND'
  | 'NOT_REDRIVABLE'
  | 'ALREADY_REDRIVEN'
  | 'TIMER_NOT_FAILED'
  | 'TIMER_ALREADY_ACTIVE'
  | 'TIMER_PAYLOAD_UNKNOWN';

export class TimerRedriveError extends Error {
  constructor(
    readonly code: TimerRedriveCode,
    message: string,
  ) {
    super(message);
  }
}

export interface TimerDeadLetter {
  readonly id: string;
  readonly timerId: string | null;
  readonly subjectId: string;
  readonly timerType: string;
  readonly reason: string;
  readonly recordedAt: Date;
  readonly redrivenAt: Date | null;
  /** A FAILED timer not yet redriven; refused timers never are. */
  readonly redrivable: boolean;
}

export interface RedrivenTimer {
  readonly deadLetterId: string;
  readonly timerId: string;
  readonly subjectId: string;
  readonly timerType: string;
  readonly nextAttemptAt: Date;
}

interface LetterRow {
  id: string;
  timer_id: string | null;
  campaign_id: string;
  timer_type: string;
  reason: string;
  recorded_at: Date;
  redriven_at: Date | null;
}

export interface HistoryRow {
  id: string;
  campaign_id: string;
  timer_type: string;
  due_at: Date;
  first_fired_at: Date | null;
  payload: Record<string, unknown> | null;
}

const toLetter = (row: LetterRow): TimerDeadLetter => ({
  id: row.id,
  timerId: row.timer_id,
  subjectId: row.campaign_id,
  timerType: row.timer_type,
  reason: row.reason,
  recordedAt: row.recorded_at,
  redrivenAt: row.redriven_at,
  redrivable: row.timer_id !== null && row.redriven_at === null,
});

/** The scheduler's dead letters, newest first; those already redriven only when asked. */
export const listTimerDeadLetters = async (store: TimerStore<string>, includeRedriven = false, limit = 500): Promise<TimerDeadLetter[]> => {
  const { rows } = await store.pool.query<LetterRow>(
    `SELECT id::text, timer_id, campaign_id, timer_type, reason, recorded_at, redriven_at FROM ${store.s}.dead_letters
      WHERE $1 OR redriven_at IS NULL ORDER BY id DESC LIMIT $2`,
    [includeRedriven, limit],
  );
  return rows.map(toLetter);
};

/** Arms the FAILED timer a dead letter names again, due now; the letter is marked redriven. */
export const redriveFailedTimer = (store: TimerStore<string>, deadLetterId: string): Promise<RedrivenTimer> =>
  inTransaction(store.pool, async (client) => {
    const letter = await lockLetter(client, store, deadLetterId);
    const { rows } = await client.query<HistoryRow>(
      `SELECT id, campaign_id, timer_type, due_at, first_fired_at, payload FROM ${store.s}.timer_history WHERE id = $1 AND status = 'FAILED' FOR UPDATE`,
      [letter.timer_id],
    );
    if (rows.length === 0)
      throw new TimerRedriveError('TIMER_NOT_FAILED', `timer ${letter.timer_id} is not among the FAILED timers (armed again, or cleaned up)`);
    const timer = rows[0];
    const nextAttemptAt = await armAgain(client, store, timer);
    await client.query(`UPDATE ${store.s}.dead_letters SET redriven_at = now() WHERE id = $1`, [letter.id]);
    return { deadLetterId: letter.id, timerId: timer.id, subjectId: timer.campaign_id, timerType: timer.timer_type, nextAttemptAt };
  });

/**
 * Moves a FAILED timer (its history row, locked by the caller) back to the active timers:
 * PENDING, due now, retries from zero, after the version its stream has; wakes the engines.
 */
export const armAgain = async (client: PoolClient, store: TimerStore<string>, timer: HistoryRow): Promise<Date> => {
  const { version, payload } = await streamOf(client, store, timer);
  // The history keeps finished timers only: the timer leaves it, as it left `timers` when it failed.
  await client.query(`DELETE FROM ${store.s}.timer_history WHERE id = $1`, [timer.id]);
  const armed = await client.query<{ next_attempt_at: Date }>(
    `INSERT INTO ${store.s}.timers (id, campaign_id, timer_type, status, due_at, next_attempt_at, retry_count, payload, stream_version, first_fired_at)
     VALUES ($1, $2, $3, 'PENDING', $4, now(), 0, $5, $6, $7)
     ON CONFLICT DO NOTHING RETURNING next_attempt_at`,
    [timer.id, timer.campaign_id, timer.timer_type, timer.due_at, payload, version, timer.first_fired_at],
  );
  // seed 002 unique_active_timer_per_type: the policy may have set a new timer of this type since.
  if (armed.rows.length === 0) throw new TimerRedriveError('TIMER_ALREADY_ACTIVE', `${timer.campaign_id} already has an active ${timer.timer_type} timer`);
  await client.query('SELECT pg_notify($1, $2)', [wakeChannel(store.options.schema), 'redriven']);
  return armed.rows[0].next_attempt_at;
};

const lockLetter = async (client: PoolClient, store: TimerStore<string>, deadLetterId: string): Promise<LetterRow & { timer_id: string }> => {
  if (!/^\d{1,18}$/.test(deadLetterId)) throw new TimerRedriveError('DEAD_LETTER_NOT_FOUND', `no dead letter ${deadLetterId}`);
  const { rows } = await client.query<LetterRow>(
    `SELECT id::text, timer_id, campaign_id, timer_type, reason, recorded_at, redriven_at FROM ${store.s}.dead_letters WHERE id = $1 FOR UPDATE`,
    [deadLetterId],
  );
  const letter = rows[0];
  if (!letter) throw new TimerRedriveError('DEAD_LETTER_NOT_FOUND', `no dead letter ${deadLetterId}`);
  if (letter.timer_id === null)
    throw new TimerRedriveError('NOT_REDRIVABLE', `dead letter ${deadLetterId} is a timer the rules refused (${letter.reason}); there is no timer to arm`);
  if (letter.redriven_at !== null)
    throw new TimerRedriveError('ALREADY_REDRIVEN', `dead letter ${deadLetterId} was redriven at ${letter.redriven_at.toISOString()}`);
  return letter as LetterRow & { timer_id: string };
};

/**
 * The version the timer's stream has reached (its next attempt appends after it) and the
 * payload it was scheduled with. Stores that record no events keep no stream: version 0, and
 * the payload only the history has.
 */
const streamOf = async (client: PoolClient, store: TimerStore<string>, timer: HistoryRow): Promise<{ version: number; payload: Record<string, unknown> }> => {
  if (store.options.events === undefined) {
    if (timer.payload === null)
      throw new TimerRedriveError('TIMER_PAYLOAD_UNKNOWN', `timer ${timer.id} finished before its payload was kept; it cannot be armed again`);
    return { version: 0, payload: timer.payload };
  }
  const stream = await store.options.events.streamOf(client, timer.campaign_id, timer.id);
  return { version: stream.version, payload: timer.payload ?? stream.scheduledPayload ?? {} };
};
