import { projector } from '../shared/projector';
import type { CampaignRow, LifecycleEnvelope } from './lifecycle.events';

/**
 * A metric row to write. Counts are running totals: `increment` says "the previous value of
 * this metric for this campaign plus one", resolved by the writer inside the transaction.
 */
export interface MetricRow {
  readonly id: string;
  readonly campaign_id: string;
  readonly metric_type: 'ENGAGEMENT_COUNT' | 'PARTICIPANT_COUNT' | 'REWARD_CLAIMED' | 'STATE_TRANSITION_TIME' | 'TIMER_EXECUTION_TIME';
  readonly value: { readonly measured: number } | { readonly increment: 1 };
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly recorded_at: string;
}

/**
 * seed 002 `campaign_metrics`: PARTICIPANT_COUNT, ENGAGEMENT_COUNT and REWARD_CLAIMED as
 * running totals; STATE_TRANSITION_TIME as the milliseconds the campaign spent in the state
 * it leaves, measured between the events; TIMER_EXECUTION_TIME as the milliseconds a timer's
 * successful execution took, as the timer-scheduler measured it.
 */
/** seed 002: campaign_metrics.value DECIMAL(15,4) holds less than 10^11 — about 3.2 years in milliseconds. */
const MAX_METRIC_VALUE = 99_999_999_999;

const projectMetrics = (campaign: CampaignRow | null, event: LifecycleEnvelope): MetricRow[] => {
  if (!campaign) return [];
  const base = { id: event.eventId, campaign_id: campaign.id, recorded_at: event.occurredAt };
  switch (event.type) {
    case 'StateTransitioned': {
      const spent = Math.max(0, Date.parse(event.occurredAt) - Date.parse(campaign.updated_at));
      // A campaign may wait years to start or run 100; past the column's ceiling it is marked, not dead-lettered.
      const capped = spent > MAX_METRIC_VALUE;
      const attributes = { from_state: event.data.from, to_state: event.data.to, trigger: event.data.trigger, unit: 'ms', ...(capped ? { capped: true } : {}) };
      return [{ ...base, metric_type: 'STATE_TRANSITION_TIME', value: { measured: capped ? MAX_METRIC_VALUE : spent }, attributes }];
    }
    case 'ParticipantJoined':
      return [{ ...base, metric_type: 'PARTICIPANT_COUNT', value: { increment: 1 }, attributes: { participant_id: event.data.participantId } }];
    case 'EngagementRecorded':
      return [
        {
          ...base,
          metric_type: 'ENGAGEMENT_COUNT',
          value: { increment: 1 },
          attributes: { engagement_type: event.data.engagementType, participant_id: event.data.participantId },
        },
      ];
    case 'RewardClaimed':
      return [
        {
          ...base,
          metric_type: 'REWARD_CLAIMED',
          value: { increment: 1 },
          attributes: { participant_id: event.data.participantId, reward_id: event.data.rewardId },
        },
      ];
    case 'TimerExecutionCompleted': {
      const d = event.data;
      return [
        {
          ...base,
          recorded_at: d.completedAt,
          metric_type: 'TIMER_EXECUTION_TIME',
          value: { measured: d.executionTimeMs },
          attributes: { timer_id: d.timerId, timer_type: d.timerType, unit: 'ms' },
        },
      ];
    }
    default:
      return [];
  }
};

export const campaignMetricsProjector = projector({
  table: 'campaign_metrics',
  eventTypes: ['StateTransitioned', 'ParticipantJoined', 'EngagementRecorded', 'RewardClaimed', 'TimerExecutionCompleted'],
  project: projectMetrics,
});
