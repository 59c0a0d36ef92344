import { NO_TOTALS, type Totals } from '../window-totals';
import { suggestSplit } from './budget-split';

// seed 003 budget_allocations (ai_suggested) and issue 12 point 8: the analyzer proposes a
// period's split moved toward the platforms earning more per unit spent, never past the total.
const t = (spendCents: number, revenueCents: number): Totals => ({ ...NO_TOTALS, spendCents, revenueCents, spendingBuckets: 24 });

describe('suggested budget split', () => {
  it('tilts the split toward the higher ROAS, at most ±20 %, keeping the same sum', () => {
    // google ROAS 4, meta ROAS 1: overall 2.5 → google ×1.2 (capped), meta ×0.8.
    const next = suggestSplit(
      { google: 500_000, meta: 300_000 },
      new Map([
        ['google', t(100_000, 400_000)],
        ['meta', t(100_000, 100_000)],
      ]),
      5000,
    );
    // 600k and 240k rescaled to 800k: 571,428.57 and 228,571.43 in cents, the remainder on the largest.
    expect(next).toEqual({ google: 571_429, meta: 228_571 });
    expect(Object.values(next ?? {}).reduce((a, b) => a + b, 0)).toBe(800_000);
  });

  it('leaves unmeasured platforms their weight', () => {
    const next = suggestSplit(
      { google: 400_000, meta: 400_000, tiktok: 200_000 },
      new Map([
        ['google', t(100_000, 300_000)],
        ['meta', t(100_000, 100_000)],
      ]),
      5000,
    );
    // overall 2: google ×1.2 = 480k, meta ×0.8 = 320k, tiktok 200k → sum 1000k unchanged.
    expect(next).toEqual({ google: 480_000, meta: 320_000, tiktok: 200_000 });
  });

  it('proposes nothing when fewer than two platforms were measured, nothing was earned, or the move is under 5 %', () => {
    expect(suggestSplit({ google: 1000, meta: 1000 }, new Map([['google', t(100_000, 300_000)]]), 5000)).toBeNull();
    expect(
      suggestSplit(
        { google: 1000, meta: 1000 },
        new Map([
          ['google', t(100_000, 0)],
          ['meta', t(100_000, 0)],
        ]),
        5000,
      ),
    ).toBeNull();
    expect(
      suggestSplit(
        { google: 500_000, meta: 500_000 },
        new Map([
          ['google', t(100_000, 205_000)],
          ['meta', t(100_000, 195_000)],
        ]),
        5000,
      ),
    ).toBeNull();
  });
});
