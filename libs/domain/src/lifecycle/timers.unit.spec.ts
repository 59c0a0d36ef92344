/**
 * The campaign timers themselves: their types and statuses, the settings a campaign gives them,
 * the command each sends when it fires, and the retry policy (seed 002 campaign_timers).
 */
import { accepted, given, unchecked } from '../testing';
import { campaignStreamId, type CampaignEvent, type CampaignStatus } from './campaign';
import { type CampaignCommand, campaignDecider } from './campaign.decide';
import { atNow, CAMPAIGN_ID, campaignIn, COMMAND_METADATA, HOUR_MS, lifecycleEvent as event, NOW } from './testing';
import {
  DEFAULT_TIMER_SETTINGS,
  MAX_TIMER_RETRIES,
  MAX_TIMER_SETTING_SECONDS,
  retryDelayMs,
  TIMER_STATUSES,
  TIMER_TYPES,
  timerCommandOf,
  timerSettingsOf,
  timerStreamId,
  type TimerType,
} from './timers';

const KEYS = 'rewardClaimOpensAfterSeconds, rewardClaimWindowSeconds, rewardReminderBeforeExpirySeconds, expireAfterCloseSeconds';

describe('timer types and statuses', () => {
  // seed 002: valid_timer_type CHECK (timer_type IN ('START_CAMPAIGN', 'CLOSE_CAMPAIGN', 'EXPIRE_CAMPAIGN', 'REWARD_REMINDER'))
  it("valid_timer_type: the seed's four timer types, and OPEN_REWARD_CLAIM for the CLOSED → REWARD_CLAIM transition", () => {
    expect([...TIMER_TYPES].sort()).toEqual(['CLOSE_CAMPAIGN', 'EXPIRE_CAMPAIGN', 'OPEN_REWARD_CLAIM', 'REWARD_REMINDER', 'START_CAMPAIGN']);
  });

  // seed 002: valid_timer_status CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'))
  it("valid_timer_status: the seed's five timer statuses", () => {
    expect(TIMER_STATUSES).toEqual(['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED']);
  });

  it("a timer's stream lies under its campaign's stream, so both share the campaign's partition key", () => {
    expect(timerStreamId(CAMPAIGN_ID, 'timer-1')).toBe(`${campaignStreamId(CAMPAIGN_ID)}/timer-timer-1`);
  });
});

describe('timerSettingsOf(metadata)', () => {
  it('a campaign without metadata.timers takes the defaults', () => {
    expect(timerSettingsOf({ name: 'Spring' })).toEqual(DEFAULT_TIMER_SETTINGS);
  });

  it('a partial override replaces the settings it names and keeps the defaults for the rest', () => {
    expect(timerSettingsOf({ timers: { rewardClaimWindowSeconds: 3600, expireAfterCloseSeconds: 0 } })).toEqual({
      ...DEFAULT_TIMER_SETTINGS,
      rewardClaimWindowSeconds: 3600,
      expireAfterCloseSeconds: 0,
    });
  });

  it.each([0, 1, MAX_TIMER_SETTING_SECONDS])('%p seconds, whole and in range, is a valid setting', (seconds) => {
    expect(timerSettingsOf({ timers: { rewardReminderBeforeExpirySeconds: seconds } })).toEqual({
      ...DEFAULT_TIMER_SETTINGS,
      rewardReminderBeforeExpirySeconds: seconds,
    });
  });

  it('an unknown key is refused, naming the settings there are', () => {
    expect(timerSettingsOf({ timers: { rewardClaimWindowSeconds: 60, closeAfterSeconds: 60 } })).toBe(
      `metadata.timers.closeAfterSeconds is not a timer setting (${KEYS})`,
    );
  });

  it.each([
    ['negative', -1],
    ['a fraction', 1.5],
    ['too large', MAX_TIMER_SETTING_SECONDS + 1],
    ['a numeric string', '60'],
    ['null', null],
    ['not finite', Number.POSITIVE_INFINITY],
  ])('a setting that is %s is refused', (_what, seconds) => {
    expect(timerSettingsOf({ timers: { expireAfterCloseSeconds: seconds } })).toBe(
      `metadata.timers.expireAfterCloseSeconds must be whole seconds from 0 to ${MAX_TIMER_SETTING_SECONDS}`,
    );
  });

  it.each([[null], [[3600]], ['3600']])('metadata.timers = %p, not an object, is refused', (timers) => {
    expect(timerSettingsOf({ timers: unchecked(timers) })).toBe('metadata.timers must be an object');
  });
});

describe('timerCommandOf(timerType)', () => {
  const commandOf = (timerType: TimerType) => unchecked<CampaignCommand>({ ...timerCommandOf(timerType, CAMPAIGN_ID), metadata: COMMAND_METADATA });

  const byTimer = (timerType: TimerType, from: CampaignStatus, to: CampaignStatus, window = {}) =>
    event.transitioned(from, to, { trigger: 'TIMER', reason: `timer ${timerType}`, ...window });

  // Each timer fires in the state the policy sets it in; its command must then be accepted there.
  it.each<[TimerType, CampaignStatus, CampaignEvent]>([
    ['START_CAMPAIGN', 'CREATED', byTimer('START_CAMPAIGN', 'CREATED', 'RUNNING', { startTime: NOW, endTime: atNow(24 * HOUR_MS) })],
    ['CLOSE_CAMPAIGN', 'RUNNING', byTimer('CLOSE_CAMPAIGN', 'RUNNING', 'CLOSED')],
    ['OPEN_REWARD_CLAIM', 'CLOSED', byTimer('OPEN_REWARD_CLAIM', 'CLOSED', 'REWARD_CLAIM')],
    ['EXPIRE_CAMPAIGN', 'REWARD_CLAIM', byTimer('EXPIRE_CAMPAIGN', 'REWARD_CLAIM', 'EXPIRED')],
    ['REWARD_REMINDER', 'REWARD_CLAIM', event.reminderIssued()],
  ])('%s sends the command a %s campaign accepts, a transition with trigger TIMER', (timerType, status, recorded) => {
    given(campaignDecider, campaignIn(status)).when(commandOf(timerType)).then([recorded]);
  });

  // seed 002: rewards_enabled = false — CLOSED → EXPIRED directly
  it('EXPIRE_CAMPAIGN is also accepted by a CLOSED campaign without rewards', () => {
    const closed = campaignIn('CLOSED', { created: { rewardsEnabled: false } });
    expect(accepted(given(campaignDecider, closed).when(commandOf('EXPIRE_CAMPAIGN')))).toMatchObject([{ data: { to: 'EXPIRED', trigger: 'TIMER' } }]);
  });
});

describe('retry policy', () => {
  // seed 002: valid_retry_count CHECK (retry_count >= 0 AND retry_count <= 5)
  it('valid_retry_count: a timer is retried at most 5 times', () => {
    expect(MAX_TIMER_RETRIES).toBe(5);
  });

  it('the delay before each retry doubles, from 1 second', () => {
    const retries = Array.from({ length: MAX_TIMER_RETRIES }, (_, i) => i + 1);
    expect(retries.map((retry) => retryDelayMs(retry))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('the delay is capped, at 5 minutes by default', () => {
    expect(retryDelayMs(30)).toBe(5 * 60_000);
    expect(retryDelayMs(3, 100_000, 250_000)).toBe(250_000);
    expect(retryDelayMs(2, 100_000, 250_000)).toBe(200_000);
  });
});
