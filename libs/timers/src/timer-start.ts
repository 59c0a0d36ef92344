import type { TimerEventBatch, TimerFact } from './timer-events';
import type { DueTimer } from './timer-store';

/** An attempt at firing a timer, as it begins. */
export interface Starting<T extends string = string> {
  readonly timer: DueTimer<T>;
  readonly executionId: string;
  readonly startedAt: Date;
}

/** What the store knows of a leased timer when one of its attempts begins. */
export interface StartRow {
  id: string;
  retry_count: number;
  stream_version: number;
  /** The attempt whose start is recorded and whose outcome is not: its holder died firing it. */
  execution_id: string | null;
  execution_started_at: Date | null;
}

export interface StartPlan {
  /** The timer row's new stream version and the attempt it now remembers as started. */
  readonly row: { id: string; stream_version: number; execution_id: string; started_at: string };
  readonly events: TimerEventBatch;
}

/** Why an abandoned attempt ended, as its execution row says. */
export const ABANDONED = 'abandoned: the instance firing it stopped before recording how it ended; fired again';

/**
 * seed 002: timer_executions shows STARTED and campaign_timers RUNNING while a timer fires,
 * so the start is recorded as the attempt begins, not with its outcome. A timer re-claimed after
 * its holder died has that holder's start on its stream with no outcome: the attempt is closed
 * as FAILED first (its execution row would otherwise stay STARTED for ever), then the new one starts.
 */
export const planStart = (s: Starting, row: StartRow): StartPlan => {
  const { timer, executionId, startedAt } = s;
  const events = openingOf(s, row);
  return {
    row: { id: timer.id, stream_version: row.stream_version + events.length, execution_id: executionId, started_at: startedAt.toISOString() },
    events: {
      campaignId: timer.campaignId,
      timerId: timer.id,
      afterVersion: row.stream_version,
      events,
      correlationId: timer.id,
      causationId: `timer-${timer.id}`,
      occurredAt: startedAt.toISOString(),
    },
  };
};

/**
 * The facts that open an attempt on the timer's stream: none when its start is recorded
 * already; else the closing of an abandoned attempt, if there is one, and the start.
 */
export const openingOf = (s: Starting, row: Pick<StartRow, 'retry_count' | 'execution_id' | 'execution_started_at'>): TimerFact[] => {
  const { timer, executionId, startedAt } = s;
  if (row.execution_id === executionId) return [];
  const common = { timerId: timer.id, campaignId: timer.campaignId, timerType: timer.timerType };
  const at = startedAt.toISOString();
  const events: TimerFact[] = [];
  if (row.execution_id !== null) {
    const since = row.execution_started_at?.getTime() ?? startedAt.getTime();
    events.push({
      type: 'TimerExecutionFailed',
      data: {
        ...common,
        executionId: row.execution_id,
        error: ABANDONED,
        // Not a retry of its own: the attempt is fired again as it was (see TimerStore.claim).
        retryCount: row.retry_count,
        nextAttemptAt: at,
        completedAt: at,
        executionTimeMs: Math.max(0, startedAt.getTime() - since),
      },
    });
  }
  events.push({ type: 'TimerExecutionStarted', data: { ...common, executionId, attempt: timer.attempt, startedAt: at } });
  return events;
};
