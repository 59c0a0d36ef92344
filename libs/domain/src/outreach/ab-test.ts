/**
 * seed 004: A/B Test Winner Determination — which variant wins, and whether the difference can
 * be trusted yet. Pure arithmetic: the query API feeds it the seed's "A/B test results" counts.
 */
import { AB_MIN_CONTACTS_PER_VARIANT, AB_MIN_RESPONSES_TOTAL, AB_SIGNIFICANCE_P, type AbVariant } from './values';

export interface VariantCounts {
  readonly contacts: number;
  readonly responses: number;
  readonly conversions: number;
}

export interface VariantStats extends VariantCounts {
  /** Percent of the variant's contacts who responded, two decimals. */
  readonly responseRate: number;
  /** Percent of the variant's contacts who converted, two decimals (the seed's UI example). */
  readonly conversionRate: number;
}

export interface AbTestResult {
  readonly variants: { readonly A: VariantStats; readonly B: VariantStats };
  readonly significant: boolean;
  /** Two-sided p of the two-proportion z-test on conversion rates; null when it is undefined. */
  readonly pValue: number | null;
  readonly winner: AbVariant | null;
  readonly verdict: string;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
const percent = (part: number, whole: number): number => (whole > 0 ? round2((part / whole) * 100) : 0);

const statsOf = (counts: VariantCounts): VariantStats => ({
  ...counts,
  responseRate: percent(counts.responses, counts.contacts),
  conversionRate: percent(counts.conversions, counts.contacts),
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

/**
 * The pooled two-proportion z-test: z and its two-sided p, or null when the pooled variance is
 * zero (no conversions at all, or every contact converted) or a variant has no contacts.
 */
export const twoProportionZTest = (a: VariantCounts, b: VariantCounts): { z: number; pValue: number } | null => {
  if (a.contacts === 0 || b.contacts === 0) return null;
  const pooled = (a.conversions + b.conversions) / (a.contacts + b.contacts);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.contacts + 1 / b.contacts));
  if (se === 0) return null;
  const z = (a.conversions / a.contacts - b.conversions / b.contacts) / se;
  return { z, pValue: erfc(Math.abs(z) / Math.SQRT2) };
};

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
  if (pValue === null) return 'the conversion rates cannot be compared (no variance: no conversions, or all converted)';
  // seed 004: 95% confidence level (p < 0.05)
  if (pValue >= AB_SIGNIFICANCE_P) return `p = ${pValue.toFixed(4)} is not below ${AB_SIGNIFICANCE_P} (95% confidence)`;
  return null;
};

/**
 * seed 004: the recommended winner is by conversion rate (business outcome), and only once the
 * result is statistically significant; until then there is no winner.
 */
export const abTestResult = (input: { readonly A: VariantCounts; readonly B: VariantCounts }): AbTestResult => {
  const A = statsOf(input.A);
  const B = statsOf(input.B);
  const test = twoProportionZTest(input.A, input.B);
  const pValue = test?.pValue ?? null;
  const reason = whyNotSignificant(A, B, pValue);
  if (reason !== null || test === null) {
    return { variants: { A, B }, significant: false, pValue, winner: null, verdict: `not significant yet: ${reason}` };
  }
  const winner: AbVariant = test.z > 0 ? 'A' : 'B';
  const [win, lose] = winner === 'A' ? [A, B] : [B, A];
  const verdict = `variant ${winner} wins by conversion rate: ${win.conversionRate}% vs ${lose.conversionRate}% (p = ${(pValue as number).toFixed(4)})`;
  return { variants: { A, B }, significant: true, pValue, winner, verdict };
};
