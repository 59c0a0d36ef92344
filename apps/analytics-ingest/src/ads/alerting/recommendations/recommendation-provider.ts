import type { Totals } from '../window-totals';

/** seed 003 ai_recommendations.recommendation_type, the kinds the analyzer proposes. */
export const RECOMMENDATION_TYPES = ['BUDGET_REALLOCATION', 'PAUSE_CAMPAIGN', 'BUDGET_DECREASE'] as const;
export type RecommendationType = (typeof RECOMMENDATION_TYPES)[number];

/** seed 003 ai_actions_log.action_type. */
export const ACTION_TYPES = ['PAUSE', 'BUDGET_CHANGE', 'REALLOCATE'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** One campaign as the analyzer sees it: its two latest analysis windows. */
export interface CampaignSnapshot {
  readonly campaignId: string;
  readonly platform: string;
  readonly name: string | null;
  readonly status: string | null;
  /** The campaign's budget (decimal string) as its platform reported it, when known. */
  readonly budgetAmount: string | null;
  readonly current: Totals;
  readonly previous: Totals;
  /** The current window's hours with spend: the samples behind the variance of its ROAS. */
  readonly hourly: readonly Pick<Totals, 'spendCents' | 'revenueCents' | 'conversions'>[];
}

export interface AnalyzerSettings {
  readonly minSpendCents: number;
  /** BUDGET_DECREASE: the cut, in basis points of the budget. */
  readonly decreaseBp: number;
  /** BUDGET_REALLOCATION: the share of the weaker campaign's budget moved, in basis points. */
  readonly reallocationBp: number;
  /** BUDGET_REALLOCATION: the least marginal-ROAS gap worth a move. */
  readonly minRoasGap: number;
}

export interface AnalysisInput {
  readonly orgId: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly campaigns: readonly CampaignSnapshot[];
  readonly settings: AnalyzerSettings;
}

/** What an accepted recommendation becomes: a RequestAdAction (seed 003 ai_actions_log). */
export interface ProposedAction {
  readonly actionType: ActionType;
  readonly platform: string;
  readonly previousState: Readonly<Record<string, unknown>>;
  readonly newState: Readonly<Record<string, unknown>>;
  /** Money moved by the action (decimal string), what the guardrails limit. */
  readonly changeAmount: string;
}

export interface Proposal {
  readonly campaignId: string;
  readonly recommendationType: RecommendationType;
  readonly text: string;
  /** 0..1, two decimals (seed 003 confidence_score DECIMAL(3,2)). */
  readonly confidence: number;
  /** Which provider proposed it (`statistical`, `anthropic`). */
  readonly provider: string;
  readonly action: ProposedAction;
  readonly baseline: Readonly<Record<string, unknown>>;
}

/** seed 003 "AI Analysis": where recommendations come from. */
export interface RecommendationProvider {
  readonly name: string;
  analyze(input: AnalysisInput): Promise<readonly Proposal[]>;
}

export const RECOMMENDATION_PROVIDER = Symbol('RECOMMENDATION_PROVIDER');
