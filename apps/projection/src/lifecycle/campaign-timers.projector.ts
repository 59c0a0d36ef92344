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
      return row && { ...row, status: 'RUNNING', updated_at: event.data.startedAt };
    case 'TimerExecutionCompleted':
      return row && { ...row, status: 'COMPLETED', executed_at: event.data.completedAt, updated_at: event.data.completedAt };
    case 'TimerExecutionFailed':
      // seed 002 "Check for failed timers needing retry": status FAILED with retry_count < 5.
      // A timer failed for good (no nextAttemptAt) keeps the same shape: the seed has no other.
      return row && { ...row, status: 'FAILED', retry_count: event.data.retryCount, updated_at: event.data.completedAt };
    case 'TimerCancelled':
      return row && { ...row, status: 'CANCELLED', updated_at: event.data.cancelledAt };
    default:
      return row;
  }
};

/** seed 002 unique_active_timer_per_type: at most one PENDING or RUNNING timer per type. */
export const isActiveTimer = (row: CampaignTimerRow): boolean => row.status === 'PENDING' || row.status === 'RUNNING';

export const campaignTimersProjector = projector({
  table: 'campaign_timers',
  eventTypes: ['TimerScheduled', 'TimerCancelled', 'TimerExecutionStarted', 'TimerExecutionCompleted', 'TimerExecutionFailed'],
  project: projectCampaignTimer,
});
