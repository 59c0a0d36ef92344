/**
 * seed 001 `campaigns`: a campaign as created, its changes (a null in `changes` clears the field:
 * the domain's changedFields), its status, and its deletion — content and revenue attribution
 * naming it keep their rows with campaign_id NULL (ON DELETE SET NULL), and the id is tombstoned
 * so a late event of another stream naming it writes NULL too.
 */
import type { commerce } from '@campaign/domain';
import { projector } from '../shared/projector';
import { columnsOf, patched } from './commerce.events';
import type { MoreEnvelopeOf } from './commerce-more.tables';

export interface CampaignRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly goal_id: string | null;
  readonly owner_agent_id: string | null;
  readonly target_segment_id: string | null;
  readonly status: commerce.CampaignStatus;
  readonly channel: string | null;
  readonly budget: string | number | null;
  readonly currency: string | null;
  readonly starts_at: string | null;
  readonly ends_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

type CampaignEnvelope = MoreEnvelopeOf<commerce.CampaignEvent>;

const COLUMNS = {
  name: 'name',
  goalId: 'goal_id',
  ownerAgentId: 'owner_agent_id',
  targetSegmentId: 'target_segment_id',
  channel: 'channel',
  budget: 'budget',
  currency: 'currency',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
};

type Fields = Omit<CampaignRow, 'id' | 'org_id' | 'status' | 'created_at' | 'updated_at'>;

const created = (d: commerce.CampaignCreated['data']): CampaignRow => ({
  id: d.campaignId,
  org_id: d.orgId,
  ...(columnsOf(d, COLUMNS) as unknown as Fields),
  status: d.status,
  created_at: d.createdAt,
  updated_at: d.createdAt,
});

const projectCampaign = (row: CampaignRow | null, event: CampaignEnvelope): CampaignRow | null => {
  switch (event.type) {
    case 'CampaignCreated':
      return row ?? created(event.data);
    case 'CampaignUpdated':
      return row && patched(row, columnsOf(event.data.changes, COLUMNS), { updated_at: event.data.updatedAt });
    case 'CampaignStatusChanged':
      return row && patched(row, { status: event.data.to }, { updated_at: event.data.changedAt });
    case 'CampaignDeleted':
      return null;
  }
};

export const campaignsProjector = projector({
  table: 'campaigns',
  eventTypes: ['CampaignCreated', 'CampaignUpdated', 'CampaignStatusChanged', 'CampaignDeleted'],
  project: projectCampaign,
});
