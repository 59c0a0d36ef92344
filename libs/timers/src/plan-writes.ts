import type { Pool, PoolClient } from 'pg';
import { wakeChannel } from './schema';
import type { TimerEventLog } from './timer-events';

/**
 * The batch transaction the planner applies events in, and the statements it writes timers
 * with inside it. `s` is the quoted schema of the context's timers.
 */

export interface CancelledRow {
  readonly id: string;
  readonly timer_type: string;
  readonly stream_version: number;
}

/**
 * Moves a subject's PENDING timers of the given types to the history as CANCELLED (a timer
 * firing right now finishes its attempt). The reason is kept in the history row's result.
 */
export const cancelPendingTimers = async (
  client: PoolClient,
  s: string,
  subjectId: string,
  reasons: ReadonlyMap<string, string>,
  cancelledAt: string,
): Promise<CancelledRow[]> => {
  if (reasons.size === 0) return [];
  const { rows } = await client.query<CancelledRow>(
    `WITH gone AS (
       DELETE FROM ${s}.timers WHERE campaign_id = $1 AND timer_type = ANY($2::text[]) AND status = 'PENDING'
       RETURNING id, campaign_id, timer_type, due_at, retry_count, first_fired_at, stream_version
     ), kept AS (
       INSERT INTO ${s}.timer_history (id, campaign_id, timer_type, status, due_at, first_fired_at, finished_at, retry_count, result)
       SELECT id, campaign_id, timer_type, 'CANCELLED', due_at, first_fired_at, $3, retry_count, jsonb_build_object('reason', ($4::jsonb)->>timer_type)
         FROM gone
       ON CONFLICT (id) DO NOTHING
     )
     SELECT id, timer_type, stream_version FROM gone`,
    [subjectId, [...reasons.keys()], cancelledAt, JSON.stringify(Object.fromEntries(reasons))],
  );
  return rows;
};

export interface NewTimer {
  readonly id: string;
  readonly subjectId: string;
  readonly timerType: string;
  readonly dueAt: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * Stores a PENDING timer; null when the subject already has an active timer of that type
 * (seed 002: one active timer per campaign and type). `soon` says whether it falls due within
 * `wakeWithinMs`, so the caller wakes the engines.
 */
export const insertPendingTimer = async (client: PoolClient, s: string, timer: NewTimer, wakeWithinMs: number): Promise<{ soon: boolean } | null> => {
  const { rows } = await client.query<{ soon: boolean }>(
    `INSERT INTO ${s}.timers (id, campaign_id, timer_type, due_at, next_attempt_at, payload, stream_version)
     VALUES ($1, $2, $3, $4, $4, $5, 1)
     ON CONFLICT DO NOTHING
     RETURNING due_at <= now() + $6 * interval '1 ms' AS soon`,
    [timer.id, timer.subjectId, timer.timerType, timer.dueAt, timer.payload, wakeWithinMs],
  );
  return rows[0] ?? null;
};

/** A timer the policy asked for but the rules refused, kept for operators. */
export const recordRefusal = async (client: PoolClient, s: string, subjectId: string, timerType: string, reason: string): Promise<void> => {
  await client.query(`INSERT INTO ${s}.dead_letters (campaign_id, timer_type, reason) VALUES ($1, $2, $3)`, [subjectId, timerType, reason]);
};

export const alreadyActive = (timerType: string, subjectId: string): string => `an active ${timerType} timer already exists for campaign ${subjectId}`;

export interface PlanResult {
  readonly scheduled: number;
  readonly cancelled: number;
  readonly refused: number;
  readonly skipped: number;
}

/** What applying one event did; `wake` says a timer it stored falls due soon. */
export interface PlanStep extends PlanResult {
  readonly wake: boolean;
}

/**
 * The planner's frame: a batch of events applied in one transaction, one event at a
 * time by `applyOne`, and the engines woken once at commit when any stored timer is due soon.
 */
export const planBatch = async <R>(
  store: { readonly pool: Pool; readonly options: { readonly schema: string }; readonly events: TimerEventLog },
  records: readonly R[],
  applyOne: (client: PoolClient, record: R) => Promise<PlanStep>,
): Promise<PlanResult> => {
  if (records.length === 0) return { scheduled: 0, cancelled: 0, refused: 0, skipped: 0 };
  // Counted inside: a transaction that lost the stream-order race runs again from the start.
  return store.events.transaction(store.pool, async (client) => {
    const total = { scheduled: 0, cancelled: 0, refused: 0, skipped: 0 };
    let wake = false;
    for (const record of records) {
      const result = await applyOne(client, record);
      total.scheduled += result.scheduled;
      total.cancelled += result.cancelled;
      total.refused += result.refused;
      total.skipped += result.skipped;
      wake ||= result.wake;
    }
    if (wake) await client.query('SELECT pg_notify($1, $2)', [wakeChannel(store.options.schema), 'scheduled']);
    return total;
  });
};
