/**
 * A platform's campaign as the ads context knows it (seed 003 `campaigns`). Its id is a
 * function of (platform, platform_campaign_id), so its stream (`ads-campaign-<campaignId>`) is
 * the seed's UNIQUE(platform, platform_campaign_id): the first org to register it owns it.
 */
import type { Event } from '../shared/decider';
import type { AdAccountEvent } from './account';
import { type AdAccountState, evolveAdAccount, initialAdAccountState } from './account';
import type { BudgetType } from './values';

export const adCampaignStreamId = (campaignId: string): string => `ads-campaign-${campaignId}`;

/** The fields a sync (or a person) may restate; platform and platform campaign id never change. */
export interface AdCampaignDetails {
  readonly accountId: string;
  readonly name: string | null;
  readonly status: string | null;
  readonly objective: string | null;
  /** DECIMAL(15,2) as a decimal string with two decimals (`1500.00`). */
  readonly budgetAmount: string | null;
  readonly budgetType: BudgetType | null;
  /** seed 003: start_date / end_date TIMESTAMP — ISO-8601 instants. */
  readonly startDate: string | null;
  readonly endDate: string | null;
}

export const AD_CAMPAIGN_DETAIL_FIELDS = ['accountId', 'name', 'status', 'objective', 'budgetAmount', 'budgetType', 'startDate', 'endDate'] as const;

export type AdCampaignRegistered = Event<
  'AdCampaignRegistered',
  AdCampaignDetails & {
    readonly campaignId: string;
    readonly orgId: string;
    readonly platform: string;
    readonly platformCampaignId: string;
    readonly registeredAt: string;
  }
>;

/** Only the fields that changed, with their new values (a JSON object on the wire). */
export type AdCampaignDetailsChanged = Event<
  'AdCampaignDetailsChanged',
  { readonly campaignId: string; readonly changes: Partial<AdCampaignDetails>; readonly changedAt: string }
>;

export type AdCampaignEvent = AdCampaignRegistered | AdCampaignDetailsChanged;

export interface AdCampaignState {
  readonly campaign: (AdCampaignDetails & { readonly orgId: string; readonly platform: string; readonly platformCampaignId: string }) | null;
  /** The account the command names, folded first (RegisterAdCampaign also reads its stream). */
  readonly account: AdAccountState;
}

export const initialAdCampaignState = (): AdCampaignState => ({ campaign: null, account: initialAdAccountState() });

const isAccountEvent = (event: AdCampaignEvent | AdAccountEvent): event is AdAccountEvent => event.type.startsWith('AdAccount');

export const evolveAdCampaign = (state: AdCampaignState, event: AdCampaignEvent | AdAccountEvent): AdCampaignState => {
  if (isAccountEvent(event)) return { ...state, account: evolveAdAccount(state.account, event) };
  switch (event.type) {
    case 'AdCampaignRegistered': {
      const { campaignId: _id, registeredAt: _at, ...campaign } = event.data;
      return { ...state, campaign };
    }
    case 'AdCampaignDetailsChanged':
      return state.campaign ? { ...state, campaign: { ...state.campaign, ...event.data.changes } } : state;
  }
};
