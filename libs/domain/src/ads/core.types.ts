import type { AdAccountEvent } from './account';
import type { AdAccountCommand } from './account.decide';
import type { AdCampaignEvent } from './ad-campaign';
import type { AdCampaignCommand } from './ad-campaign.decide';
import type { BudgetsEvent } from './budgets';
import type { BudgetsCommand } from './budgets.decide';

/** Every event of the accounts, campaigns and budgets streams. */
export type AdsCoreEvent = AdAccountEvent | AdCampaignEvent | BudgetsEvent;

/** Every command the accounts, campaigns and budgets deciders take. */
export type AdsCoreCommand = AdAccountCommand | AdCampaignCommand | BudgetsCommand;
