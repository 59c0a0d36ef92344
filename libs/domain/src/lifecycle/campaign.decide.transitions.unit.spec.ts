import { accepted, given, unchecked } from '../testing';
import { CAMPAIGN_STATUSES, type CampaignStatus, type TransitionTrigger } from './campaign';
import { campaignDecider, TRANSITION_TARGETS } from './campaign.decide';
import { atNow, campaignIn, HOUR_MS, lifecycleCommand as command, lifecycleEvent as event, NOW, type TransitionCommand } from './testing';

// seed 002: validate_state_transition() — the only (OLD.status, NEW.status) pairs it lets through,
// copied from the seed rather than from the code so that a wrong table in the code fails here.
const SEED_ALLOWED: ReadonlyArray<readonly [CampaignStatus, CampaignStatus]> = [
  ['CREATED', 'RUNNING'],
  ['RUNNING', 'CLOSED'],
  ['CLOSED', 'REWARD_CLAIM'],
  ['REWARD_CLAIM', 'EXPIRED'],
  ['RUNNING', 'EXPIRED'],
  ['CLOSED', 'EXPIRED'],
];
const isSeedAllowed = (from: CampaignStatus, to: CampaignStatus) => SEED_ALLOWED.some(([f, t]) => f === from && t === to);

/** Every status a transition command moves to, with the command that does it. */
const COMMAND_TO = Object.fromEntries(Object.entries(TRANSITION_TARGETS).map(([type, to]) => [to, type as TransitionCommand['type']])) as Partial<
  Record<CampaignStatus, TransitionCommand['type']>
>;
const TARGETS = CAMPAIGN_STATUSES.filter((to) => COMMAND_TO[to] !== undefined);
const commandTo = (to: CampaignStatus, data?: Partial<TransitionCommand['data']>, now = NOW) => command.transition(COMMAND_TO[to]!, data, { now });

const PAIRS = CAMPAIGN_STATUSES.flatMap((from) => TARGETS.map((to) => [from, to] as const));

// seed 002: CONSTRAINT valid_status CHECK (status IN ('CREATED', 'RUNNING', 'CLOSED', 'REWARD_CLAIM', 'EXPIRED'))
it("valid_status: the campaign statuses are the seed's five", () => {
  expect(CAMPAIGN_STATUSES).toEqual(['CREATED', 'RUNNING', 'CLOSED', 'REWARD_CLAIM', 'EXPIRED']);
});

it('the transition table spans the 5 statuses × the 4 statuses the transition commands reach', () => {
  expect(TARGETS).toEqual(['RUNNING', 'CLOSED', 'REWARD_CLAIM', 'EXPIRED']);
  expect(PAIRS.filter(([from, to]) => isSeedAllowed(from, to))).toHaveLength(SEED_ALLOWED.length);
  expect(PAIRS.filter(([from, to]) => !isSeedAllowed(from, to))).toHaveLength(5 * 4 - 6);
});

describe.each(CAMPAIGN_STATUSES)('when the campaign is %s', (from) => {
  const whenMovingTo = (to: CampaignStatus, data?: Partial<TransitionCommand['data']>) => given(campaignDecider, campaignIn(from)).when(commandTo(to, data));
  const windowIfStarting = (to: CampaignStatus) => (to === 'RUNNING' ? { startTime: NOW, endTime: atNow(24 * HOUR_MS) } : {});

  for (const to of TARGETS.filter((target) => isSeedAllowed(from, target))) {
    // seed 002: validate_state_transition
    it(`validate_state_transition: ${from} → ${to} is valid and records StateTransitioned with the MANUAL trigger by default`, () => {
      whenMovingTo(to).then([event.transitioned(from, to, windowIfStarting(to))]);
    });

    // seed 002: campaign_state_log.trigger_event
    it.each<TransitionTrigger>(['TIMER', 'SYSTEM'])(`validate_state_transition: ${from} → ${to} records the %s trigger it is given`, (trigger) => {
      whenMovingTo(to, { trigger, reason: 'timer fired' }).then([event.transitioned(from, to, { trigger, reason: 'timer fired', ...windowIfStarting(to) })]);
    });

    // seed 002: CONSTRAINT valid_status CHECK (status IN ('CREATED', 'RUNNING', 'CLOSED', 'REWARD_CLAIM', 'EXPIRED'))
    it(`valid_status: after ${from} → ${to} the campaign is ${to}, one of the seed's five statuses`, () => {
      const state = given(campaignDecider, [...campaignIn(from), ...accepted(whenMovingTo(to))]).state();
      expect(state.exists && state.status).toBe(to);
      expect(CAMPAIGN_STATUSES).toContain(state.exists && state.status);
    });
  }

  for (const to of TARGETS.filter((target) => !isSeedAllowed(from, target))) {
    // seed 002: validate_state_transition — RAISE EXCEPTION 'Invalid state transition from % to %'
    it(`validate_state_transition: ${from} → ${to} is an invalid state transition`, () => {
      whenMovingTo(to).thenRejects('INVALID_STATE_TRANSITION', { message: `Invalid state transition from ${from} to ${to}`, details: { from, to } });
    });
  }
});

describe('when the campaign is CREATED', () => {
  // seed 002: calculated_end_time, from the instant the campaign actually starts
  it('calculated_end_time: StartCampaign fixes start_time at the actual start and end_time = start_time + duration_hours hours', () => {
    const scheduled = campaignIn('CREATED', { created: { durationHours: 10, startTime: atNow(2 * HOUR_MS), endTime: atNow(12 * HOUR_MS) } });
    const startedLate = command.start({ trigger: 'TIMER' }, { now: atNow(3 * HOUR_MS) });
    given(campaignDecider, scheduled)
      .when(startedLate)
      .then([
        event.transitioned('CREATED', 'RUNNING', {
          trigger: 'TIMER',
          startTime: atNow(3 * HOUR_MS),
          endTime: atNow(13 * HOUR_MS),
          transitionedAt: atNow(3 * HOUR_MS),
        }),
      ]);
  });

  // seed 002: campaign_state_log.trigger_event
  it.each([['CRON'], ['manual'], [''], [unchecked<TransitionTrigger>(null)]])('a trigger %p that is not MANUAL, TIMER or SYSTEM is rejected', (trigger) => {
    const decision = given(campaignDecider, campaignIn('CREATED')).when(command.start({ trigger: unchecked<TransitionTrigger>(trigger) }));
    decision.thenRejects('INVALID_TRIGGER', { details: { trigger: String(trigger) } });
  });
});

describe('when the campaign is RUNNING', () => {
  // seed 002: calculated_end_time — the window fixed on start stays after the campaign moves on
  it.each<CampaignStatus>(['CLOSED', 'EXPIRED'])('moving to %s keeps the start_time and end_time fixed on start', (to) => {
    const events = campaignIn('RUNNING', { created: { durationHours: 6 } });
    const state = given(campaignDecider, [...events, ...accepted(given(campaignDecider, events).when(commandTo(to)))]).state();
    expect(state).toMatchObject({ status: to, startTime: NOW, endTime: atNow(6 * HOUR_MS) });
  });
});

describe('when the campaign is CLOSED with rewards disabled', () => {
  const closed = campaignIn('CLOSED', { created: { rewardsEnabled: false } });

  // seed 002: rewards_enabled BOOLEAN — a campaign without rewards has no reward claim phase
  it('OpenRewardClaim is rejected as REWARDS_DISABLED', () => {
    given(campaignDecider, closed).when(command.openRewardClaim()).thenRejects('REWARDS_DISABLED');
  });

  // seed 002: validate_state_transition — ('CLOSED', 'EXPIRED')
  it('validate_state_transition: CLOSED → EXPIRED is still valid', () => {
    given(campaignDecider, closed)
      .when(command.expire())
      .then([event.transitioned('CLOSED', 'EXPIRED')]);
  });
});
