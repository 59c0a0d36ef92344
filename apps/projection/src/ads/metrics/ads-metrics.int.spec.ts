import { randomUUID } from 'node:crypto';
import { ads, allTopicSpecs, topicsFor } from '@campaign/contracts';
import { ads as domain } from '@campaign/domain';
import { quoteIdent } from '@campaign/eventstore';
import { DEAD_LETTER_HEADERS, ensureTopicsOf, headerText } from '@campaign/messaging';
import { HealthRegistry, JsonLogger, signJwt } from '@campaign/runtime';
import { collectMessages, TEST_JWT_SECRET, testKafka, testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import type { Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { AdsMetricsController } from './ads-metrics.controller';
import { MetricFactsConsumer, type RealtimeFiguresSink } from './metric-facts.consumer';
import type { AppliedFact } from './metric-facts.writer';
import { forgetSwappedShadow, partmanParent, WINDOW_START } from './metrics.schema';
import { CAMPAIGN_PERFORMANCE_7_DAYS as SEED_LAST_7_DAYS } from '../seed-queries';
import { useQueryApp } from '../../shared/testing';
import { lastSevenDays, rebuildWindow, sevenDayChanges, slideWindow } from './metrics.window';
import { bodyOf } from './performance-answers';
import { metricFact, migrateAdsMetrics } from './testing';

const MIN15 = 15 * 60_000;
const DAY = 86_400_000;
const ORG = randomUUID();
const OTHER_ORG = randomUUID();

const migrate = migrateAdsMetrics;

const fact = (campaignId: string, time: number, figures: Partial<ads.MetricFact> = {}, orgId = ORG): ads.MetricFact =>
  metricFact(campaignId, time, figures, orgId);

describe('ads metric facts → campaign_metrics (seed 003 campaign_metrics, Sample Queries, issue 12 points 1, 3, 11b)', () => {
  const prefix = `t${uniqueSuffix()}.`;
  const topic = ads.metricFactsTopic(prefix);
  const schema = `adsm_${uniqueSuffix()}`;
  const s = quoteIdent(schema);
  const applied: AppliedFact[] = [];
  const realtime: RealtimeFiguresSink = { applied: async (facts) => void applied.push(...facts) };
  const queryApp = useQueryApp('ads-metrics-test');
  let pool: Pool;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: MetricFactsConsumer;
  let nowBucket: number;
  const schemas = [schema];

  const consumerFor = (target: string, group: string, tickMs = 3_600_000) =>
    new MetricFactsConsumer(
      {
        TOPIC_PREFIX: prefix,
        ADS_SCHEMA: target,
        ADS_METRICS_RETENTION: '400 days',
        ADS_METRICS_GROUP: group,
        ADS_METRICS_TICK_MS: tickMs,
        KAFKA_SESSION_TIMEOUT_MS: 10_000,
        PARTITIONS_CONCURRENTLY: 6,
      } as never,
      pool,
      kafka,
      new JsonLogger('ads-metrics-test', 'error'),
      new HealthRegistry(),
      realtime,
    );

  const send = async (...facts: ads.MetricFact[]) => {
    await producer.send({ topic, acks: -1, messages: facts.map((f) => ({ key: ads.metricFactKey(f), value: ads.metricFactCodec.encode(f) })) });
  };
  const row = async (campaignId: string, time: number) =>
    (
      await pool.query(`SELECT *, tableoid::regclass::text AS part FROM ${s}.campaign_metrics WHERE campaign_id = $1 AND time = $2::timestamp`, [
        campaignId,
        new Date(time).toISOString().replace('Z', ''),
      ])
    ).rows[0];
  const untilApplied = async (target: string, ...facts: ads.MetricFact[]) => {
    for (const f of facts) {
      await waitFor(`fact ${ads.metricFactKey(f)} applied`, async () => {
        const { rows } = await pool.query(
          `SELECT spend FROM ${quoteIdent(target)}.campaign_metrics WHERE campaign_id = $1 AND time = $2::timestamp AND impressions = $3`,
          [f.campaignId, f.time.replace('Z', ''), f.impressions],
        );
        return rows.length > 0;
      });
    }
  };
  const campaign = async (name: string, orgId = ORG, target = schema) => {
    const id = randomUUID();
    await pool.query(`INSERT INTO ${quoteIdent(target)}.campaigns (id, org_id, platform, platform_campaign_id, name) VALUES ($1, $2, 'google', $3, $4)`, [
      id,
      orgId,
      `pc-${id}`,
      name,
    ]);
    return id;
  };
  const token = (orgId = ORG) => signJwt({ sub: randomUUID(), org_id: orgId, role: 'analyst', exp: Math.floor(Date.now() / 1000) + 3600 }, TEST_JWT_SECRET);
  const get = (url: string, orgId = ORG) => queryApp.get(url, token(orgId));
  /** GET /v1/ads/performance?days=7 as the org's analyst: the answer's bytes and which path served it. */
  const sevenDays = async () => {
    const response = await queryApp.inject('/v1/ads/performance?days=7', token());
    expect(response.statusCode).toBe(200);
    return { source: response.headers['x-answer-source'] as string, body: response.body };
  };
  /** seed 003 query 1 exactly as printed, search_path on the test schema; the org's rows (names are unique here). */
  const seedQuery = async (names: readonly string[]) => {
    const client = await pool.connect();
    try {
      await client.query(`SET search_path TO ${s}`);
      const { rows } = await client.query(SEED_LAST_7_DAYS);
      return rows.filter((r) => names.includes(r.name)).map((r) => ({ ...r, total_conversions: Number(r.total_conversions) }));
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  };
  const byName = (rows: { name: string }[]) => [...rows].sort((a, b) => a.name.localeCompare(b.name));
  /**
   * As if the last slide were one bucket ago: the window starts a bucket before S and holds that
   * bucket's rows (those already in campaign_metrics added), as a window whose slide lags does.
   */
  const lagOneBucket = async () => {
    const windowStart = (await pool.query(`SELECT ${WINDOW_START}::text AS s`)).rows[0].s as string;
    const start = Date.parse(`${windowStart}Z`);
    const earlier = new Date(start - MIN15).toISOString().replace('Z', '');
    await pool.query(`UPDATE ${s}.campaign_metrics_window_state SET window_start = $1::timestamp`, [earlier]);
    await pool.query(
      `INSERT INTO ${s}.campaign_metrics_window AS w (campaign_id, buckets, impressions, clicks, spend, conversions, revenue)
       SELECT campaign_id, count(*), sum(impressions), sum(clicks), sum(spend), sum(conversions), sum(revenue)
         FROM ${s}.campaign_metrics WHERE time >= $1::timestamp AND time < $2::timestamp GROUP BY campaign_id
       ON CONFLICT (campaign_id) DO UPDATE SET buckets = w.buckets + EXCLUDED.buckets, impressions = w.impressions + EXCLUDED.impressions,
         clicks = w.clicks + EXCLUDED.clicks, spend = w.spend + EXCLUDED.spend, conversions = w.conversions + EXCLUDED.conversions,
         revenue = w.revenue + EXCLUDED.revenue`,
      [earlier, windowStart],
    );
    return { start, earlier };
  };

  beforeAll(async () => {
    pool = testPool();
    kafka = testKafka();
    await ensureTopicsOf(kafka, allTopicSpecs(['ads'], prefix));
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await migrate(pool, schema);
    nowBucket = Math.floor(Date.now() / MIN15) * MIN15;
    consumer = consumerFor(schema, `g-${uniqueSuffix()}`);
    await consumer.onApplicationBootstrap();
    await queryApp.start({ config: { ADS_SCHEMA: schema }, pool, controllers: [AdsMetricsController], providers: [] });
  }, 60_000);

  afterAll(async () => {
    await consumer?.onApplicationShutdown();
    await producer?.disconnect();
    for (const name of schemas) {
      await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(name)} CASCADE`);
      await pool.query(`DELETE FROM partman.part_config WHERE parent_table = $1`, [partmanParent(name)]);
    }
    await pool.end();
  });

  // seed 003 Campaign Metrics (TimescaleDB Hypertable) + Indexes; issue 12 point 1: pg_partman without TimescaleDB.
  it('campaign_metrics is the seed 003 table with its two indexes, partitioned by time through pg_partman (daily, premade, default partition, retention)', async () => {
    const { rows: columns } = await pool.query(
      `SELECT column_name, data_type, numeric_precision, numeric_scale, is_nullable FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = 'campaign_metrics' ORDER BY ordinal_position`,
      [schema],
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.numeric_precision, c.numeric_scale])).toEqual([
      ['time', 'timestamp without time zone', null, null],
      ['campaign_id', 'uuid', null, null],
      ['impressions', 'bigint', 64, 0],
      ['clicks', 'bigint', 64, 0],
      ['spend', 'numeric', 15, 2],
      ['conversions', 'integer', 32, 0],
      ['revenue', 'numeric', 15, 2],
      ['cpc', 'numeric', 10, 4],
      ['cpm', 'numeric', 10, 4],
      ['ctr', 'numeric', 5, 4],
      ['roas', 'numeric', 10, 4],
      ['roi', 'numeric', 10, 4],
    ]);
    const { rows: indexes } = await pool.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'campaign_metrics' ORDER BY 1`,
      [schema],
    );
    expect(indexes.map((i) => i.indexname)).toEqual(['campaign_metrics_pkey', 'idx_campaign_metrics_campaign_id', 'idx_campaign_metrics_time']);
    expect(indexes[0].indexdef).toContain('("time", campaign_id)');
    expect(indexes[2].indexdef).toContain('("time" DESC)');
    const { rows: fk } = await pool.query(`SELECT confrelid::regclass::text AS ref FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`, [
      `${s}.campaign_metrics`,
    ]);
    expect(fk).toEqual([{ ref: `${schema}.campaigns` }]);
    const { rows: strategy } = await pool.query(`SELECT partstrat FROM pg_partitioned_table WHERE partrelid = $1::regclass`, [`${s}.campaign_metrics`]);
    expect(strategy).toEqual([{ partstrat: 'r' }]);
    const { rows: config } = await pool.query(`SELECT partition_interval, premake, retention FROM partman.part_config WHERE parent_table = $1`, [
      partmanParent(schema),
    ]);
    // Retention from ADS_METRICS_RETENTION, applied by the consumer's maintenance at start.
    expect(config).toEqual([{ partition_interval: '1 day', premake: 7, retention: '400 days' }]);
    const { rows: parts } = await pool.query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass`, [
      `${s}.campaign_metrics`,
    ]);
    const names = parts.map((p) => p.relname as string);
    expect(names).toContain('campaign_metrics_default');
    const ahead = new Date(Date.now() + 6 * DAY).toISOString().slice(0, 10).replace(/-/g, '_');
    expect(names).toContain(`campaign_metrics_p${ahead}`);
  });

  // issue 12 point 1: retention configurable (ADS_METRICS_RETENTION).
  it('retention: run_maintenance drops the daily partitions older than ADS_METRICS_RETENTION', async () => {
    const old = Date.now() - 420 * DAY;
    await pool.query(`SELECT partman.create_partition_time($1, ARRAY[$2::timestamptz])`, [partmanParent(schema), new Date(old).toISOString()]);
    const name = `campaign_metrics_p${new Date(old).toISOString().slice(0, 10).replace(/-/g, '_')}`;
    expect((await pool.query(`SELECT to_regclass($1) AS t`, [`${s}.${name}`])).rows[0].t).not.toBeNull();
    await pool.query(`SELECT partman.run_maintenance(p_parent_table := $1)`, [partmanParent(schema)]);
    expect((await pool.query(`SELECT to_regclass($1) AS t`, [`${s}.${name}`])).rows[0].t).toBeNull();
  });

  // seed 003 campaign_metrics partitioned by time: a backfill's rows land in their day's partition.
  it('a backfilled bucket of an old day goes into its own daily partition, created before the row (never the default partition)', async () => {
    const id = await campaign('Backfill');
    const time = nowBucket - 60 * DAY;
    const f = fact(id, time);
    await send(f);
    await untilApplied(schema, f);
    expect((await row(id, time)).part).toBe(`${schema}.campaign_metrics_p${new Date(time).toISOString().slice(0, 10).replace(/-/g, '_')}`);
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${s}.campaign_metrics_default`)).rows[0].n).toBe(0);
  });

  // seed 003 campaign_metrics.campaign_id REFERENCES campaigns(id).
  it('a fact arriving before its campaign is registered creates the campaign row, so the foreign key holds', async () => {
    const id = randomUUID();
    const f = fact(id, nowBucket - MIN15, {}, OTHER_ORG);
    await send(f);
    await untilApplied(schema, f);
    const { rows } = await pool.query(`SELECT org_id, platform, platform_campaign_id, name FROM ${s}.campaigns WHERE id = $1`, [id]);
    expect(rows).toEqual([{ org_id: OTHER_ORG, platform: 'google', platform_campaign_id: `pc-${id}`, name: null }]);
  });

  // seed 003 PRIMARY KEY (time, campaign_id); issue 12 point 2: a restated bucket replaces, never counted twice.
  it('a restated bucket replaces its figures and KPIs, never adds to them; the real-time store is told the figures it replaced', async () => {
    const id = await campaign('Restated');
    const time = nowBucket - 2 * MIN15;
    const first = fact(id, time, { impressions: 2000, clicks: 100, spendCents: 50_000, conversions: 5, revenueCents: 150_000 });
    await send(first);
    await untilApplied(schema, first);
    const restated = fact(id, time, { impressions: 2100, clicks: 101, spendCents: 50_050, conversions: 7, revenueCents: 190_000 });
    await send(restated);
    await untilApplied(schema, restated);
    const stored = await row(id, time);
    const kpis = domain.computeKpis(restated);
    expect({ ...stored, part: undefined, time: undefined }).toEqual({
      campaign_id: id,
      impressions: '2100',
      clicks: '101',
      spend: '500.50',
      conversions: 7,
      revenue: '1900.00',
      cpc: kpis.cpc,
      cpm: kpis.cpm,
      ctr: kpis.ctr,
      roas: kpis.roas,
      roi: kpis.roi,
      part: undefined,
      time: undefined,
    });
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${s}.campaign_metrics WHERE campaign_id = $1`, [id])).rows[0].n).toBe(1);
    const told = applied.filter((a) => a.fact.campaignId === id);
    expect(told.map((a) => a.previous)).toEqual([null, { impressions: 2000, clicks: 100, spendCents: 50_000, conversions: 5, revenueCents: 150_000 }]);
  });

  // issue 12 point 3: KPIs NULL where the denominator is zero; seed 003 cpc/cpm/ctr/roas/roi scales.
  it('KPIs are NULL where their denominator is zero (no clicks, impressions or spend), in the row and in the time series', async () => {
    const id = await campaign('Zero denominators');
    const time = nowBucket - 3 * MIN15;
    const f = fact(id, time, { impressions: 0, clicks: 0, spendCents: 0, conversions: 0, revenueCents: 0 });
    await send(f);
    await untilApplied(schema, f);
    const stored = await row(id, time);
    expect([stored.cpc, stored.cpm, stored.ctr, stored.roas, stored.roi]).toEqual([null, null, null, null, null]);
    const series = await get(
      `/v1/ads/campaigns/${id}/performance?bucket=hour&from=${new Date(time - DAY).toISOString()}&to=${new Date(time + DAY).toISOString()}`,
    );
    expect(series.status).toBe(200);
    expect(series.body.points).toEqual([
      {
        time: new Date(Math.floor(time / 3_600_000) * 3_600_000).toISOString().replace('.000Z', 'Z'),
        impressions: 0,
        clicks: 0,
        spend: '0.00',
        conversions: 0,
        revenue: '0.00',
        cpc: null,
        cpm: null,
        ctr: null,
        roas: null,
        roi: null,
      },
    ]);
  });

  // issue 12 point 9 / 3: campaign performance by hour/day/week, KPIs from the summed base figures.
  it('the time series sums the base figures per hour, day or week and derives the KPIs from the sums (not averages of KPIs); another org gets 404', async () => {
    const id = await campaign('Series');
    const day = Math.floor((nowBucket - 3 * DAY) / DAY) * DAY;
    const a = fact(id, day + 10 * 3_600_000, { impressions: 1000, clicks: 10, spendCents: 1000, conversions: 1, revenueCents: 3000 });
    const b = fact(id, day + 10 * 3_600_000 + MIN15, { impressions: 3000, clicks: 290, spendCents: 9000, conversions: 0, revenueCents: 1000 });
    const c = fact(id, day + 14 * 3_600_000, { impressions: 500, clicks: 5, spendCents: 250, conversions: 0, revenueCents: 0 });
    await send(a, b, c);
    await untilApplied(schema, a, b, c);
    const url = (bucket: string) =>
      `/v1/ads/campaigns/${id}/performance?bucket=${bucket}&from=${new Date(day).toISOString()}&to=${new Date(day + DAY).toISOString()}`;
    const hours = await get(url('hour'));
    expect(hours.body.points.map((p: { time: string; clicks: number; spend: string }) => [p.time.slice(11, 13), p.clicks, p.spend])).toEqual([
      ['10', 300, '100.00'],
      ['14', 5, '2.50'],
    ]);
    const days = await get(url('day'));
    const summed = { impressions: 4500, clicks: 305, spendCents: 10_250, conversions: 1, revenueCents: 4000 };
    expect(days.body.points).toEqual([
      {
        time: new Date(day).toISOString().replace('.000Z', 'Z'),
        impressions: 4500,
        clicks: 305,
        spend: '102.50',
        conversions: 1,
        revenue: '40.00',
        ...domain.computeKpis(summed),
      },
    ]);
    expect((await get(url('week'))).body.points[0].clicks).toBe(305);
    expect((await get(url('day'), OTHER_ORG)).status).toBe(404);
    expect((await get(url('minute'))).body.code).toBe('AD_METRICS_QUERY_INVALID');
  });

  // Found by the hostile-input suite: year 0 answered 500 (PostgreSQL cannot hold it), 1999 and
  // 3000 were read, and 2026-02-30 became 2 March.
  it('the time series range: a day or an instant with its zone that exists, within 2000–2999; anything else is 400 AD_METRICS_QUERY_INVALID', async () => {
    const id = await campaign('Range');
    const range = async (from: string, to: string) =>
      get(`/v1/ads/campaigns/${id}/performance?bucket=day&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    for (const [from, to] of [
      ['0000-01-01T00:00:00Z', '0000-01-02T00:00:00.000Z'],
      ['1999-12-31T00:00:00Z', '2000-01-02T00:00:00Z'],
      ['2999-12-30T00:00:00Z', '3000-01-01T00:00:00Z'],
      ['2026-02-01', '2026-02-30'],
      ['2026-02-01T00:00:00', '2026-02-02T00:00:00Z'],
    ]) {
      const answer = await range(from, to);
      expect({ from, to, status: answer.status, code: answer.body.code }).toEqual({ from, to, status: 400, code: 'AD_METRICS_QUERY_INVALID' });
    }
    const days = await range('2026-02-01', '2026-03-01T00:00:00+01:00');
    expect(days.status).toBe(200);
    expect([days.body.from, days.body.to]).toEqual(['2026-02-01T00:00:00.000Z', '2026-02-28T23:00:00.000Z']);
  });

  // seed 003 Sample Queries "Get campaign performance (last 7 days)"; issue 12 point 11b (window checked against the seed's query).
  it('"last 7 days performance" from the sliding window equals seed 003 query 1 run raw: while the slide lags, after a restatement and after the slide', async () => {
    // The window was last slid 2 hours ago: it still holds buckets the seed's query no longer counts.
    const windowStart = (await pool.query(`SELECT ${WINDOW_START}::text AS s`)).rows[0].s as string;
    const s0 = Date.parse(`${windowStart}Z`);
    await pool.query(`UPDATE ${s}.campaign_metrics_window_state SET window_start = $1::timestamp`, [
      new Date(s0 - 2 * 3_600_000).toISOString().replace('Z', ''),
    ]);
    // A name JSON must escape: the API's items are built as JSON text by PostgreSQL, compared here with the seed query's values.
    const nameY = 'Window Y "quoted" \\ back\nslash\ttab \u0001 é ✓';
    const [x, y] = [await campaign('Window X'), await campaign(nameY)];
    const other = await campaign('Other org', OTHER_ORG);
    const facts = [
      fact(x, s0 - 3 * 3_600_000, { spendCents: 111 }), // outside both
      fact(x, s0 - 3_600_000, { spendCents: 222, revenueCents: 1000 }), // in the stale window only
      fact(x, s0, { spendCents: 333, revenueCents: 999, conversions: 0 }), // the first bucket counted
      fact(x, nowBucket, { spendCents: 444, revenueCents: 5000, conversions: 2 }),
      fact(y, s0 - MIN15, { spendCents: 555 }), // just left the window
      fact(y, nowBucket - DAY, { spendCents: 0, revenueCents: 700, conversions: 0 }), // roas NULL (no spend)
      fact(other, nowBucket, {}, OTHER_ORG),
    ];
    await send(...facts);
    await untilApplied(schema, ...facts);
    const names = ['Window X', nameY, 'Restated', 'Zero denominators', 'Backfill', 'Series'];
    const api = async () => {
      const response = await get('/v1/ads/performance?days=7');
      expect(response.status).toBe(200);
      return response.body.items;
    };
    const lagging = await api();
    expect(byName(lagging)).toEqual(byName(await seedQuery(names)));
    expect(lagging.find((r: { name: string }) => r.name === 'Window X')).toMatchObject({ total_spend: '7.77', total_revenue: '59.99', total_conversions: 2 });
    expect(lagging.some((r: { name: string }) => r.name === 'Other org')).toBe(false);
    // seed 003 ORDER BY roas DESC: NULL first, as PostgreSQL sorts it.
    expect(lagging[0].roas).toBeNull();

    const restated = fact(x, s0, { spendCents: 1333, revenueCents: 99, conversions: 1, impressions: 999 });
    await send(restated);
    await untilApplied(schema, restated);
    expect(byName(await api())).toEqual(byName(await seedQuery(names)));

    const slid = await slideWindow(pool, schema);
    expect(slid.campaigns).toBeGreaterThan(0);
    const { rows: windowRows } = await pool.query(`SELECT spend::text FROM ${s}.campaign_metrics_window WHERE campaign_id = $1`, [x]);
    expect(windowRows).toEqual([{ spend: '17.77' }]);
    expect(byName(await api())).toEqual(byName(await seedQuery(names)));
    // The window kept by deltas and slides is the one built from scratch.
    // The sums and ratios (changed_xid says which transaction wrote a row: the rebuild's, now).
    const figuresOfWindow = `SELECT campaign_id, buckets, impressions, clicks, spend, conversions, revenue, roas, cpa FROM ${s}.campaign_metrics_window ORDER BY campaign_id`;
    const kept = (await pool.query(figuresOfWindow)).rows;
    await rebuildWindow(pool, schema);
    expect((await pool.query(figuresOfWindow)).rows).toEqual(kept);
    // Other windows run the seed's query form directly.
    const ninety = await get('/v1/ads/performance?days=90');
    expect(ninety.body.items.find((r: { name: string }) => r.name === 'Window X').total_spend).toBe('21.10');
    expect((await get('/v1/ads/performance?days=0')).body.code).toBe('AD_METRICS_QUERY_INVALID');
  });

  // seed 003 Sample Queries "Get campaign performance (last 7 days)"; issue 12 point 11b: the answer kept in memory is never stale.
  it('the 7-day answer is served again only while nothing in it changed: a new fact, a renamed campaign and a slide each give the new answer at once (the first two brought up to date from the changed rows)', async () => {
    const answer = async () => {
      const { source, body } = await sevenDays();
      return { source, items: JSON.parse(body).items as { name: string; total_spend: string }[] };
    };
    const names = ['Cached A', 'Cached A renamed', 'Cached B'];
    const mine = (items: { name: string }[]) => byName(items.filter((r) => names.includes(r.name)));
    const a = await campaign('Cached A');
    const first = fact(a, nowBucket - 2 * MIN15, { spendCents: 1_000 });
    await send(first);
    await untilApplied(schema, first);
    await slideWindow(pool, schema);
    const computed = await answer();
    expect(computed.source).toBe('postgres');
    const again = await answer();
    expect(again).toEqual({ source: 'cache', items: computed.items });
    expect(mine(again.items)).toEqual(byName(await seedQuery(names)));

    // A facts batch (its offsets row changes in its transaction).
    const second = fact(a, nowBucket - MIN15, { spendCents: 2_000 });
    await send(second);
    await untilApplied(schema, second);
    const afterFact = await answer();
    expect(afterFact.source).toBe('changes');
    expect(afterFact.items.find((r) => r.name === 'Cached A')?.total_spend).toBe('30.00');
    expect(mine(afterFact.items)).toEqual(byName(await seedQuery(names)));
    expect((await answer()).source).toBe('cache');

    // A campaign written by the event projection (a new name) or a new campaign.
    await pool.query(`UPDATE ${s}.campaigns SET name = 'Cached A renamed' WHERE id = $1`, [a]);
    const renamed = await answer();
    expect(renamed.source).toBe('changes');
    expect(renamed.items.some((r) => r.name === 'Cached A renamed')).toBe(true);
    const b = await campaign('Cached B');
    const third = fact(b, nowBucket, { spendCents: 500 });
    await send(third);
    await untilApplied(schema, third);
    expect(mine((await answer()).items)).toEqual(byName(await seedQuery(names)));

    // The window moves: while its slide is pending the answer is corrected (and not kept); after it, the slid one.
    const { earlier } = await lagOneBucket();
    await send(fact(b, Date.parse(`${earlier}Z`), { spendCents: 9_900 })); // only in the lagging window
    await untilApplied(schema, fact(b, Date.parse(`${earlier}Z`), { spendCents: 9_900 }));
    const lagging = await answer();
    expect(lagging.source).toBe('postgres');
    expect(mine(lagging.items)).toEqual(byName(await seedQuery(names)));
    expect((await answer()).source).toBe('postgres');
    await slideWindow(pool, schema);
    const slid = await answer();
    expect(slid.source).toBe('postgres');
    expect(mine(slid.items)).toEqual(byName(await seedQuery(names)));
    expect((await answer()).source).toBe('cache');
  });

  // seed 003 Sample Queries "Get campaign performance (last 7 days)" (ORDER BY roas DESC); issue 12 point 11b.
  it('a kept 7-day answer brought up to date from the changed rows is the answer read whole, byte for byte and in the same order (equal and null ROAS, renames, other orgs)', async () => {
    await slideWindow(pool, schema);
    let seed = 20261205;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const mine: string[] = [];
    const theirs: string[] = [];
    for (let i = 0; i < 6; i++) mine.push(await campaign(`Merge ${i}`));
    for (let i = 0; i < 2; i++) theirs.push(await campaign(`Merge other ${i}`, OTHER_ORG));
    // Few distinct figures: equal ROAS (ties broken by campaign id) and zero spend (NULL ROAS, first in DESC) happen.
    const figures = () => ({ spendCents: [0, 1_000, 2_000][random(3)], revenueCents: [0, 1_000, 2_000, 4_000][random(4)], conversions: random(3) });
    let bucket = 0;
    const factFor = (id: string, orgId = ORG) => fact(id, nowBucket - (1 + (bucket++ % 90)) * MIN15, figures(), orgId);
    const readWhole = async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const items = await lastSevenDays(client, schema, ORG);
        await client.query('COMMIT');
        return bodyOf(items).toString();
      } finally {
        client.release();
      }
    };
    const first = mine.map((id) => factFor(id));
    await send(...first);
    await untilApplied(schema, ...first);
    expect((await sevenDays()).body).toBe(await readWhole());
    const sources: Record<string, number> = {};
    for (let round = 0; round < 20; round++) {
      const facts: ads.MetricFact[] = [];
      const action = random(4);
      if (action === 0) facts.push(factFor(mine[random(mine.length)]), factFor(mine[random(mine.length)]));
      if (action === 1) facts.push(factFor(theirs[random(theirs.length)], OTHER_ORG));
      if (action === 2) await pool.query(`UPDATE ${s}.campaigns SET name = $2 WHERE id = $1`, [mine[random(mine.length)], `Merge renamed ${round}`]);
      if (action === 3) {
        mine.push(await campaign(`Merge new ${round}`));
        facts.push(factFor(mine[mine.length - 1]));
      }
      if (facts.length > 0) {
        await send(...facts);
        await untilApplied(schema, ...facts);
      }
      const answer = await sevenDays();
      sources[answer.source] = (sources[answer.source] ?? 0) + 1;
      expect(answer.body).toBe(await readWhole());
    }
    // Most rounds merged the changed rows into the kept answer (a slide at a 15-minute boundary reads it whole once).
    expect(sources.changes ?? 0).toBeGreaterThanOrEqual(8);
  });

  // seed 003 Sample Queries "Get campaign performance (last 7 days)"; issue 12 point 11b.
  it('a slide changes the kept answers only where buckets left the window: a campaign whose last bucket left is gone, one with buckets left keeps the rest', async () => {
    await slideWindow(pool, schema);
    const { start } = await lagOneBucket();
    const leaving = await campaign('Slide leaving');
    const staying = await campaign('Slide staying');
    const untouched = await campaign('Slide untouched');
    const facts = [
      fact(leaving, start - MIN15, { spendCents: 1_000 }),
      fact(staying, start - MIN15, { spendCents: 2_000 }),
      fact(staying, start, { spendCents: 3_000 }),
      fact(untouched, start + MIN15, { spendCents: 4_000 }),
    ];
    await send(...facts);
    await untilApplied(schema, ...facts);
    const before = (await pool.query(`SELECT pg_current_snapshot()::text AS s`)).rows[0].s as string;
    await slideWindow(pool, schema);
    const client = await pool.connect();
    try {
      const changes = await sevenDayChanges(client, schema, ORG, before);
      const of = (id: string) => changes.find((c) => c.id === id);
      expect(of(leaving)).toEqual({ id: leaving, item: null });
      expect(JSON.parse(of(staying)?.item?.json ?? 'null')).toMatchObject({ name: 'Slide staying', total_spend: '30.00' });
      expect(of(untouched)).toBeUndefined();
    } finally {
      client.release();
    }
  });

  // seed 003 Data Flow (ETL → PostgreSQL): a record that cannot be a row never blocks the others.
  it('a poison record (undecodable, or figures the table rejects) goes to the ads dead-letter topic and its partition moves on', async () => {
    const id = await campaign('Poison');
    const time = nowBucket - 5 * MIN15;
    const key = ads.metricFactKey({ campaignId: id, time: new Date(time).toISOString() });
    // ctr = clicks / impressions = 1000: beyond DECIMAL(5,4).
    const bad = fact(id, time, { impressions: 1, clicks: 1000 });
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key, value: Buffer.from('not avro') },
        { key, value: ads.metricFactCodec.encode(bad) },
      ],
    });
    const letters = await collectMessages(kafka, topicsFor('ads', prefix).deadLetter, (got) => got.length >= 2, 30_000);
    expect(letters.map((l) => l.message.key?.toString())).toEqual([key, key]);
    expect(headerText(letters[0].message.headers, DEAD_LETTER_HEADERS.error)).toContain('undecodable');
    expect(headerText(letters[1].message.headers, DEAD_LETTER_HEADERS.error)).toContain('numeric field overflow');
    expect(await row(id, time)).toBeUndefined();
    // The partition goes on: the bucket's next figures are applied.
    const good = fact(id, time, { impressions: 7 });
    await send(good);
    await untilApplied(schema, good);
  });

  // issue 12 point 3: campaign_metrics can be rebuilt from the facts like every other read model.
  it('rebuild: campaign_metrics read again from offset 0 equals the live one; a schema whose offsets are gone (a swapped-in rebuild) is refilled from offset 0', async () => {
    const dump = async (target: string) =>
      (await pool.query(`SELECT to_jsonb(m) AS r FROM ${quoteIdent(target)}.campaign_metrics m ORDER BY time, campaign_id`)).rows.map((r) => r.r);
    const windowOf = async (target: string) =>
      (
        await pool.query(
          `SELECT campaign_id, buckets, spend::text, revenue::text, conversions FROM ${quoteIdent(target)}.campaign_metrics_window ORDER BY campaign_id`,
        )
      ).rows;
    const live = await dump(schema);
    const rebuilt = `${schema}_rb`;
    schemas.push(rebuilt);
    await migrate(pool, rebuilt);
    const second = consumerFor(rebuilt, `g-${uniqueSuffix()}`);
    await second.onApplicationBootstrap();
    try {
      await waitFor('the rebuild caught up', async () => JSON.stringify(await dump(rebuilt)) === JSON.stringify(live), { timeoutMs: 60_000, intervalMs: 200 });
      // Both windows at S now: a 15-minute boundary may have passed since either was last slid.
      await slideWindow(pool, rebuilt);
      await slideWindow(pool, schema);
      expect(await windowOf(rebuilt)).toEqual(await windowOf(schema));
    } finally {
      await second.onApplicationShutdown();
    }
    // The live schema loses its rows and offsets, as a rebuilt schema arrives empty when swapped in:
    // the next tick finds the offsets moved under it and reads every partition from offset 0.
    await pool.query(`TRUNCATE ${s}.campaign_metrics, ${s}.campaign_metrics_window, ${s}.metric_fact_offsets`);
    await consumer.tick();
    await waitFor('the live schema refilled', async () => JSON.stringify(await dump(schema)) === JSON.stringify(live), { timeoutMs: 60_000, intervalMs: 200 });
    await slideWindow(pool, rebuilt);
    await slideWindow(pool, schema);
    expect(await windowOf(schema)).toEqual(await windowOf(rebuilt));
  });

  // issue 12 point 1: the partitioned table survives the projection's rebuild (schema swap).
  it('the partman config survives a rebuild swap: the live row serves the swapped-in table and the next shadow registers again', async () => {
    const live = `adsw_${uniqueSuffix()}`;
    const shadow = `${live}_rebuild`;
    schemas.push(live, shadow, `${live}_retired`);
    await migrate(pool, live);
    await migrate(pool, shadow);
    // What shared/rebuild.ts's swap does.
    await pool.query(`ALTER SCHEMA ${quoteIdent(live)} RENAME TO ${quoteIdent(`${live}_retired`)}`);
    await pool.query(`ALTER SCHEMA ${quoteIdent(shadow)} RENAME TO ${quoteIdent(live)}`);
    await pool.query(`DROP SCHEMA ${quoteIdent(`${live}_retired`)} CASCADE`);
    await forgetSwappedShadow(pool);
    await pool.query(`SELECT partman.run_maintenance(p_parent_table := $1)`, [partmanParent(live)]);
    const ahead = new Date(Date.now() + 6 * DAY).toISOString().slice(0, 10).replace(/-/g, '_');
    expect((await pool.query(`SELECT to_regclass($1) AS t`, [`${live}.campaign_metrics_p${ahead}`])).rows[0].t).not.toBeNull();
    expect(
      (await pool.query(`SELECT parent_table FROM partman.part_config WHERE parent_table IN ($1, $2)`, [partmanParent(live), partmanParent(shadow)])).rows,
    ).toEqual([{ parent_table: partmanParent(live) }]);
    await migrate(pool, shadow);
    expect((await pool.query(`SELECT count(*)::int AS n FROM partman.part_config WHERE parent_table = $1`, [partmanParent(shadow)])).rows[0].n).toBe(1);
  });
});
