/**
 * The ads timer policy: which events set and cancel which timers, and what a due timer sends.
 */
import type { AdAccountEvent } from './account';
import { ACCOUNT, connected, NOW, ORG } from './core.testing';
import {
  accountTimerPolicy,
  type AccountTimerView,
  type AdActionTimerEvent,
  actionTimerPolicy,
  type ActionTimerView,
  adsTimerCommand,
  type AdsPolicyOutcome,
  recommendationTimerPolicy,
  type RecommendationTimerEvent,
  type RecommendationTimerView,
} from './timers.policy';

const ACTION = 'a0a0a0a0-1111-4222-8333-444455556666';
const RECOMMENDATION = 'b0b0b0b0-1111-4222-8333-444455556666';
const NONE = { schedule: [], cancel: [] };

const outcomeOf = <V, E>(policy: (view: V | null, event: E) => AdsPolicyOutcome<V>, events: readonly E[]): AdsPolicyOutcome<V> =>
  events.reduce<AdsPolicyOutcome<V>>((last, next) => policy(last.view, next), { view: null, ...NONE });

const requested = (requestedAt: string): AdAccountEvent => ({
  type: 'AdAccountSyncRequested',
  data: {
    accountId: ACCOUNT,
    orgId: ORG,
    platform: 'google',
    platformAccountId: '123-456-7890',
    syncId: requestedAt,
    requestedAt,
    windowStart: requestedAt,
    windowEnd: requestedAt,
  },
});
const disconnected: AdAccountEvent = { type: 'AdAccountDisconnected', data: { accountId: ACCOUNT, disconnectedAt: NOW } };
const accountView = (connectedNow: boolean): AccountTimerView => ({ orgId: ORG, accountId: ACCOUNT, connected: connectedNow });

describe('SYNC_AD_ACCOUNT — seed 003 data flow: "15min sync"', () => {
  it('sync timer every 15 minutes: the first sync is due when the account is connected', () => {
    expect(outcomeOf(accountTimerPolicy, [connected()])).toEqual({
      view: accountView(true),
      cancel: [{ timerType: 'SYNC_AD_ACCOUNT', reason: 'account connected' }],
      schedule: [{ timerType: 'SYNC_AD_ACCOUNT', dueAt: '2026-04-01T09:00:00.000Z' }],
    });
  });

  it('sync timer every 15 minutes: each requested sync sets the next one 15 minutes later', () => {
    expect(outcomeOf(accountTimerPolicy, [connected(), requested('2026-04-01T09:00:00.120Z')])).toEqual({
      view: accountView(true),
      cancel: [{ timerType: 'SYNC_AD_ACCOUNT', reason: 'a sync was requested' }],
      schedule: [{ timerType: 'SYNC_AD_ACCOUNT', dueAt: '2026-04-01T09:15:00.120Z' }],
    });
  });

  it('sync timer cancelled on disconnect', () => {
    expect(outcomeOf(accountTimerPolicy, [connected(), requested(NOW), disconnected])).toEqual({
      view: accountView(false),
      cancel: [{ timerType: 'SYNC_AD_ACCOUNT', reason: 'account disconnected' }],
      schedule: [],
    });
  });

  it('sets no sync for a request the scheduler reads after the disconnect', () => {
    expect(outcomeOf(accountTimerPolicy, [connected(), disconnected, requested(NOW)])).toEqual({ view: null, ...NONE });
  });

  it('starts again on a reconnect', () => {
    const reconnected = { ...connected(), data: { ...connected().data, connectedAt: NOW } };
    expect(outcomeOf(accountTimerPolicy, [connected(), disconnected, reconnected]).schedule).toEqual([{ timerType: 'SYNC_AD_ACCOUNT', dueAt: NOW }]);
  });

  it("a due sync asks for the account's sync, named by the timer (a re-fire asks for the same one)", () => {
    expect(adsTimerCommand('SYNC_AD_ACCOUNT', { orgId: ORG, subjectId: ACCOUNT, timerId: 'tmr-1' })).toEqual({
      type: 'RequestAdAccountSync',
      data: { accountId: ACCOUNT, syncId: 'tmr-1', windowDays: null },
      streamId: `ads-account-${ACCOUNT}`,
    });
  });
});

describe('EXPIRE_AD_ACTION and RETRY_AD_ACTION — guarded actions (issue 12 point 7)', () => {
  const requestedAction: AdActionTimerEvent = { type: 'AdActionRequested', data: { actionId: ACTION, orgId: ORG } };
  const awaiting: AdActionTimerEvent = { type: 'AdActionAwaitingApproval', data: { actionId: ACTION, expiresAt: '2026-05-02T12:00:00.000Z' } };
  const failed = (retryAt: string): AdActionTimerEvent => ({ type: 'AdActionAttemptFailed', data: { actionId: ACTION, retryAt } });
  const view: ActionTimerView = { orgId: ORG, actionId: ACTION };

  it('an action waiting for approval expires at expiresAt', () => {
    expect(outcomeOf(actionTimerPolicy, [requestedAction, awaiting])).toEqual({
      view,
      cancel: [],
      schedule: [{ timerType: 'EXPIRE_AD_ACTION', dueAt: '2026-05-02T12:00:00.000Z' }],
    });
  });

  it.each([
    ['AdActionApproved', 'action approved'],
    ['AdActionRejected', 'action rejected'],
  ] as const)('%s cancels the expiry', (type, reason) => {
    expect(outcomeOf(actionTimerPolicy, [requestedAction, awaiting, { type, data: { actionId: ACTION } }])).toEqual({
      view,
      cancel: [{ timerType: 'EXPIRE_AD_ACTION', reason }],
      schedule: [],
    });
  });

  it('a failed attempt is retried at retryAt', () => {
    expect(outcomeOf(actionTimerPolicy, [requestedAction, failed('2026-05-01T12:00:30.000Z')])).toEqual({
      view,
      cancel: [{ timerType: 'RETRY_AD_ACTION', reason: 'attempt failed again' }],
      schedule: [{ timerType: 'RETRY_AD_ACTION', dueAt: '2026-05-01T12:00:30.000Z' }],
    });
  });

  it.each([
    ['AdActionExecuted', 'action executed'],
    ['AdActionDeadLettered', 'action dead-lettered'],
  ] as const)('%s cancels the retry', (type, reason) => {
    expect(outcomeOf(actionTimerPolicy, [requestedAction, failed(NOW), { type, data: { actionId: ACTION } }]).cancel).toEqual([
      { timerType: 'RETRY_AD_ACTION', reason },
    ]);
  });

  it('due action timers send ExpireAdAction and RetryAdAction to the org automation stream', () => {
    const subject = { orgId: ORG, subjectId: ACTION, timerId: 'tmr-2' };
    expect(adsTimerCommand('EXPIRE_AD_ACTION', subject)).toEqual({ type: 'ExpireAdAction', data: { actionId: ACTION }, streamId: `ads-automation-${ORG}` });
    expect(adsTimerCommand('RETRY_AD_ACTION', subject)).toEqual({ type: 'RetryAdAction', data: { actionId: ACTION }, streamId: `ads-automation-${ORG}` });
  });
});

describe('MEASURE_RECOMMENDATION_RESULT — issue 12 point 6: result_metrics once a window after execution has passed', () => {
  const proposed: RecommendationTimerEvent = { type: 'RecommendationProposed', data: { recommendationId: RECOMMENDATION, orgId: ORG } };
  const executed: RecommendationTimerEvent = {
    type: 'RecommendationExecuted',
    data: { recommendationId: RECOMMENDATION, executedAt: '2026-05-01T12:00:00.000Z' },
  };
  const view: RecommendationTimerView = { orgId: ORG, recommendationId: RECOMMENDATION };

  it('is due 7 days after execution by default', () => {
    expect(outcomeOf(recommendationTimerPolicy, [proposed, executed]).schedule).toEqual([
      { timerType: 'MEASURE_RECOMMENDATION_RESULT', dueAt: '2026-05-08T12:00:00.000Z' },
    ]);
  });

  it('takes the configured window', () => {
    expect(recommendationTimerPolicy(view, executed, 3_600_000).schedule).toEqual([
      { timerType: 'MEASURE_RECOMMENDATION_RESULT', dueAt: '2026-05-01T13:00:00.000Z' },
    ]);
  });

  it('is cancelled once the result is recorded', () => {
    expect(recommendationTimerPolicy(view, { type: 'RecommendationResultRecorded', data: { recommendationId: RECOMMENDATION } }).cancel).toEqual([
      { timerType: 'MEASURE_RECOMMENDATION_RESULT', reason: 'result recorded' },
    ]);
  });

  it('sends RequestRecommendationResult to the recommendation', () => {
    expect(adsTimerCommand('MEASURE_RECOMMENDATION_RESULT', { orgId: ORG, subjectId: RECOMMENDATION, timerId: 'tmr-3' })).toEqual({
      type: 'RequestRecommendationResult',
      data: { recommendationId: RECOMMENDATION },
      streamId: `ads-recommendation-${RECOMMENDATION}`,
    });
  });
});
