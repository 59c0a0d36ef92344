import { quoteIdent } from '@campaign/eventstore';
import { CONFIG, JsonLogger, LOGGER, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { AdsConfig } from '../ads.config';
import type { AppliedFact, BaseFigures } from '../metrics/metric-facts.writer';
import { type AccountSync, AccountSyncs, type AccountSyncsSink } from './account-syncs';
import { APPLY_FACTS, FIGURES, RECORD_SYNC, REBUILD_CAMPAIGN, REBUILD_PLATFORM } from './realtime.scripts';
import { RealtimeKeys } from './realtime.keys';
import { campaignsOfDay, lastSyncs } from './realtime.sources';

/** The Redis connection of the real-time figures (realtime.providers.ts). */
export const ADS_REDIS = Symbol('ADS_REDIS');

/** A fact the projection committed, as its writer answers it. */
export type { AppliedFact };

/** Today's totals of one campaign or platform; money in cents. */
export type Totals = Record<(typeof FIGURES)[number], number>;

export interface OrgFigures {
  /** The UTC day the totals are of. */
  readonly day: string;
  readonly campaigns: readonly ({ campaign_id: string; platform: string } & Totals)[];
  readonly platforms: readonly ({ platform: string } & Totals)[];
  readonly last_syncs: readonly { account_id: string; synced_at: string }[];
}

/** Day keys outlive their day by one, for readers around midnight. */
const DAY_TTL_SECONDS = 2 * 86_400;
const DAY_MS = 86_400_000;
/** Facts per APPLY_FACTS call: one script run holds Redis for a few milliseconds at most. */
const FACTS_PER_CALL = 500;
/** Campaigns per PostgreSQL read while rebuilding. */
const REBUILD_CHUNK = 500;

const dayOf = (instant: string | number): string => new Date(instant).toISOString().slice(0, 10);
const figuresOf = (f: BaseFigures): string => [f.impressions, f.clicks, f.spendCents, f.conversions, f.revenueCents].join('|');
const totals = (hash: Record<string, string>): Totals => Object.fromEntries(FIGURES.map((name) => [name, Number(hash[name] ?? 0)])) as Totals;

/**
 * seed 003 Data Flow "Redis Cache (Real-time)": today's (UTC day) running totals per campaign and
 * per platform of each org, and each account's last sync time. The metric facts consumer calls
 * `applied` after each committed batch; the ads projection reports syncs through AccountSyncs.
 * After a Redis loss (the day's or the syncs' marker key is missing) the figures are rebuilt from
 * PostgreSQL — campaign_metrics and ad_accounts — before they are served or moved again.
 */
@Injectable()
export class RealtimeFigures implements AccountSyncsSink, OnModuleInit {
  private readonly keys: RealtimeKeys;
  private readonly s: string;
  /** One rebuild at a time per process, by marker key; the others wait for it. */
  private readonly rebuilding = new Map<string, Promise<void>>();
  /**
   * Markers whose figures missed a write (Redis failed mid-way): rebuilt on the next use whether
   * the marker is there or not, PostgreSQL overwriting what Redis holds.
   */
  private readonly missed = new Set<string>();
  /** What "today" is measured by (UTC). */
  clock: () => number = Date.now;

  constructor(
    @Inject(ADS_REDIS) private readonly redis: Redis,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) config: Pick<AdsConfig, 'ADS_SCHEMA' | 'ADS_REDIS_KEY_PREFIX'>,
    @Inject(LOGGER) private readonly logger: JsonLogger,
    private readonly syncs: AccountSyncs,
  ) {
    this.keys = new RealtimeKeys(config.ADS_REDIS_KEY_PREFIX);
    this.s = quoteIdent(config.ADS_SCHEMA);
  }

  onModuleInit(): void {
    this.syncs.attach(this);
  }

  /**
   * The facts of a committed batch. Only today's buckets count; each moves its campaign's and
   * platform's totals by new − stored (so a restated bucket replaces its earlier figures, and a
   * redelivered one changes nothing). Never throws: a Redis failure is logged and the next call
   * rebuilds from PostgreSQL, which holds every committed fact.
   */
  async applied(facts: readonly AppliedFact[]): Promise<void> {
    const now = this.clock();
    const day = dayOf(now);
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    const todays = facts.filter(({ fact }) => {
      const at = Date.parse(fact.time);
      return at >= dayStart && at < dayStart + DAY_MS;
    });
    if (todays.length === 0) return;
    await this.guarded('apply metric facts', async () => {
      await this.ensureDay(day);
      const k = this.keys;
      const pipeline = this.redis.pipeline();
      for (let from = 0; from < todays.length; from += FACTS_PER_CALL) {
        const keys: string[] = [];
        const args: (string | number)[] = [DAY_TTL_SECONDS];
        for (const { fact } of todays.slice(from, from + FACTS_PER_CALL)) {
          keys.push(
            k.buckets(day, fact.campaignId),
            k.campaign(day, fact.campaignId),
            k.platform(day, fact.orgId, fact.platform),
            k.orgCampaigns(day, fact.orgId),
            k.orgPlatforms(day, fact.orgId),
          );
          args.push(new Date(fact.time).toISOString(), figuresOf(fact), fact.campaignId, fact.platform, fact.orgId);
        }
        pipeline.eval(APPLY_FACTS, keys.length, ...keys, ...args);
      }
      await execAll(pipeline);
    });
  }

  /** From AdAccountSynced (through the ads projection): an account's last sync, the later one kept. */
  async recordSyncs(syncs: readonly AccountSync[]): Promise<void> {
    await this.guarded('record account syncs', async () => {
      await this.ensureSyncs();
      await this.writeSyncs(syncs);
    });
  }

  /** An org's figures as Redis holds them, rebuilt first if Redis lost them. */
  async figuresOf(orgId: string): Promise<OrgFigures> {
    const day = dayOf(this.clock());
    await this.ensureDay(day);
    await this.ensureSyncs();
    const [campaignIds, platforms, syncs] = await Promise.all([
      this.redis.smembers(this.keys.orgCampaigns(day, orgId)),
      this.redis.smembers(this.keys.orgPlatforms(day, orgId)),
      this.redis.hgetall(this.keys.syncs(orgId)),
    ]);
    const campaignHashes = await Promise.all(campaignIds.sort().map((id) => this.redis.hgetall(this.keys.campaign(day, id))));
    const platformHashes = await Promise.all(platforms.sort().map((p) => this.redis.hgetall(this.keys.platform(day, orgId, p))));
    return {
      day,
      campaigns: campaignIds.map((id, i) => ({ campaign_id: id, platform: campaignHashes[i].platform, ...totals(campaignHashes[i]) })),
      platforms: platforms.map((platform, i) => ({ platform, ...totals(platformHashes[i]) })),
      last_syncs: Object.entries(syncs)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([account_id, synced_at]) => ({ account_id, synced_at })),
    };
  }

  private async guarded(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const markers = [this.keys.dayReady(dayOf(this.clock())), this.keys.syncsReady()];
      for (const marker of markers) this.missed.add(marker);
      this.logger.warn(`real-time figures: could not ${what}; they are rebuilt from PostgreSQL on the next use`, { error: (error as Error).message });
      // Other processes rebuild too, once Redis answers again.
      await this.redis.del(...markers).catch(() => undefined);
    }
  }

  /** Rebuilds today's totals when their marker is missing (a flushed or new Redis, a new day, a missed write). */
  private ensureDay(day: string): Promise<void> {
    const marker = this.keys.dayReady(day);
    return this.once(marker, () => this.rebuildDay(day, this.missed.has(marker)));
  }

  private ensureSyncs(): Promise<void> {
    return this.once(this.keys.syncsReady(), () => this.rebuildSyncs());
  }

  private async once(marker: string, rebuild: () => Promise<void>): Promise<void> {
    const running = this.rebuilding.get(marker);
    if (running) return running;
    if (!this.missed.has(marker) && (await this.redis.exists(marker)) === 1) return;
    const done = (async () => {
      await rebuild();
      await this.redis.set(marker, new Date(this.clock()).toISOString(), 'EX', DAY_TTL_SECONDS * 15);
      this.missed.delete(marker);
    })().finally(() => this.rebuilding.delete(marker));
    this.rebuilding.set(marker, done);
    return done;
  }

  /** Today's buckets from campaign_metrics, campaign by campaign, then each platform's total from its campaigns'. */
  private async rebuildDay(day: string, afterMissedWrite: boolean): Promise<void> {
    const started = Date.now();
    const overwrite = afterMissedWrite ? '1' : '0';
    const platforms = new Set<string>();
    let campaigns = 0;
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const rows = await campaignsOfDay(this.pool, this.s, day, after, REBUILD_CHUNK);
      if (rows.length === 0) break;
      const pipeline = this.redis.pipeline();
      for (const row of rows) {
        const k = this.keys;
        platforms.add(`${row.org_id}|${row.platform}`);
        pipeline.eval(
          REBUILD_CAMPAIGN,
          4,
          k.buckets(day, row.campaign_id),
          k.campaign(day, row.campaign_id),
          k.orgCampaigns(day, row.org_id),
          k.orgPlatforms(day, row.org_id),
          row.campaign_id,
          row.platform,
          row.org_id,
          DAY_TTL_SECONDS,
          overwrite,
          ...row.buckets.flat(),
        );
      }
      await execAll(pipeline);
      campaigns += rows.length;
      after = rows[rows.length - 1].campaign_id;
    }
    const pipeline = this.redis.pipeline();
    for (const pair of platforms) {
      const [orgId, platform] = pair.split('|');
      pipeline.eval(
        REBUILD_PLATFORM,
        2,
        this.keys.platform(day, orgId, platform),
        this.keys.orgCampaigns(day, orgId),
        this.keys.campaignPrefix(day),
        platform,
        DAY_TTL_SECONDS,
      );
    }
    await execAll(pipeline);
    this.logger.log('real-time figures rebuilt from PostgreSQL', { day, campaigns, millis: Date.now() - started });
  }

  private async rebuildSyncs(): Promise<void> {
    await this.writeSyncs(await lastSyncs(this.pool, this.s));
  }

  private async writeSyncs(syncs: readonly AccountSync[]): Promise<void> {
    if (syncs.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const sync of syncs) pipeline.eval(RECORD_SYNC, 1, this.keys.syncs(sync.orgId), sync.accountId, new Date(sync.syncedAt).toISOString());
    await execAll(pipeline);
  }
}

/** Runs a pipeline; the first command that failed is the error. */
const execAll = async (pipeline: ReturnType<Redis['pipeline']>): Promise<void> => {
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
};
