/**
 * An ad-platform account an org connected: its stream (`ads-account-<accountId>`, the id a
 * function of platform and platform account id) is the reservation of that platform account —
 * once an org connected it, it stays that org's, also after a disconnect — and the log of its
 * syncs (seed 003 data flow: platforms → API connectors, synced every 15 minutes).
 */
import type { Event } from '../shared/decider';
import { RECENT_SYNCS_KEPT } from './values';

export const adAccountStreamId = (accountId: string): string => `ads-account-${accountId}`;

export type AdAccountConnected = Event<
  'AdAccountConnected',
  {
    readonly accountId: string;
    readonly orgId: string;
    readonly platform: string;
    readonly platformAccountId: string;
    readonly name: string;
    /** ISO 4217: the currency the platform reports the account's money in. */
    readonly currency: string;
    /** IANA: the zone of the account's reporting days. */
    readonly timeZone: string;
    readonly connectedAt: string;
  }
>;

/** The owning org connected the account again with other details. */
export type AdAccountDetailsChanged = Event<
  'AdAccountDetailsChanged',
  { readonly accountId: string; readonly name: string; readonly currency: string; readonly timeZone: string; readonly changedAt: string }
>;

export type AdAccountDisconnected = Event<'AdAccountDisconnected', { readonly accountId: string; readonly disconnectedAt: string }>;

/** A sync of the account's trailing window was asked for (by its timer or a person): the sync runner reads it. */
export type AdAccountSyncRequested = Event<
  'AdAccountSyncRequested',
  {
    readonly accountId: string;
    readonly orgId: string;
    readonly platform: string;
    readonly platformAccountId: string;
    readonly syncId: string;
    readonly requestedAt: string;
    /** Local midnight of the window's first day, in the account's zone, as a UTC instant. */
    readonly windowStart: string;
    readonly windowEnd: string;
  }
>;

export type AdAccountSynced = Event<
  'AdAccountSynced',
  {
    readonly accountId: string;
    readonly orgId: string;
    readonly syncId: string;
    /** How many campaigns and metric rows (buckets) the sync read. */
    readonly campaigns: number;
    readonly rows: number;
    readonly syncedAt: string;
  }
>;

export type AdAccountSyncFailed = Event<
  'AdAccountSyncFailed',
  { readonly accountId: string; readonly orgId: string; readonly syncId: string; readonly error: string; readonly failedAt: string }
>;

export type AdAccountEvent =
  | AdAccountConnected
  | AdAccountDetailsChanged
  | AdAccountDisconnected
  | AdAccountSyncRequested
  | AdAccountSynced
  | AdAccountSyncFailed;

export interface AdAccountState {
  /** Null until first connected; kept after a disconnect (the reservation). */
  readonly account: Omit<AdAccountConnected['data'], 'connectedAt'> | null;
  readonly connected: boolean;
  /** Requested syncs whose outcome is not recorded yet. */
  readonly openSyncs: readonly string[];
  /** The last sync ids requested, newest last, to recognise a repeat. */
  readonly recentSyncs: readonly string[];
}

export const initialAdAccountState = (): AdAccountState => ({ account: null, connected: false, openSyncs: [], recentSyncs: [] });

const closing = (state: AdAccountState, syncId: string): AdAccountState => ({ ...state, openSyncs: state.openSyncs.filter((id) => id !== syncId) });

export const evolveAdAccount = (state: AdAccountState, event: AdAccountEvent): AdAccountState => {
  switch (event.type) {
    case 'AdAccountConnected': {
      const { connectedAt: _at, ...account } = event.data;
      return { ...state, account, connected: true };
    }
    case 'AdAccountDetailsChanged': {
      const { name, currency, timeZone } = event.data;
      return state.account ? { ...state, account: { ...state.account, name, currency, timeZone } } : state;
    }
    case 'AdAccountDisconnected':
      return { ...state, connected: false };
    case 'AdAccountSyncRequested':
      return {
        ...state,
        openSyncs: [...state.openSyncs, event.data.syncId].slice(-RECENT_SYNCS_KEPT),
        recentSyncs: [...state.recentSyncs, event.data.syncId].slice(-RECENT_SYNCS_KEPT),
      };
    case 'AdAccountSynced':
    case 'AdAccountSyncFailed':
      return closing(state, event.data.syncId);
  }
};

/** The account as the acting org may use it: connected by that org, or null. */
export const connectedAccountOf = (state: AdAccountState, orgId: string): AdAccountState['account'] =>
  state.connected && state.account?.orgId === orgId ? state.account : null;
