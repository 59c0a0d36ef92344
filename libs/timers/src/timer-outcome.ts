import type { TimerEventBatch, TimerFact } from './timer-events';
import { openingOf } from './timer-start';
import type { Finished } from './timer-store';

/** How often, and how soon, a failed attempt is tried again. */
export interface RetryPolicy {
  readonly maxRetries: number;
  /** The delay before retry n (1-based). */
  readonly delayMs: (retry: number) => number;
}

/**
 * seed 002's retry policy, which every context's timers follow: at most 5 retries (the
 * schema's CHECK on retry_count), exponential back-off from 1 s, capped at 5 minutes.
 */
export const SEED_002_RETRIES: RetryPolicy = { maxRetries: 5, delayMs: (retry) => Math.min(5 * 60_000, 1_000 * 2 ** (retry - 1)) };

/** What the store knows of a timer it still leases when an attempt ends. */
export interface OwnedRow {
  id: string;
  retry_count: number;
  stream_version: number;
  /** The attempt whose start is on the timer's stream with no outcome yet (see planStart); null if none. */
  execution_id?: string | null;
  execution_started_at?: Date | null;
}

export interface OutcomePlan {
  readonly kind: 'completed' | 'retry' | 'failed';
  readonly row: Record<string, unknown>;
  readonly events: TimerEventBatch;
}

/** Decides a firing's consequence: done, retry after backoff, or failed for good. */
export const planOutcome = (f: Finished<string>, row: OwnedRow, retries: RetryPolicy = SEED_002_RETRIES): OutcomePlan => {
  const { timer, executionId, startedAt, finishedAt, outcome } = f;
  const executionTimeMs = Math.max(0, finishedAt.getTime() - startedAt.getTime());
  // The events are written only by stores whose context records them.
  const common = { timerId: timer.id, campaignId: timer.campaignId, timerType: timer.timerType, executionId };
  // The start is on the stream already when it was recorded as the attempt began; an outcome
  // whose start was not (a store without events, a start withdrawn or failed) brings it along.
  const leading = openingOf(f, {
    retry_count: row.retry_count,
    execution_id: row.execution_id ?? null,
    execution_started_at: row.execution_started_at ?? null,
  });
  const batch = (ending: TimerFact): TimerEventBatch => ({
    campaignId: timer.campaignId,
    timerId: timer.id,
    afterVersion: row.stream_version,
    events: [...leading, ending],
    correlationId: timer.id,
    causationId: `timer-${timer.id}`,
    occurredAt: iso(finishedAt),
  });
  const base = { id: timer.id, fired_at: iso(startedAt), finished_at: iso(finishedAt) };
  if (outcome.ok) {
    const ending: TimerFact = {
      type: 'TimerExecutionCompleted',
      data: { ...common, result: outcome.result, completedAt: iso(finishedAt), executionTimeMs },
    };
    return {
      kind: 'completed',
      row: { ...base, status: 'COMPLETED', retry_count: row.retry_count, result: outcome.result, error: null },
      events: batch(ending),
    };
  }
  const canRetry = outcome.retryable && row.retry_count < retries.maxRetries;
  const retryCount = canRetry ? row.retry_count + 1 : row.retry_count;
  const nextAttemptAt = canRetry ? new Date(finishedAt.getTime() + retries.delayMs(retryCount)) : null;
  const ending: TimerFact = {
    type: 'TimerExecutionFailed',
    data: { ...common, error: outcome.error, retryCount, nextAttemptAt: nextAttemptAt && iso(nextAttemptAt), completedAt: iso(finishedAt), executionTimeMs },
  };
  if (canRetry) {
    const retryRow = {
      id: timer.id,
      retry_count: retryCount,
      next_attempt_at: iso(nextAttemptAt as Date),
      stream_version: row.stream_version + leading.length + 1,
      fired_at: iso(startedAt),
    };
    return { kind: 'retry', row: retryRow, events: batch(ending) };
  }
  return { kind: 'failed', row: { ...base, status: 'FAILED', retry_count: retryCount, result: null, error: outcome.error }, events: batch(ending) };
};

const iso = (date: Date) => date.toISOString();
