/**
 * `ad_accounts` (added to seed 003, see ads.schema.ts): the connected ad accounts and their
 * syncs — seed 003 Data Flow, "Platforms → API Connectors … 15min sync" — whose last sync time
 * the real-time figures serve.
 */
import { projector } from '../shared/projector';
import type { EnvelopeOf } from './ads.events';

export interface AdAccountRow {
  readonly id: string;
  readonly org_id: string;
  readonly platform: string;
  readonly platform_account_id: string;
  readonly name: string | null;
  readonly currency: string | null;
  readonly time_zone: string | null;
  readonly status: 'connected' | 'disconnected';
  readonly connected_at: string;
  readonly disconnected_at: string | null;
  readonly last_sync_requested_at: string | null;
  readonly last_synced_at: string | null;
  readonly last_sync_id: string | null;
  readonly last_sync_failed_at: string | null;
  readonly last_sync_error: string | null;
  readonly updated_at: string;
}

type AccountEnvelope = EnvelopeOf<
  'AdAccountConnected' | 'AdAccountDetailsChanged' | 'AdAccountDisconnected' | 'AdAccountSyncRequested' | 'AdAccountSynced' | 'AdAccountSyncFailed'
>;

const projectAccount = (row: AdAccountRow | null, event: AccountEnvelope): AdAccountRow | null => {
  switch (event.type) {
    case 'AdAccountConnected': {
      const d = event.data;
      // A reconnection (after a disconnect) keeps the sync history and connects it again.
      return {
        id: d.accountId,
        org_id: d.orgId,
        platform: d.platform,
        platform_account_id: d.platformAccountId,
        name: d.name,
        currency: d.currency,
        time_zone: d.timeZone,
        status: 'connected',
        connected_at: d.connectedAt,
        disconnected_at: null,
        last_sync_requested_at: row?.last_sync_requested_at ?? null,
        last_synced_at: row?.last_synced_at ?? null,
        last_sync_id: row?.last_sync_id ?? null,
        last_sync_failed_at: row?.last_sync_failed_at ?? null,
        last_sync_error: row?.last_sync_error ?? null,
        updated_at: d.connectedAt,
      };
    }
    case 'AdAccountDetailsChanged': {
      const d = event.data;
      return row && { ...row, name: d.name ?? row.name, currency: d.currency ?? row.currency, time_zone: d.timeZone ?? row.time_zone, updated_at: d.changedAt };
    }
    case 'AdAccountDisconnected':
      return row && { ...row, status: 'disconnected', disconnected_at: event.data.disconnectedAt, updated_at: event.data.disconnectedAt };
    case 'AdAccountSyncRequested':
      return row && { ...row, last_sync_requested_at: event.data.requestedAt };
    case 'AdAccountSynced': {
      const d = event.data;
      return row && { ...row, last_synced_at: d.syncedAt, last_sync_id: d.syncId, last_sync_error: null };
    }
    case 'AdAccountSyncFailed': {
      const d = event.data;
      return row && { ...row, last_sync_failed_at: d.failedAt ?? event.occurredAt, last_sync_error: d.error };
    }
  }
};

export const adAccountsProjector = projector({
  table: 'ad_accounts',
  eventTypes: ['AdAccountConnected', 'AdAccountDetailsChanged', 'AdAccountDisconnected', 'AdAccountSyncRequested', 'AdAccountSynced', 'AdAccountSyncFailed'],
  project: projectAccount,
});
