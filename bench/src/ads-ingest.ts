/**
 * ads-metric-ingest: BENCH_ADS_CAMPAIGNS × BENCH_ADS_BUCKETS metric rows pushed through
 * analytics-ingest's POST /v1/ads/metrics (NDJSON, BENCH_ADS_REQUEST_ROWS rows a request,
 * BENCH_ADS_CONCURRENCY requests in flight), timed from the first request until the projection
 * has applied every fact the door produced (its `metric_fact_offsets`, written in the rows'
 * transaction, reach the topic's end) — every row queryable in campaign_metrics. Reference, same
 * run, same database: the same rows upserted into a fresh copy of the seed's table (same
 * partitioning, keys, indexes and foreign key) with INSERT … ON CONFLICT DO UPDATE,
 * BENCH_ADS_INSERT_BATCH rows per statement, the KPIs computed by PostgreSQL. Both tables are
 * then compared row by row.
 */
import { randomUUID } from 'node:crypto';
import { ads as adsWire } from '@campaign/contracts';
import { sleep, testKafka, testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { type AdsApps, adsAppsEnv, dropRunSchemas, startAdsApps, stopAdsApps, userAuth } from './ads-apps';
import { type BenchCampaign, type BenchRow, benchCampaigns, bucketTime, cents, figuresOf, lastBoundary } from './ads-rows';
import { compareTables, createReferenceTable, upsertRows } from './ads-reference';
import { registerCampaigns } from './ads-register';
import { INGEST } from './ads-settings';
import { BenchSkipped, type Emit } from './ads-skip';
import { deleteRunRedisKeys, deleteRunTopics } from './ads-cleanup';
import { pool as inParallel, rssMegabytes, summarize } from './stats';
import { type CpuSpent, cpuSince, perRow, readCpu } from './cpu-meter';

const BENCH = 'ads-metric-ingest';

/** Bucket-major, as a platform's export of a period comes: every campaign's first bucket, then the next… */
const rowsOf = (campaigns: readonly BenchCampaign[], buckets: number, end: number): BenchRow[] =>
  Array.from({ length: buckets }, (_, bucket) => campaigns.map((campaign) => ({ campaign, bucket, time: bucketTime(end, buckets, bucket) }))).flat();

/** One NDJSON line per row, fields as validateMetricRow reads them (money as decimal text). */
const ndjsonOf = (rows: readonly BenchRow[]): string =>
  rows
    .map(({ campaign, bucket, time }) => {
      const f = figuresOf(campaign.index, bucket);
      return JSON.stringify({
        platform: campaign.platform,
        platformCampaignId: campaign.platformCampaignId,
        time,
        impressions: f.impressions,
        clicks: f.clicks,
        spend: cents(f.spendCents),
        conversions: f.conversions,
        revenue: cents(f.revenueCents),
      });
    })
    .join('\n');

const push = async (apps: AdsApps, orgId: string, bodies: readonly string[]) => {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const headers = { 'content-type': 'application/x-ndjson', ...userAuth(orgId) };
  const started = performance.now();
  await inParallel(bodies.length, INGEST.concurrency, async (i) => {
    const sent = performance.now();
    const response = await fetch(`${apps.ingest.url}/v1/ads/metrics`, {
      method: 'POST',
      headers,
      body: bodies[i],
    });
    const text = await response.text();
    latencies.push(performance.now() - sent);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (response.status === 404 && text.includes('Cannot POST')) throw new BenchSkipped(BENCH, 'analytics-ingest has no POST /v1/ads/metrics (the push door)');
    if (response.status >= 300) throw new Error(`POST /v1/ads/metrics answered ${response.status}: ${text.slice(0, 600)}`);
  });
  return { answeredSeconds: (performance.now() - started) / 1000, started, latencies, statuses };
};

/** The facts topic's end offsets once every push was answered (the door answers after the brokers' acks). */
const topicEnds = async (topic: string): Promise<Map<number, number>> => {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  } finally {
    await admin.disconnect();
  }
};

/** Waits until the projection recorded every partition's last fact as applied (offsets kept beside the rows). */
const waitForApplied = async (pg: Pool, schema: string, topic: string, ends: Map<number, number>, since: number): Promise<number> => {
  const deadline = since + INGEST.timeoutMs;
  for (;;) {
    const { rows } = await pg
      .query<{ partition: number; last_offset: string }>(`SELECT partition, last_offset FROM "${schema}".metric_fact_offsets WHERE topic = $1`, [topic])
      .catch(() => ({ rows: [] as { partition: number; last_offset: string }[] }));
    const applied = new Map(rows.map((r) => [r.partition, Number(r.last_offset) + 1]));
    if ([...ends].every(([partition, end]) => end === 0 || (applied.get(partition) ?? 0) >= end)) return (performance.now() - since) / 1000;
    if (performance.now() > deadline)
      throw new Error(`the projection applied ${JSON.stringify([...applied])} of ${JSON.stringify([...ends])} within ${INGEST.timeoutMs} ms`);
    await sleep(20);
  }
};

const run = async (apps: AdsApps, pg: Pool, suffix: string, emit: Emit) => {
  const orgId = randomUUID();
  const campaigns = benchCampaigns(INGEST.campaigns, suffix);
  const registered = await registerCampaigns(BENCH, apps, pg, orgId, campaigns, INGEST.registerConcurrency, INGEST.timeoutMs);
  emit({
    bench: `${BENCH}-setup`,
    campaigns: campaigns.length,
    register_seconds: round(registered.seconds),
    visible_seconds: round(registered.visibleSeconds),
    path: 'campaign-command POST /v1/ads/accounts, /v1/ads/campaigns (admin JWT)',
  });

  const rows = rowsOf(campaigns, INGEST.buckets, lastBoundary());
  const bodies: string[] = [];
  for (let from = 0; from < rows.length; from += INGEST.requestRows) bodies.push(ndjsonOf(rows.slice(from, from + INGEST.requestRows)));
  // The reference first, on a quiet machine: run after the door, it would share the CPU with
  // what the facts set off after they are queryable (alert judgements and commands, the analyzer).
  const referenceSchema = `bench_adsref_${suffix}`;
  await createReferenceTable(
    pg,
    apps.adsSchema,
    referenceSchema,
    rows.map((r) => r.time),
  );
  // Each side starts from a checkpoint: neither pays for flushing what the one before wrote.
  await pg.query('CHECKPOINT');
  const beforeReference = readCpu();
  const referenceSeconds = await upsertRows(pg, referenceSchema, rows, INGEST.insertBatch);
  const referenceCpu = cpuSince(beforeReference);
  await pg.query('CHECKPOINT');

  const topic = adsWire.metricFactsTopic(apps.topicPrefix);
  const beforeDoor = readCpu();
  const pushed = await push(apps, orgId, bodies);
  const ends = await topicEnds(topic);
  const seconds = await waitForApplied(pg, apps.adsSchema, topic, ends, pushed.started);
  const doorCpu = cpuSince(beforeDoor);
  const produced = [...ends.values()].reduce((a, b) => a + b, 0);

  const comparison = await compareTables(pg, `"${apps.adsSchema}".campaign_metrics`, `"${referenceSchema}".campaign_metrics`);

  const settings = {
    rows: rows.length,
    campaigns: campaigns.length,
    buckets: INGEST.buckets,
    request_rows: INGEST.requestRows,
    concurrency: INGEST.concurrency,
    requests: bodies.length,
  };
  emit({
    bench: BENCH,
    impl: 'analytics-ingest POST /v1/ads/metrics (NDJSON) → ads.metric-facts → projection → campaign_metrics, until every row is queryable',
    ...settings,
    seconds: round(seconds),
    rows_per_second: Math.round(rows.length / seconds),
    answered_seconds: round(pushed.answeredSeconds),
    // Where the time goes: the door's own rate (every push answered, facts acked by the brokers) and
    // how long the projection took after the last answer to apply the rest.
    answered_rows_per_second: Math.round(rows.length / pushed.answeredSeconds),
    applied_after_last_answer_seconds: round(seconds - pushed.answeredSeconds),
    facts_produced: produced,
    statuses: pushed.statuses,
    ...summarize(pushed.latencies),
  });
  emit({
    bench: BENCH,
    impl: `raw batched INSERT … ON CONFLICT DO UPDATE, ${INGEST.insertBatch} rows a statement, fresh copy of the seed's table (reference)`,
    ...settings,
    seconds: round(referenceSeconds),
    rows_per_second: Math.round(rows.length / referenceSeconds),
  });
  emit({ bench: `${BENCH}-ratio`, door_vs_raw_insert: round(referenceSeconds / seconds), target: 0.5, rows_equal: comparison.equal, comparison });
  emit(cpuLine(rows.length, referenceSeconds, referenceCpu, doorCpu));
  const rss = Object.fromEntries([apps.command, apps.projection, apps.ingest].map((app) => [app.name, rssMegabytes(app.process.pid ?? 0)]));
  emit({ bench: 'memory', context: BENCH, rss_mb: rss });
};

/**
 * Where each side's CPU went, in µs a row (all cores, every process of the machine), and the
 * ratio the door could reach if its work kept every core busy the whole time (the reference is
 * one statement at a time: it leaves a core idle): a measured ratio close to it means the door
 * is bound by its CPU per row, not by waiting.
 */
const cpuLine = (rows: number, referenceSeconds: number, reference: CpuSpent, door: CpuSpent) => {
  const doorWork = door.busy_core_seconds - (door.by_process.bench ?? 0);
  return {
    bench: `${BENCH}-cpu`,
    reference: { ...reference, us_per_row: perRow(reference, rows) },
    door: { ...door, us_per_row: perRow(door, rows) },
    ratio_if_every_core_busy: round((referenceSeconds * door.cores) / doorWork),
  };
};

const round = (n: number) => Math.round(n * 100) / 100;

export const runIngestBench = async (emit: Emit): Promise<void> => {
  const suffix = uniqueSuffix();
  const pg = testPool(4);
  let apps: AdsApps | null = null;
  try {
    apps = await startAdsApps(suffix);
    await run(apps, pg, suffix, emit);
  } catch (error) {
    if (apps && !(error instanceof BenchSkipped)) {
      for (const app of [apps.command, apps.ingest, apps.projection]) process.stderr.write(`--- ${app.name} logs ---\n${app.logs.join('').slice(-3_000)}\n`);
    }
    throw error;
  } finally {
    if (apps) await stopAdsApps(apps);
    await dropRunSchemas(pg, suffix);
    await pg.end();
    await deleteRunTopics(adsAppsEnv(suffix).TOPIC_PREFIX);
    await deleteRunRedisKeys(adsAppsEnv(suffix).REDIS_KEY_PREFIX);
  }
};
