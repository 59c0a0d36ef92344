/**
 * A campaign's figures summed over a span of its 15-minute buckets (seed 003 campaign_metrics'
 * base columns). Money stays in integer cents; ratios are computed from the sums, never
 * averaged, as the seed's sample queries do (SUM(revenue) / SUM(spend)).
 */
export interface Totals {
  readonly impressions: number;
  readonly clicks: number;
  readonly spendCents: number;
  readonly conversions: number;
  readonly revenueCents: number;
  /** Buckets with any spend: the sample size behind the ratios. */
  readonly spendingBuckets: number;
}

/** One bucket as kept in the alerting tables. */
export interface Bucket extends Omit<Totals, 'spendingBuckets'> {
  /** The bucket's start (ms since the epoch, a multiple of 15 minutes). */
  readonly time: number;
}

export const NO_TOTALS: Totals = { impressions: 0, clicks: 0, spendCents: 0, conversions: 0, revenueCents: 0, spendingBuckets: 0 };

export const BUCKET_MS = 15 * 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A half-open span of time [from, to) in ms since the epoch. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/** Sums the buckets that start inside `span`. */
export const totalsOf = (buckets: readonly Bucket[], span: Span): Totals =>
  buckets
    .filter((b) => b.time >= span.from && b.time < span.to)
    .reduce<Totals>(
      (sum, b) => ({
        impressions: sum.impressions + b.impressions,
        clicks: sum.clicks + b.clicks,
        spendCents: sum.spendCents + b.spendCents,
        conversions: sum.conversions + b.conversions,
        revenueCents: sum.revenueCents + b.revenueCents,
        spendingBuckets: sum.spendingBuckets + (b.spendCents > 0 ? 1 : 0),
      }),
      NO_TOTALS,
    );

/** Cents as the decimal string the commands carry ("1234.50"). */
export const moneyOf = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/** A ratio as a DECIMAL(15,4) string, half away from zero. */
export const decimal4 = (value: number): string => {
  const scaled = Math.round(Math.abs(value) * 10_000) * Math.sign(value);
  return (scaled / 10_000).toFixed(4);
};

/** The figures a person reads in a recommendation's baseline or result (money as decimals). */
export const figuresOf = (t: Totals) => ({
  impressions: t.impressions,
  clicks: t.clicks,
  spend: moneyOf(t.spendCents),
  conversions: t.conversions,
  revenue: moneyOf(t.revenueCents),
  roas: t.spendCents > 0 ? decimal4(t.revenueCents / t.spendCents) : null,
  cpa: t.conversions > 0 ? moneyOf(t.spendCents / t.conversions) : null,
});
