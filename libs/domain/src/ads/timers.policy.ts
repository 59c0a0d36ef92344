/**
 * Which ads events set and cancel which timers, and what each sends when due. Pure: the
 * timer-scheduler folds each subject's events through these policies and stores what they say.
 *
 *   AdAccountConnected              → SYNC_AD_ACCOUNT at connectedAt (a reconnect moves it)
 *   AdAccountSyncRequested          → SYNC_AD_ACCOUNT at requestedAt + 15 min (seed 003: "15min sync")
 *   AdAccountDisconnected           → cancels SYNC_AD_ACCOUNT
 *   AdActionAwaitingApproval        → EXPIRE_AD_ACTION at expiresAt
 *   AdActionApproved / …Rejected    → cancels EXPIRE_AD_ACTION
 *   AdActionAttemptFailed           → RETRY_AD_ACTION at retryAt
 *   AdActionExecuted / …DeadLettered → cancels RETRY_AD_ACTION
 *   RecommendationExecuted          → MEASURE_RECOMMENDATION_RESULT at executedAt + the result window (7 days)
 *   RecommendationResultRecorded    → cancels MEASURE_RECOMMENDATION_RESULT
 *
 * The action and recommendation events are H2's (ad-action / recommendation streams); they are
 * read here by the fields the policy needs, so the policy does not depend on their deciders.
 */
import type { Event } from '../shared/decider';
import { parseInstant, toIso } from '../shared/validation';
import { type AdAccountEvent, adAccountStreamId } from './account';
import { ADS_RESULT_WINDOW_MS, ADS_SYNC_INTERVAL_MS } from './values';

export const ADS_TIMER_TYPES = ['SYNC_AD_ACCOUNT', 'EXPIRE_AD_ACTION', 'RETRY_AD_ACTION', 'MEASURE_RECOMMENDATION_RESULT'] as const;
export type AdsTimerType = (typeof ADS_TIMER_TYPES)[number];

/** The automation events the action timers follow (H2's, by the fields read here). */
export type AdActionTimerEvent =
  | Event<'AdActionRequested', { readonly actionId: string; readonly orgId: string }>
  | Event<'AdActionAwaitingApproval', { readonly actionId: string; readonly expiresAt: string }>
  | Event<'AdActionApproved', { readonly actionId: string }>
  | Event<'AdActionRejected', { readonly actionId: string }>
  | Event<'AdActionExpired', { readonly actionId: string }>
  | Event<'AdActionAttemptFailed', { readonly actionId: string; readonly retryAt: string }>
  | Event<'AdActionExecuted', { readonly actionId: string }>
  | Event<'AdActionDeadLettered', { readonly actionId: string }>;

/** The recommendation events the result timer follows (H2's, by the fields read here). */
export type RecommendationTimerEvent =
  | Event<'RecommendationProposed', { readonly recommendationId: string; readonly orgId: string }>
  | Event<'RecommendationExecuted', { readonly recommendationId: string; readonly executedAt: string }>
  | Event<'RecommendationResultRecorded', { readonly recommendationId: string }>;

export const ACCOUNT_TIMER_EVENTS: readonly AdAccountEvent['type'][] = ['AdAccountConnected', 'AdAccountSyncRequested', 'AdAccountDisconnected'];
export const ACTION_TIMER_EVENTS: readonly AdActionTimerEvent['type'][] = [
  'AdActionRequested',
  'AdActionAwaitingApproval',
  'AdActionApproved',
  'AdActionRejected',
  'AdActionExpired',
  'AdActionAttemptFailed',
  'AdActionExecuted',
  'AdActionDeadLettered',
];
export const RECOMMENDATION_TIMER_EVENTS: readonly RecommendationTimerEvent['type'][] = [
  'RecommendationProposed',
  'RecommendationExecuted',
  'RecommendationResultRecorded',
];

/** What the scheduler remembers of a subject: its org (the tenant of the commands its timers send). */
export interface AccountTimerView {
  readonly orgId: string;
  readonly accountId: string;
  readonly connected: boolean;
}
export interface ActionTimerView {
  readonly orgId: string;
  readonly actionId: string;
}
export interface RecommendationTimerView {
  readonly orgId: string;
  readonly recommendationId: string;
}

export interface AdsTimerToSchedule {
  readonly timerType: AdsTimerType;
  readonly dueAt: string;
}
export interface AdsTimerToCancel {
  readonly timerType: AdsTimerType;
  readonly reason: string;
}

/** Cancellations apply before schedules, so a timer listed in both is moved. */
export interface AdsPolicyOutcome<View> {
  readonly view: View | null;
  readonly schedule: readonly AdsTimerToSchedule[];
  readonly cancel: readonly AdsTimerToCancel[];
}

const unchanged = <View>(view: View | null): AdsPolicyOutcome<View> => ({ view, schedule: [], cancel: [] });

/** The event changes nothing for a subject the scheduler does not remember. */
const NOTHING: AdsPolicyOutcome<never> = { view: null, schedule: [], cancel: [] };

const after = (at: string, ms: number): string => toIso((parseInstant(at) as number) + ms);

// seed 003 data flow: "15min sync" — the next sync is due 15 minutes after the last request.
export const nextSyncDueAt = (requestedAt: string): string => after(requestedAt, ADS_SYNC_INTERVAL_MS);

export const accountTimerPolicy = (view: AccountTimerView | null, event: AdAccountEvent): AdsPolicyOutcome<AccountTimerView> => {
  switch (event.type) {
    case 'AdAccountConnected': {
      const { orgId, accountId, connectedAt } = event.data;
      // The first sync at once; a reconnect replaces whatever was left waiting.
      return {
        view: { orgId, accountId, connected: true },
        cancel: [{ timerType: 'SYNC_AD_ACCOUNT', reason: 'account connected' }],
        schedule: [{ timerType: 'SYNC_AD_ACCOUNT', dueAt: connectedAt }],
      };
    }
    case 'AdAccountSyncRequested':
      // A sync a person asked for moves the next one too: 15 minutes after the latest.
      return view?.connected
        ? {
            view,
            cancel: [{ timerType: 'SYNC_AD_ACCOUNT', reason: 'a sync was requested' }],
            schedule: [{ timerType: 'SYNC_AD_ACCOUNT', dueAt: nextSyncDueAt(event.data.requestedAt) }],
          }
        : NOTHING;
    case 'AdAccountDisconnected':
      return view ? { view: { ...view, connected: false }, cancel: [{ timerType: 'SYNC_AD_ACCOUNT', reason: 'account disconnected' }], schedule: [] } : NOTHING;
    default:
      return unchanged(view);
  }
};

export const actionTimerPolicy = (view: ActionTimerView | null, event: AdActionTimerEvent): AdsPolicyOutcome<ActionTimerView> => {
  const cancel = (timerType: AdsTimerType, reason: string): AdsPolicyOutcome<ActionTimerView> =>
    view ? { view, cancel: [{ timerType, reason }], schedule: [] } : NOTHING;
  switch (event.type) {
    case 'AdActionRequested':
      return unchanged(view ?? { orgId: event.data.orgId, actionId: event.data.actionId });
    case 'AdActionAwaitingApproval':
      // Approval waits until expiresAt (the guardrails' approval TTL), then the action expires.
      return view ? { view, cancel: [], schedule: [{ timerType: 'EXPIRE_AD_ACTION', dueAt: event.data.expiresAt }] } : NOTHING;
    case 'AdActionApproved':
      return cancel('EXPIRE_AD_ACTION', 'action approved');
    case 'AdActionRejected':
      return cancel('EXPIRE_AD_ACTION', 'action rejected');
    case 'AdActionAttemptFailed':
      // Retried with back-off: the decider says when (30 s × 2^(attempt−1)).
      return view
        ? {
            view,
            cancel: [{ timerType: 'RETRY_AD_ACTION', reason: 'attempt failed again' }],
            schedule: [{ timerType: 'RETRY_AD_ACTION', dueAt: event.data.retryAt }],
          }
        : NOTHING;
    case 'AdActionExecuted':
      return cancel('RETRY_AD_ACTION', 'action executed');
    case 'AdActionDeadLettered':
      return cancel('RETRY_AD_ACTION', 'action dead-lettered');
    default:
      return unchanged(view);
  }
};

export const recommendationTimerPolicy = (
  view: RecommendationTimerView | null,
  event: RecommendationTimerEvent,
  resultWindowMs: number = ADS_RESULT_WINDOW_MS,
): AdsPolicyOutcome<RecommendationTimerView> => {
  switch (event.type) {
    case 'RecommendationProposed':
      return unchanged(view ?? { orgId: event.data.orgId, recommendationId: event.data.recommendationId });
    case 'RecommendationExecuted':
      // Issue 12 point 6: result_metrics once a configurable window after execution has passed.
      return view
        ? { view, cancel: [], schedule: [{ timerType: 'MEASURE_RECOMMENDATION_RESULT', dueAt: after(event.data.executedAt, resultWindowMs) }] }
        : NOTHING;
    case 'RecommendationResultRecorded':
      return view ? { view, cancel: [{ timerType: 'MEASURE_RECOMMENDATION_RESULT', reason: 'result recorded' }], schedule: [] } : NOTHING;
    default:
      return unchanged(view);
  }
};

/** Whom a due timer concerns: its org and the account, action or recommendation it is about. */
export interface AdsTimerSubject {
  readonly orgId: string;
  readonly subjectId: string;
  /** The timer's own id: a sync a timer asks for is named by it, so a re-fire asks for the same sync. */
  readonly timerId: string;
}

/** The command a due timer sends, as it travels on the wire, and the stream it addresses. */
export type AdsTimerCommand =
  | {
      readonly type: 'RequestAdAccountSync';
      readonly data: { readonly accountId: string; readonly syncId: string; readonly windowDays: null };
      readonly streamId: string;
    }
  | { readonly type: 'ExpireAdAction'; readonly data: { readonly actionId: string }; readonly streamId: string }
  | { readonly type: 'RetryAdAction'; readonly data: { readonly actionId: string }; readonly streamId: string }
  | { readonly type: 'RequestRecommendationResult'; readonly data: { readonly recommendationId: string }; readonly streamId: string };

export const ADS_TIMER_COMMANDS = {
  SYNC_AD_ACCOUNT: 'RequestAdAccountSync',
  EXPIRE_AD_ACTION: 'ExpireAdAction',
  RETRY_AD_ACTION: 'RetryAdAction',
  MEASURE_RECOMMENDATION_RESULT: 'RequestRecommendationResult',
} as const satisfies Record<AdsTimerType, AdsTimerCommand['type']>;

// The streams of H2's aggregates (design: ads-automation-<orgId>, ads-recommendation-<id>).
const automationStream = (orgId: string): string => `ads-automation-${orgId}`;
const recommendationStream = (recommendationId: string): string => `ads-recommendation-${recommendationId}`;

export const adsTimerCommand = (timerType: AdsTimerType, subject: AdsTimerSubject): AdsTimerCommand => {
  const { orgId, subjectId, timerId } = subject;
  switch (timerType) {
    case 'SYNC_AD_ACCOUNT':
      return { type: 'RequestAdAccountSync', data: { accountId: subjectId, syncId: timerId, windowDays: null }, streamId: adAccountStreamId(subjectId) };
    case 'EXPIRE_AD_ACTION':
      return { type: 'ExpireAdAction', data: { actionId: subjectId }, streamId: automationStream(orgId) };
    case 'RETRY_AD_ACTION':
      return { type: 'RetryAdAction', data: { actionId: subjectId }, streamId: automationStream(orgId) };
    case 'MEASURE_RECOMMENDATION_RESULT':
      return { type: 'RequestRecommendationResult', data: { recommendationId: subjectId }, streamId: recommendationStream(subjectId) };
  }
};
