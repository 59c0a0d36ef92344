import type { AdsCommandSender, CampaignDirectory } from '../../shared/ads-ingest.ports';
import type { AlertingStore } from '../alerting.store';
import type { InsightsStore } from '../insights.store';
import { derivedId } from '../derived-id';
import type { EvaluatorLog } from '../alert-evaluator';
import { type Bucket, HOUR_MS, moneyOf, NO_TOTALS, type Totals, totalsOf } from '../window-totals';
import { suggestSplit } from './budget-split';
import type { AnalysisInput, AnalyzerSettings, CampaignSnapshot, Proposal, RecommendationProvider } from './recommendation-provider';
import { settled } from '../command-outcome';

export interface AnalyzerOptions extends AnalyzerSettings {
  /** The analysis window: the analysis runs once per org for each window of data time. */
  readonly windowMs: number;
  /** Analysis windows ending longer ago than this are history (a replay, a backfill): not analysed. */
  readonly staleAfterMs: number;
}

/** The command side's answer to a proposal already recorded under its id. */
const ALREADY_PROPOSED = new Set(['IDEMPOTENCY_KEY_REUSED', 'RECOMMENDATION_ALREADY_EXISTS']);

const hourlyOf = (buckets: readonly Bucket[], from: number, to: number) => {
  const hours = [];
  for (let t = from; t < to; t += HOUR_MS) hours.push(totalsOf(buckets, { from: t, to: t + HOUR_MS }));
  return hours.filter((h) => h.spendCents > 0);
};

/**
 * seed 003 Analytics Engine → AI Analysis → Recommendations: once an org's data crosses the end
 * of an analysis window (UTC multiples of ADS_ANALYZER_WINDOW_HOURS), its campaigns' last two
 * windows go to the provider and each proposal is sent as ProposeRecommendation, its id derived
 * from campaign, type and window (a rerun proposes nothing new), skipped while one of the same
 * campaign and type is pending. A proposal confident enough for the org's autonomous guardrails
 * also asks for its action at once (RequestAdAction, requested by the AI); the command side's
 * automation decider checks every guardrail and holds it for approval when one says no.
 */
export class RecommendationAnalyzer {
  constructor(
    private readonly store: AlertingStore,
    private readonly insights: InsightsStore,
    private readonly directory: CampaignDirectory,
    private readonly commands: AdsCommandSender,
    private readonly provider: RecommendationProvider,
    private readonly options: AnalyzerOptions,
    private readonly log: EvaluatorLog,
    private readonly now: () => number = Date.now,
  ) {}

  async analyzeOrg(orgId: string): Promise<void> {
    const dataEnd = await this.store.orgDataEnd(orgId);
    if (dataEnd === null) return;
    const windowEnd = Math.floor(dataEnd / this.options.windowMs) * this.options.windowMs;
    if (windowEnd < this.now() - this.options.staleAfterMs || (await this.insights.analysisDone(orgId, windowEnd))) return;
    const input = await this.inputOf(orgId, windowEnd);
    const proposals = input.campaigns.length === 0 ? [] : await this.provider.analyze(input);
    const pending = await this.insights.pendingRecommendations(orgId);
    let sent = 0;
    for (const proposal of proposals) {
      const key = `${proposal.campaignId}|${proposal.recommendationType}`;
      if (pending.has(key)) continue;
      if (await this.propose(orgId, windowEnd, proposal)) sent += 1;
      // A provider may name the same campaign and type twice: one pending is the rule.
      pending.add(key);
    }
    await this.proposeSplit(orgId, windowEnd, input);
    await this.insights.recordAnalysis(orgId, windowEnd, proposals[0]?.provider ?? this.provider.name, sent);
  }

  /**
   * seed 003 budget_allocations.ai_suggested: when the window's ROAS per platform argues for
   * moving the split a person set for the current period (budget-split.ts), propose the moved
   * split (ProposeBudgetAllocation, id derived from the person's allocation and the window).
   */
  private async proposeSplit(orgId: string, windowEnd: number, input: AnalysisInput): Promise<void> {
    const current = await this.insights.currentAllocation(orgId, new Date(windowEnd - 1).toISOString().slice(0, 10));
    if (!current) return;
    const byPlatform = new Map<string, Totals>();
    for (const c of input.campaigns) {
      const sum = byPlatform.get(c.platform) ?? NO_TOTALS;
      byPlatform.set(c.platform, { ...sum, spendCents: sum.spendCents + c.current.spendCents, revenueCents: sum.revenueCents + c.current.revenueCents });
    }
    const cents = Object.fromEntries(Object.entries(current.allocations).map(([platform, amount]) => [platform, Math.round(Number(amount) * 100)]));
    const split = suggestSplit(cents, byPlatform, this.options.minSpendCents);
    if (!split) return;
    const allocationId = derivedId(orgId, current.allocationId, windowEnd, 'split');
    const outcome = settled(
      await this.commands.send(
        'ProposeBudgetAllocation',
        {
          allocationId,
          periodStart: current.periodStart,
          periodEnd: current.periodEnd,
          totalBudget: current.totalBudget,
          allocations: Object.fromEntries(Object.entries(split).map(([platform, amount]) => [platform, moneyOf(amount)])),
        },
        { orgId, commandId: allocationId },
      ),
      'ProposeBudgetAllocation',
    );
    if (outcome.status !== 'ACCEPTED') this.log.warn('budget split proposal refused', { allocationId, code: outcome.code, message: outcome.message });
  }

  private async inputOf(orgId: string, windowEnd: number): Promise<AnalysisInput> {
    const { windowMs } = this.options;
    const from = windowEnd - 2 * windowMs;
    const campaigns = await this.store.campaignsOfOrg(orgId, from);
    const entries = await this.directory.entries(campaigns.map((c) => c.campaignId));
    const snapshots: CampaignSnapshot[] = [];
    for (const campaign of campaigns.sort((a, b) => a.campaignId.localeCompare(b.campaignId))) {
      const buckets = await this.store.buckets(campaign.campaignId, from, windowEnd);
      const entry = entries.get(campaign.campaignId);
      snapshots.push({
        campaignId: campaign.campaignId,
        platform: campaign.platform,
        name: entry?.name ?? null,
        status: entry?.status ?? null,
        budgetAmount: entry?.budgetAmount ?? null,
        current: totalsOf(buckets, { from: windowEnd - windowMs, to: windowEnd }),
        previous: totalsOf(buckets, { from, to: windowEnd - windowMs }),
        hourly: hourlyOf(buckets, windowEnd - windowMs, windowEnd),
      });
    }
    return {
      orgId,
      windowStart: new Date(windowEnd - windowMs).toISOString(),
      windowEnd: new Date(windowEnd).toISOString(),
      campaigns: snapshots,
      settings: {
        minSpendCents: this.options.minSpendCents,
        decreaseBp: this.options.decreaseBp,
        reallocationBp: this.options.reallocationBp,
        minRoasGap: this.options.minRoasGap,
      },
    };
  }

  private async propose(orgId: string, windowEnd: number, proposal: Proposal): Promise<boolean> {
    const recommendationId = derivedId(proposal.campaignId, proposal.recommendationType, windowEnd);
    const outcome = settled(
      await this.commands.send(
        'ProposeRecommendation',
        {
          recommendationId,
          campaignId: proposal.campaignId,
          recommendationType: proposal.recommendationType,
          text: proposal.text,
          confidence: proposal.confidence,
          provider: proposal.provider,
          action: proposal.action,
          baseline: proposal.baseline,
        },
        { orgId, commandId: recommendationId },
      ),
      'ProposeRecommendation',
    );
    if (outcome.status !== 'ACCEPTED' && !ALREADY_PROPOSED.has(outcome.code ?? '')) {
      this.log.warn('recommendation refused', { recommendationId, type: proposal.recommendationType, code: outcome.code, message: outcome.message });
      return false;
    }
    await this.insights.saveRecommendation({ recommendationId, orgId, campaignId: proposal.campaignId, recommendationType: proposal.recommendationType });
    await this.requestIfAutonomous(orgId, recommendationId, proposal);
    return true;
  }

  private async requestIfAutonomous(orgId: string, recommendationId: string, proposal: Proposal): Promise<void> {
    const guardrails = await this.insights.guardrails(orgId);
    if (!guardrails?.autonomousEnabled || proposal.confidence < guardrails.confidenceFloor) return;
    const actionId = derivedId(recommendationId, 'action');
    const outcome = settled(
      await this.commands.send(
        'RequestAdAction',
        {
          actionId,
          recommendationId,
          actionType: proposal.action.actionType,
          platform: proposal.action.platform,
          campaignId: proposal.campaignId,
          previousState: proposal.action.previousState,
          newState: proposal.action.newState,
          reasoning: proposal.text,
          confidence: proposal.confidence,
          changeAmount: proposal.action.changeAmount,
        },
        { orgId, commandId: actionId },
      ),
      'RequestAdAction',
    );
    this.log.log('autonomous action requested', { recommendationId, actionId, status: outcome.status, code: outcome.code });
  }
}
