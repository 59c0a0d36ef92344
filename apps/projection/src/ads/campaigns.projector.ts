/**
 * seed 003 `campaigns`: what a platform says about a campaign, from AdCampaignRegistered (the
 * first sync or a person) and AdCampaignDetailsChanged (only the fields that changed). The row
 * may already exist as a stub the metric facts created (./metrics): the registration fills it in.
 */
import { projector } from '../shared/projector';
import type { CampaignDetails, EnvelopeOf } from './ads.events';

export interface AdCampaignRow {
  readonly id: string;
  readonly org_id: string;
  readonly account_id: string | null;
  readonly platform: string;
  readonly platform_campaign_id: string;
  readonly name: string | null;
  readonly status: string | null;
  readonly objective: string | null;
  readonly budget_amount: string | number | null;
  readonly budget_type: string | null;
  readonly start_date: string | null;
  readonly end_date: string | null;
  readonly created_at: string | null;
  readonly updated_at: string | null;
}

type CampaignEnvelope = EnvelopeOf<'AdCampaignRegistered' | 'AdCampaignDetailsChanged'>;

const DETAIL_COLUMNS = {
  accountId: 'account_id',
  name: 'name',
  status: 'status',
  objective: 'objective',
  budgetAmount: 'budget_amount',
  budgetType: 'budget_type',
  startDate: 'start_date',
  endDate: 'end_date',
} as const satisfies Record<keyof CampaignDetails, keyof AdCampaignRow>;

/** The columns of the details an event carries; a field it leaves out keeps its value. */
const detailColumns = (details: Partial<CampaignDetails>): Partial<AdCampaignRow> =>
  Object.fromEntries(
    Object.entries(DETAIL_COLUMNS)
      .filter(([field]) => (details as Record<string, unknown>)[field] !== undefined)
      .map(([field, column]) => [column, (details as Record<string, unknown>)[field]]),
  );

const projectCampaign = (row: AdCampaignRow | null, event: CampaignEnvelope): AdCampaignRow | null => {
  switch (event.type) {
    case 'AdCampaignRegistered': {
      const d = event.data;
      return {
        id: d.campaignId,
        org_id: d.orgId,
        account_id: d.accountId,
        platform: d.platform,
        platform_campaign_id: d.platformCampaignId,
        name: d.name,
        status: d.status,
        objective: d.objective,
        budget_amount: d.budgetAmount,
        budget_type: d.budgetType,
        start_date: d.startDate,
        end_date: d.endDate,
        created_at: d.registeredAt,
        updated_at: d.registeredAt,
      };
    }
    case 'AdCampaignDetailsChanged':
      return row && { ...row, ...detailColumns(event.data.changes), updated_at: event.data.changedAt };
  }
};

export const adCampaignsProjector = projector({
  table: 'campaigns',
  eventTypes: ['AdCampaignRegistered', 'AdCampaignDetailsChanged'],
  project: projectCampaign,
});
