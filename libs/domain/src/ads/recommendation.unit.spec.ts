import { accepted, given, unchecked } from '../testing';
import {
  after,
  as,
  CAMPAIGN_ID,
  campaignRegistered,
  command,
  MARKETER_ID,
  NOW,
  ORG_ID,
  OTHER_ORG_ID,
  propose,
  proposeData,
  RECOMMENDATION_ID,
} from './insight.testing';
import type { RecommendationDeciderEvent } from './recommendation';
import { RECOMMENDATION_TYPES } from './recommendation';
import {
  type AcceptRecommendation,
  type RecordRecommendationExecuted,
  type RecordRecommendationResult,
  recommendationDecider,
  type RejectRecommendation,
  type RequestRecommendationResult,
} from './recommendation.decide';

const ACTION_ID = 'ac000000-0000-4000-8000-0000000000aa';
const ref = { recommendationId: RECOMMENDATION_ID };
const accept = (metadata = as.marketer()) => command<AcceptRecommendation>('AcceptRecommendation', ref, metadata);
const rejectIt = (metadata = as.marketer()) => command<RejectRecommendation>('RejectRecommendation', ref, metadata);
const executed = (metadata = as.service()) =>
  command<RecordRecommendationExecuted>('RecordRecommendationExecuted', { ...ref, actionId: ACTION_ID, executedAt: NOW }, metadata);
const requestResult = (metadata = as.service({ now: after(7 * 24 * 3_600_000) })) =>
  command<RequestRecommendationResult>('RequestRecommendationResult', ref, metadata);
const resultMetrics = { before: { roas: '4.2000' }, after: { roas: '4.6000' } };
const recordResult = (metadata = as.service()) => command<RecordRecommendationResult>('RecordRecommendationResult', { ...ref, resultMetrics }, metadata);

const registered: RecommendationDeciderEvent[] = [campaignRegistered()];
const pending = [...registered, ...accepted(given(recommendationDecider, registered).when(propose()))];
const then = (events: RecommendationDeciderEvent[], next: Parameters<typeof recommendationDecider.decide>[0]) => [
  ...events,
  ...accepted(given(recommendationDecider, events).when(next)),
];

describe('when the recommendation is not proposed yet', () => {
  const when = given(recommendationDecider, registered).when;

  it('ProposeRecommendation records RecommendationProposed, pending', () => {
    when(propose()).then([{ type: 'RecommendationProposed', data: { ...proposeData, action: proposeData.action ?? null, orgId: ORG_ID, proposedAt: NOW } }]);
    expect(given(recommendationDecider, pending).state().recommendation?.status).toBe('pending');
  });

  it.each(RECOMMENDATION_TYPES)('issue 12 point 6: the analyzer proposes %s', (recommendationType) => {
    expect(accepted(when(propose({ recommendationType })))).toHaveLength(1);
  });

  it('a recommendation without an action is a text only (action null)', () => {
    const [event] = accepted(when(propose({ recommendationType: 'BUDGET_DECREASE', action: null })));
    expect(event.data).toMatchObject({ action: null });
  });

  // seed 003: confidence_score DECIMAL(3,2)
  it.each([[-0.01], [1.01], [0.855], [Number.NaN]])('confidence DECIMAL(3,2) is 0..1 with two decimals (%p refused)', (confidence) => {
    when(propose({ confidence })).thenRejects('RECOMMENDATION_INVALID', { details: { field: 'confidence_score' } });
  });

  it.each([[0], [1], [0.5], [0.99]])('confidence DECIMAL(3,2) is 0..1 with two decimals (%p accepted)', (confidence) => {
    expect(accepted(when(propose({ confidence })))).toHaveLength(1);
  });

  // seed 003: action_type — PAUSE, BUDGET_CHANGE, REALLOCATE
  it.each([
    ['action.action_type', { ...proposeData.action!, actionType: unchecked<'PAUSE'>('DELETE') }],
    ['action.change_amount', { ...proposeData.action!, changeAmount: '-5.00' }],
    ['action.change_amount', { ...proposeData.action!, changeAmount: '5.001' }],
    ['action.new_state', { ...proposeData.action!, newState: unchecked<Record<string, unknown>>([1]) }],
  ])('the proposed action is one of PAUSE, BUDGET_CHANGE, REALLOCATE with a money change (%s)', (field, action) => {
    when(propose({ action })).thenRejects('RECOMMENDATION_INVALID', { details: { field } });
  });

  it.each([
    ['recommendation_type', { recommendationType: unchecked<'PAUSE_CAMPAIGN'>('SPEND_MORE') }],
    ['recommendation_text', { text: '' }],
    ['id', { recommendationId: 'R-1' }],
    ['baseline', { baseline: unchecked<Record<string, unknown>>('roas 4') }],
  ])('RecommendationProposed checks the %s', (field, data) => {
    when(propose(data)).thenRejects('RECOMMENDATION_INVALID', { details: { field } });
  });

  it('a recommendation is proposed only on a campaign of the acting org', () => {
    given(recommendationDecider, [campaignRegistered(OTHER_ORG_ID)])
      .when(propose())
      .thenRejects('RECOMMENDATION_CAMPAIGN_NOT_FOUND');
  });

  it('accepting an unknown recommendation is RECOMMENDATION_NOT_FOUND', () => {
    when(accept()).thenRejects('RECOMMENDATION_NOT_FOUND');
  });
});

describe('when the recommendation is pending', () => {
  const when = given(recommendationDecider, pending).when;

  // seed 003: status pending → accepted / rejected
  it('status pending → accepted by a marketer', () => {
    when(accept()).then([{ type: 'RecommendationAccepted', data: { ...ref, acceptedBy: MARKETER_ID, acceptedAt: NOW } }]);
  });

  it('status pending → rejected by an admin', () => {
    when(rejectIt(as.admin())).then([{ type: 'RecommendationRejected', data: { ...ref, rejectedBy: as.admin().actor.slice(5), rejectedAt: NOW } }]);
  });

  it('an analyst, a user without a role or a service may not accept or reject (AD_ROLE_REQUIRED)', () => {
    when(accept(as.analyst())).thenRejects('AD_ROLE_REQUIRED');
    when(accept(as.roleless())).thenRejects('AD_ROLE_REQUIRED');
    when(rejectIt(as.service())).thenRejects('AD_ROLE_REQUIRED');
  });

  it('another org cannot see it: RECOMMENDATION_NOT_FOUND', () => {
    when(accept(as.marketer({ tenant: OTHER_ORG_ID }))).thenRejects('RECOMMENDATION_NOT_FOUND');
  });

  it('proposing the same id again is RECOMMENDATION_ALREADY_EXISTS', () => {
    when(propose()).thenRejects('RECOMMENDATION_ALREADY_EXISTS');
  });

  it('an autonomous action executes a pending recommendation directly (status executed)', () => {
    when(executed()).then([{ type: 'RecommendationExecuted', data: { ...ref, actionId: ACTION_ID, executedAt: NOW } }]);
  });

  it('no result before execution (RECOMMENDATION_INVALID_STATUS)', () => {
    when(requestResult()).thenRejects('RECOMMENDATION_INVALID_STATUS');
    when(recordResult()).thenRejects('RECOMMENDATION_INVALID_STATUS');
  });
});

describe('when the recommendation was accepted or rejected', () => {
  it('status accepted → executed, once', () => {
    const acceptedRec = then(pending, accept());
    given(recommendationDecider, acceptedRec)
      .when(executed())
      .then([{ type: 'RecommendationExecuted', data: { ...ref, actionId: ACTION_ID, executedAt: NOW } }]);
    given(recommendationDecider, then(acceptedRec, executed())).when(executed()).thenNothing();
  });

  it('only a pending recommendation is accepted or rejected (RECOMMENDATION_NOT_PENDING)', () => {
    const acceptedRec = then(pending, accept());
    given(recommendationDecider, acceptedRec)
      .when(accept())
      .thenRejects('RECOMMENDATION_NOT_PENDING', { details: { status: 'accepted' } });
    given(recommendationDecider, acceptedRec).when(rejectIt()).thenRejects('RECOMMENDATION_NOT_PENDING');
  });

  it('a rejected recommendation is never executed', () => {
    given(recommendationDecider, then(pending, rejectIt())).when(executed()).thenRejects('RECOMMENDATION_INVALID_STATUS');
  });

  it('a person may not record an execution (the executor does)', () => {
    given(recommendationDecider, then(pending, accept())).when(executed(as.admin())).thenRejects('AD_ROLE_REQUIRED');
  });
});

describe('when the recommendation was executed', () => {
  const done = then(then(pending, accept()), executed());

  // Issue 12 point 6: result_metrics once a configurable window after execution has passed.
  it('the measuring window has passed: RecommendationResultRequested names the window', () => {
    given(recommendationDecider, done)
      .when(requestResult())
      .then([{ type: 'RecommendationResultRequested', data: { ...ref, campaignId: CAMPAIGN_ID, executedAt: NOW, windowEnd: after(7 * 24 * 3_600_000) } }]);
    given(recommendationDecider, then(done, requestResult())).when(requestResult()).thenNothing();
  });

  it('seed 003 result_metrics: the figures before and after are recorded once', () => {
    given(recommendationDecider, done)
      .when(recordResult())
      .then([{ type: 'RecommendationResultRecorded', data: { ...ref, resultMetrics, recordedAt: NOW } }]);
    given(recommendationDecider, then(done, recordResult())).when(recordResult()).thenNothing();
  });
});
