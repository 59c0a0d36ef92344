import { projector } from '../shared/projector';
import type { CampaignRow, LifecycleEnvelope } from './lifecycle.events';

/**
 * seed 002 `campaigns`: one row per campaign, its current status and window. updated_at is the
 * time of the last lifecycle change, taken from the event so that a rebuild reproduces it.
 */
const projectCampaign = (row: CampaignRow | null, event: LifecycleEnvelope): CampaignRow | null => {
  switch (event.type) {
    case 'CampaignCreated': {
      if (row) return row;
      const d = event.data;
      return {
        id: d.campaignId,
        status: 'CREATED',
        metadata: d.metadata,
        created_at: d.createdAt,
        updated_at: event.occurredAt,
        start_time: d.startTime,
        end_time: d.endTime,
        duration_hours: d.durationHours,
        auto_close: d.autoClose,
        rewards_enabled: d.rewardsEnabled,
      };
    }
    case 'StateTransitioned': {
      if (!row) return row;
      const d = event.data;
      return {
        ...row,
        status: d.to,
        updated_at: event.occurredAt,
        start_time: d.startTime ?? row.start_time,
        end_time: d.endTime ?? row.end_time,
      };
    }
    default:
      return row;
  }
};

export const campaignsProjector = projector({
  table: 'campaigns',
  eventTypes: ['CampaignCreated', 'StateTransitioned'],
  project: projectCampaign,
});
