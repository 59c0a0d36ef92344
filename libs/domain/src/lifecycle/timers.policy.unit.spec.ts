/**
 * The timer policy: given a campaign's events, which timers the timer-scheduler sets and
 * cancels (validate_timer_schedule() itself: timers.schedule.unit.spec.ts).
 */
import { history } from '../testing';
import { type CampaignEvent, type CampaignStatus } from './campaign';
import { type CampaignCommand, campaignDecider } from './campaign.decide';
import { atNow, campaignIn, HOUR_MS, lifecycleCommand as command, lifecycleEvent as event, timerView } from './testing';
import { DEFAULT_TIMER_SETTINGS, TIMER_TYPES, type TimerType } from './timers';
import { type CampaignTimerView, type PolicyOutcome, timerPolicy, timerScheduleError } from './timers.policy';

const SECOND_MS = 1_000;
const DAY_MS = 24 * HOUR_MS;

/** The outcome of each event in turn, the view carried from one to the next as the scheduler does. */
const outcomesOf = (events: readonly CampaignEvent[], view: CampaignTimerView | null = null): PolicyOutcome[] =>
  events.reduce<PolicyOutcome[]>((done, next) => [...done, timerPolicy(done.length ? done[done.length - 1].view : view, next)], []);
const lastOutcome = (events: readonly CampaignEvent[]): PolicyOutcome => outcomesOf(events)[events.length - 1];
const typesOf = (timers: readonly { timerType: TimerType }[]): TimerType[] => timers.map((t) => t.timerType);
const NOTHING = { schedule: [], cancel: [] };

const CLOSED_AT = atNow(DAY_MS);
const OPENED_AT = atNow(DAY_MS + HOUR_MS);
const closing = (created: Parameters<typeof event.created>[0] = {}) => [
  ...campaignIn('RUNNING', { created }),
  event.transitioned('RUNNING', 'CLOSED', { transitionedAt: CLOSED_AT }),
];
const openingClaims = (created: Parameters<typeof event.created>[0] = {}) => [
  ...closing(created),
  event.transitioned('CLOSED', 'REWARD_CLAIM', { transitionedAt: OPENED_AT }),
];
const withTimers = (timers: Record<string, number>) => ({ metadata: { timers } });

describe('given CampaignCreated', () => {
  // seed 002: campaign_timers START_CAMPAIGN, campaigns.start_time
  it('START_CAMPAIGN is set at start_time when the campaign has one', () => {
    expect(timerPolicy(null, event.created({ startTime: atNow(2 * HOUR_MS), endTime: atNow(26 * HOUR_MS) }))).toEqual({
      view: timerView(),
      schedule: [{ timerType: 'START_CAMPAIGN', dueAt: atNow(2 * HOUR_MS) }],
      cancel: [],
    });
  });

  it('no timer is set when the campaign has no start_time (it is started by hand)', () => {
    expect(timerPolicy(null, event.created({ startTime: null }))).toEqual({ view: timerView(), ...NOTHING });
  });

  it("the view keeps the campaign's auto_close, rewards_enabled and metadata.timers merged over the defaults", () => {
    const created = event.created({ autoClose: false, rewardsEnabled: false, ...withTimers({ expireAfterCloseSeconds: 60 }) });
    expect(timerPolicy(null, created).view).toEqual(
      timerView({ autoClose: false, rewardsEnabled: false, settings: { ...DEFAULT_TIMER_SETTINGS, expireAfterCloseSeconds: 60 } }),
    );
  });

  it('timer settings that decide would reject, found in an older CampaignCreated, fall back to the defaults', () => {
    expect(timerPolicy(null, event.created(withTimers({ rewardClaimWindowSeconds: -1 }))).view).toEqual(timerView());
  });

  it('a redelivered CampaignCreated changes nothing', () => {
    const created = event.created({ startTime: atNow(HOUR_MS), endTime: atNow(25 * HOUR_MS) });
    const [, running] = outcomesOf([created, event.transitioned('CREATED', 'RUNNING', { endTime: atNow(25 * HOUR_MS) })]);
    expect(timerPolicy(running.view, created)).toEqual({ view: running.view, ...NOTHING });
  });
});

describe('given the campaign moves to RUNNING', () => {
  // seed 002: the START_CAMPAIGN timer has nothing left to do once the campaign runs
  it('START_CAMPAIGN is cancelled', () => {
    expect(lastOutcome(campaignIn('RUNNING')).cancel).toEqual([{ timerType: 'START_CAMPAIGN', reason: 'campaign moved to RUNNING' }]);
  });

  // seed 002: campaigns.auto_close, CLOSE_CAMPAIGN timer
  it('auto_close: CLOSE_CAMPAIGN is set at end_time', () => {
    expect(lastOutcome(campaignIn('RUNNING', { created: { durationHours: 36 } })).schedule).toEqual([
      { timerType: 'CLOSE_CAMPAIGN', dueAt: atNow(36 * HOUR_MS) },
    ]);
  });

  // seed 002: campaigns.auto_close
  it('auto_close = false: no CLOSE_CAMPAIGN is set; the campaign is closed by hand', () => {
    expect(lastOutcome(campaignIn('RUNNING', { created: { autoClose: false } })).schedule).toEqual([]);
  });
});

describe('given the campaign moves to CLOSED', () => {
  it('CLOSE_CAMPAIGN is cancelled (the campaign may have been closed early, by hand)', () => {
    expect(typesOf(lastOutcome(closing()).cancel)).toContain('CLOSE_CAMPAIGN');
  });

  // seed 002: rewards_enabled, transition CLOSED → REWARD_CLAIM
  it('rewards_enabled: OPEN_REWARD_CLAIM is set rewardClaimOpensAfterSeconds after the closing', () => {
    expect(lastOutcome(closing()).schedule).toEqual([{ timerType: 'OPEN_REWARD_CLAIM', dueAt: CLOSED_AT }]);
    expect(lastOutcome(closing(withTimers({ rewardClaimOpensAfterSeconds: 600 }))).schedule).toEqual([
      { timerType: 'OPEN_REWARD_CLAIM', dueAt: atNow(DAY_MS + 600 * SECOND_MS) },
    ]);
  });

  // seed 002: rewards_enabled = false — transition CLOSED → EXPIRED, EXPIRE_CAMPAIGN timer
  it('rewards disabled: EXPIRE_CAMPAIGN is set expireAfterCloseSeconds after the closing', () => {
    expect(lastOutcome(closing({ rewardsEnabled: false })).schedule).toEqual([
      { timerType: 'EXPIRE_CAMPAIGN', dueAt: atNow(DAY_MS + DEFAULT_TIMER_SETTINGS.expireAfterCloseSeconds * SECOND_MS) },
    ]);
    expect(lastOutcome(closing({ rewardsEnabled: false, ...withTimers({ expireAfterCloseSeconds: 90 }) })).schedule).toEqual([
      { timerType: 'EXPIRE_CAMPAIGN', dueAt: atNow(DAY_MS + 90 * SECOND_MS) },
    ]);
  });
});

describe('given the campaign moves to REWARD_CLAIM', () => {
  const opened = Date.parse(OPENED_AT);
  const fromOpening = (seconds: number) => new Date(opened + seconds * SECOND_MS).toISOString();

  it('OPEN_REWARD_CLAIM is cancelled (the window may have been opened by hand)', () => {
    expect(lastOutcome(openingClaims()).cancel).toEqual([{ timerType: 'OPEN_REWARD_CLAIM', reason: 'campaign moved to REWARD_CLAIM' }]);
  });

  // seed 002: EXPIRE_CAMPAIGN and REWARD_REMINDER timers, transition REWARD_CLAIM → EXPIRED
  it('EXPIRE_CAMPAIGN is set at the end of the window and REWARD_REMINDER the reminder lead before it', () => {
    const { rewardClaimWindowSeconds: window, rewardReminderBeforeExpirySeconds: lead } = DEFAULT_TIMER_SETTINGS;
    expect(lastOutcome(openingClaims()).schedule).toEqual([
      { timerType: 'EXPIRE_CAMPAIGN', dueAt: fromOpening(window) },
      { timerType: 'REWARD_REMINDER', dueAt: fromOpening(window - lead) },
    ]);
  });

  it('per-campaign metadata.timers override the default window and reminder lead', () => {
    expect(lastOutcome(openingClaims(withTimers({ rewardClaimWindowSeconds: 7200, rewardReminderBeforeExpirySeconds: 1800 }))).schedule).toEqual([
      { timerType: 'EXPIRE_CAMPAIGN', dueAt: fromOpening(7200) },
      { timerType: 'REWARD_REMINDER', dueAt: fromOpening(5400) },
    ]);
  });

  it.each([
    ['shorter than', 600],
    ['as long as', 3600],
  ])('a window %s the reminder lead sends REWARD_REMINDER at the opening, never before it', (_how, window) => {
    const schedule = lastOutcome(openingClaims(withTimers({ rewardClaimWindowSeconds: window, rewardReminderBeforeExpirySeconds: 3600 }))).schedule;
    expect(schedule).toEqual([
      { timerType: 'EXPIRE_CAMPAIGN', dueAt: fromOpening(window) },
      { timerType: 'REWARD_REMINDER', dueAt: OPENED_AT },
    ]);
  });
});

describe.each<CampaignStatus>(['RUNNING', 'CLOSED', 'REWARD_CLAIM'])('given the campaign moves from %s to EXPIRED', (from) => {
  // seed 002: validate_timer_schedule — an EXPIRED campaign has no timers
  it('every timer type is cancelled and none is set', () => {
    const outcome = lastOutcome([...campaignIn(from), event.transitioned(from, 'EXPIRED')]);
    expect([...typesOf(outcome.cancel)].sort()).toEqual([...TIMER_TYPES].sort());
    expect(outcome.schedule).toEqual([]);
    expect(outcome.view?.status).toBe('EXPIRED');
  });
});

describe('given events that move no state', () => {
  it.each<CampaignEvent>([event.joined(), event.engaged(), event.rewardClaimed(), event.reminderIssued()])(
    '$type sets and cancels no timer and keeps the view',
    (fact) => {
      const view = timerView({ status: 'REWARD_CLAIM' });
      expect(timerPolicy(view, fact)).toEqual({ view, ...NOTHING });
    },
  );
});

describe('given a redelivered StateTransitioned', () => {
  it('a transition the view has already taken sets no second CLOSE_CAMPAIGN', () => {
    const events = campaignIn('RUNNING');
    expect(timerPolicy(lastOutcome(events).view, events[1])).toEqual({ view: lastOutcome(events).view, ...NOTHING });
  });

  // seed 002: validate_timer_schedule — 'Cannot schedule timer for expired campaign'
  it('an old transition redelivered after expiry neither revives the campaign nor sets its timers again', () => {
    const events = [...openingClaims(), event.transitioned('REWARD_CLAIM', 'EXPIRED')];
    const expired = lastOutcome(events).view;
    expect(timerPolicy(expired, events[events.length - 2])).toEqual({ view: expired, ...NOTHING });
  });
});

describe('given events for a campaign the scheduler does not know', () => {
  it.each<CampaignEvent>(openingClaims().slice(1))('$type with no view sets and cancels nothing', (unknown) => {
    expect(timerPolicy(null, unknown)).toEqual({ view: null, ...NOTHING });
  });
});

describe('over a whole life, decided command by command', () => {
  const at = (hours: number) => ({ now: atNow(hours * HOUR_MS) });
  const LIVES: Record<string, readonly CampaignCommand[]> = {
    'with rewards': [
      command.create({ startTime: atNow(HOUR_MS) }),
      command.start({ trigger: 'TIMER' }, at(1)),
      command.close({ trigger: 'TIMER' }, at(25)),
      command.openRewardClaim({ trigger: 'TIMER' }, at(25)),
      command.expire({ trigger: 'TIMER' }, at(25 + 7 * 24)),
    ],
    'without rewards, closed early': [
      command.create({ rewardsEnabled: false }),
      command.start({}, at(2)),
      command.close({}, at(3)),
      command.expire({ trigger: 'TIMER' }, at(27)),
    ],
  };

  describe.each(Object.entries(LIVES))('a campaign %s', (_life, commands) => {
    const events = history(campaignDecider, commands);
    const outcomes = outcomesOf(events);

    // seed 002: unique_active_timer_per_type ON campaign_timers(campaign_id, timer_type) WHERE status IN ('PENDING', 'RUNNING')
    it('unique_active_timer_per_type: no timer type is set while one of that type is still pending', () => {
      const pending = new Set<TimerType>();
      for (const { schedule, cancel } of outcomes) {
        for (const { timerType } of cancel) pending.delete(timerType);
        for (const { timerType } of schedule) {
          expect(pending).not.toContain(timerType);
          pending.add(timerType);
        }
      }
      expect(pending.size).toBe(0);
    });

    it('no event cancels a timer type it sets', () => {
      for (const { schedule, cancel } of outcomes) expect(typesOf(cancel).filter((t) => typesOf(schedule).includes(t))).toEqual([]);
    });

    // seed 002: validate_timer_schedule
    it('validate_timer_schedule: every timer the policy sets is valid at the time of the event that asked for it', () => {
      const timeOf = (decided: CampaignEvent) =>
        decided.type === 'StateTransitioned' ? decided.data.transitionedAt : decided.type === 'CampaignCreated' ? decided.data.createdAt : null;
      events.forEach((decided, i) => {
        for (const { dueAt } of outcomes[i].schedule) expect(timerScheduleError(outcomes[i].view!, dueAt, timeOf(decided)!)).toBeNull();
      });
      expect(outcomes.flatMap((o) => o.schedule).length).toBeGreaterThan(0);
    });
  });
});
