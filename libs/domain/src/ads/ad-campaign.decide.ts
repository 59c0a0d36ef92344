/**
 * Registering a platform's campaign (a sync does it for every campaign it reads; a person may
 * too): the first registration records it, a later one only what changed, an identical one
 * nothing. A campaign is registered only under an account the org connected, and only by the
 * org that owns it (seed 003: UNIQUE(platform, platform_campaign_id)).
 */
import { assertNever, type Command, type Decider, type Decision, DomainError } from '../shared/decider';
import { INSTANT_BOUNDS_TEXT, isInstantInBounds, isUuid, parseInstant, toIso } from '../shared/validation';
import { adAccountStreamId, connectedAccountOf, type AdAccountEvent } from './account';
import {
  AD_CAMPAIGN_DETAIL_FIELDS,
  type AdCampaignDetails,
  type AdCampaignEvent,
  type AdCampaignState,
  adCampaignStreamId,
  evolveAdCampaign,
  initialAdCampaignState,
} from './ad-campaign';
import { isOptionalText, nowOf, reject, roleRequired, tenantOf } from './core.rules';
import { AdsErrorCode as Code } from './errors';
import { formatCents, readMoney } from '../shared/money';
import { AD_CAMPAIGN_LIMITS as LIMITS, BUDGET_TYPES, type BudgetType } from './values';

export type RegisterAdCampaign = Command<
  'RegisterAdCampaign',
  {
    readonly campaignId: string;
    readonly accountId: string;
    readonly platform: string;
    readonly platformCampaignId: string;
    readonly name?: string | null;
    readonly status?: string | null;
    readonly objective?: string | null;
    readonly budgetAmount?: string | null;
    readonly budgetType?: string | null;
    readonly startDate?: string | null;
    readonly endDate?: string | null;
  }
>;

export type AdCampaignCommand = RegisterAdCampaign;

const invalid = (field: string, message: string) => reject(Code.AD_CAMPAIGN_INVALID, message, { field });

const textOf = (value: string | null | undefined): string | null => value ?? null;

/** seed 003: campaigns — each field as its column holds it (VARCHAR lengths, DECIMAL(15,2), TIMESTAMP). */
const detailsOf = (data: RegisterAdCampaign['data']): Omit<AdCampaignDetails, 'accountId'> | DomainError => {
  const { platform, platformCampaignId, name, status, objective, budgetAmount = null, budgetType = null, startDate = null, endDate = null } = data;
  // seed 003: platform VARCHAR(50) NOT NULL, platform_campaign_id VARCHAR(255) NOT NULL
  if (typeof platform !== 'string' || platform.length === 0 || platform.length > LIMITS.platform)
    return invalid('platform', `platform must be 1 to ${LIMITS.platform} characters`);
  if (typeof platformCampaignId !== 'string' || platformCampaignId.trim().length === 0 || platformCampaignId.length > LIMITS.platformCampaignId) {
    return invalid('platformCampaignId', `platformCampaignId must be 1 to ${LIMITS.platformCampaignId} characters`);
  }
  // seed 003: name VARCHAR(500), status VARCHAR(50), objective VARCHAR(100) — nullable.
  for (const [field, value, max] of [
    ['name', name, LIMITS.name],
    ['status', status, LIMITS.status],
    ['objective', objective, LIMITS.objective],
  ] as const) {
    if (!isOptionalText(value, max)) return invalid(field, `${field} must be text of at most ${max} characters`);
  }
  let amount: string | null = null;
  if (budgetAmount !== null) {
    // seed 003: budget_amount DECIMAL(15,2)
    const money = readMoney(budgetAmount);
    if (!('cents' in money))
      return invalid('budgetAmount', 'budgetAmount must be a decimal with at most 2 decimals and 13 digits before the point (DECIMAL(15,2))');
    if (money.cents < 0n) return invalid('budgetAmount', 'budgetAmount must not be negative');
    amount = formatCents(money.cents);
  }
  // seed 003: budget_type VARCHAR(50) -- daily, lifetime
  if (budgetType !== null && !(BUDGET_TYPES as readonly string[]).includes(budgetType))
    return invalid('budgetType', `budgetType must be one of ${BUDGET_TYPES.join(', ')}`);
  const start = startDate === null ? null : parseInstant(startDate);
  const end = endDate === null ? null : parseInstant(endDate);
  if (startDate !== null && start === null) return invalid('startDate', 'startDate must be an ISO-8601 instant');
  if (endDate !== null && end === null) return invalid('endDate', 'endDate must be an ISO-8601 instant');
  // The platform's instants (2000–2999): a date outside them may not be projectable (PostgreSQL has no year 0).
  if (start !== null && !isInstantInBounds(start)) return invalid('startDate', `startDate must lie ${INSTANT_BOUNDS_TEXT}`);
  if (end !== null && !isInstantInBounds(end)) return invalid('endDate', `endDate must lie ${INSTANT_BOUNDS_TEXT}`);
  if (start !== null && end !== null && end <= start) {
    return reject(Code.AD_CAMPAIGN_INVALID_DATES, 'endDate must be after startDate', { startDate: toIso(start), endDate: toIso(end) });
  }
  return {
    name: textOf(name),
    status: textOf(status),
    objective: textOf(objective),
    budgetAmount: amount,
    budgetType: budgetType as BudgetType | null,
    startDate: start === null ? null : toIso(start),
    endDate: end === null ? null : toIso(end),
  };
};

const changesOf = (before: AdCampaignDetails, after: AdCampaignDetails): Partial<AdCampaignDetails> =>
  Object.fromEntries(AD_CAMPAIGN_DETAIL_FIELDS.filter((field) => before[field] !== after[field]).map((field) => [field, after[field]]));

const register = (command: RegisterAdCampaign, state: AdCampaignState): Decision<AdCampaignEvent> => {
  const denied = roleRequired(command, ['marketer', 'admin']);
  if (denied) return denied;
  const { campaignId, accountId, platform, platformCampaignId } = command.data;
  if (!isUuid(campaignId)) return invalid('campaignId', 'campaignId must be a UUID');
  if (!isUuid(accountId)) return invalid('accountId', 'accountId must be a UUID');
  const orgId = tenantOf(command);
  // seed 003: UNIQUE(platform, platform_campaign_id) — another org's campaign is not even described.
  if (state.campaign && state.campaign.orgId !== orgId) return reject(Code.AD_CAMPAIGN_UNAVAILABLE, 'This campaign is not available');
  const fields = detailsOf(command.data);
  if (fields instanceof DomainError) return fields;
  const account = connectedAccountOf(state.account, orgId);
  if (!account) return reject(Code.AD_ACCOUNT_NOT_CONNECTED, `Ad account ${accountId} is not connected by this organization`, { accountId });
  if (account.platform !== platform) return invalid('platform', `The account is a ${account.platform} account, not ${platform}`);
  const details: AdCampaignDetails = { accountId, ...fields };
  const at = toIso(nowOf(command));
  if (!state.campaign) {
    return [{ type: 'AdCampaignRegistered', data: { campaignId, orgId, platform, platformCampaignId, ...details, registeredAt: at } }];
  }
  const changes = changesOf(state.campaign, details);
  return Object.keys(changes).length === 0 ? [] : [{ type: 'AdCampaignDetailsChanged', data: { campaignId, changes, changedAt: at } }];
};

export const decideAdCampaign = (command: AdCampaignCommand, state: AdCampaignState): Decision<AdCampaignEvent> => {
  switch (command.type) {
    case 'RegisterAdCampaign':
      return register(command, state);
    default:
      return assertNever(command.type);
  }
};

export const adCampaignDecider: Decider<AdCampaignCommand, AdCampaignEvent | AdAccountEvent, AdCampaignState> = {
  initialState: initialAdCampaignState,
  decide: decideAdCampaign,
  evolve: evolveAdCampaign,
  streamIdOf: (command) => adCampaignStreamId(command.data.campaignId),
  alsoReads: (command) => [adAccountStreamId(command.data.accountId)],
};

export const AD_CAMPAIGN_COMMAND_TYPES: readonly AdCampaignCommand['type'][] = ['RegisterAdCampaign'];
