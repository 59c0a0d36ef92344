import { json, optional, timestamp } from '../avro';

/**
 * Avro schemas of the accounts', campaigns' and budgets' events (seed 003), one per type and
 * version. Field names and nullability are the domain's (libs/domain/src/ads/{account,
 * ad-campaign,budgets}.ts); instants are timestamp-millis, money decimal strings with two
 * decimals, budget periods YYYY-MM-DD strings.
 */
const NS = 'campaign.ads.events';

const record = (name: string, fields: readonly object[]) => ({ version: 1, schema: { type: 'record', name, namespace: NS, fields } }) as const;

const strings = (...names: string[]) => names.map((name) => ({ name, type: 'string' }));
const nullableStrings = (...names: string[]) => names.map((name) => ({ name, ...optional('string') }));
const instant = (name: string) => ({ name, type: timestamp });

export const adsCoreEventSchemas = {
  AdAccountConnected: record('AdAccountConnected', [
    ...strings('accountId', 'orgId', 'platform', 'platformAccountId', 'name', 'currency', 'timeZone'),
    instant('connectedAt'),
  ]),
  AdAccountDetailsChanged: record('AdAccountDetailsChanged', [...strings('accountId', 'name', 'currency', 'timeZone'), instant('changedAt')]),
  AdAccountDisconnected: record('AdAccountDisconnected', [...strings('accountId'), instant('disconnectedAt')]),
  AdAccountSyncRequested: record('AdAccountSyncRequested', [
    ...strings('accountId', 'orgId', 'platform', 'platformAccountId', 'syncId'),
    instant('requestedAt'),
    instant('windowStart'),
    instant('windowEnd'),
  ]),
  AdAccountSynced: record('AdAccountSynced', [
    ...strings('accountId', 'orgId', 'syncId'),
    { name: 'campaigns', type: 'int' },
    { name: 'rows', type: 'long' },
    instant('syncedAt'),
  ]),
  AdAccountSyncFailed: record('AdAccountSyncFailed', [...strings('accountId', 'orgId', 'syncId', 'error'), instant('failedAt')]),
  AdCampaignRegistered: record('AdCampaignRegistered', [
    ...strings('campaignId', 'orgId', 'accountId', 'platform', 'platformCampaignId'),
    ...nullableStrings('name', 'status', 'objective', 'budgetAmount', 'budgetType'),
    { name: 'startDate', ...optional(timestamp) },
    { name: 'endDate', ...optional(timestamp) },
    instant('registeredAt'),
  ]),
  // Only the fields that changed, with their new values (instants as ISO-8601 strings).
  AdCampaignDetailsChanged: record('AdCampaignDetailsChanged', [...strings('campaignId'), { name: 'changes', type: json }, instant('changedAt')]),
  BudgetAllocationSet: record('BudgetAllocationSet', [
    ...strings('allocationId', 'orgId', 'periodStart', 'periodEnd', 'totalBudget'),
    // seed 003: allocations JSONB -- {"google": 5000, "meta": 3000, ...}
    { name: 'allocations', type: { type: 'map', values: 'string' } },
    { name: 'aiSuggested', type: 'boolean' },
    ...strings('createdBy'),
    instant('createdAt'),
  ]),
} as const;
