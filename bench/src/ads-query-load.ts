/**
 * The query bench's data: a load straight into the projection's campaign_metrics (not a
 * measure of ingest), then the projection's own window rebuild over it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@campaign/testing';
import type { Pool } from 'pg';
import { BUCKET_MS, type BenchCampaign, lastBoundary } from './ads-rows';
import { BenchSkipped } from './ads-skip';
import { pool as inParallel } from './stats';

const DAY_MS = 86_400_000;

/** Every day the rows touch gets its partition through pg_partman (it premakes only a week around today). */
const makePartitions = async (pg: Pool, schema: string, start: number, end: number): Promise<number> => {
  const { rows } = await pg.query(
    `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'partman' AND c.relname = 'part_config'`,
  );
  if (rows.length === 0) return 0;
  const parent = `${schema}.campaign_metrics`;
  const managed = await pg.query(`SELECT 1 FROM partman.part_config WHERE parent_table = $1`, [parent]);
  if (managed.rowCount === 0) return 0;
  const days: string[] = [];
  for (let day = Math.floor(start / DAY_MS) * DAY_MS; day < end; day += DAY_MS) days.push(new Date(day).toISOString());
  const count = async () =>
    (await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = $1::regclass`, [`"${schema}".campaign_metrics`])).rows[0].n;
  const before = await count();
  await pg.query(`SELECT partman.create_partition_time(p_parent_table := $1, p_partition_times := $2::timestamptz[], p_analyze := false)`, [parent, days]);
  return (await count()) - before;
};

/** Figures as ads-rows.ts figuresOf computes them, here in SQL; KPIs as the ingest reference computes them. */
const loadSql = (s: string) => `
INSERT INTO ${s}.campaign_metrics (time, campaign_id, impressions, clicks, spend, conversions, revenue, cpc, cpm, ctr, roas, roi)
SELECT t, id, imp, clk, sp, conv, rev, round(sp / NULLIF(clk, 0), 4), round(sp * 1000 / NULLIF(imp, 0), 4),
       round(clk::numeric / NULLIF(imp, 0), 4), round(rev / NULLIF(sp, 0), 4), round((rev - sp) / NULLIF(sp, 0), 4)
  FROM (
    SELECT $3::timestamp - (($4::int - b) * INTERVAL '15 minutes') AS t, c.id, 500 + h AS imp, 5 + h % 97 AS clk,
           ((150 + (h * 31) % 20000)::numeric / 100)::numeric(15,2) AS sp, conv,
           ((CASE WHEN conv = 0 THEN 0 ELSE conv * (2000 + (h * 13) % 9000) END)::numeric / 100)::numeric(15,2) AS rev
      FROM generate_series(0, $4::int - 1) AS b,
           unnest($1::uuid[], $2::bigint[]) AS c(id, n),
           LATERAL (SELECT (c.n * 7919 + b::bigint * 104729) % 10007 AS h) hh,
           LATERAL (SELECT (CASE WHEN h % 7 = 0 THEN 0 ELSE h % 5 END)::int AS conv) cc
  ) x`;

export const loadMetrics = async (pg: Pool, schema: string, campaigns: readonly BenchCampaign[], days: number, chunk: number) => {
  const s = `"${schema}"`;
  const end = lastBoundary();
  const buckets = (days * DAY_MS) / BUCKET_MS;
  const started = performance.now();
  const partitions = await makePartitions(pg, schema, end - buckets * BUCKET_MS, end);
  const chunks = Math.ceil(campaigns.length / chunk);
  let done = 0;
  // Two statements side by side: the machine has two cores and the apps are idle meanwhile.
  await inParallel(chunks, 2, async (i) => {
    const part = campaigns.slice(i * chunk, (i + 1) * chunk);
    await pg.query(loadSql(s), [part.map((c) => c.campaignId), part.map((c) => c.index), new Date(end).toISOString(), buckets]);
    process.stderr.write(`ads query bench: loaded ${++done}/${chunks} chunks of campaign_metrics\n`);
  });
  await pg.query(`VACUUM ANALYZE ${s}.campaign_metrics`);
  const { rows } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${s}.campaign_metrics`);
  return { rows: rows[0].n, seconds: (performance.now() - started) / 1000, partitions };
};

/** apps/projection ads/metrics/metrics.window.ts, built: the window's own code, as the app runs it. */
const WINDOW_MODULE = join(REPO_ROOT, 'apps', 'projection', 'dist', 'ads', 'metrics', 'metrics.window.js');

export interface WindowBuilder {
  readonly path: string;
  build(pool: Pool, schema: string): Promise<unknown>;
}

/** Found before anything is set up: without it the loaded rows are not in the window the API reads. */
export const windowBuilder = (bench: string): WindowBuilder => {
  const exports = existsSync(WINDOW_MODULE) ? (require(WINDOW_MODULE) as Record<string, unknown>) : {};
  if (typeof exports.rebuildWindow !== 'function')
    throw new BenchSkipped(bench, `${WINDOW_MODULE} exports no rebuildWindow(pool, schema) to build campaign_metrics_window over loaded rows`);
  return { path: 'apps/projection ads/metrics/metrics.window rebuildWindow(pool, schema)', build: exports.rebuildWindow as WindowBuilder['build'] };
};

/** The projection's own build of its 7-day window over the loaded rows; its seconds. */
export const buildWindow = async (builder: WindowBuilder, pg: Pool, schema: string): Promise<number> => {
  const started = performance.now();
  await builder.build(pg, schema);
  return (performance.now() - started) / 1000;
};
