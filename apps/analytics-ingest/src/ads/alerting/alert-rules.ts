import { type Bucket, decimal4, moneyOf, type Span, totalsOf, type Totals } from './window-totals';

/** seed 003 alerts.alert_type and alerts.severity. */
export const ALERT_TYPES = ['ROAS_DROP', 'CPA_SPIKE', 'ZERO_CONVERSIONS'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** A ratio rule: the window against the trailing baseline just before it. */
export interface RatioRule {
  /** The change that fires it, in basis points (3000 = 30 %). */
  readonly thresholdBp: number;
  readonly windowMs: number;
  readonly baselineMs: number;
  /** Less spend than this in the window or the baseline: too little to judge. */
  readonly minSpendCents: number;
}

export interface ZeroConversionsRule {
  readonly minSpendCents: number;
  readonly windowMs: number;
}

export interface AlertRules {
  readonly ROAS_DROP: RatioRule;
  readonly CPA_SPIKE: RatioRule;
  readonly ZERO_CONVERSIONS: ZeroConversionsRule;
}

export type Verdict =
  | {
      readonly kind: 'fire';
      readonly alertType: AlertType;
      readonly severity: Severity;
      readonly metricName: string;
      readonly metricValue: string;
      readonly thresholdValue: string;
      readonly message: string;
    }
  /** The metric is within bounds: an open alert of the rule resolves itself. */
  | { readonly kind: 'clear'; readonly alertType: AlertType }
  /** Too little data to say either way: an open alert stays as it is. */
  | { readonly kind: 'unknown'; readonly alertType: AlertType };

/**
 * Severity by how far past the threshold the metric is, as a multiple of the threshold:
 * LOW from 1×, MEDIUM from 1.5×, HIGH from 2×, CRITICAL from 3× (in halves: 2, 3, 4, 6).
 * ROAS_DROP at 30 %: LOW 30–45 %, MEDIUM 45–60 %, HIGH 60–90 %, CRITICAL ≥ 90 %.
 * CPA_SPIKE at 50 %: LOW 50–75 %, MEDIUM 75–100 %, HIGH 100–150 %, CRITICAL ≥ 150 %.
 * ZERO_CONVERSIONS at 50.00: LOW 50–75, MEDIUM 75–100, HIGH 100–150, CRITICAL ≥ 150 spent.
 */
export const SEVERITY_BANDS: readonly (readonly [Severity, number])[] = [
  ['CRITICAL', 6],
  ['HIGH', 4],
  ['MEDIUM', 3],
  ['LOW', 2],
];

/**
 * How far a change `num / den` (a fraction, den > 0) is past `thresholdBp`: the highest band it
 * reaches, or null below the threshold. Exact: integers only, so a change of exactly the
 * threshold fires.
 */
export const severityOf = (num: bigint, den: bigint, thresholdBp: number): Severity | null => {
  for (const [severity, halves] of SEVERITY_BANDS) {
    if (num * 20_000n >= BigInt(halves) * BigInt(thresholdBp) * den) return severity;
  }
  return null;
};

/** The rule's window ending at `windowEnd` and the baseline span just before it. */
export const spansOf = (rule: { windowMs: number; baselineMs?: number }, windowEnd: number): { window: Span; baseline: Span } => {
  const window = { from: windowEnd - rule.windowMs, to: windowEnd };
  return { window, baseline: { from: window.from - (rule.baselineMs ?? 0), to: window.from } };
};

const pct = (bp: number): string => `${(bp / 100).toFixed(2)} %`;
const hours = (ms: number): string => `${ms / 3_600_000} h`;
const days = (ms: number): string => `${ms / 86_400_000}-day`;
const b = (n: number): bigint => BigInt(Math.round(n));

/** seed 003 ROAS_DROP: the window's ROAS fell at least the threshold below the baseline's. */
export const roasDrop = (window: Totals, baseline: Totals, rule: RatioRule): Verdict => {
  const alertType = 'ROAS_DROP';
  if (window.spendCents < rule.minSpendCents || baseline.spendCents < rule.minSpendCents || baseline.revenueCents <= 0) {
    return { kind: 'unknown', alertType };
  }
  // drop = 1 − (wRev/wSpend) / (bRev/bSpend) = (bRev·wSpend − wRev·bSpend) / (bRev·wSpend)
  const den = b(baseline.revenueCents) * b(window.spendCents);
  const num = den - b(window.revenueCents) * b(baseline.spendCents);
  const severity = severityOf(num, den, rule.thresholdBp);
  if (!severity) return { kind: 'clear', alertType };
  const roas = window.revenueCents / window.spendCents;
  const baselineRoas = baseline.revenueCents / baseline.spendCents;
  const floor = baselineRoas * (1 - rule.thresholdBp / 10_000);
  const dropBp = Math.round((Number(num) / Number(den)) * 10_000);
  return {
    kind: 'fire',
    alertType,
    severity,
    metricName: 'roas',
    metricValue: decimal4(roas),
    thresholdValue: decimal4(floor),
    message:
      `ROAS ${decimal4(roas)} over the last ${hours(rule.windowMs)} is ${pct(dropBp)} below the ` +
      `${days(rule.baselineMs)} baseline ${decimal4(baselineRoas)} (alert at a ${pct(rule.thresholdBp)} drop)`,
  };
};

/** seed 003 CPA_SPIKE: the window's cost per conversion rose at least the threshold above the baseline's. */
export const cpaSpike = (window: Totals, baseline: Totals, rule: RatioRule): Verdict => {
  const alertType = 'CPA_SPIKE';
  // No conversion in the window: no CPA to compare (ZERO_CONVERSIONS speaks for that case).
  if (window.spendCents < rule.minSpendCents || baseline.spendCents < rule.minSpendCents || window.conversions === 0 || baseline.conversions === 0) {
    return { kind: 'unknown', alertType };
  }
  // rise = (wSpend/wConv) / (bSpend/bConv) − 1 = (wSpend·bConv − bSpend·wConv) / (bSpend·wConv)
  const den = b(baseline.spendCents) * b(window.conversions);
  const num = b(window.spendCents) * b(baseline.conversions) - den;
  const severity = severityOf(num, den, rule.thresholdBp);
  if (!severity) return { kind: 'clear', alertType };
  const cpa = window.spendCents / window.conversions / 100;
  const baselineCpa = baseline.spendCents / baseline.conversions / 100;
  const riseBp = Math.round((Number(num) / Number(den)) * 10_000);
  return {
    kind: 'fire',
    alertType,
    severity,
    metricName: 'cpa',
    metricValue: decimal4(cpa),
    thresholdValue: decimal4(baselineCpa * (1 + rule.thresholdBp / 10_000)),
    message:
      `CPA ${decimal4(cpa)} over the last ${hours(rule.windowMs)} is ${pct(riseBp)} above the ` +
      `${days(rule.baselineMs)} baseline ${decimal4(baselineCpa)} (alert at a ${pct(rule.thresholdBp)} rise)`,
  };
};

/** seed 003 ZERO_CONVERSIONS: at least the minimum spend in the window and not one conversion. */
export const zeroConversions = (window: Totals, rule: ZeroConversionsRule): Verdict => {
  const alertType = 'ZERO_CONVERSIONS';
  if (window.conversions > 0 || window.spendCents < rule.minSpendCents) return { kind: 'clear', alertType };
  // The spend's multiple of the minimum places it in a band, as the ratio rules' change does.
  const severity = severityOf(b(window.spendCents) * 10_000n, b(rule.minSpendCents) * 10_000n, 10_000) ?? 'LOW';
  return {
    kind: 'fire',
    alertType,
    severity,
    metricName: 'spend',
    metricValue: decimal4(window.spendCents / 100),
    thresholdValue: decimal4(rule.minSpendCents / 100),
    message: `${moneyOf(window.spendCents)} spent over the last ${hours(rule.windowMs)} without a conversion (alert from ${moneyOf(rule.minSpendCents)})`,
  };
};

/** Every rule's verdict for a campaign's buckets, on the data window ending at `windowEnd`. */
export const evaluateRules = (buckets: readonly Bucket[], rules: AlertRules, windowEnd: number): Verdict[] =>
  judgeTotals((span) => totalsOf(buckets, span), rules, windowEnd);

/** Every rule's verdict from a campaign's totals over the spans of `rulesSpans` (summed where they are kept). */
export const judgeTotals = (totals: (span: Span) => Totals, rules: AlertRules, windowEnd: number): Verdict[] => {
  const ratio = (rule: RatioRule, judge: (w: Totals, b: Totals, r: RatioRule) => Verdict): Verdict => {
    const spans = spansOf(rule, windowEnd);
    return judge(totals(spans.window), totals(spans.baseline), rule);
  };
  return [
    ratio(rules.ROAS_DROP, roasDrop),
    ratio(rules.CPA_SPIKE, cpaSpike),
    zeroConversions(totals(spansOf(rules.ZERO_CONVERSIONS, windowEnd).window), rules.ZERO_CONVERSIONS),
  ];
};

/**
 * The spans the rules sum over, as [ms before the window's end where a span starts, where it
 * ends], each once: what the store sums per campaign (AlertingStore.withJudgements).
 */
export const rulesSpans = (rules: AlertRules): (readonly [number, number])[] => {
  const spans = [
    spansOf(rules.ROAS_DROP, 0).window,
    spansOf(rules.ROAS_DROP, 0).baseline,
    spansOf(rules.CPA_SPIKE, 0).window,
    spansOf(rules.CPA_SPIKE, 0).baseline,
    spansOf(rules.ZERO_CONVERSIONS, 0).window,
  ].map((span) => [0 - span.from, 0 - span.to] as const);
  return spans.filter((span, i) => spans.findIndex((other) => other[0] === span[0] && other[1] === span[1]) === i);
};
