/**
 * The few statistics behind the statistical provider's confidence (documented in the README):
 * a normal approximation of how sure a difference is, from the spread of hourly samples.
 */

/** Φ(z), the standard normal distribution function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export const normalCdf = (z: number): number => {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
};

export interface Sample {
  readonly n: number;
  readonly mean: number;
  /** The unbiased sample variance (0 with fewer than two values). */
  readonly variance: number;
}

export const sampleOf = (values: readonly number[]): Sample => {
  const n = values.length;
  const mean = n === 0 ? 0 : values.reduce((a, b) => a + b, 0) / n;
  const variance = n < 2 ? 0 : values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { n, mean, variance };
};

/** A confidence as seed 003 stores it (DECIMAL(3,2)), kept between 0.50 (a coin) and 0.99. */
export const confidenceOf = (p: number): number => Math.round(Math.min(0.99, Math.max(0.5, p)) * 100) / 100;

/**
 * How sure `estimate` is above `reference`, given the standard error of the estimate:
 * Φ((estimate − reference) / se). Fewer than two samples, or no spread, say 0.5 or the sign.
 */
export const sureAbove = (estimate: number, reference: number, se: number, n: number): number => {
  if (n < 2) return 0.5;
  if (se === 0) return estimate > reference ? 0.99 : 0.5;
  return normalCdf((estimate - reference) / se);
};
