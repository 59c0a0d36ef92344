import type { EventEnvelope } from '@campaign/contracts';

/**
 * What the syncs and the action executor take from an ads event (seed 003: the "15min sync"
 * requests, and the guarded actions' approvals and retries), read field by field; every other
 * event is nothing to them. Pure, so the reading is tested without Kafka.
 */
export interface SyncRequest {
  readonly accountId: string;
  readonly orgId: string;
  readonly platform: string;
  readonly platformAccountId: string;
  readonly syncId: string;
  readonly requestedAt: string;
  readonly windowStart: string;
  readonly windowEnd: string;
}

export interface RequestedAction {
  readonly actionId: string;
  readonly orgId: string;
  readonly campaignId: string;
  readonly actionType: string;
  readonly platform: string;
  readonly previousState: Record<string, unknown>;
  readonly newState: Record<string, unknown>;
}

export type SyncWork =
  | {
      readonly kind: 'account-connected';
      readonly version: number;
      readonly accountId: string;
      readonly orgId: string;
      readonly platform: string;
      readonly platformAccountId: string;
      readonly currency: string;
      readonly timeZone: string;
    }
  | { readonly kind: 'account-changed'; readonly version: number; readonly accountId: string; readonly currency?: string; readonly timeZone?: string }
  | { readonly kind: 'account-disconnected'; readonly version: number; readonly accountId: string }
  | { readonly kind: 'sync-requested'; readonly request: SyncRequest }
  | { readonly kind: 'action-requested'; readonly version: number; readonly action: RequestedAction }
  | { readonly kind: 'action-attempt'; readonly actionId: string; readonly orgId: string; readonly attempt: number; readonly occurredAt: string }
  | { readonly kind: 'action-executed'; readonly actionId: string }
  | { readonly kind: 'action-closed'; readonly actionId: string };

type Data = Readonly<Record<string, unknown>>;

const text = (data: Data, name: string): string | undefined => (typeof data[name] === 'string' && data[name] !== '' ? (data[name] as string) : undefined);

/** A JSON field: an object, or (Avro's json type as a string) its text. */
const json = (value: unknown): Record<string, unknown> => {
  if (typeof value === 'string') {
    try {
      const parsed = JSON.parse(value) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Data) } : {};
};

const changesOf = (data: Data): Data => {
  const changes = json(data.changes);
  return Object.keys(changes).length > 0 ? changes : data;
};

/** The org of an automation event: its data's, else the envelope's tenant (the stream is per org). */
const orgOf = (event: EventEnvelope, data: Data): string => text(data, 'orgId') ?? event.tenant ?? '';

export const syncWorkOf = (event: EventEnvelope): SyncWork | null => {
  if (event.context !== 'ads') return null;
  const data = (event.data ?? {}) as Data;
  const version = Number(event.streamVersion);
  const accountId = text(data, 'accountId');
  const actionId = text(data, 'actionId');
  switch (event.type) {
    case 'AdAccountConnected': {
      const [orgId, platform, platformAccountId, currency, timeZone] = ['orgId', 'platform', 'platformAccountId', 'currency', 'timeZone'].map((f) =>
        text(data, f),
      );
      if (!accountId || !orgId || !platform || !platformAccountId || !currency || !timeZone) return null;
      return { kind: 'account-connected', version, accountId, orgId, platform, platformAccountId, currency, timeZone };
    }
    case 'AdAccountDetailsChanged': {
      const changes = changesOf(data);
      return accountId ? { kind: 'account-changed', version, accountId, currency: text(changes, 'currency'), timeZone: text(changes, 'timeZone') } : null;
    }
    case 'AdAccountDisconnected':
      return accountId ? { kind: 'account-disconnected', version, accountId } : null;
    case 'AdAccountSyncRequested': {
      const fields = ['orgId', 'platform', 'platformAccountId', 'syncId', 'requestedAt', 'windowStart', 'windowEnd'] as const;
      const values = Object.fromEntries(fields.map((f) => [f, text(data, f)]));
      if (!accountId || fields.some((f) => !values[f])) return null;
      return { kind: 'sync-requested', request: { accountId, ...(values as Record<(typeof fields)[number], string>) } };
    }
    case 'AdActionRequested': {
      const [campaignId, actionType, platform] = ['campaignId', 'actionType', 'platform'].map((f) => text(data, f));
      if (!actionId || !campaignId || !actionType || !platform) return null;
      const action = {
        actionId,
        orgId: orgOf(event, data),
        campaignId,
        actionType,
        platform,
        previousState: json(data.previousState),
        newState: json(data.newState),
      };
      return { kind: 'action-requested', version, action };
    }
    case 'AdActionApproved':
      return actionId ? { kind: 'action-attempt', actionId, orgId: orgOf(event, data), attempt: 1, occurredAt: event.occurredAt } : null;
    case 'AdActionRetryRequested': {
      const attempt = Number(data.attempt);
      return actionId && Number.isInteger(attempt) && attempt >= 1
        ? { kind: 'action-attempt', actionId, orgId: orgOf(event, data), attempt, occurredAt: event.occurredAt }
        : null;
    }
    case 'AdActionExecuted':
      return actionId ? { kind: 'action-executed', actionId } : null;
    case 'AdActionRejected':
    case 'AdActionExpired':
    case 'AdActionDeadLettered':
      return actionId ? { kind: 'action-closed', actionId } : null;
    default:
      return null;
  }
};
