import { projector } from '../shared/projector';
import type { CampaignRow, LifecycleEnvelope } from './lifecycle.events';

export interface StateLogRow {
  readonly id: string;
  readonly campaign_id: string;
  readonly from_state: string | null;
  readonly to_state: string;
  readonly trigger_event: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly created_at: string;
}

const provenance = (event: LifecycleEnvelope) => ({
  event_id: event.eventId,
  event_type: event.type,
  changed_by: event.actor,
  command_id: event.causationId,
  correlation_id: event.correlationId,
});

/**
 * seed 002 `campaign_state_log`: a row per status change, the creation included (from_state
 * NULL, which valid_state_transition allows). The row id is the event id, so a replay
 * cannot add a second row for the same change.
 */
const projectStateLog = (campaign: CampaignRow | null, event: LifecycleEnvelope): StateLogRow[] => {
  switch (event.type) {
    case 'CampaignCreated':
      if (campaign) return [];
      return [
        {
          id: event.eventId,
          campaign_id: event.data.campaignId,
          from_state: null,
          to_state: 'CREATED',
          trigger_event: 'MANUAL',
          metadata: provenance(event),
          created_at: event.occurredAt,
        },
      ];
    case 'StateTransitioned':
      if (!campaign) return [];
      return [
        {
          id: event.eventId,
          campaign_id: event.data.campaignId,
          from_state: event.data.from,
          to_state: event.data.to,
          trigger_event: event.data.trigger,
          metadata: { ...provenance(event), reason: event.data.reason, previous_updated_at: campaign.updated_at },
          created_at: event.occurredAt,
        },
      ];
    default:
      return [];
  }
};

export const campaignStateLogProjector = projector({
  table: 'campaign_state_log',
  eventTypes: ['CampaignCreated', 'StateTransitioned'],
  project: projectStateLog,
});
