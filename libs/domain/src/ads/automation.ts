/**
 * An org's automation (issue 12 point 7, seed 003 `ai_actions_log`): the guardrails a person
 * set, and every action requested — held for approval or approved (by a person, or by the AI
 * inside the guardrails), then executed once through the platform's connector, retried with
 * back-off, dead-lettered after the last attempt. One stream per org (`ads-automation-<orgId>`),
 * so the per-day autonomous total is a stream invariant.
 */
import type { Event } from '../shared/decider';
import type { AdActionSpec, AdActionType } from './ad-action';
import { type BudgetsEvent, type BudgetsState, evolveBudgets, initialBudgetsState } from './budgets';
import { centsOf, type CampaignRef, type CampaignRegisteredShape } from './insight.rules';
import { type RecommendationEvent, type RecommendationView, evolveRecommendationView } from './recommendation';

export const automationStreamId = (orgId: string): string => `ads-automation-${orgId}`;

/** seed 003: executed_by — 'ai_autonomous' or the user's id. */
export const AI_AUTONOMOUS = 'ai_autonomous';
/** Issue 12 point 7: executed from an outbox, retried with back-off, dead-lettered after the last try. */
export const AD_ACTION_MAX_ATTEMPTS = 5;
export const AD_ACTION_RETRY_BASE_MS = 30_000;
/** Back-off before attempt `failedAttempt + 1`: 30 s × 2^(attempt − 1). */
export const retryDelayMs = (failedAttempt: number): number => AD_ACTION_RETRY_BASE_MS * 2 ** (failedAttempt - 1);

/** Which guard held an action for approval (AdActionAwaitingApproval.reason). */
export const AD_ACTION_HOLD_REASONS = [
  'AUTONOMOUS_DISABLED',
  'CONFIDENCE_BELOW_FLOOR',
  'CHANGE_ABOVE_MAX_PER_ACTION',
  'DAILY_MAX_EXCEEDED',
  'BUDGET_ALLOCATION_EXCEEDED',
] as const;
export type AdActionHoldReason = (typeof AD_ACTION_HOLD_REASONS)[number];

export interface Guardrails {
  readonly autonomousEnabled: boolean;
  /** DECIMAL(3,2): the AI acts alone only at this confidence or above. */
  readonly confidenceFloor: number;
  /** Money strings (DECIMAL(15,2)): most one autonomous action may move, and all of a UTC day's. */
  readonly maxChangePerAction: string;
  readonly maxChangePerDay: string;
  /** How long a held action waits for a person before it expires. */
  readonly approvalTtlHours: number;
}

/** Never set: nothing is autonomous (issue 12: everything else waits for approval); a held action waits 72 h. */
export const DEFAULT_GUARDRAILS: Guardrails = {
  autonomousEnabled: false,
  confidenceFloor: 1,
  maxChangePerAction: '0.00',
  maxChangePerDay: '0.00',
  approvalTtlHours: 72,
};

export type AutomationGuardrailsSet = Event<'AutomationGuardrailsSet', Guardrails & { readonly orgId: string; readonly setBy: string; readonly setAt: string }>;

export type AdActionRequested = Event<
  'AdActionRequested',
  AdActionSpec & {
    readonly actionId: string;
    readonly orgId: string;
    readonly recommendationId: string | null;
    readonly campaignId: string;
    readonly reasoning: string | null;
    /** DECIMAL(3,2), null when a person asked without one. */
    readonly confidence: number | null;
    readonly requestedBy: string;
    readonly requestedAt: string;
    /** seed 003: approval_required — a guard said no, a person must approve. */
    readonly approvalRequired: boolean;
  }
>;
/** seed 003: executed_by, approved_by, approved_at (both null when the AI approved it inside the guardrails). */
export type AdActionApproved = Event<
  'AdActionApproved',
  { readonly actionId: string; readonly executedBy: string; readonly approvedBy: string | null; readonly approvedAt: string | null }
>;
export type AdActionAwaitingApproval = Event<
  'AdActionAwaitingApproval',
  { readonly actionId: string; readonly reason: AdActionHoldReason; readonly expiresAt: string }
>;
export type AdActionRejected = Event<'AdActionRejected', { readonly actionId: string; readonly rejectedBy: string; readonly rejectedAt: string }>;
export type AdActionExpired = Event<'AdActionExpired', { readonly actionId: string; readonly expiredAt: string }>;
export type AdActionExecuted = Event<
  'AdActionExecuted',
  { readonly actionId: string; readonly attempt: number; readonly newState: Readonly<Record<string, unknown>>; readonly executedAt: string }
>;
export type AdActionAttemptFailed = Event<
  'AdActionAttemptFailed',
  { readonly actionId: string; readonly attempt: number; readonly error: string; readonly retryAt: string }
>;
export type AdActionDeadLettered = Event<
  'AdActionDeadLettered',
  { readonly actionId: string; readonly attempt: number; readonly error: string; readonly deadLetteredAt: string }
>;
export type AdActionRetryRequested = Event<'AdActionRetryRequested', { readonly actionId: string; readonly attempt: number }>;

export type AutomationEvent =
  | AutomationGuardrailsSet
  | AdActionRequested
  | AdActionApproved
  | AdActionAwaitingApproval
  | AdActionRejected
  | AdActionExpired
  | AdActionExecuted
  | AdActionAttemptFailed
  | AdActionDeadLettered
  | AdActionRetryRequested;

/** What the automation decider folds: its own events, and what RequestAdAction reads besides (budgets, campaign, recommendation). */
export type AutomationDeciderEvent = AutomationEvent | BudgetsEvent | CampaignRegisteredShape | RecommendationEvent;

export type AdActionStatus = 'awaiting_approval' | 'approved' | 'rejected' | 'expired' | 'failed' | 'executed' | 'dead_lettered';

export interface AdActionView {
  readonly actionId: string;
  readonly recommendationId: string | null;
  readonly actionType: AdActionType;
  readonly platform: string;
  readonly changeCents: number;
  readonly status: AdActionStatus;
  /** The attempt under way (approved) or the last one that failed (failed). */
  readonly attempt: number;
  readonly expiresAt: string | null;
  /** The UTC day (YYYY-MM-DD) it was approved on; null until approved. */
  readonly approvedDay: string | null;
  readonly autonomous: boolean;
  readonly requestedAt: string;
}

export interface AutomationState {
  readonly guardrails: Guardrails;
  readonly actions: ReadonlyMap<string, AdActionView>;
  readonly budgets: BudgetsState;
  readonly campaigns: ReadonlyMap<string, CampaignRef>;
  readonly recommendation: RecommendationView | null;
}

export const initialAutomationState = (): AutomationState => ({
  guardrails: DEFAULT_GUARDRAILS,
  actions: new Map(),
  budgets: initialBudgetsState(),
  campaigns: new Map(),
  recommendation: null,
});

const withAction = (state: AutomationState, actionId: string, change: (action: AdActionView) => AdActionView): AutomationState => {
  const action = state.actions.get(actionId);
  return action === undefined ? state : { ...state, actions: new Map(state.actions).set(actionId, change(action)) };
};

const evolveAction = (state: AutomationState, event: Exclude<AutomationEvent, AutomationGuardrailsSet | AdActionRequested>): AutomationState => {
  const { actionId } = event.data;
  switch (event.type) {
    case 'AdActionApproved':
      return withAction(state, actionId, (a) => ({
        ...a,
        status: 'approved',
        attempt: 1,
        approvedDay: (event.data.approvedAt ?? a.requestedAt).slice(0, 10),
        autonomous: event.data.executedBy === AI_AUTONOMOUS,
      }));
    case 'AdActionAwaitingApproval':
      return withAction(state, actionId, (a) => ({ ...a, status: 'awaiting_approval', expiresAt: event.data.expiresAt }));
    case 'AdActionRejected':
      return withAction(state, actionId, (a) => ({ ...a, status: 'rejected' }));
    case 'AdActionExpired':
      return withAction(state, actionId, (a) => ({ ...a, status: 'expired' }));
    case 'AdActionExecuted':
      return withAction(state, actionId, (a) => ({ ...a, status: 'executed', attempt: event.data.attempt }));
    case 'AdActionAttemptFailed':
      return withAction(state, actionId, (a) => ({ ...a, status: 'failed', attempt: event.data.attempt }));
    case 'AdActionDeadLettered':
      return withAction(state, actionId, (a) => ({ ...a, status: 'dead_lettered', attempt: event.data.attempt }));
    case 'AdActionRetryRequested':
      return withAction(state, actionId, (a) => ({ ...a, status: 'approved', attempt: event.data.attempt }));
  }
};

export const evolveAutomation = (state: AutomationState, event: AutomationDeciderEvent): AutomationState => {
  switch (event.type) {
    case 'BudgetAllocationSet':
      return { ...state, budgets: evolveBudgets(state.budgets, event) };
    case 'AdCampaignRegistered':
      return { ...state, campaigns: new Map(state.campaigns).set(event.data.campaignId, { orgId: event.data.orgId, platform: event.data.platform }) };
    case 'RecommendationProposed':
    case 'RecommendationAccepted':
    case 'RecommendationRejected':
    case 'RecommendationExecuted':
    case 'RecommendationResultRequested':
    case 'RecommendationResultRecorded':
      return { ...state, recommendation: evolveRecommendationView(state.recommendation, event) };
    case 'AutomationGuardrailsSet': {
      const { orgId: _org, setBy: _by, setAt: _at, ...guardrails } = event.data;
      return { ...state, guardrails };
    }
    case 'AdActionRequested': {
      const { actionId, recommendationId, actionType, platform, changeAmount, requestedAt } = event.data;
      const action: AdActionView = {
        actionId,
        recommendationId,
        actionType,
        platform,
        changeCents: centsOf(changeAmount) ?? 0,
        status: 'awaiting_approval',
        attempt: 0,
        expiresAt: null,
        approvedDay: null,
        autonomous: false,
        requestedAt,
      };
      return { ...state, actions: new Map(state.actions).set(actionId, action) };
    }
    case 'AdActionApproved':
    case 'AdActionAwaitingApproval':
    case 'AdActionRejected':
    case 'AdActionExpired':
    case 'AdActionExecuted':
    case 'AdActionAttemptFailed':
    case 'AdActionDeadLettered':
    case 'AdActionRetryRequested':
      return evolveAction(state, event);
    default:
      // Other events of the streams read alongside (a campaign's details, …) say nothing here.
      return state;
  }
};
