/**
 * A campaign (seed 000: "Campaign as root entity for all operations"): its events and the state
 * its decider folds. It names a strategy and an orchestrator, each optional; deleting either
 * leaves the campaign running without it (seed 000: ON DELETE SET NULL) — the read model clears
 * the column, the command side only checks a name when it is given.
 */
import type { Event } from '../shared/decider';
import type { CampaignPriority } from './rules';
import type { CampaignStatus, JsonObject } from './values';

export const campaignStreamId = (orgId: string, campaignId: string): string => `orchestration-campaign-${orgId}-${campaignId}`;

/** What a person sets on a campaign; instants ISO-8601, budget a decimal string (DECIMAL(12,2)). */
export interface CampaignFields {
  readonly name: string;
  readonly description: string | null;
  readonly strategyId: string | null;
  readonly orchestratorId: string | null;
  readonly priority: CampaignPriority;
  readonly scheduledStart: string | null;
  readonly deadline: string | null;
  readonly budget: string | null;
  readonly targetAudience: JsonObject | null;
}

export type CampaignCreated = Event<
  'CampaignCreated',
  { readonly orgId: string; readonly campaignId: string } & CampaignFields & { readonly status: CampaignStatus; readonly createdAt: string }
>;

/** Only the fields that changed, with their new values; progressPercentage is seed 000's chk_campaign_progress column. */
export type CampaignChanges = Partial<CampaignFields & { readonly progressPercentage: number }>;

export type CampaignUpdated = Event<
  'CampaignUpdated',
  { readonly orgId: string; readonly campaignId: string; readonly changes: CampaignChanges; readonly updatedAt: string }
>;

/** actualStart: set by the first activation and kept afterwards (null before it). */
export type CampaignStatusChanged = Event<
  'CampaignStatusChanged',
  {
    readonly orgId: string;
    readonly campaignId: string;
    readonly from: CampaignStatus;
    readonly to: CampaignStatus;
    readonly actualStart: string | null;
    readonly changedAt: string;
  }
>;

export type CampaignDeleted = Event<'CampaignDeleted', { readonly orgId: string; readonly campaignId: string; readonly deletedAt: string }>;

export type CampaignEvent = CampaignCreated | CampaignUpdated | CampaignStatusChanged | CampaignDeleted;

export const CAMPAIGN_EVENT_TYPES: readonly CampaignEvent['type'][] = ['CampaignCreated', 'CampaignUpdated', 'CampaignStatusChanged', 'CampaignDeleted'];

export interface CampaignView extends CampaignFields {
  readonly campaignId: string;
  /** Deleted campaigns stay in the stream: their id is never reused, their commands answer CAMPAIGN_NOT_FOUND. */
  readonly deleted: boolean;
  readonly status: CampaignStatus;
  readonly progressPercentage: number;
  readonly actualStart: string | null;
}

export interface CampaignState {
  readonly campaign: CampaignView | null;
}

export const initialCampaignState = (): CampaignState => ({ campaign: null });

export const evolveCampaign = (state: CampaignState, event: CampaignEvent): CampaignState => {
  if (event.type === 'CampaignCreated') {
    const { orgId: _org, createdAt: _at, ...fields } = event.data;
    return { campaign: { ...fields, deleted: false, progressPercentage: 0, actualStart: null } };
  }
  const campaign = state.campaign;
  if (campaign === null) return state;
  switch (event.type) {
    case 'CampaignUpdated':
      return { campaign: { ...campaign, ...event.data.changes } };
    case 'CampaignStatusChanged':
      return { campaign: { ...campaign, status: event.data.to, actualStart: event.data.actualStart } };
    case 'CampaignDeleted':
      return { campaign: { ...campaign, deleted: true } };
  }
};

/** The campaign when it exists and is not deleted: what other aggregates' commands need. */
export const liveCampaignOf = (state: CampaignState): CampaignView | null => (state.campaign && !state.campaign.deleted ? state.campaign : null);
