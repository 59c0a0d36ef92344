import { accepted, given, unchecked } from '../testing';
import { AD_ACTION_TYPES } from './ad-action';
import { type AdActionHoldReason, type AdActionRequested, type AutomationDeciderEvent, automationStreamId, retryDelayMs } from './automation';
import {
  type ApproveAdAction,
  type AutomationCommand,
  automationDecider,
  type ExpireAdAction,
  type RecordAdActionExecuted,
  type RecordAdActionFailed,
  type RejectAdAction,
  type RequestAdAction,
  type RetryAdAction,
  type SetAutomationGuardrails,
} from './automation.decide';
import {
  ACTION_ID,
  ADMIN_ID,
  after,
  allocationSet,
  as,
  budgetAction,
  CAMPAIGN_ID,
  campaignRegistered,
  command,
  HOUR,
  MARKETER_ID,
  NOW,
  ORG_ID,
  OTHER_ORG_ID,
} from './insight.testing';

const GUARDRAILS = { autonomousEnabled: true, confidenceFloor: 0.8, maxChangePerAction: '100.00', maxChangePerDay: '150.00', approvalTtlHours: 24 };
const setGuardrails = (data: Partial<SetAutomationGuardrails['data']> = {}, metadata = as.admin()) =>
  command<SetAutomationGuardrails>('SetAutomationGuardrails', { ...GUARDRAILS, ...data }, metadata);
const actionId = (n: number) => `ac000000-0000-4000-8000-${(0x100 + n).toString(16).padStart(12, '0')}`;
const request = (data: Partial<RequestAdAction['data']> = {}, metadata = as.service()) =>
  command<RequestAdAction>(
    'RequestAdAction',
    { actionId: ACTION_ID, campaignId: CAMPAIGN_ID, ...budgetAction, reasoning: 'marginal ROAS 4.2', confidence: 0.86, ...data },
    metadata,
  );
const ref = (id = ACTION_ID) => ({ actionId: id });
const approve = (metadata = as.marketer()) => command<ApproveAdAction>('ApproveAdAction', ref(), metadata);
const rejectIt = (metadata = as.marketer()) => command<RejectAdAction>('RejectAdAction', ref(), metadata);
const expire = (now: string) => command<ExpireAdAction>('ExpireAdAction', ref(), as.service({ now }));
const executed = (attempt = 1) =>
  command<RecordAdActionExecuted>('RecordAdActionExecuted', { ...ref(), attempt, newState: { budgetAmount: '150.00' }, executedAt: NOW }, as.service());
const failed = (attempt: number) => command<RecordAdActionFailed>('RecordAdActionFailed', { ...ref(), attempt, error: 'platform 503' }, as.service());
const retry = () => command<RetryAdAction>('RetryAdAction', ref(), as.service());

const run = (events: readonly AutomationDeciderEvent[], ...commands: AutomationCommand[]): AutomationDeciderEvent[] =>
  commands.reduce<AutomationDeciderEvent[]>((all, next) => [...all, ...accepted(given(automationDecider, all).when(next))], [...events]);

const campaign = [campaignRegistered()];
const META_CAMPAIGN_ID = 'ca000000-0000-4000-8000-000000000002';
const TIKTOK_CAMPAIGN_ID = 'ca000000-0000-4000-8000-000000000003';
const metaCampaign = campaignRegistered(ORG_ID, META_CAMPAIGN_ID, 'meta');
const guarded = run([...campaign, allocationSet({ google: '1000.00', meta: '500.00' })], setGuardrails());
const requested = (data: Partial<AdActionRequested['data']>, metadata = as.service()): AdActionRequested => ({
  type: 'AdActionRequested',
  data: {
    actionId: ACTION_ID,
    orgId: ORG_ID,
    recommendationId: null,
    campaignId: CAMPAIGN_ID,
    ...budgetAction,
    reasoning: 'marginal ROAS 4.2',
    confidence: 0.86,
    requestedBy: metadata.actor.replace(/^user:/, ''),
    requestedAt: metadata.now,
    approvalRequired: false,
    ...data,
  },
});
const heldFor = (reason: AdActionHoldReason, expiresAt = after(24 * HOUR)): AutomationDeciderEvent[] => [
  requested({ approvalRequired: true }),
  { type: 'AdActionAwaitingApproval', data: { actionId: ACTION_ID, reason, expiresAt } },
];

describe('guardrails', () => {
  it('an admin sets the guardrails (issue 12 point 7: guardrails set by a person)', () => {
    given(automationDecider, [])
      .when(setGuardrails())
      .then([{ type: 'AutomationGuardrailsSet', data: { orgId: ORG_ID, ...GUARDRAILS, setBy: ADMIN_ID, setAt: NOW } }]);
    given(automationDecider, guarded)
      .when(setGuardrails({ maxChangePerDay: '150' }))
      .thenNothing();
  });

  it('only an admin person sets guardrails (AD_ROLE_REQUIRED for a marketer, a service or no role)', () => {
    for (const metadata of [as.marketer(), as.service(), as.roleless(), as.analyst()])
      given(automationDecider, []).when(setGuardrails({}, metadata)).thenRejects('AD_ROLE_REQUIRED');
  });

  it.each([
    ['confidence_floor', { confidenceFloor: 1.5 }],
    ['max_change_per_action', { maxChangePerAction: '-1.00' }],
    ['max_change_per_action', { maxChangePerAction: '200.00' }],
    ['max_change_per_day', { maxChangePerDay: '10000000000000.00' }],
    ['approval_ttl_hours', { approvalTtlHours: 0 }],
    ['autonomous_enabled', { autonomousEnabled: unchecked<boolean>('yes') }],
  ])('guardrails are checked (%s)', (field, data) => {
    given(automationDecider, []).when(setGuardrails(data)).thenRejects('AUTOMATION_GUARDRAILS_INVALID', { details: { field } });
  });

  it("the org's automation is one stream per org", () => {
    expect(automationDecider.streamIdOf(approve())).toBe(automationStreamId(ORG_ID));
    expect(automationDecider.streamIdOf(approve(as.marketer({ tenant: OTHER_ORG_ID })))).toBe(`ads-automation-${OTHER_ORG_ID}`);
  });
});

describe('a person requests an action', () => {
  // seed 003: executed_by 'ai_autonomous' or user_id
  it('a marketer asking for it approves it: executed_by is the user, approval_required false', () => {
    given(automationDecider, campaign)
      .when(request({}, as.marketer()))
      .then([
        requested({}, as.marketer()),
        { type: 'AdActionApproved', data: { actionId: ACTION_ID, executedBy: MARKETER_ID, approvedBy: MARKETER_ID, approvedAt: NOW } },
      ]);
  });

  it('an analyst or a user without a role may not request actions (AD_ROLE_REQUIRED)', () => {
    given(automationDecider, campaign).when(request({}, as.analyst())).thenRejects('AD_ROLE_REQUIRED');
    given(automationDecider, campaign).when(request({}, as.roleless())).thenRejects('AD_ROLE_REQUIRED');
  });

  // seed 003: action_type — PAUSE, BUDGET_CHANGE, REALLOCATE
  it.each(AD_ACTION_TYPES)('actions are PAUSE, BUDGET_CHANGE, REALLOCATE: %s is accepted', (actionType) => {
    expect(accepted(given(automationDecider, campaign).when(request({ actionType }, as.marketer())))).toHaveLength(2);
  });

  it.each([
    ['action_type', { actionType: unchecked<'PAUSE'>('ARCHIVE') }],
    ['change_amount', { changeAmount: '1.234' }],
    ['previous_state', { previousState: null, newState: null }],
    ['confidence', { confidence: 0.123 }],
    ['id', { actionId: 'A-1' }],
  ])('the action is checked (%s)', (field, data) => {
    given(automationDecider, campaign).when(request(data, as.marketer())).thenRejects('AD_ACTION_INVALID', { details: { field } });
  });

  it('an action is requested only on a campaign of the acting org', () => {
    given(automationDecider, [campaignRegistered(OTHER_ORG_ID)])
      .when(request({}, as.marketer()))
      .thenRejects('AD_ACTION_CAMPAIGN_NOT_FOUND');
  });

  // seed 003 ai_actions_log (platform, campaign_id): found by the hostile-input suite, an action on a Google campaign named the platform `constructor`.
  it.each(['meta', 'constructor', 'GOOGLE'])("an action runs on its campaign's platform: %s for a Google campaign is refused", (platform) => {
    given(automationDecider, campaign)
      .when(request({ platform }, as.marketer()))
      .thenRejects('AD_ACTION_INVALID', { details: { field: 'platform' } });
  });

  it('an action id is used once', () => {
    given(automationDecider, run(campaign, request({}, as.marketer())))
      .when(request({}, as.marketer()))
      .thenRejects('AD_ACTION_ALREADY_EXISTS');
  });
});

describe('the AI requests an action: the guardrails', () => {
  it('never set, nothing is autonomous: approval_required, it waits 72 h', () => {
    given(automationDecider, campaign)
      .when(request())
      .then(heldFor('AUTONOMOUS_DISABLED', after(72 * HOUR)));
  });

  it('inside every guardrail the AI approves it: executed_by ai_autonomous, approved_by null', () => {
    given(automationDecider, guarded)
      .when(request())
      .then([requested({}), { type: 'AdActionApproved', data: { actionId: ACTION_ID, executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null } }]);
  });

  it('autonomous off: approval_required (AUTONOMOUS_DISABLED)', () => {
    given(automationDecider, run(guarded, setGuardrails({ autonomousEnabled: false })))
      .when(request())
      .then(heldFor('AUTONOMOUS_DISABLED'));
  });

  it('confidence floor: below it the action waits for approval', () => {
    given(automationDecider, guarded)
      .when(request({ confidence: 0.79 }))
      .then([
        requested({ confidence: 0.79, approvalRequired: true }),
        { type: 'AdActionAwaitingApproval', data: { actionId: ACTION_ID, reason: 'CONFIDENCE_BELOW_FLOOR', expiresAt: after(24 * HOUR) } },
      ]);
    expect(accepted(given(automationDecider, guarded).when(request({ confidence: 0.8 })))[1].type).toBe('AdActionApproved');
  });

  it('confidence floor: an action without a confidence waits for approval', () => {
    const events = accepted(given(automationDecider, guarded).when(request({ confidence: null, reasoning: null })));
    expect(events[1].data).toMatchObject({ reason: 'CONFIDENCE_BELOW_FLOOR' });
  });

  it('max change per action: above it the action waits for approval', () => {
    const [, held] = accepted(given(automationDecider, guarded).when(request({ changeAmount: '100.01' })));
    expect(held.data).toMatchObject({ reason: 'CHANGE_ABOVE_MAX_PER_ACTION' });
    expect(accepted(given(automationDecider, guarded).when(request({ changeAmount: '100.00' })))[1].type).toBe('AdActionApproved');
  });

  it("max per day: the day's autonomous total may not pass it; the next UTC day starts again", () => {
    const today = run(guarded, request({ actionId: actionId(1), changeAmount: '90.00' }), request({ actionId: actionId(2), changeAmount: '50.00' }));
    const [, held] = accepted(given(automationDecider, today).when(request({ actionId: actionId(3), changeAmount: '10.01' })));
    expect(held.data).toMatchObject({ reason: 'DAILY_MAX_EXCEEDED' });
    expect(accepted(given(automationDecider, today).when(request({ actionId: actionId(3), changeAmount: '10.00' })))[1].type).toBe('AdActionApproved');
    const tomorrow = as.service({ now: '2026-06-11T00:00:00.000Z' });
    expect(accepted(given(automationDecider, today).when(request({ actionId: actionId(3), changeAmount: '90.00' }, tomorrow)))[1].type).toBe(
      'AdActionApproved',
    );
  });

  it("max per day counts only the AI's own approvals, not a person's", () => {
    // A person's change on the org's Meta campaign: the AI's day on Google is its own.
    const events = run(
      [...guarded, metaCampaign],
      request({ actionId: actionId(1), campaignId: META_CAMPAIGN_ID, platform: 'meta', changeAmount: '400.00' }, as.marketer()),
    );
    expect(accepted(given(automationDecider, events).when(request({ changeAmount: '100.00' })))[1].type).toBe('AdActionApproved');
  });

  // Issue 12 point 7 / seed 003 budget_allocations: never past the period's budget allocation.
  it("budget allocation cap: a budget change never goes past the platform's share of the period", () => {
    const tight = run([...campaign, allocationSet({ google: '80.00' })], setGuardrails());
    const first = run(tight, request({ actionId: actionId(1), changeAmount: '50.00' }));
    expect(first.at(-1)?.type).toBe('AdActionApproved');
    const [, held] = accepted(given(automationDecider, first).when(request({ actionId: actionId(2), changeAmount: '30.01', actionType: 'REALLOCATE' })));
    expect(held.data).toMatchObject({ reason: 'BUDGET_ALLOCATION_EXCEEDED' });
    expect(accepted(given(automationDecider, first).when(request({ actionId: actionId(2), changeAmount: '30.00' })))[1].type).toBe('AdActionApproved');
  });

  it('budget allocation cap: no allocation for the period or the platform leaves the decision to a person', () => {
    const noAllocation = run(campaign, setGuardrails());
    expect(accepted(given(automationDecider, noAllocation).when(request()))[1].data).toMatchObject({ reason: 'BUDGET_ALLOCATION_EXCEEDED' });
    const tiktok = campaignRegistered(ORG_ID, TIKTOK_CAMPAIGN_ID, 'tiktok');
    expect(
      accepted(given(automationDecider, [...guarded, tiktok]).when(request({ campaignId: TIKTOK_CAMPAIGN_ID, platform: 'tiktok' })))[1].data,
    ).toMatchObject({
      reason: 'BUDGET_ALLOCATION_EXCEEDED',
    });
    const proposedOnly = run([...campaign, allocationSet({ google: '1000.00' }, true)], setGuardrails());
    expect(accepted(given(automationDecider, proposedOnly).when(request()))[1].data).toMatchObject({ reason: 'BUDGET_ALLOCATION_EXCEEDED' });
  });

  it('budget allocation cap: a pause moves no budget and is not bound by it', () => {
    const noAllocation = run(campaign, setGuardrails());
    expect(accepted(given(automationDecider, noAllocation).when(request({ actionType: 'PAUSE', changeAmount: '0.00' })))[1].type).toBe('AdActionApproved');
  });
});

describe('when an action awaits approval', () => {
  const held = run(campaign, request());
  const when = given(automationDecider, held).when;

  it('a marketer approves it: approved_by and approved_at are recorded, executed_by is the user', () => {
    when(approve()).then([{ type: 'AdActionApproved', data: { actionId: ACTION_ID, executedBy: MARKETER_ID, approvedBy: MARKETER_ID, approvedAt: NOW } }]);
  });

  it('an admin rejects it', () => {
    when(rejectIt(as.admin())).then([{ type: 'AdActionRejected', data: { actionId: ACTION_ID, rejectedBy: ADMIN_ID, rejectedAt: NOW } }]);
  });

  it('approval is role-checked: an analyst, a user without a role and a service may not approve (AD_ROLE_REQUIRED)', () => {
    when(approve(as.analyst())).thenRejects('AD_ROLE_REQUIRED');
    when(approve(as.roleless())).thenRejects('AD_ROLE_REQUIRED');
    when(approve(as.service())).thenRejects('AD_ROLE_REQUIRED');
    when(rejectIt(as.analyst())).thenRejects('AD_ROLE_REQUIRED');
  });

  it('another org cannot approve it: its automation stream has no such action (AD_ACTION_NOT_FOUND)', () => {
    given(automationDecider, [])
      .when(approve(as.marketer({ tenant: OTHER_ORG_ID })))
      .thenRejects('AD_ACTION_NOT_FOUND');
  });

  // Issue 12 point 7: waits with approval_required until approved or it expires.
  it('expiry: the timer at expires_at expires it; earlier it records nothing', () => {
    when(expire(after(24 * HOUR - 1))).thenNothing();
    when(expire(after(72 * HOUR))).then([{ type: 'AdActionExpired', data: { actionId: ACTION_ID, expiredAt: after(72 * HOUR) } }]);
  });

  it('expiry: an action past its expiry is not approved any more', () => {
    when(approve(as.marketer({ now: after(72 * HOUR) }))).thenRejects('AD_ACTION_INVALID_STATUS');
    given(automationDecider, run(held, expire(after(72 * HOUR))))
      .when(approve())
      .thenRejects('AD_ACTION_INVALID_STATUS', { details: { status: 'expired' } });
  });

  it('expiry: an approved action does not expire', () => {
    given(automationDecider, run(held, approve()))
      .when(expire(after(72 * HOUR)))
      .thenNothing();
  });

  it('it is approved once', () => {
    given(automationDecider, run(held, approve())).when(approve(as.admin())).thenRejects('AD_ACTION_INVALID_STATUS');
  });

  it('an action not approved is not executed', () => {
    when(executed()).thenRejects('AD_ACTION_INVALID_STATUS');
  });
});

describe('when an action is approved: execution', () => {
  const approved = run(campaign, request({}, as.marketer()));
  const when = given(automationDecider, approved).when;

  it('executed once: the executor records it; a second report records nothing', () => {
    when(executed()).then([{ type: 'AdActionExecuted', data: { actionId: ACTION_ID, attempt: 1, newState: { budgetAmount: '150.00' }, executedAt: NOW } }]);
    given(automationDecider, run(approved, executed())).when(executed()).thenNothing();
    given(automationDecider, run(approved, executed())).when(failed(1)).thenNothing();
  });

  it('retries/back-off: a failed attempt is retried after 30 s × 2^(attempt − 1)', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    when(failed(1)).then([{ type: 'AdActionAttemptFailed', data: { actionId: ACTION_ID, attempt: 1, error: 'platform 503', retryAt: after(30_000) } }]);
    const second = run(approved, failed(1), retry());
    expect(second.at(-1)).toEqual({ type: 'AdActionRetryRequested', data: { actionId: ACTION_ID, attempt: 2 } });
    given(automationDecider, second)
      .when(failed(2))
      .then([{ type: 'AdActionAttemptFailed', data: { actionId: ACTION_ID, attempt: 2, error: 'platform 503', retryAt: after(60_000) } }]);
  });

  it('retries: a repeated retry timer or failure report records nothing', () => {
    given(automationDecider, run(approved, failed(1), retry()))
      .when(retry())
      .thenNothing();
    given(automationDecider, run(approved, failed(1)))
      .when(failed(1))
      .thenNothing();
    when(retry()).thenNothing();
  });

  it('dead-letter after attempt 5', () => {
    const fourth = run(approved, failed(1), retry(), failed(2), retry(), failed(3), retry(), failed(4), retry());
    given(automationDecider, fourth)
      .when(failed(5))
      .then([{ type: 'AdActionDeadLettered', data: { actionId: ACTION_ID, attempt: 5, error: 'platform 503', deadLetteredAt: NOW } }]);
    given(automationDecider, run(fourth, failed(5)))
      .when(retry())
      .thenNothing();
  });

  it('a retried attempt that succeeds is executed once', () => {
    given(automationDecider, run(approved, failed(1), retry()))
      .when(executed(2))
      .then([{ type: 'AdActionExecuted', data: { actionId: ACTION_ID, attempt: 2, newState: { budgetAmount: '150.00' }, executedAt: NOW } }]);
  });

  it('only the executor records outcomes (a person may not)', () => {
    given(automationDecider, approved)
      .when({ ...executed(), metadata: as.admin() })
      .thenRejects('AD_ROLE_REQUIRED');
  });
});

describe('an action that carries out a recommendation', () => {
  const recommendationId = 'ec000000-0000-4000-8000-000000000001';
  const proposed: AutomationDeciderEvent = {
    type: 'RecommendationProposed',
    data: {
      recommendationId,
      orgId: ORG_ID,
      campaignId: CAMPAIGN_ID,
      recommendationType: 'BUDGET_REALLOCATION',
      text: 'Move 50.00 to this campaign',
      confidence: 0.9,
      provider: 'statistical',
      action: budgetAction,
      baseline: {},
      proposedAt: NOW,
    },
  };
  const byRecommendation = (metadata = as.marketer()) => command<RequestAdAction>('RequestAdAction', { actionId: ACTION_ID, recommendationId }, metadata);

  it("takes the recommendation's action, confidence and text when the request leaves them out", () => {
    const [event] = accepted(given(automationDecider, [proposed]).when(byRecommendation()));
    expect(event.data).toMatchObject({ recommendationId, campaignId: CAMPAIGN_ID, ...budgetAction, confidence: 0.9, reasoning: 'Move 50.00 to this campaign' });
  });

  it('a rejected recommendation is not acted on', () => {
    const rejected: AutomationDeciderEvent = { type: 'RecommendationRejected', data: { recommendationId, rejectedBy: MARKETER_ID, rejectedAt: NOW } };
    given(automationDecider, [proposed, rejected]).when(byRecommendation()).thenRejects('RECOMMENDATION_INVALID_STATUS');
  });

  it('one action per recommendation', () => {
    const events = run([proposed], byRecommendation());
    given(automationDecider, events)
      .when(command<RequestAdAction>('RequestAdAction', { actionId: actionId(9), recommendationId }, as.marketer()))
      .thenRejects('AD_ACTION_ALREADY_EXISTS');
  });

  it("another org's recommendation is not found", () => {
    given(automationDecider, [proposed])
      .when(byRecommendation(as.marketer({ tenant: OTHER_ORG_ID })))
      .thenRejects('RECOMMENDATION_NOT_FOUND');
  });

  it("RequestAdAction reads the org's budgets, the campaign and the recommendation", () => {
    expect(automationDecider.alsoReads?.(request({ recommendationId }))).toEqual([
      `ads-budgets-${ORG_ID}`,
      `ads-campaign-${CAMPAIGN_ID}`,
      `ads-recommendation-${recommendationId}`,
    ]);
  });
});
