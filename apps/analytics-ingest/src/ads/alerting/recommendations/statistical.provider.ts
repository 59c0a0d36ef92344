import { figuresOf, moneyOf, type Totals } from '../window-totals';
import type { AnalysisInput, CampaignSnapshot, Proposal, RecommendationProvider } from './recommendation-provider';
import { confidenceOf, sampleOf, sureAbove } from './statistics';

const PROVIDER = 'statistical';
/** A spend change smaller than this share of the earlier spend says nothing about the margin. */
const MIN_SPEND_CHANGE = 0.1;

const roasOf = (t: Pick<Totals, 'spendCents' | 'revenueCents'>): number => (t.spendCents > 0 ? t.revenueCents / t.spendCents : 0);
const centsOf = (amount: string | null): number | null => (amount === null ? null : Math.round(Number(amount) * 100));
const hourlyRoas = (c: CampaignSnapshot) => sampleOf(c.hourly.filter((h) => h.spendCents > 0).map(roasOf));
const baselineOf = (c: CampaignSnapshot) => ({ current: figuresOf(c.current), previous: figuresOf(c.previous) });

/**
 * The marginal ROAS: the revenue the last window's spend change brought per unit of that change,
 * (rev_now − rev_before) / (spend_now − spend_before). When the spend hardly moved (under 10 %)
 * the margin cannot be read and the average ROAS of the window stands in for it.
 */
export const marginalRoas = (c: Pick<CampaignSnapshot, 'current' | 'previous'>): number => {
  const delta = c.current.spendCents - c.previous.spendCents;
  if (c.previous.spendCents > 0 && Math.abs(delta) >= MIN_SPEND_CHANGE * c.previous.spendCents) {
    return (c.current.revenueCents - c.previous.revenueCents) / delta;
  }
  return roasOf(c.current);
};

/**
 * seed 003 PAUSE_CAMPAIGN: spending without conversions. Confidence = 1 − e^(−λ), the Poisson
 * chance that zero conversions is not bad luck, λ = the conversions the spend should have
 * bought at the reference CPA (the campaign's previous window, else the org's, else one per
 * minimum spend).
 */
const pauseOf = (c: CampaignSnapshot, orgCpaCents: number | null, minSpendCents: number): Proposal => {
  const ownCpa = c.previous.conversions > 0 ? c.previous.spendCents / c.previous.conversions : null;
  const lambda = c.current.spendCents / (ownCpa ?? orgCpaCents ?? minSpendCents);
  const budget = c.budgetAmount ?? moneyOf(c.current.spendCents);
  return {
    campaignId: c.campaignId,
    recommendationType: 'PAUSE_CAMPAIGN',
    text: `Pause ${c.name ?? c.campaignId}: ${moneyOf(c.current.spendCents)} spent in the last window without a conversion (about ${lambda.toFixed(1)} expected).`,
    confidence: confidenceOf(1 - Math.exp(-lambda)),
    provider: PROVIDER,
    action: {
      actionType: 'PAUSE',
      platform: c.platform,
      previousState: { status: c.status ?? 'active' },
      newState: { status: 'paused' },
      changeAmount: budget,
    },
    baseline: baselineOf(c),
  };
};

/**
 * seed 003 BUDGET_DECREASE: ROAS below 1 (spending more than it earns). Confidence = Φ((1 − ROAS) / se),
 * se = the hourly ROAS's standard deviation / √hours.
 */
const decreaseOf = (c: CampaignSnapshot, budgetCents: number, decreaseBp: number): Proposal => {
  const roas = roasOf(c.current);
  const hourly = hourlyRoas(c);
  const newCents = Math.round((budgetCents * (10_000 - decreaseBp)) / 10_000);
  return {
    campaignId: c.campaignId,
    recommendationType: 'BUDGET_DECREASE',
    text: `Cut the budget of ${c.name ?? c.campaignId} by ${decreaseBp / 100} % (${moneyOf(budgetCents)} → ${moneyOf(newCents)}): its ROAS was ${roas.toFixed(2)} in the last window, below 1.`,
    confidence: confidenceOf(sureAbove(1, roas, Math.sqrt(hourly.variance / Math.max(hourly.n, 1)), hourly.n)),
    provider: PROVIDER,
    action: {
      actionType: 'BUDGET_CHANGE',
      platform: c.platform,
      previousState: { budgetAmount: moneyOf(budgetCents) },
      newState: { budgetAmount: moneyOf(newCents) },
      changeAmount: moneyOf(budgetCents - newCents),
    },
    baseline: baselineOf(c),
  };
};

/**
 * seed 003 BUDGET_REALLOCATION: move a share of the weakest campaign's budget to the one with the
 * highest marginal ROAS. Confidence = Φ((mean_to − mean_from) / √(var_to/n_to + var_from/n_from))
 * over their hourly ROAS (Welch's normal approximation).
 */
const reallocationOf = (from: CampaignSnapshot, to: CampaignSnapshot, input: AnalysisInput): Proposal | null => {
  const fromCents = centsOf(from.budgetAmount) ?? 0;
  const toCents = centsOf(to.budgetAmount) ?? 0;
  const moved = Math.round((fromCents * input.settings.reallocationBp) / 10_000);
  if (moved <= 0) return null;
  const a = hourlyRoas(to);
  const b = hourlyRoas(from);
  const se = Math.sqrt(a.variance / Math.max(a.n, 1) + b.variance / Math.max(b.n, 1));
  const budgets = (f: number, t: number) => ({
    from: { campaignId: from.campaignId, budgetAmount: moneyOf(f) },
    to: { campaignId: to.campaignId, budgetAmount: moneyOf(t) },
  });
  return {
    campaignId: from.campaignId,
    recommendationType: 'BUDGET_REALLOCATION',
    text:
      `Move ${moneyOf(moved)} of daily budget from ${from.name ?? from.campaignId} (marginal ROAS ${marginalRoas(from).toFixed(2)}) ` +
      `to ${to.name ?? to.campaignId} (marginal ROAS ${marginalRoas(to).toFixed(2)}).`,
    confidence: confidenceOf(sureAbove(a.mean, b.mean, se, Math.min(a.n, b.n))),
    provider: PROVIDER,
    action: {
      actionType: 'REALLOCATE',
      platform: from.platform,
      previousState: budgets(fromCents, toCents),
      newState: budgets(fromCents - moved, toCents + moved),
      changeAmount: moneyOf(moved),
    },
    baseline: { ...baselineOf(from), target: baselineOf(to) },
  };
};

/** The default, deterministic provider: the same figures always give the same proposals. */
export class StatisticalProvider implements RecommendationProvider {
  readonly name = PROVIDER;

  async analyze(input: AnalysisInput): Promise<readonly Proposal[]> {
    const { minSpendCents, decreaseBp, minRoasGap } = input.settings;
    const spending = input.campaigns.filter((c) => c.current.spendCents >= minSpendCents);
    const orgConversions = input.campaigns.reduce((n, c) => n + c.current.conversions + c.previous.conversions, 0);
    const orgSpend = input.campaigns.reduce((n, c) => n + c.current.spendCents + c.previous.spendCents, 0);
    const orgCpa = orgConversions > 0 ? orgSpend / orgConversions : null;
    const proposals: Proposal[] = [];
    const idle = spending.filter((c) => c.current.conversions === 0);
    for (const c of idle) proposals.push(pauseOf(c, orgCpa, minSpendCents));
    const converting = spending.filter((c) => c.current.conversions > 0);
    for (const c of converting) {
      const budget = centsOf(c.budgetAmount);
      if (budget && budget > 0 && roasOf(c.current) < 1) proposals.push(decreaseOf(c, budget, decreaseBp));
    }
    const ranked = converting
      .filter((c) => c.budgetAmount !== null)
      .sort((x, y) => marginalRoas(y) - marginalRoas(x) || x.campaignId.localeCompare(y.campaignId));
    if (ranked.length >= 2) {
      const [best, worst] = [ranked[0], ranked[ranked.length - 1]];
      if (marginalRoas(best) - marginalRoas(worst) >= minRoasGap) {
        const move = reallocationOf(worst, best, input);
        if (move) proposals.push(move);
      }
    }
    return proposals;
  }
}
