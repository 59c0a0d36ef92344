import { parseInstant, toIso } from '../shared/validation';
import { accepted, given } from '../testing';
import type { CampaignCreated, CampaignEvent, StateTransitioned } from './campaign';
import { campaignDecider, MAX_DURATION_HOURS } from './campaign.decide';
import { campaignIn, HOUR_MS, lifecycleCommand as command } from './testing';
import { MAX_TIMER_SETTING_SECONDS, TIMER_COMMANDS } from './timers';
import { type CampaignTimerView, timerPolicy, type TimerToSchedule } from './timers.policy';

const whenCreating = (data: Parameters<typeof command.create>[0]) => given(campaignDecider).when(command.create(data));
const LATEST = Date.UTC(3000, 0, 1);

/** Every timer the policy derives from `events`, in order. */
const timersOf = (events: readonly CampaignEvent[]): TimerToSchedule[] => {
  let view: CampaignTimerView | null = null;
  const timers: TimerToSchedule[] = [];
  for (const event of events) {
    const outcome = timerPolicy(view, event);
    view = outcome.view;
    timers.push(...outcome.schedule);
  }
  return timers;
};

describe('instant bounds: every instant a campaign is created with can be stored and read back', () => {
  it.each([
    ['9999-12-31T23:59:59Z', 1],
    ['3000-01-01T00:00:00Z', 1],
    ['2999-12-31T23:59:59.999Z', 1],
  ])('a start_time of %s with duration_hours %s (ending in year 3000 or later) is rejected as INVALID_START_TIME', (startTime, durationHours) => {
    whenCreating({ startTime, durationHours }).thenRejects('INVALID_START_TIME', { details: { startTime, durationHours } });
  });

  it('a start_time before year 2000 is rejected as INVALID_START_TIME, even by a clock set back that far', () => {
    const decision = given(campaignDecider).when(command.create({ startTime: '1999-12-31T12:00:00Z' }, { now: '1999-12-31T00:00:00.000Z' }));
    decision.thenRejects('INVALID_START_TIME');
  });

  it('a start_time whose end time (start_time + duration_hours) reaches year 3000 is rejected, though the start alone fits', () => {
    const startTime = toIso(LATEST - MAX_DURATION_HOURS * HOUR_MS);
    whenCreating({ startTime, durationHours: MAX_DURATION_HOURS }).thenRejects('INVALID_START_TIME');
    expect(accepted(whenCreating({ startTime, durationHours: MAX_DURATION_HOURS - 1 }))).toHaveLength(1);
  });

  it('the latest start_time accepted ends just before year 3000, with an end_time written in four-digit years', () => {
    const startTime = toIso(LATEST - HOUR_MS - 1);
    const [created] = accepted(whenCreating({ startTime, durationHours: 1 })) as CampaignCreated[];
    expect(created.data.endTime).toBe('2999-12-31T23:59:59.999Z');
    expect(parseInstant(created.data.endTime)).not.toBeNull();
  });

  it('every timer derived from the latest accepted campaign is an instant the deciders can read back', () => {
    const startTime = toIso(LATEST - MAX_DURATION_HOURS * HOUR_MS - 1);
    const settings = { rewardClaimOpensAfterSeconds: MAX_TIMER_SETTING_SECONDS, rewardClaimWindowSeconds: MAX_TIMER_SETTING_SECONDS };
    let events: CampaignEvent[] = [...accepted(whenCreating({ startTime, durationHours: MAX_DURATION_HOURS - 1, metadata: { timers: settings } }))];
    // Each timer fires at its due time, and the command it sends is judged at that instant.
    for (const timerType of ['START_CAMPAIGN', 'CLOSE_CAMPAIGN', 'OPEN_REWARD_CLAIM', 'EXPIRE_CAMPAIGN'] as const) {
      const timer = timersOf(events).find((t) => t.timerType === timerType) as TimerToSchedule;
      const type = TIMER_COMMANDS[timerType] as Exclude<(typeof TIMER_COMMANDS)[typeof timerType], 'RemindRewardClaim'>;
      events = [...events, ...accepted(given(campaignDecider, events).when(command.transition(type, { trigger: 'TIMER' }, { now: timer.dueAt })))];
    }
    expect((events.at(-1) as StateTransitioned).data.to).toBe('EXPIRED');
    const timers = timersOf(events);
    expect(timers).toHaveLength(5);
    for (const { dueAt } of timers) expect(toIso(parseInstant(dueAt) as number)).toBe(dueAt);
  });
});

describe('storable text: a command whose text PostgreSQL cannot hold is rejected whatever its door', () => {
  it.each([
    ['U+0000 in metadata', { metadata: { name: 'a\u0000b' } }, 'metadata.name'],
    ['a lone surrogate in a metadata key', { metadata: { ['k\ud800']: 1 } }, 'metadata.k\ud800'],
    ['U+0000 in a metadata array', { metadata: { tags: ['ok', '\u0000'] } }, 'metadata.tags.1'],
  ])('CreateCampaign with %s is rejected as INVALID_TEXT, naming the field', (_, data, field) => {
    whenCreating(data).thenRejects('INVALID_TEXT', { details: { field } });
  });

  it('a transition reason, a participant id and an engagement type with U+0000 or a lone surrogate are rejected as INVALID_TEXT', () => {
    const running = campaignIn('RUNNING');
    given(campaignDecider, campaignIn('CREATED'))
      .when(command.start({ reason: 'go\u0000' }))
      .thenRejects('INVALID_TEXT');
    given(campaignDecider, running)
      .when(command.join({ participantId: 'p\udfff' }))
      .thenRejects('INVALID_TEXT');
    given(campaignDecider, running)
      .when(command.engage({ engagementType: 'view\u0000' }))
      .thenRejects('INVALID_TEXT');
  });

  it('text outside the Basic Multilingual Plane, written as surrogate pairs, is accepted', () => {
    expect(accepted(whenCreating({ metadata: { name: 'Spring 🌱 漢字' } }))).toHaveLength(1);
  });
});
