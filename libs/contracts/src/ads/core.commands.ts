import { optional, timestamp } from '../avro';

/**
 * Avro schemas of the accounts', campaigns' and budgets' commands (accepted on `ads.commands`;
 * HTTP builds the same data). Optional fields are nullable with default null; the deciders
 * treat null as "not given". The org is the envelope's `tenant`, never a data field. Platforms
 * and budget types are plain strings: the deciders validate them with their own codes.
 */
const NS = 'campaign.ads.commands';

const cmd = (name: string, fields: readonly object[]) => ({ version: 1, schema: { type: 'record', name, namespace: NS, fields } }) as const;

const strings = (...names: string[]) => names.map((name) => ({ name, type: 'string' }));
const nullableStrings = (...names: string[]) => names.map((name) => ({ name, ...optional('string') }));

const allocation = [
  ...strings('allocationId', 'periodStart', 'periodEnd', 'totalBudget'),
  { name: 'allocations', type: { type: 'map', values: 'string' } },
] as const;

export const adsCoreCommandSchemas = {
  ConnectAdAccount: cmd('ConnectAdAccount', strings('accountId', 'platform', 'platformAccountId', 'name', 'currency', 'timeZone')),
  DisconnectAdAccount: cmd('DisconnectAdAccount', strings('accountId')),
  RequestAdAccountSync: cmd('RequestAdAccountSync', [...strings('accountId', 'syncId'), { name: 'windowDays', ...optional('int') }]),
  RecordAdAccountSynced: cmd('RecordAdAccountSynced', [
    ...strings('accountId', 'syncId'),
    { name: 'campaigns', type: 'int' },
    { name: 'rows', type: 'long' },
    { name: 'syncedAt', type: timestamp },
  ]),
  RecordAdAccountSyncFailed: cmd('RecordAdAccountSyncFailed', strings('accountId', 'syncId', 'error')),
  RegisterAdCampaign: cmd('RegisterAdCampaign', [
    ...strings('campaignId', 'accountId', 'platform', 'platformCampaignId'),
    ...nullableStrings('name', 'status', 'objective', 'budgetAmount', 'budgetType'),
    { name: 'startDate', ...optional(timestamp) },
    { name: 'endDate', ...optional(timestamp) },
  ]),
  SetBudgetAllocation: cmd('SetBudgetAllocation', allocation),
  ProposeBudgetAllocation: cmd('ProposeBudgetAllocation', allocation),
} as const;
