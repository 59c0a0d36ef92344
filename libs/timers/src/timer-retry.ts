import { inTransaction } from '@campaign/eventstore';
import { wakeChannel } from './schema';
import { armAgain, type HistoryRow, TimerRedriveError } from './timer-redrive';
import type { TimerStore } from './timer-store';

/** A timer an operator retried: armed again from FAILED, or a retry awaiting its back-off made due now. */
export interface RetriedTimer {
  readonly timerId: string;
  readonly subjectId: string;
  readonly timerType: string;
  /** `rearmed`: it had failed for good and starts over, retries from zero; `hurried`: its owed retry is due now. */
  readonly how: 'rearmed' | 'hurried';
  readonly retryCount: number;
  readonly nextAttemptAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An operator's retry of a FAILED timer, by its id (seed 002 campaign_timers.status FAILED):
 * - failed for good (out of retries, or a failure no retry mends): armed again — PENDING, due
 *   now, retries from zero — and the dead letters naming it are marked redriven;
 * - failed with a retry owed (PENDING here, waiting for its back-off): that retry is due now,
 *   its count kept.
 * Either way its engine fires it once more, as any attempt. Anything else is refused:
 * TIMER_NOT_FOUND (no such timer), TIMER_NOT_FAILED (it has not failed: pending for its first
 * attempt, running, completed or cancelled), TIMER_ALREADY_ACTIVE (seed 002: its subject has a
 * newer active timer of the type).
 */
export const retryFailedTimer = (store: TimerStore<string>, timerId: string): Promise<RetriedTimer> =>
  inTransaction(store.pool, async (client) => {
    if (!UUID.test(timerId)) throw new TimerRedriveError('TIMER_NOT_FOUND', `no timer ${timerId}`);
    const { rows: finished } = await client.query<HistoryRow & { status: string; retry_count: number }>(
      `SELECT id, campaign_id, timer_type, status, due_at, first_fired_at, payload, retry_count FROM ${store.s}.timer_history WHERE id = $1 FOR UPDATE`,
      [timerId],
    );
    if (finished[0]) {
      const timer = finished[0];
      if (timer.status !== 'FAILED') throw new TimerRedriveError('TIMER_NOT_FAILED', `timer ${timerId} is ${timer.status}, not FAILED`);
      const nextAttemptAt = await armAgain(client, store, timer);
      await client.query(`UPDATE ${store.s}.dead_letters SET redriven_at = now() WHERE timer_id = $1 AND redriven_at IS NULL`, [timerId]);
      return { timerId, subjectId: timer.campaign_id, timerType: timer.timer_type, how: 'rearmed', retryCount: 0, nextAttemptAt };
    }
    const { rows: active } = await client.query<{ status: string; retry_count: number }>(
      `SELECT status, retry_count FROM ${store.s}.timers WHERE id = $1 FOR UPDATE`,
      [timerId],
    );
    if (!active[0]) throw new TimerRedriveError('TIMER_NOT_FOUND', `no timer ${timerId}`);
    // A PENDING timer with retries counted is one whose last attempt failed and is owed another.
    if (active[0].status !== 'PENDING' || active[0].retry_count === 0) {
      const what = active[0].status === 'RUNNING' ? 'firing now' : 'waiting for its first attempt';
      throw new TimerRedriveError('TIMER_NOT_FAILED', `timer ${timerId} has not failed: it is ${what}`);
    }
    const { rows } = await client.query<{ campaign_id: string; timer_type: string; next_attempt_at: Date }>(
      `UPDATE ${store.s}.timers SET next_attempt_at = now() WHERE id = $1 RETURNING campaign_id, timer_type, next_attempt_at`,
      [timerId],
    );
    await client.query('SELECT pg_notify($1, $2)', [wakeChannel(store.options.schema), 'retried']);
    const { campaign_id: subjectId, timer_type: timerType, next_attempt_at: nextAttemptAt } = rows[0];
    return { timerId, subjectId, timerType, how: 'hurried', retryCount: active[0].retry_count, nextAttemptAt };
  });
