/**
 * Connecting an ad-platform account to an org, disconnecting it, and its syncs: asked for by
 * its timer or a person, their outcome recorded by the sync runner (analytics-ingest).
 */
import { assertNever, type Command, type Decider, type Decision, DomainError } from '../shared/decider';
import { storableText } from '../shared/text';
import { isNonBlank, isUuid, parseInstant, toIso } from '../shared/validation';
import { type AdAccountEvent, type AdAccountState, adAccountStreamId, connectedAccountOf, evolveAdAccount, initialAdAccountState } from './account';
import { nowOf, reject, roleRequired, serviceRequired, tenantOf } from './core.rules';
import { AdsErrorCode as Code } from './errors';
import { AD_ACCOUNT_LIMITS, ADS_SYNC_WINDOW_DAYS, ADS_SYNC_WINDOW_MAX_DAYS, isAdsPlatform } from './values';
import { isTimeZone, localMidnightBefore } from './zoned-time';

export type ConnectAdAccount = Command<
  'ConnectAdAccount',
  {
    readonly accountId: string;
    readonly platform: string;
    readonly platformAccountId: string;
    readonly name: string;
    readonly currency: string;
    readonly timeZone: string;
  }
>;
export type DisconnectAdAccount = Command<'DisconnectAdAccount', { readonly accountId: string }>;
export type RequestAdAccountSync = Command<
  'RequestAdAccountSync',
  { readonly accountId: string; readonly syncId: string; readonly windowDays?: number | null }
>;
export type RecordAdAccountSynced = Command<
  'RecordAdAccountSynced',
  { readonly accountId: string; readonly syncId: string; readonly campaigns: number; readonly rows: number; readonly syncedAt: string }
>;
export type RecordAdAccountSyncFailed = Command<'RecordAdAccountSyncFailed', { readonly accountId: string; readonly syncId: string; readonly error: string }>;

export type AdAccountCommand = ConnectAdAccount | DisconnectAdAccount | RequestAdAccountSync | RecordAdAccountSynced | RecordAdAccountSyncFailed;

const CURRENCY = /^[A-Z]{3}$/;
const SYNC_ERROR_MAX = 2_000;

const notConnected = (accountId: string) =>
  reject(Code.AD_ACCOUNT_NOT_CONNECTED, `Ad account ${accountId} is not connected by this organization`, { accountId });

const accountInvalid = (field: string, message: string) => reject(Code.AD_ACCOUNT_INVALID, message, { field });

const connectionError = (data: ConnectAdAccount['data']): DomainError | null => {
  const { accountId, platform, platformAccountId, name, currency, timeZone } = data;
  if (!isUuid(accountId)) return accountInvalid('accountId', 'accountId must be a UUID');
  if (!isAdsPlatform(platform)) return accountInvalid('platform', `platform must be one of the known ad platforms`);
  if (!isNonBlank(platformAccountId, AD_ACCOUNT_LIMITS.platformAccountId)) {
    return accountInvalid('platformAccountId', `platformAccountId must be 1 to ${AD_ACCOUNT_LIMITS.platformAccountId} characters`);
  }
  if (!isNonBlank(name, AD_ACCOUNT_LIMITS.name)) return accountInvalid('name', `name must be 1 to ${AD_ACCOUNT_LIMITS.name} characters, not blank`);
  if (typeof currency !== 'string' || !CURRENCY.test(currency)) return accountInvalid('currency', 'currency must be an ISO 4217 code such as EUR');
  if (!isTimeZone(timeZone)) return accountInvalid('timeZone', 'timeZone must be an IANA time zone such as Europe/Berlin');
  return null;
};

const connect = (command: ConnectAdAccount, state: AdAccountState): Decision<AdAccountEvent> => {
  const denied = roleRequired(command, ['admin']);
  if (denied) return denied;
  const invalid = connectionError(command.data);
  if (invalid) return invalid;
  const orgId = tenantOf(command);
  const { accountId, platform, platformAccountId, name, currency, timeZone } = command.data;
  const at = toIso(nowOf(command));
  const { account } = state;
  // The stream is the reservation: whoever connected it first keeps it, connected or not.
  if (account && account.orgId !== orgId) {
    return reject(Code.AD_ACCOUNT_CONNECTED_ELSEWHERE, `The ${platform} account ${platformAccountId} is connected by another organization`, { accountId });
  }
  if (!account || !state.connected) {
    return [{ type: 'AdAccountConnected', data: { accountId, orgId, platform, platformAccountId, name, currency, timeZone, connectedAt: at } }];
  }
  if (account.name === name && account.currency === currency && account.timeZone === timeZone) return [];
  return [{ type: 'AdAccountDetailsChanged', data: { accountId, name, currency, timeZone, changedAt: at } }];
};

const disconnect = (command: DisconnectAdAccount, state: AdAccountState): Decision<AdAccountEvent> => {
  const denied = roleRequired(command, ['admin']);
  if (denied) return denied;
  const { accountId } = command.data;
  if (state.account?.orgId !== tenantOf(command)) return notConnected(accountId);
  if (!state.connected) return [];
  return [{ type: 'AdAccountDisconnected', data: { accountId, disconnectedAt: toIso(nowOf(command)) } }];
};

const requestSync = (command: RequestAdAccountSync, state: AdAccountState): Decision<AdAccountEvent> => {
  const denied = roleRequired(command, ['marketer', 'admin']);
  if (denied) return denied;
  const { accountId, syncId, windowDays = null } = command.data;
  if (!isNonBlank(syncId, 100)) return reject(Code.AD_SYNC_INVALID, 'syncId must be 1 to 100 characters', { field: 'syncId' });
  const days = windowDays ?? ADS_SYNC_WINDOW_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > ADS_SYNC_WINDOW_MAX_DAYS) {
    return reject(Code.AD_SYNC_INVALID, `windowDays must be a whole number from 1 to ${ADS_SYNC_WINDOW_MAX_DAYS}`, { field: 'windowDays' });
  }
  const account = connectedAccountOf(state, tenantOf(command));
  if (!account) return notConnected(accountId);
  if (state.recentSyncs.includes(syncId)) return [];
  const now = nowOf(command);
  const { orgId, platform, platformAccountId, timeZone } = account;
  const windowStart = toIso(localMidnightBefore(now, timeZone, days));
  return [
    {
      type: 'AdAccountSyncRequested',
      data: { accountId, orgId, platform, platformAccountId, syncId, requestedAt: toIso(now), windowStart, windowEnd: toIso(now) },
    },
  ];
};

/** The sync an outcome is about: open (record it), already recorded (nothing), or unknown. */
const syncOutcomeCheck = (command: RecordAdAccountSynced | RecordAdAccountSyncFailed, state: AdAccountState): DomainError | 'open' | 'recorded' => {
  const denied = serviceRequired(command);
  if (denied) return denied;
  const { accountId, syncId } = command.data;
  if (state.account?.orgId !== tenantOf(command)) return notConnected(accountId);
  if (state.openSyncs.includes(syncId)) return 'open';
  if (state.recentSyncs.includes(syncId)) return 'recorded';
  return reject(Code.AD_SYNC_NOT_FOUND, `Ad account ${accountId} has no sync ${syncId} waiting for its outcome`, { accountId, syncId });
};

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

const recordSynced = (command: RecordAdAccountSynced, state: AdAccountState): Decision<AdAccountEvent> => {
  const check = syncOutcomeCheck(command, state);
  if (check !== 'open') return check === 'recorded' ? [] : check;
  const { accountId, syncId, campaigns, rows, syncedAt } = command.data;
  if (!isCount(campaigns)) return reject(Code.AD_SYNC_INVALID, 'campaigns must be a count', { field: 'campaigns' });
  if (!isCount(rows)) return reject(Code.AD_SYNC_INVALID, 'rows must be a count', { field: 'rows' });
  const at = parseInstant(syncedAt);
  if (at === null) return reject(Code.AD_SYNC_INVALID, 'syncedAt must be an ISO-8601 instant', { field: 'syncedAt' });
  const orgId = state.account?.orgId as string;
  return [{ type: 'AdAccountSynced', data: { accountId, orgId, syncId, campaigns, rows, syncedAt: toIso(at) } }];
};

const recordSyncFailed = (command: RecordAdAccountSyncFailed, state: AdAccountState): Decision<AdAccountEvent> => {
  const check = syncOutcomeCheck(command, state);
  if (check !== 'open') return check === 'recorded' ? [] : check;
  const { accountId, syncId, error } = command.data;
  if (!isNonBlank(error, Number.MAX_SAFE_INTEGER)) return reject(Code.AD_SYNC_INVALID, 'error must say what failed', { field: 'error' });
  // A platform's message is kept as it came, cut to a size a read model shows.
  const text = storableText(error.slice(0, SYNC_ERROR_MAX));
  const orgId = state.account?.orgId as string;
  return [{ type: 'AdAccountSyncFailed', data: { accountId, orgId, syncId, error: text, failedAt: toIso(nowOf(command)) } }];
};

export const decideAdAccount = (command: AdAccountCommand, state: AdAccountState): Decision<AdAccountEvent> => {
  switch (command.type) {
    case 'ConnectAdAccount':
      return connect(command, state);
    case 'DisconnectAdAccount':
      return disconnect(command, state);
    case 'RequestAdAccountSync':
      return requestSync(command, state);
    case 'RecordAdAccountSynced':
      return recordSynced(command, state);
    case 'RecordAdAccountSyncFailed':
      return recordSyncFailed(command, state);
    default:
      return assertNever(command);
  }
};

export const adAccountDecider: Decider<AdAccountCommand, AdAccountEvent, AdAccountState> = {
  initialState: initialAdAccountState,
  decide: decideAdAccount,
  evolve: evolveAdAccount,
  streamIdOf: (command) => adAccountStreamId(command.data.accountId),
};

export const AD_ACCOUNT_COMMAND_TYPES: readonly AdAccountCommand['type'][] = [
  'ConnectAdAccount',
  'DisconnectAdAccount',
  'RequestAdAccountSync',
  'RecordAdAccountSynced',
  'RecordAdAccountSyncFailed',
];
