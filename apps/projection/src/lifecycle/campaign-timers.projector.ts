import { projector } from '../shared/projector';
import type { CampaignTimerRow, TimerEnvelope } from './lifecycle.events';

/**
 * seed 002 `campaign_timers`: one row per timer the timer-scheduler set, its current status
 * PENDING → RUNNING → COMPLETED | FAILED (| CANCELLED). updated_at is the time the event
 * states, never the time it is projected, so a rebuild reproduces it and the seed's health
 * queries ("updated_at < NOW() - INTERVAL '5 minutes'") measure the timer, not the projection.
 */
const projectCampaignTimer = (row: CampaignTimerRow | null, event: TimerEnvelope): CampaignTimerRow | null => {
  switch (event.type) {
    case 'TimerScheduled': {
      if (row) return row;
      const d = event.data;
      return {
        id: d.timerId,
        campaign_id: d.campaignId,
        timer_type: d.timerType,
        status: 'PENDING',
        scheduled_at: d.scheduledAt,
        executed_at: null,
        payload: d.payload,
        retry_count: 0,
        created_at: d.createdAt,
        updated_at: d.createdAt,
      };
    }
    case 'TimerExecutionStarted':
      // seed 002: RUNNING while it fires; retry_count counts the retries made, this one included.
      return row && { ...row, status: 'RUNNING', retry_count: retriesMadeBy(event.data.attempt), updated_at: event.data.startedAt };
    case 'TimerExecutionCompleted':
      return row && { ...row, status: 'COMPLETED', executed_at: event.data.completedAt, updated_at: event.data.completedAt };
    case 'TimerExecutionFailed':
      return row && { ...row, status: 'FAILED', retry_count: retryCountAfterFailure(row, event.data.nextAttemptAt), updated_at: event.data.completedAt };
    case 'TimerCancelled':
      return row && { ...row, status: 'CANCELLED', updated_at: event.data.cancelledAt };
    default:
      return row;
  }
};

/** seed 002 valid_retry_count: retry_count <= 5, the scheduler's retries at most (SEED_002_RETRIES). */
const MAX_RETRIES = 5;

/** Attempt n is retry n - 1. */
const retriesMadeBy = (attempt: number): number => Math.min(MAX_RETRIES, Math.max(0, attempt - 1));

/**
 * seed 002 "Check for failed timers needing retry" (status = 'FAILED' AND retry_count < 5) means
 * what it says: a FAILED row with retry_count < 5 is a timer the scheduler still owes an attempt
 * (its retry waits for its back-off), and retry_count stays the retries made so far. A timer
 * failed for good — out of retries, or failed in a way no retry mends — has none left: it
 * shows retry_count 5, the seed's only way to say so; its attempts stay countable in
 * timer_executions, and an operator's retry (timer-scheduler) starts it again from 0.
 */
const retryCountAfterFailure = (row: CampaignTimerRow, nextAttemptAt: string | null): number => (nextAttemptAt === null ? MAX_RETRIES : row.retry_count);

/** seed 002 unique_active_timer_per_type: at most one PENDING or RUNNING timer per type. */
export const isActiveTimer = (row: CampaignTimerRow): boolean => row.status === 'PENDING' || row.status === 'RUNNING';

export const campaignTimersProjector = projector({
  table: 'campaign_timers',
  eventTypes: ['TimerScheduled', 'TimerCancelled', 'TimerExecutionStarted', 'TimerExecutionCompleted', 'TimerExecutionFailed'],
  project: projectCampaignTimer,
});
