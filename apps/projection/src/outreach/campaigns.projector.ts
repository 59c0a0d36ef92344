/**
 * seed 004 `campaigns`: every column a campaign's owner sets, from CampaignCreated and
 * CampaignUpdated (which carry the whole settings), and the status workflow from
 * CampaignStatusChanged. The counters are not here: they follow the contacts (campaign-counters.ts).
 */
import type { outreach } from '@campaign/domain';
import { projector } from '../shared/projector';
import type { CampaignEnvelope, CampaignRow } from './outreach.events';

const settingsColumns = (s: outreach.CampaignSettings) => ({
  name: s.name,
  description: s.description,
  campaign_type: s.campaignType,
  channel: s.channel,
  target_audience: s.targetAudience,
  target_locations: s.targetLocations,
  target_skills: s.targetSkills,
  target_company_sizes: s.targetCompanySizes,
  is_ab_test: s.isAbTest,
  variant_a_template_id: s.variantATemplateId,
  variant_b_template_id: s.variantBTemplateId,
  ab_split_percentage: s.abSplitPercentage,
  target_contacts_count: s.targetContactsCount,
  target_response_rate: s.targetResponseRate,
  target_conversion_count: s.targetConversionCount,
  start_date: s.startDate,
  end_date: s.endDate,
  owner_id: s.ownerId,
});

/** The row after the event; the same row object when the event changes nothing it holds. */
const projectCampaign = (row: CampaignRow | null, event: CampaignEnvelope): CampaignRow | null => {
  switch (event.type) {
    case 'CampaignCreated': {
      const d = event.data;
      if (row) return row;
      // seed 004: status defaults to 'draft' — a campaign is created as a draft.
      return {
        id: d.campaignId,
        org_id: d.orgId,
        status: 'draft',
        ...settingsColumns(d.settings),
        created_at: d.createdAt,
        updated_at: d.createdAt,
        created_by: d.createdBy,
      };
    }
    case 'CampaignUpdated':
      return row && { ...row, ...settingsColumns(event.data.settings), updated_at: event.data.updatedAt };
    case 'CampaignStatusChanged': {
      const d = event.data;
      if (!row) return null;
      // seed 004: activation sets start_date (if not set), completion sets end_date (if not set);
      // the event carries the date only when it sets one.
      return { ...row, status: d.to, start_date: d.startDate ?? row.start_date, end_date: d.endDate ?? row.end_date, updated_at: d.changedAt };
    }
  }
};

export const campaignsProjector = projector({
  table: 'campaigns',
  eventTypes: ['CampaignCreated', 'CampaignUpdated', 'CampaignStatusChanged'],
  project: projectCampaign,
});
