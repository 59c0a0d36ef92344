import { randomUUID } from 'node:crypto';
import type { ads } from '@campaign/contracts';
import { JsonLogger } from '@campaign/runtime';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { ProjectionRunner } from '../../shared/projection-runner';
import { AdsProjection } from '../ads.projection';
import { AdsHistory, useAdsSchemas } from '../testing';
import { AccountSyncs } from './account-syncs';
import { type AppliedFact, RealtimeFigures } from './realtime-figures';
import { RealtimeKeys } from './realtime.keys';

/** A Redis database of its own, so the test may FLUSHDB it (a Redis loss) without touching anyone else's keys. */
const REDIS_DB = 11;
const DAY_MS = 86_400_000;
const todayStart = () => Math.floor(Date.now() / DAY_MS) * DAY_MS;
const bucket = (ms: number) => new Date(ms).toISOString();

const fact = (orgId: string, campaignId: string, platform: string, time: string, figures: Partial<ads.MetricFact> = {}): ads.MetricFact => ({
  orgId,
  campaignId,
  accountId: null,
  platform,
  platformCampaignId: campaignId,
  time,
  impressions: 1000,
  clicks: 40,
  spendCents: 12_345,
  conversions: 3,
  revenueCents: 40_000,
  currency: 'USD',
  source: 'sync',
  sourceRef: randomUUID(),
  observedAt: new Date().toISOString(),
  ...figures,
});
const applied = (f: ads.MetricFact): AppliedFact => ({ fact: f, previous: null });

describe('real-time figures in Redis (seed 003 Data Flow: Redis Cache (Real-time))', () => {
  const schemas = useAdsSchemas();
  let pool: Pool;
  let redis: Redis;
  let schema: string;
  let projection: AdsProjection;
  let runner: ProjectionRunner;
  let figures: RealtimeFigures;
  const syncs = new AccountSyncs();
  const prefix = `t${randomUUID().slice(0, 8)}:`;

  beforeAll(async () => {
    pool = schemas.pool();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { db: REDIS_DB });
    await redis.flushdb();
    schema = (await schemas.projectionIn('ads_rt')).schema;
    // The projection reports the syncs it records to the figures, as the live one does (ads.module.ts).
    projection = new AdsProjection(schema, syncs);
    runner = new ProjectionRunner(pool, projection);
    figures = new RealtimeFigures(redis, pool, { ADS_SCHEMA: schema, ADS_REDIS_KEY_PREFIX: prefix }, new JsonLogger('ads-rt-test', 'error'), syncs);
    figures.onModuleInit();
  });
  afterAll(async () => {
    await redis.flushdb();
    redis.disconnect();
  });

  it("today's facts move their campaign's and their platform's totals; another day's and another org's do not show", async () => {
    const h = new AdsHistory();
    const [a, b] = [randomUUID(), randomUUID()];
    await figures.applied([
      applied(fact(h.orgId, a, 'google', bucket(todayStart()))),
      applied(fact(h.orgId, a, 'google', bucket(todayStart() + 15 * 60_000), { spendCents: 55 })),
      applied(fact(h.orgId, b, 'meta', bucket(todayStart()), { impressions: 7, clicks: 1, spendCents: 100, conversions: 0, revenueCents: 0 })),
      applied(fact(h.orgId, a, 'google', bucket(todayStart() - 15 * 60_000), { spendCents: 999_999 })),
      applied(fact(randomUUID(), randomUUID(), 'google', bucket(todayStart()))),
    ]);
    const mine = await figures.figuresOf(h.orgId);
    expect(mine.campaigns.find((c) => c.campaign_id === a)).toMatchObject({
      platform: 'google',
      impressions: 2000,
      clicks: 80,
      spend_cents: 12_400,
      conversions: 6,
      revenue_cents: 80_000,
    });
    expect(mine.platforms).toEqual([
      { platform: 'google', impressions: 2000, clicks: 80, spend_cents: 12_400, conversions: 6, revenue_cents: 80_000 },
      { platform: 'meta', impressions: 7, clicks: 1, spend_cents: 100, conversions: 0, revenue_cents: 0 },
    ]);
    expect(mine.campaigns).toHaveLength(2);
  });

  it('a restated bucket replaces its earlier figures (never counted twice); the same fact again changes nothing', async () => {
    const h = new AdsHistory();
    const campaign = randomUUID();
    const at = bucket(todayStart() + 30 * 60_000);
    await figures.applied([applied(fact(h.orgId, campaign, 'google', at, { conversions: 3, revenueCents: 40_000 }))]);
    // Late conversions: the platform restates the bucket.
    const restated = fact(h.orgId, campaign, 'google', at, { conversions: 5, revenueCents: 61_000 });
    await figures.applied([{ fact: restated, previous: { impressions: 1000, clicks: 40, spendCents: 12_345, conversions: 3, revenueCents: 40_000 } }]);
    await figures.applied([{ fact: restated, previous: null }]);
    const { campaigns, platforms } = await figures.figuresOf(h.orgId);
    expect(campaigns).toEqual([
      { campaign_id: campaign, platform: 'google', impressions: 1000, clicks: 40, spend_cents: 12_345, conversions: 5, revenue_cents: 61_000 },
    ]);
    expect(platforms).toEqual([{ platform: 'google', impressions: 1000, clicks: 40, spend_cents: 12_345, conversions: 5, revenue_cents: 61_000 }]);
  });

  // issue 12 point 11(a): a batch's facts go to Redis in one script call per 500, totals moved once per hash.
  it('a batch of many campaigns, a bucket restated within it, moves every total by exactly its last figures', async () => {
    const h = new AdsHistory();
    const campaigns = Array.from({ length: 300 }, () => randomUUID());
    const facts = campaigns.flatMap((campaign, i) => [
      applied(fact(h.orgId, campaign, i % 2 ? 'meta' : 'google', bucket(todayStart()), { impressions: i, clicks: 1 })),
      applied(fact(h.orgId, campaign, i % 2 ? 'meta' : 'google', bucket(todayStart() + 15 * 60_000), { impressions: 2, clicks: 0 })),
    ]);
    // The first campaign's first bucket again, restated, in a later script call of the same batch.
    facts.push(applied(fact(h.orgId, campaigns[0], 'google', bucket(todayStart()), { impressions: 50, clicks: 1 })));
    await figures.applied(facts);
    const { campaigns: rows, platforms } = await figures.figuresOf(h.orgId);
    expect(rows).toHaveLength(300);
    expect(rows.find((c) => c.campaign_id === campaigns[0])).toMatchObject({ impressions: 52, clicks: 1, spend_cents: 2 * 12_345 });
    expect(rows.find((c) => c.campaign_id === campaigns[3])).toMatchObject({ platform: 'meta', impressions: 5, clicks: 1 });
    const evens = Array.from({ length: 150 }, (_, k) => 2 * k);
    const google = 50 + evens.filter((i) => i > 0).reduce((n, i) => n + i, 0) + 2 * 150;
    expect(platforms.find((p) => p.platform === 'google')).toMatchObject({ impressions: google, clicks: 150, spend_cents: 300 * 12_345 });
  });

  it('the last sync time of each account follows AdAccountSynced through the ads projection', async () => {
    const h = new AdsHistory();
    const account = h.connectAccount('google');
    h.synced(account);
    const last = h.synced(account);
    await runner.applyBatch(h.envelopes);
    expect((await figures.figuresOf(h.orgId)).last_syncs).toEqual([{ account_id: account, synced_at: last }]);
  });

  it("after a Redis loss (FLUSHDB) the figures are rebuilt from PostgreSQL: today's totals from campaign_metrics, last syncs from ad_accounts", async () => {
    const h = new AdsHistory();
    const account = h.connectAccount('meta');
    const campaign = h.registerCampaign(account, 'meta', 'Hats');
    const other = h.registerCampaign(account, 'meta', 'Caps');
    const last = h.synced(account);
    await runner.applyBatch(h.envelopes);
    // campaign_metrics as the facts consumer left it: two buckets today, one yesterday.
    await pool.query(
      `INSERT INTO ${schema}.campaign_metrics (time, campaign_id, impressions, clicks, spend, conversions, revenue)
       VALUES ($1::timestamp, $3, 100, 10, 12.34, 1, 50.00), ($1::timestamp + INTERVAL '15 minutes', $3, 50, 5, 0.66, 0, 0.00),
              ($1::timestamp, $4, 10, 1, 1.00, 2, 3.00), ($2::timestamp, $3, 9999, 999, 999.99, 99, 999.99)`,
      [bucket(todayStart()), bucket(todayStart() - 15 * 60_000), campaign, other],
    );
    await redis.flushdb();
    const rebuilt = await figures.figuresOf(h.orgId);
    expect(rebuilt.campaigns).toEqual(
      [
        { campaign_id: campaign, platform: 'meta', impressions: 150, clicks: 15, spend_cents: 1300, conversions: 1, revenue_cents: 5000 },
        { campaign_id: other, platform: 'meta', impressions: 10, clicks: 1, spend_cents: 100, conversions: 2, revenue_cents: 300 },
      ].sort((x, y) => x.campaign_id.localeCompare(y.campaign_id)),
    );
    expect(rebuilt.platforms).toEqual([{ platform: 'meta', impressions: 160, clicks: 16, spend_cents: 1400, conversions: 3, revenue_cents: 5300 }]);
    expect(rebuilt.last_syncs).toEqual([{ account_id: account, synced_at: last }]);
    // And a restatement after the rebuild still replaces the rebuilt bucket.
    await figures.applied([
      applied(fact(h.orgId, other, 'meta', bucket(todayStart()), { impressions: 20, clicks: 2, spendCents: 200, conversions: 2, revenueCents: 300 })),
    ]);
    expect((await figures.figuresOf(h.orgId)).platforms).toEqual([
      { platform: 'meta', impressions: 170, clicks: 17, spend_cents: 1500, conversions: 3, revenue_cents: 5300 },
    ]);
  });

  it('a write Redis refused is repaired from PostgreSQL on the next use (the figures never stay behind the committed facts)', async () => {
    const h = new AdsHistory();
    const campaign = h.registerCampaign(h.connectAccount('google'), 'google', 'Boots');
    await runner.applyBatch(h.envelopes);
    const at = bucket(todayStart() + 45 * 60_000);
    await pool.query(
      `INSERT INTO ${schema}.campaign_metrics (time, campaign_id, impressions, clicks, spend, conversions, revenue) VALUES ($1::timestamp, $2, 10, 1, 1.00, 0, 0.00)`,
      [at, campaign],
    );
    await figures.applied([applied(fact(h.orgId, campaign, 'google', at, { impressions: 10, clicks: 1, spendCents: 100, conversions: 0, revenueCents: 0 }))]);
    expect((await figures.figuresOf(h.orgId)).platforms).toEqual([
      { platform: 'google', impressions: 10, clicks: 1, spend_cents: 100, conversions: 0, revenue_cents: 0 },
    ]);
    // The facts consumer commits a restatement; Redis refuses the update (a key of the wrong type).
    const day = at.slice(0, 10);
    const buckets = new RealtimeKeys(prefix).buckets(day, campaign);
    await redis.del(buckets);
    await redis.set(buckets, 'not a hash');
    await pool.query(
      `UPDATE ${schema}.campaign_metrics SET impressions = 30, clicks = 3, spend = 2.50, conversions = 1, revenue = 9.99 WHERE campaign_id = $1`,
      [campaign],
    );
    await figures.applied([applied(fact(h.orgId, campaign, 'google', at, { impressions: 30, clicks: 3, spendCents: 250, conversions: 1, revenueCents: 999 }))]);
    await redis.del(buckets);
    expect((await figures.figuresOf(h.orgId)).platforms).toEqual([
      { platform: 'google', impressions: 30, clicks: 3, spend_cents: 250, conversions: 1, revenue_cents: 999 },
    ]);
  });
});
