import type { ads } from '@campaign/contracts';
import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import { kpisOf } from './metrics.kpis';

/** A fact's figures before it replaced them (null: a new bucket). What the real-time store needs. */
export interface BaseFigures {
  readonly impressions: number;
  readonly clicks: number;
  readonly spendCents: number;
  readonly conversions: number;
  readonly revenueCents: number;
}

export interface AppliedFact {
  readonly fact: MetricFact;
  readonly previous: BaseFigures | null;
}

type MetricFact = ads.MetricFact;

const BUCKET_MS = 15 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT_MAX = 2n ** 63n - 1n;

/** A fact that cannot be a campaign_metrics row, as a data error (SQLSTATE class 22: dead-lettered, never retried). */
export class MetricFactDataError extends Error {
  readonly code = '22023';
  constructor(message: string) {
    super(message);
    this.name = 'MetricFactDataError';
  }
}

const count = (name: string, value: number, max: bigint): void => {
  if (!Number.isSafeInteger(value) || value < 0 || BigInt(value) > max)
    throw new MetricFactDataError(`${name} must be an integer from 0 to ${max}, got ${value}`);
};

/**
 * What the row's table would otherwise reject or store wrong: the window (metrics.window.ts)
 * relies on buckets aligned to 15 minutes (seed 003: "15min sync").
 */
export const checkFact = (fact: MetricFact): void => {
  if (!UUID.test(fact.campaignId)) throw new MetricFactDataError(`campaignId is not a UUID: ${fact.campaignId.slice(0, 60)}`);
  if (!UUID.test(fact.orgId)) throw new MetricFactDataError(`orgId is not a UUID: ${fact.orgId.slice(0, 60)}`);
  const time = Date.parse(fact.time);
  if (Number.isNaN(time) || time % BUCKET_MS !== 0) throw new MetricFactDataError(`time ${fact.time} is not the start of a 15-minute bucket`);
  count('impressions', fact.impressions, BIGINT_MAX);
  count('clicks', fact.clicks, BIGINT_MAX);
  count('conversions', fact.conversions, 2n ** 31n - 1n);
  // DECIMAL(15,2): below 10^13 units, i.e. 10^15 cents.
  count('spendCents', fact.spendCents, 10n ** 15n - 1n);
  count('revenueCents', fact.revenueCents, 10n ** 15n - 1n);
};

/** Cents as an exact DECIMAL(15,2) literal. */
export const centsToDecimal = (cents: number): string => {
  const text = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
};

/** An exact DECIMAL with at most 2 decimals as cents. */
export const decimalToCents = (value: string): number => {
  const [units, fraction = ''] = value.split('.');
  const negative = units.startsWith('-');
  const cents = Number(BigInt(units.replace('-', '')) * 100n + BigInt((fraction + '00').slice(0, 2)));
  return negative ? -cents : cents;
};

/** The last record of each key (campaign, bucket): a restatement later in the batch wins. */
export const latestPerBucket = (facts: readonly MetricFact[]): MetricFact[] => {
  const byKey = new Map<string, MetricFact>();
  for (const fact of facts) {
    const key = `${fact.campaignId.toLowerCase()}|${Date.parse(fact.time)}`;
    byKey.delete(key);
    byKey.set(key, fact);
  }
  return [...byKey.values()];
};

/**
 * By campaign, then bucket: concurrent batches (one per topic partition) lock the rows of
 * campaign_metrics and of the window they share in one order, so they wait, never deadlock.
 */
const sortedForLocks = (facts: readonly MetricFact[]): MetricFact[] =>
  facts
    .map((fact) => ({ fact, id: fact.campaignId, at: Date.parse(fact.time) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.at - b.at))
    .map(({ fact }) => fact);

/**
 * A PostgreSQL array literal of values that need no quoting (digits, decimals, UUIDs, ISO
 * timestamps, checked above), NULL for null: node-postgres escapes element by element, which
 * was a tenth of the projection's CPU at 2,000 rows a batch.
 */
export const arrayLiteral = <T>(items: readonly T[], value: (item: T) => string | null): string => {
  let text = '{';
  for (let i = 0; i < items.length; i++) {
    const v = value(items[i]);
    text += (i === 0 ? '' : ',') + (v === null ? 'NULL' : v);
  }
  return text + '}';
};

interface OldRow {
  readonly time: string;
  readonly campaign_id: string;
  readonly impressions: string;
  readonly clicks: string;
  readonly spend: string;
  readonly conversions: number;
  readonly revenue: string;
}

/**
 * Writes facts into campaign_metrics in the caller's transaction (seed 003 campaign_metrics):
 * the campaign row first, so the foreign key holds when a fact arrives before its
 * AdCampaignRegistered; then one statement that upserts the buckets (a restated bucket
 * replaces its figures, never adds to them), adds each bucket's change (new − old) to the
 * 7-day window when the bucket is inside it, and returns the replaced figures.
 */
export class MetricFactsWriter {
  private readonly s: string;

  constructor(readonly schema: string) {
    this.s = quoteIdent(schema);
  }

  async write(client: PoolClient, facts: readonly MetricFact[]): Promise<AppliedFact[]> {
    const latest = sortedForLocks(latestPerBucket(facts));
    if (latest.length === 0) return [];
    latest.forEach(checkFact);
    // The statement's estimates (unnest, the per-row lookups over every daily partition) cross
    // jit_above_cost, and compiling it took ~60 ms of a ~110 ms batch of 2,000 rows: never worth it here.
    await client.query('SET LOCAL jit = off');
    await this.ensureCampaigns(client, latest);
    const kpis = latest.map((fact) => kpisOf(fact));
    const { rows } = await client.query<OldRow>(
      `WITH input AS (
         SELECT * FROM unnest($1::timestamp[], $2::uuid[], $3::bigint[], $4::bigint[], $5::numeric[], $6::integer[], $7::numeric[],
                              $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[])
           AS i(time, campaign_id, impressions, clicks, spend, conversions, revenue, cpc, cpm, ctr, roas, roi)
       ),
       -- One primary-key probe per row (LIMIT 1 keeps the planner from turning it into a join that
       -- reads every partition whole: that grew with the table, ~60 ms a batch at 18,000 rows).
       old AS MATERIALIZED (
         SELECT o.* FROM input i CROSS JOIN LATERAL (
           SELECT m.time, m.campaign_id, m.impressions, m.clicks, m.spend, m.conversions, m.revenue
             FROM ${this.s}.campaign_metrics m WHERE m.time = i.time AND m.campaign_id = i.campaign_id LIMIT 1
         ) o
       ),
       -- Shared with other batches; the slide takes it exclusively (metrics.window.ts).
       state AS (SELECT window_start FROM ${this.s}.campaign_metrics_window_state FOR SHARE),
       -- Data-modifying CTEs run once whether read or not; old sees the rows as they were before.
       upserted AS (
         INSERT INTO ${this.s}.campaign_metrics AS m (time, campaign_id, impressions, clicks, spend, conversions, revenue, cpc, cpm, ctr, roas, roi)
         SELECT time, campaign_id, impressions, clicks, spend, conversions, revenue, cpc, cpm, ctr, roas, roi FROM input
         ON CONFLICT (time, campaign_id) DO UPDATE SET
           impressions = EXCLUDED.impressions, clicks = EXCLUDED.clicks, spend = EXCLUDED.spend,
           conversions = EXCLUDED.conversions, revenue = EXCLUDED.revenue, cpc = EXCLUDED.cpc, cpm = EXCLUDED.cpm,
           ctr = EXCLUDED.ctr, roas = EXCLUDED.roas, roi = EXCLUDED.roi
       ),
       delta AS (
         SELECT i.campaign_id,
                sum(CASE WHEN o.time IS NULL THEN 1 ELSE 0 END) AS buckets,
                sum(i.impressions - coalesce(o.impressions, 0)) AS impressions,
                sum(i.clicks - coalesce(o.clicks, 0)) AS clicks,
                sum(i.spend - coalesce(o.spend, 0)) AS spend,
                sum(i.conversions - coalesce(o.conversions, 0)) AS conversions,
                sum(i.revenue - coalesce(o.revenue, 0)) AS revenue
           FROM input i LEFT JOIN old o ON o.time = i.time AND o.campaign_id = i.campaign_id
          -- A scalar subquery, not a join: the state table has no statistics and a join was estimated at 2,200 × the batch.
          WHERE i.time >= (SELECT window_start FROM state)
          GROUP BY i.campaign_id
       ),
       windowed AS (
         INSERT INTO ${this.s}.campaign_metrics_window AS w (campaign_id, buckets, impressions, clicks, spend, conversions, revenue, changed_xid)
         SELECT campaign_id, buckets, impressions, clicks, spend, conversions, revenue, pg_current_xact_id() FROM delta ORDER BY campaign_id
         ON CONFLICT (campaign_id) DO UPDATE SET
           buckets = w.buckets + EXCLUDED.buckets, impressions = w.impressions + EXCLUDED.impressions,
           clicks = w.clicks + EXCLUDED.clicks, spend = w.spend + EXCLUDED.spend,
           conversions = w.conversions + EXCLUDED.conversions, revenue = w.revenue + EXCLUDED.revenue,
           changed_xid = EXCLUDED.changed_xid
       )
       SELECT to_char(o.time, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time, o.campaign_id, o.impressions, o.clicks, o.spend, o.conversions, o.revenue
         FROM old o`,
      [
        arrayLiteral(latest, (f) => new Date(f.time).toISOString().replace('Z', '')),
        arrayLiteral(latest, (f) => f.campaignId),
        arrayLiteral(latest, (f) => String(f.impressions)),
        arrayLiteral(latest, (f) => String(f.clicks)),
        arrayLiteral(latest, (f) => centsToDecimal(f.spendCents)),
        arrayLiteral(latest, (f) => String(f.conversions)),
        arrayLiteral(latest, (f) => centsToDecimal(f.revenueCents)),
        arrayLiteral(kpis, (k) => k.cpc),
        arrayLiteral(kpis, (k) => k.cpm),
        arrayLiteral(kpis, (k) => k.ctr),
        arrayLiteral(kpis, (k) => k.roas),
        arrayLiteral(kpis, (k) => k.roi),
      ],
    );
    if (rows.length === 0) return latest.map((fact) => ({ fact, previous: null }));
    const previous = new Map(rows.map((row) => [`${row.campaign_id}|${Date.parse(row.time)}`, figuresOf(row)]));
    return latest.map((fact) => ({ fact, previous: previous.get(`${fact.campaignId.toLowerCase()}|${Date.parse(fact.time)}`) ?? null }));
  }

  /**
   * The campaign a fact names, if the event projection has not created it yet: its id, org and
   * platform ids (the rest comes with AdCampaignRegistered). Sorted: concurrent batches lock in
   * one order.
   */
  private async ensureCampaigns(client: PoolClient, facts: readonly MetricFact[]): Promise<void> {
    const byId = new Map(facts.map((fact) => [fact.campaignId.toLowerCase(), fact]));
    const campaigns = [...byId.values()];
    await client.query(
      `INSERT INTO ${this.s}.campaigns (id, org_id, platform, platform_campaign_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) ORDER BY 1
       ON CONFLICT DO NOTHING`,
      [campaigns.map((f) => f.campaignId), campaigns.map((f) => f.orgId), campaigns.map((f) => f.platform), campaigns.map((f) => f.platformCampaignId)],
    );
  }
}

const figuresOf = (row: OldRow): BaseFigures => ({
  impressions: Number(row.impressions ?? 0),
  clicks: Number(row.clicks ?? 0),
  spendCents: decimalToCents(row.spend ?? '0'),
  conversions: Number(row.conversions ?? 0),
  revenueCents: decimalToCents(row.revenue ?? '0'),
});
