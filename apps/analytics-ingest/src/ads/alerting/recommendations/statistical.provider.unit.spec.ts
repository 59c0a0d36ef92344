import { NO_TOTALS, type Totals } from '../window-totals';
import type { AnalysisInput, CampaignSnapshot } from './recommendation-provider';
import { marginalRoas, StatisticalProvider } from './statistical.provider';
import { normalCdf } from './statistics';

// seed 003 AI Recommendations (issue 12 point 6): budget reallocation toward the higher
// marginal ROAS, pause of campaigns spending without conversions, budget decrease below ROAS 1;
// each with a confidence from the sample size and spread.
const SETTINGS = { minSpendCents: 5000, decreaseBp: 2000, reallocationBp: 2000, minRoasGap: 0.5 };
const totals = (spendCents: number, revenueCents: number, conversions: number): Totals => ({
  ...NO_TOTALS,
  spendCents,
  revenueCents,
  conversions,
  spendingBuckets: spendCents > 0 ? 24 : 0,
});
/** 24 hours whose ROAS alternates around the window's by ±spread. */
const hours = (spendCents: number, roas: number, spread: number, conversions = 1) =>
  Array.from({ length: 24 }, (_, i) => ({ spendCents, revenueCents: Math.round(spendCents * (roas + (i % 2 === 0 ? spread : -spread))), conversions }));
let seq = 0;
const campaign = (over: Partial<CampaignSnapshot>): CampaignSnapshot => ({
  campaignId: `00000000-0000-4000-8000-00000000000${seq++}`,
  platform: 'google',
  name: null,
  status: 'active',
  budgetAmount: '100.00',
  current: NO_TOTALS,
  previous: NO_TOTALS,
  hourly: [],
  ...over,
});
const input = (...campaigns: CampaignSnapshot[]): AnalysisInput => ({
  orgId: '11111111-1111-4111-8111-111111111111',
  windowStart: '2026-03-09T00:00:00.000Z',
  windowEnd: '2026-03-10T00:00:00.000Z',
  campaigns,
  settings: SETTINGS,
});
const provider = new StatisticalProvider();

describe('statistical provider', () => {
  it('PAUSE_CAMPAIGN: proposes pausing a campaign spending at least the minimum without a conversion', async () => {
    const idle = campaign({ name: 'Idle', current: totals(20_000, 0, 0), previous: totals(20_000, 60_000, 10) });
    const [p, ...rest] = await provider.analyze(input(idle));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      campaignId: idle.campaignId,
      recommendationType: 'PAUSE_CAMPAIGN',
      provider: 'statistical',
      action: { actionType: 'PAUSE', platform: 'google', previousState: { status: 'active' }, newState: { status: 'paused' }, changeAmount: '100.00' },
    });
    // λ = 200.00 spent / 20.00 previous CPA = 10 expected conversions: 1 − e^−10 → capped at 0.99.
    expect(p.confidence).toBe(0.99);
    expect(p.baseline).toMatchObject({ current: { spend: '200.00', conversions: 0 }, previous: { cpa: '20.00' } });
  });

  it('PAUSE_CAMPAIGN: the confidence grows with the conversions the spend should have bought (Poisson)', async () => {
    const little = campaign({ current: totals(5000, 0, 0), previous: totals(10_000, 0, 1) }); // λ = 50/100 = 0.5
    const [p] = await provider.analyze(input(little));
    expect(p.confidence).toBe(0.5); // 1 − e^−0.5 = 0.39, floored at a coin's 0.50
    const more = campaign({ current: totals(15_000, 0, 0), previous: totals(10_000, 0, 1) }); // λ = 1.5
    expect((await provider.analyze(input(more)))[0].confidence).toBe(0.78);
  });

  it('PAUSE_CAMPAIGN: below the minimum spend nothing is proposed', async () => {
    expect(await provider.analyze(input(campaign({ current: totals(4999, 0, 0) })))).toEqual([]);
  });

  it('BUDGET_DECREASE: proposes a 20 % cut for a ROAS below 1, surer with a steady ROAS', async () => {
    const steady = campaign({ current: totals(24_000, 19_200, 4), hourly: hours(1000, 0.8, 0.05) });
    const [p] = await provider.analyze(input(steady));
    expect(p).toMatchObject({
      recommendationType: 'BUDGET_DECREASE',
      action: { actionType: 'BUDGET_CHANGE', previousState: { budgetAmount: '100.00' }, newState: { budgetAmount: '80.00' }, changeAmount: '20.00' },
    });
    expect(p.confidence).toBe(0.99);
    const noisy = campaign({ current: totals(24_000, 21_600, 4), hourly: hours(1000, 0.9, 1.5) });
    const [q] = await provider.analyze(input(noisy));
    // z = (1 − 0.9) / (1.53 / √24) = 0.32 → Φ = 0.63
    expect(q.confidence).toBe(0.63);
  });

  it('BUDGET_DECREASE: not for a ROAS of 1 or more, nor without a known budget', async () => {
    expect(await provider.analyze(input(campaign({ current: totals(24_000, 24_000, 4) })))).toEqual([]);
    expect(await provider.analyze(input(campaign({ budgetAmount: null, current: totals(24_000, 12_000, 4) })))).toEqual([]);
  });

  it('BUDGET_REALLOCATION: moves 20 % of the weaker budget toward the higher marginal ROAS', async () => {
    // Strong: +100.00 spend brought +400.00 revenue (marginal 4); weak: +100.00 brought +50.00 (0.5).
    const strong = campaign({ name: 'Strong', current: totals(30_000, 120_000, 30), previous: totals(20_000, 80_000, 20), hourly: hours(1250, 4, 0.2) });
    const weak = campaign({
      name: 'Weak',
      budgetAmount: '250.00',
      current: totals(30_000, 45_000, 10),
      previous: totals(20_000, 40_000, 8),
      hourly: hours(1250, 1.5, 0.2),
    });
    const proposals = await provider.analyze(input(strong, weak));
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({
      campaignId: weak.campaignId,
      recommendationType: 'BUDGET_REALLOCATION',
      action: {
        actionType: 'REALLOCATE',
        changeAmount: '50.00',
        previousState: { from: { campaignId: weak.campaignId, budgetAmount: '250.00' }, to: { campaignId: strong.campaignId, budgetAmount: '100.00' } },
        newState: { from: { budgetAmount: '200.00' }, to: { budgetAmount: '150.00' } },
      },
    });
    expect(proposals[0].confidence).toBe(0.99);
    expect(proposals[0].text).toContain('marginal ROAS 0.50');
  });

  it('BUDGET_REALLOCATION: nothing when the marginal ROAS gap is under the minimum', async () => {
    const a = campaign({ current: totals(30_000, 60_000, 5), previous: totals(30_000, 60_000, 5) });
    const b = campaign({ current: totals(30_000, 51_000, 5), previous: totals(30_000, 51_000, 5) });
    expect(await provider.analyze(input(a, b))).toEqual([]);
  });

  it('marginal ROAS falls back to the average ROAS when the spend hardly moved', () => {
    expect(marginalRoas({ current: totals(10_500, 30_000, 1), previous: totals(10_000, 20_000, 1) })).toBeCloseTo(30_000 / 10_500);
    expect(marginalRoas({ current: totals(12_000, 30_000, 1), previous: totals(10_000, 20_000, 1) })).toBe(5);
  });

  it('is deterministic: the same figures give the same proposals', async () => {
    const c = campaign({ current: totals(20_000, 0, 0) });
    expect(await provider.analyze(input(c))).toEqual(await provider.analyze(input(c)));
  });

  it('Φ is the standard normal distribution function', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 3);
    expect(normalCdf(-1)).toBeCloseTo(0.1587, 3);
  });
});
