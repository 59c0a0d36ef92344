/**
 * A recommendation (seed 003 `ai_recommendations`), one stream each: proposed by the analyzer
 * with a text, a confidence and usually an action; status pending → accepted / rejected →
 * executed; `result_metrics` recorded once the measuring window after execution has passed.
 */
import type { Event } from '../shared/decider';
import type { AdActionSpec } from './ad-action';
import type { CampaignRef, CampaignRegisteredShape } from './insight.rules';

/** Issue 12 point 6: reallocation toward higher marginal ROAS, pausing spend without conversions, and more. */
export const RECOMMENDATION_TYPES = ['BUDGET_REALLOCATION', 'PAUSE_CAMPAIGN', 'BUDGET_DECREASE', 'BUDGET_INCREASE'] as const;
export type RecommendationType = (typeof RECOMMENDATION_TYPES)[number];

// seed 003: status — pending, accepted, rejected, executed
export const RECOMMENDATION_STATUSES = ['pending', 'accepted', 'rejected', 'executed'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export const recommendationStreamId = (recommendationId: string): string => `ads-recommendation-${recommendationId}`;

export type RecommendationProposed = Event<
  'RecommendationProposed',
  {
    readonly recommendationId: string;
    readonly orgId: string;
    readonly campaignId: string;
    readonly recommendationType: RecommendationType;
    readonly text: string;
    /** DECIMAL(3,2): 0 to 1, two decimals. */
    readonly confidence: number;
    /** Which analyzer proposed it (`statistical`, `anthropic`…). */
    readonly provider: string;
    readonly action: AdActionSpec | null;
    /** The campaign's figures when proposed: the "before" of result_metrics. */
    readonly baseline: Readonly<Record<string, unknown>>;
    readonly proposedAt: string;
  }
>;
export type RecommendationAccepted = Event<
  'RecommendationAccepted',
  { readonly recommendationId: string; readonly acceptedBy: string; readonly acceptedAt: string }
>;
export type RecommendationRejected = Event<
  'RecommendationRejected',
  { readonly recommendationId: string; readonly rejectedBy: string; readonly rejectedAt: string }
>;
export type RecommendationExecuted = Event<
  'RecommendationExecuted',
  { readonly recommendationId: string; readonly actionId: string; readonly executedAt: string }
>;
/** The measuring window has passed: the analyzer reads the campaign's figures up to `windowEnd`. */
export type RecommendationResultRequested = Event<
  'RecommendationResultRequested',
  { readonly recommendationId: string; readonly campaignId: string; readonly executedAt: string; readonly windowEnd: string }
>;
/** seed 003: result_metrics JSONB — the campaign's figures before and after execution. */
export type RecommendationResultRecorded = Event<
  'RecommendationResultRecorded',
  { readonly recommendationId: string; readonly resultMetrics: Readonly<Record<string, unknown>>; readonly recordedAt: string }
>;

export type RecommendationEvent =
  | RecommendationProposed
  | RecommendationAccepted
  | RecommendationRejected
  | RecommendationExecuted
  | RecommendationResultRequested
  | RecommendationResultRecorded;

/** What the recommendation decider folds: its own events and the campaign's registration (H1's stream). */
export type RecommendationDeciderEvent = RecommendationEvent | CampaignRegisteredShape;

export interface RecommendationView {
  readonly recommendationId: string;
  readonly orgId: string;
  readonly campaignId: string;
  readonly text: string;
  readonly confidence: number;
  readonly action: AdActionSpec | null;
  readonly status: RecommendationStatus;
  readonly executedAt: string | null;
  readonly resultRequested: boolean;
  readonly resultRecorded: boolean;
}

export interface RecommendationState {
  readonly campaign: CampaignRef | null;
  readonly recommendation: RecommendationView | null;
}

export const initialRecommendationState = (): RecommendationState => ({ campaign: null, recommendation: null });

/** A recommendation folded from its events (the automation decider reads it too). */
export const evolveRecommendationView = (view: RecommendationView | null, event: RecommendationEvent): RecommendationView | null => {
  if (event.type === 'RecommendationProposed') {
    const { recommendationId, orgId, campaignId, text, confidence, action } = event.data;
    return {
      recommendationId,
      orgId,
      campaignId,
      text,
      confidence,
      action,
      status: 'pending',
      executedAt: null,
      resultRequested: false,
      resultRecorded: false,
    };
  }
  if (view === null) return view;
  switch (event.type) {
    case 'RecommendationAccepted':
      return { ...view, status: 'accepted' };
    case 'RecommendationRejected':
      return { ...view, status: 'rejected' };
    case 'RecommendationExecuted':
      return { ...view, status: 'executed', executedAt: event.data.executedAt };
    case 'RecommendationResultRequested':
      return { ...view, resultRequested: true };
    case 'RecommendationResultRecorded':
      return { ...view, resultRecorded: true };
    default:
      // Other events of the streams read alongside (the campaign's) say nothing a recommendation needs.
      return view;
  }
};

export const evolveRecommendation = (state: RecommendationState, event: RecommendationDeciderEvent): RecommendationState => {
  if (event.type === 'AdCampaignRegistered') return { ...state, campaign: { orgId: event.data.orgId, platform: event.data.platform } };
  return { ...state, recommendation: evolveRecommendationView(state.recommendation, event) };
};
