import { ads as wire } from '@campaign/contracts';
import { ads } from '@campaign/domain';
import type { JsonLogger } from '@campaign/runtime';
import type { AdsCommandSender, MetricFactsPublisher } from '../shared/ads-ingest.ports';
import type { PlatformAccount, PlatformCampaign, PlatformMetricRow } from './connectors/connector';
import { describeFailure } from './connectors/connector.errors';
import type { AdPlatformConnectors } from './connectors/connectors';
import type { SyncRequest } from './ads-sync.events';
import type { AdsSyncStore } from './ads-sync.store';
import { syncCommandId } from './derived-id';

export interface SyncOutcome {
  readonly status: 'synced' | 'failed' | 'skipped';
  readonly campaigns: number;
  readonly rows: number;
  readonly error?: string;
}

export interface SyncRunnerOptions {
  readonly staleAfterMs: number;
  /** RegisterAdCampaign commands in flight at once. */
  readonly concurrency?: number;
}

// seed 003: campaigns.name VARCHAR(500), status VARCHAR(50), objective VARCHAR(100).
const cut = (value: string | null, max: number): string | null => (value === null || value === '' ? null : value.slice(0, max));

/**
 * seed 003 data flow — "Platforms → API Connectors → ETL Pipeline", "15min sync": one sync of
 * one account. It reads the account's campaigns and the requested trailing window through the
 * platform's connector, registers each campaign (unchanged ones change nothing), publishes the
 * window's figures as metric facts — a restated bucket is the same key with new figures, which
 * replaces the earlier ones — and records the sync. A platform that fails records the sync
 * failed; a Kafka or command failure throws, and the request is run again (every command id is
 * derived from the syncId, so a repeat is harmless).
 */
export class AdAccountSyncRunner {
  constructor(
    private readonly connectors: AdPlatformConnectors,
    private readonly store: AdsSyncStore,
    private readonly commands: AdsCommandSender,
    private readonly facts: MetricFactsPublisher,
    private readonly options: SyncRunnerOptions,
    private readonly log: Pick<JsonLogger, 'log' | 'warn'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(request: SyncRequest): Promise<SyncOutcome> {
    const age = this.now().getTime() - Date.parse(request.requestedAt);
    if (age > this.options.staleAfterMs) {
      return this.failed(request, `AD_SYNC_REQUEST_STALE: requested at ${request.requestedAt}; the next sync re-reads the window`);
    }
    const account = await this.store.account(request.accountId);
    if (!account) return this.failed(request, `AD_PLATFORM_NOT_CONFIGURED: account ${request.accountId} is not known to the sync`);
    if (!account.connected) {
      // A request that crossed the account's disconnection: nothing to read, and the account's stream takes no more sync results.
      this.log.log('ads sync skipped: the account is disconnected', { accountId: request.accountId, syncId: request.syncId });
      return { status: 'skipped', campaigns: 0, rows: 0, error: 'account disconnected' };
    }
    const platformAccount: PlatformAccount = {
      platform: account.platform,
      platformAccountId: account.platformAccountId,
      timeZone: account.timeZone,
      currency: account.currency,
    };
    let campaigns: PlatformCampaign[];
    let rows: PlatformMetricRow[];
    try {
      const connector = this.connectors.of(account.platform);
      campaigns = await connector.listCampaigns(platformAccount);
      rows = await connector.fetchMetrics(platformAccount, { start: new Date(request.windowStart), end: new Date(request.windowEnd) });
    } catch (error) {
      return this.failed(request, describeFailure(error));
    }
    const registered = await this.register(request, campaigns);
    const facts = this.factsOf(request, account.currency, registered, rows);
    await this.facts.publish(facts);
    const outcome = await this.commands.send(
      'RecordAdAccountSynced',
      { accountId: request.accountId, syncId: request.syncId, campaigns: registered.size, rows: facts.length, syncedAt: this.now().toISOString() },
      { orgId: request.orgId, commandId: syncCommandId(request.syncId, 'synced') },
    );
    if (outcome.status === 'REJECTED') this.log.warn('ads sync result not recorded', { syncId: request.syncId, code: outcome.code, message: outcome.message });
    this.log.log('ads account synced', { accountId: request.accountId, syncId: request.syncId, campaigns: registered.size, rows: facts.length });
    return { status: 'synced', campaigns: registered.size, rows: facts.length };
  }

  /** Registers the campaigns; the platform campaign ids the command side accepted for this org. */
  private async register(request: SyncRequest, campaigns: readonly PlatformCampaign[]): Promise<Set<string>> {
    const accepted = new Set<string>();
    const queue = [...campaigns];
    const worker = async () => {
      for (let campaign = queue.shift(); campaign; campaign = queue.shift()) {
        const campaignId = wire.adCampaignIdOf(request.platform, campaign.platformCampaignId);
        const outcome = await this.commands.send(
          'RegisterAdCampaign',
          {
            campaignId,
            accountId: request.accountId,
            platform: request.platform,
            platformCampaignId: campaign.platformCampaignId,
            name: cut(campaign.name, 500),
            status: cut(campaign.status, 50),
            objective: cut(campaign.objective, 100),
            budgetAmount: campaign.budgetAmount,
            budgetType: campaign.budgetType,
            startDate: campaign.startDate,
            endDate: campaign.endDate,
          },
          { orgId: request.orgId, commandId: syncCommandId(request.syncId, 'register', campaignId) },
        );
        if (outcome.status === 'ACCEPTED') accepted.add(campaign.platformCampaignId);
        else
          this.log.warn('ad campaign not registered; its figures are left out', {
            syncId: request.syncId,
            platformCampaignId: campaign.platformCampaignId,
            code: outcome.code,
          });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency ?? 8) }, worker));
    return accepted;
  }

  /** The window's rows of registered campaigns as facts; a row whose KPIs do not fit the seed's columns is left out, named in the log. */
  private factsOf(request: SyncRequest, currency: string, registered: ReadonlySet<string>, rows: readonly PlatformMetricRow[]): wire.MetricFact[] {
    const observedAt = this.now().toISOString();
    const start = Date.parse(request.windowStart);
    const end = Date.parse(request.windowEnd);
    const facts: wire.MetricFact[] = [];
    for (const row of rows) {
      const at = Date.parse(row.time);
      if (!registered.has(row.platformCampaignId) || at < start || at >= end) continue;
      const misfit = ads.kpiRangeError(ads.computeKpis(row));
      if (misfit) {
        this.log.warn('ads metric row left out', { syncId: request.syncId, platformCampaignId: row.platformCampaignId, time: row.time, error: misfit.message });
        continue;
      }
      facts.push({
        orgId: request.orgId,
        campaignId: wire.adCampaignIdOf(request.platform, row.platformCampaignId),
        accountId: request.accountId,
        platform: request.platform,
        platformCampaignId: row.platformCampaignId,
        time: row.time,
        impressions: row.impressions,
        clicks: row.clicks,
        spendCents: row.spendCents,
        conversions: row.conversions,
        revenueCents: row.revenueCents,
        currency,
        source: 'sync',
        sourceRef: request.syncId,
        observedAt,
      });
    }
    return facts;
  }

  private async failed(request: SyncRequest, error: string): Promise<SyncOutcome> {
    const outcome = await this.commands.send(
      'RecordAdAccountSyncFailed',
      { accountId: request.accountId, syncId: request.syncId, error },
      { orgId: request.orgId, commandId: syncCommandId(request.syncId, 'failed') },
    );
    if (outcome.status === 'REJECTED') this.log.warn('ads sync failure not recorded', { syncId: request.syncId, code: outcome.code });
    this.log.warn('ads account sync failed', { accountId: request.accountId, syncId: request.syncId, error });
    return { status: 'failed', campaigns: 0, rows: 0, error };
  }
}
