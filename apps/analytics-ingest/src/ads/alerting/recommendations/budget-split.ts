import type { Totals } from '../window-totals';

/** A period's split as a person set it, in cents per platform (seed 003 budget_allocations.allocations). */
export interface Split {
  readonly [platform: string]: number;
}

/** No platform's share moves more than this factor of its ROAS against the whole (±20 %). */
const MAX_TILT = 0.2;
/** A move smaller than this share of the allocated sum is not worth a proposal (5 %). */
const MIN_SHIFT = 0.05;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * seed 003 budget_allocations.ai_suggested: the split the window's figures argue for. Each
 * platform with at least `minSpendCents` of spend is weighted by its ROAS against all measured
 * platforms' ROAS, the tilt capped at ±20 % (w = amount × clamp(roas_p / roas_all, 0.8, 1.2));
 * platforms without enough spend keep their weight. The weights are rescaled to the same sum (the
 * total is never exceeded) in cents, the rounding remainder on the largest share. Null when fewer
 * than two platforms were measured, nothing was earned, or no share moves by 5 % of the sum.
 */
export const suggestSplit = (split: Split, byPlatform: ReadonlyMap<string, Totals>, minSpendCents: number): Split | null => {
  const measured = Object.keys(split).filter((p) => (byPlatform.get(p)?.spendCents ?? 0) >= minSpendCents);
  if (measured.length < 2) return null;
  const spend = measured.reduce((n, p) => n + (byPlatform.get(p)?.spendCents ?? 0), 0);
  const revenue = measured.reduce((n, p) => n + (byPlatform.get(p)?.revenueCents ?? 0), 0);
  if (revenue <= 0) return null;
  const overall = revenue / spend;
  const weights = Object.entries(split).map(([platform, cents]) => {
    const t = byPlatform.get(platform);
    const tilt = measured.includes(platform) && t ? clamp(t.revenueCents / t.spendCents / overall, 1 - MAX_TILT, 1 + MAX_TILT) : 1;
    return [platform, cents * tilt] as const;
  });
  const sum = Object.values(split).reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, [, w]) => a + w, 0);
  if (sum <= 0 || weightSum <= 0) return null;
  const next: Record<string, number> = Object.fromEntries(weights.map(([p, w]) => [p, Math.floor((w / weightSum) * sum)]));
  const largest = Object.keys(next).sort((a, b) => next[b] - next[a] || a.localeCompare(b))[0];
  next[largest] += sum - Object.values(next).reduce((a, b) => a + b, 0);
  const moved = Math.max(...Object.keys(split).map((p) => Math.abs(next[p] - split[p])));
  return moved >= MIN_SHIFT * sum ? next : null;
};
