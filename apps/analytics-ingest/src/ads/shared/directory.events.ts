import type { EventEnvelope } from '@campaign/contracts';

/**
 * What the directory keeps of an ads event: an account or a campaign created, changed or (an
 * account) disconnected. Every other ads event changes nothing here. The shapes are the ads
 * design's (libs/contracts/src/ads/core.events.ts); read defensively, field by field.
 */
export type DirectoryChange =
  | { readonly kind: 'account-connected'; readonly accountId: string; readonly version: number; readonly row: AccountRow }
  | { readonly kind: 'account-changed'; readonly accountId: string; readonly version: number; readonly changes: Readonly<Record<string, unknown>> }
  | { readonly kind: 'account-disconnected'; readonly accountId: string; readonly version: number }
  | { readonly kind: 'campaign-registered'; readonly campaignId: string; readonly version: number; readonly row: CampaignRow }
  | { readonly kind: 'campaign-changed'; readonly campaignId: string; readonly version: number; readonly changes: Readonly<Record<string, unknown>> };

export interface AccountRow {
  readonly orgId: string;
  readonly platform: string;
  readonly platformAccountId: string;
  readonly name: string | null;
  readonly currency: string | null;
  readonly timeZone: string | null;
}

export interface CampaignRow {
  readonly orgId: string;
  readonly accountId: string;
  readonly platform: string;
  readonly platformCampaignId: string;
  readonly name: string | null;
  readonly status: string | null;
  readonly objective: string | null;
  readonly budgetAmount: string | null;
  readonly budgetType: string | null;
  readonly startDate: string | null;
  readonly endDate: string | null;
}

/** The event types the directory keeps something of. */
export const DIRECTORY_EVENT_TYPES: ReadonlySet<string> = new Set([
  'AdAccountConnected',
  'AdAccountDetailsChanged',
  'AdAccountDisconnected',
  'AdCampaignRegistered',
  'AdCampaignDetailsChanged',
]);

type Data = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);

/** The changed fields of a "details changed" event: its `changes` object, or its non-null fields. */
const changesOf = (data: Data, idField: string): Record<string, unknown> => {
  const changes = data.changes;
  if (typeof changes === 'string') {
    try {
      return JSON.parse(changes) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  if (changes && typeof changes === 'object') return { ...(changes as Data) };
  // Nullable fields on the event itself: null means "not changed".
  return Object.fromEntries(Object.entries(data).filter(([key, value]) => key !== idField && !key.endsWith('At') && value !== null && value !== undefined));
};

/** The org an event belongs to: its data's orgId, else the envelope's tenant. */
const orgOf = (event: EventEnvelope, data: Data): string => text(data.orgId) ?? event.tenant ?? '';

export const directoryChangeOf = (event: EventEnvelope): DirectoryChange | null => {
  if (event.context !== 'ads') return null;
  const data = (event.data ?? {}) as Data;
  const version = Number(event.streamVersion);
  const accountId = text(data.accountId);
  const campaignId = text(data.campaignId);
  switch (event.type) {
    case 'AdAccountConnected':
      if (!accountId) return null;
      return {
        kind: 'account-connected',
        accountId,
        version,
        row: {
          orgId: orgOf(event, data),
          platform: text(data.platform) ?? '',
          platformAccountId: text(data.platformAccountId) ?? '',
          name: text(data.name),
          currency: text(data.currency),
          timeZone: text(data.timeZone),
        },
      };
    case 'AdAccountDetailsChanged':
      return accountId ? { kind: 'account-changed', accountId, version, changes: changesOf(data, 'accountId') } : null;
    case 'AdAccountDisconnected':
      return accountId ? { kind: 'account-disconnected', accountId, version } : null;
    case 'AdCampaignRegistered':
      if (!campaignId || !accountId) return null;
      return {
        kind: 'campaign-registered',
        campaignId,
        version,
        row: {
          orgId: orgOf(event, data),
          accountId,
          platform: text(data.platform) ?? '',
          platformCampaignId: text(data.platformCampaignId) ?? '',
          name: text(data.name),
          status: text(data.status),
          objective: text(data.objective),
          budgetAmount: text(data.budgetAmount),
          budgetType: text(data.budgetType),
          startDate: text(data.startDate),
          endDate: text(data.endDate),
        },
      };
    case 'AdCampaignDetailsChanged':
      return campaignId ? { kind: 'campaign-changed', campaignId, version, changes: changesOf(data, 'campaignId') } : null;
    default:
      return null;
  }
};
