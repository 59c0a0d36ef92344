import type { Command, Decider, Event } from '../shared/decider';
import { AD_ACCOUNT_COMMAND_TYPES, adAccountDecider } from './account.decide';
import { AD_CAMPAIGN_COMMAND_TYPES, adCampaignDecider } from './ad-campaign.decide';
import { BUDGETS_COMMAND_TYPES, budgetsDecider } from './budgets.decide';
import type { AdsDeciderEntry } from './deciders';

/** A decider as the executor holds it: it is only ever handed its own commands and its streams' events. */
const entry = <C extends Command, E extends Event, S>(name: string, decider: Decider<C, E, S>, commandTypes: readonly C['type'][]): AdsDeciderEntry => ({
  name,
  decider: decider as unknown as AdsDeciderEntry['decider'],
  commandTypes,
});

/** Accounts, campaigns and budgets. */
export const CORE_DECIDERS: readonly AdsDeciderEntry[] = [
  entry('ad-account', adAccountDecider, AD_ACCOUNT_COMMAND_TYPES),
  entry('ad-campaign', adCampaignDecider, AD_CAMPAIGN_COMMAND_TYPES),
  entry('budgets', budgetsDecider, BUDGETS_COMMAND_TYPES),
];
