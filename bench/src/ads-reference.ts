/**
 * The ingest bench's reference: seed 003's campaign_metrics as printed, in a fresh schema of the
 * same database, partitioned by day like the projection's (native range partitions over the
 * rows' days plus a default one: what pg_partman would have made), its foreign key to the
 * projection's campaigns; the same rows upserted with plain multi-row statements.
 */
import type { Pool } from 'pg';
import { type BenchRow, cents, figuresOf } from './ads-rows';

const COLUMNS = 'time, campaign_id, impressions, clicks, spend, conversions, revenue, cpc, cpm, ctr, roas, roi';

const dayOf = (iso: string) => iso.slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export const createReferenceTable = async (pg: Pool, adsSchema: string, schema: string, times: readonly string[]): Promise<void> => {
  const s = `"${schema}"`;
  await pg.query(`CREATE SCHEMA ${s}`);
  await pg.query(`
CREATE TABLE ${s}.campaign_metrics (
    time TIMESTAMP NOT NULL,
    campaign_id UUID REFERENCES "${adsSchema}".campaigns(id),
    impressions BIGINT,
    clicks BIGINT,
    spend DECIMAL(15,2),
    conversions INTEGER,
    revenue DECIMAL(15,2),
    cpc DECIMAL(10,4),
    cpm DECIMAL(10,4),
    ctr DECIMAL(5,4),
    roas DECIMAL(10,4),
    roi DECIMAL(10,4),
    PRIMARY KEY (time, campaign_id)
) PARTITION BY RANGE (time);
CREATE INDEX idx_campaign_metrics_campaign_id ON ${s}.campaign_metrics(campaign_id);
CREATE INDEX idx_campaign_metrics_time ON ${s}.campaign_metrics(time DESC);
CREATE TABLE ${s}.campaign_metrics_default PARTITION OF ${s}.campaign_metrics DEFAULT;`);
  for (const day of new Set(times.map(dayOf))) {
    await pg.query(
      `CREATE TABLE ${s}."campaign_metrics_p${day.replace(/-/g, '')}" PARTITION OF ${s}.campaign_metrics FOR VALUES FROM ('${day}') TO ('${nextDay(day)}')`,
    );
  }
};

/** Upserts `rows` `batch` at a time, each statement its own transaction; the seconds the statements took. */
export const upsertRows = async (pg: Pool, schema: string, rows: readonly BenchRow[], batch: number): Promise<number> => {
  const sql = `INSERT INTO "${schema}".campaign_metrics AS m (${COLUMNS})
    SELECT time, campaign_id, impressions, clicks, spend, conversions, revenue,
           round(spend / NULLIF(clicks, 0), 4), round(spend * 1000 / NULLIF(impressions, 0), 4),
           round(clicks::numeric / NULLIF(impressions, 0), 4), round(revenue / NULLIF(spend, 0), 4),
           round((revenue - spend) / NULLIF(spend, 0), 4)
      FROM unnest($1::timestamp[], $2::uuid[], $3::bigint[], $4::bigint[], $5::numeric[], $6::integer[], $7::numeric[])
        AS i(time, campaign_id, impressions, clicks, spend, conversions, revenue)
    ON CONFLICT (time, campaign_id) DO UPDATE SET
      impressions = EXCLUDED.impressions, clicks = EXCLUDED.clicks, spend = EXCLUDED.spend, conversions = EXCLUDED.conversions,
      revenue = EXCLUDED.revenue, cpc = EXCLUDED.cpc, cpm = EXCLUDED.cpm, ctr = EXCLUDED.ctr, roas = EXCLUDED.roas, roi = EXCLUDED.roi`;
  const started = performance.now();
  for (let from = 0; from < rows.length; from += batch) {
    const chunk = rows.slice(from, from + batch);
    const figures = chunk.map((r) => figuresOf(r.campaign.index, r.bucket));
    await pg.query(sql, [
      chunk.map((r) => r.time),
      chunk.map((r) => r.campaign.campaignId),
      figures.map((f) => f.impressions),
      figures.map((f) => f.clicks),
      figures.map((f) => cents(f.spendCents)),
      figures.map((f) => f.conversions),
      figures.map((f) => cents(f.revenueCents)),
    ]);
  }
  return (performance.now() - started) / 1000;
};

/** Row counts and the rows only one side holds (every column, numbers compared as numbers). */
export const compareTables = async (pg: Pool, a: string, b: string) => {
  const { rows } = await pg.query<{ rows_a: number; rows_b: number; only_a: number; only_b: number }>(
    `SELECT (SELECT count(*)::int FROM ${a}) AS rows_a, (SELECT count(*)::int FROM ${b}) AS rows_b,
            (SELECT count(*)::int FROM (SELECT ${COLUMNS} FROM ${a} EXCEPT SELECT ${COLUMNS} FROM ${b}) x) AS only_a,
            (SELECT count(*)::int FROM (SELECT ${COLUMNS} FROM ${b} EXCEPT SELECT ${COLUMNS} FROM ${a}) x) AS only_b`,
  );
  const r = rows[0];
  return {
    read_model_rows: r.rows_a,
    reference_rows: r.rows_b,
    only_in_read_model: r.only_a,
    only_in_reference: r.only_b,
    equal: r.rows_a === r.rows_b && r.only_a === 0 && r.only_b === 0,
  };
};
