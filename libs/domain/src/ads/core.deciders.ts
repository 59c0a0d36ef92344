import { type DeciderEntry, deciderEntry as entry } from '../shared/decider';
import { AD_ACCOUNT_COMMAND_TYPES, adAccountDecider } from './account.decide';
import { AD_CAMPAIGN_COMMAND_TYPES, adCampaignDecider } from './ad-campaign.decide';
import { BUDGETS_COMMAND_TYPES, budgetsDecider } from './budgets.decide';

/** Accounts, campaigns and budgets. */
export const CORE_DECIDERS: readonly DeciderEntry[] = [
  entry('ad-account', adAccountDecider, AD_ACCOUNT_COMMAND_TYPES),
  entry('ad-campaign', adCampaignDecider, AD_CAMPAIGN_COMMAND_TYPES),
  entry('budgets', budgetsDecider, BUDGETS_COMMAND_TYPES),
];
