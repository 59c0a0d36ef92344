/**
 * seed 004: A/B Test Winner Determination — which variant wins by each rate, by how much, and
 * whether the difference can be trusted yet. Pure arithmetic over the seed's "A/B test results"
 * counts (contacts, responses, conversions per variant), from the query API or a completion report.
 */
import { AB_MIN_CONTACTS_PER_VARIANT, AB_MIN_RESPONSES_TOTAL, AB_SIGNIFICANCE_P, type AbVariant } from './values';

export interface VariantCounts {
  readonly contacts: number;
  readonly responses: number;
  readonly conversions: number;
}

/** The seed's three rates of one variant, each a percentage with two decimals. */
export interface VariantStats extends VariantCounts {
  /** seed 004 A/B test results query: responses / contacts. */
  readonly responseRate: number;
  /** seed 004 Metric Calculation Rules, Conversion Rate: conversions / responses_received. */
  readonly conversionRate: number;
  /** seed 004 Metric Calculation Rules, Overall Campaign Performance: conversions / contacts. */
  readonly overallRate: number;
}

/** seed 004 Winner Criteria: the better variant by each rate; null on a tie (the seed's `>` would name B). */
export interface AbWinners {
  readonly byResponseRate: AbVariant | null;
  readonly byConversionRate: AbVariant | null;
  readonly byOverall: AbVariant | null;
}

/** Variant A's rate minus variant B's, in percentage points (two decimals): the seed's "Difference" line. */
export interface AbDifferences {
  readonly responseRate: number;
  readonly conversionRate: number;
  readonly overallRate: number;
}

export interface AbTestResult {
  readonly variants: { readonly A: VariantStats; readonly B: VariantStats };
  readonly winners: AbWinners;
  readonly differences: AbDifferences;
  /** Two-sided p of the two-proportion z-test on conversion rates; null when it is undefined. */
  readonly pValue: number | null;
  /** How confident the conversion-rate difference is, (1 − p) as a percentage with two decimals. */
  readonly confidenceLevel: number | null;
  /** seed 004: 95% confidence level (p < 0.05). */
  readonly requiredConfidenceLevel: number;
  readonly significant: boolean;
  /** The recommended winner (by conversion rate), only once the result is significant. */
  readonly winner: AbVariant | null;
  readonly verdict: string;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
const percent = (part: number, whole: number): number => (whole > 0 ? round2((part / whole) * 100) : 0);

const statsOf = (counts: VariantCounts): VariantStats => ({
  ...counts,
  responseRate: percent(counts.responses, counts.contacts),
  conversionRate: percent(counts.conversions, counts.responses),
  overallRate: percent(counts.conversions, counts.contacts),
});

/** A proportion's raw percentage (not rounded), 0 without a denominator. */
const share = (part: number, whole: number): number => (whole > 0 ? (part / whole) * 100 : 0);

// seed 004: by_x = variant_a.x > variant_b.x ? 'A' : 'B' — equal rates name no winner here.
const better = (a: number, b: number): AbVariant | null => (a > b ? 'A' : b > a ? 'B' : null);

const winnersOf = (a: VariantCounts, b: VariantCounts): AbWinners => ({
  byResponseRate: better(share(a.responses, a.contacts), share(b.responses, b.contacts)),
  byConversionRate: better(share(a.conversions, a.responses), share(b.conversions, b.responses)),
  byOverall: better(share(a.conversions, a.contacts), share(b.conversions, b.contacts)),
});

const differencesOf = (a: VariantCounts, b: VariantCounts): AbDifferences => ({
  responseRate: round2(share(a.responses, a.contacts) - share(b.responses, b.contacts)),
  conversionRate: round2(share(a.conversions, a.responses) - share(b.conversions, b.responses)),
  overallRate: round2(share(a.conversions, a.contacts) - share(b.conversions, b.contacts)),
});

/** erf by its Maclaurin series: for |x| < 3 the alternating terms stay small enough for ~1e-13. */
const erfSeries = (x: number): number => {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
};

/** erfc(x) for x ≥ 3 by its continued fraction (modified Lentz), which converges fast there. */
const erfcContinuedFraction = (x: number): number => {
  const tiny = 1e-300;
  // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
};

/** The complementary error function, accurate far beyond the 1e-7 a p-value needs. */
export const erfc = (x: number): number => {
  if (x < 0) return 2 - erfc(-x);
  return x < 3 ? 1 - erfSeries(x) : erfcContinuedFraction(x);
};

/** The standard normal CDF Φ(z). */
export const normalCdf = (z: number): number => 0.5 * erfc(-z / Math.SQRT2);

/** Successes out of trials: one side of a two-proportion test. */
export interface Proportion {
  readonly successes: number;
  readonly trials: number;
}

/**
 * The pooled two-proportion z-test: z and its two-sided p, or null when the pooled variance is
 * zero (no successes at all, or all successes) or a side has no trials.
 */
export const twoProportionZTest = (a: Proportion, b: Proportion): { z: number; pValue: number } | null => {
  if (a.trials === 0 || b.trials === 0) return null;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  if (se === 0) return null;
  const z = (a.successes / a.trials - b.successes / b.trials) / se;
  return { z, pValue: erfc(Math.abs(z) / Math.SQRT2) };
};

/** seed 004 Conversion Rate = conversions / responses_received: the responses are the trials. */
const conversionsOfResponses = (counts: VariantCounts): Proportion => ({ successes: counts.conversions, trials: counts.responses });

/** Why the result is not significant yet, or null when it is. */
const whyNotSignificant = (a: VariantStats, b: VariantStats, pValue: number | null): string | null => {
  // seed 004: Minimum 100 contacts per variant
  const small = (['A', 'B'] as const).filter((v) => (v === 'A' ? a : b).contacts < AB_MIN_CONTACTS_PER_VARIANT);
  if (small.length > 0) {
    const detail = small.map((v) => `variant ${v} has ${(v === 'A' ? a : b).contacts}`).join(', ');
    return `${detail} contacts; at least ${AB_MIN_CONTACTS_PER_VARIANT} per variant are needed`;
  }
  // seed 004: Minimum 30 responses total
  const responses = a.responses + b.responses;
  if (responses < AB_MIN_RESPONSES_TOTAL) return `${responses} responses in total; at least ${AB_MIN_RESPONSES_TOTAL} are needed`;
  if (pValue === null) return 'the conversion rates cannot be compared (no variance: no conversions, or every response converted)';
  // seed 004: 95% confidence level (p < 0.05)
  if (pValue >= AB_SIGNIFICANCE_P) return `p = ${pValue.toFixed(4)} is not below ${AB_SIGNIFICANCE_P} (95% confidence)`;
  return null;
};

/**
 * seed 004: the winners by each rate as the seed's Winner Criteria compute them, the differences
 * between the variants, and the recommended winner — by conversion rate (business outcome) —
 * only once the result is statistically significant; until then there is no recommended winner.
 */
export const abTestResult = (input: { readonly A: VariantCounts; readonly B: VariantCounts }): AbTestResult => {
  const A = statsOf(input.A);
  const B = statsOf(input.B);
  const test = twoProportionZTest(conversionsOfResponses(input.A), conversionsOfResponses(input.B));
  const pValue = test?.pValue ?? null;
  const common = {
    variants: { A, B },
    winners: winnersOf(input.A, input.B),
    differences: differencesOf(input.A, input.B),
    pValue,
    confidenceLevel: pValue === null ? null : round2((1 - pValue) * 100),
    requiredConfidenceLevel: round2((1 - AB_SIGNIFICANCE_P) * 100),
  };
  const reason = whyNotSignificant(A, B, pValue);
  if (reason !== null || test === null) return { ...common, significant: false, winner: null, verdict: `not significant yet: ${reason}` };
  const winner: AbVariant = test.z > 0 ? 'A' : 'B';
  const [win, lose] = winner === 'A' ? [A, B] : [B, A];
  const verdict = `variant ${winner} wins by conversion rate: ${win.conversionRate}% vs ${lose.conversionRate}% (p = ${(pValue as number).toFixed(4)})`;
  return { ...common, significant: true, winner, verdict };
};
