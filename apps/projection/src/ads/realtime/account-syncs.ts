/** An account's last sync, as the real-time figures keep it (seed 003 Data Flow: "15min sync"). */
export interface AccountSync {
  readonly orgId: string;
  readonly accountId: string;
  readonly syncedAt: string;
}

export interface AccountSyncsSink {
  recordSyncs(syncs: readonly AccountSync[]): Promise<void>;
}

/**
 * Where the ads projection reports the syncs a batch recorded. The projection is created by the
 * context's descriptor, outside dependency injection; RealtimeFigures attaches itself here once
 * the app has started (until then, and in a rebuild's process without Redis, nothing is reported:
 * the figures rebuild the last sync times from ad_accounts when they find them missing).
 */
export class AccountSyncs implements AccountSyncsSink {
  private sink: AccountSyncsSink | null = null;

  attach(sink: AccountSyncsSink): void {
    this.sink = sink;
  }

  async recordSyncs(syncs: readonly AccountSync[]): Promise<void> {
    if (this.sink && syncs.length > 0) await this.sink.recordSyncs(syncs);
  }
}
