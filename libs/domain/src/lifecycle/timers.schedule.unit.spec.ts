/**
 * seed 002 validate_timer_schedule(): the checks the timer-scheduler makes before it stores a
 * timer the policy asked for.
 */
import { CAMPAIGN_STATUSES } from './campaign';
import { PAST_TOLERANCE_MS } from './campaign.decide';
import { atNow, CAMPAIGN_ID, HOUR_MS, NOW, timerView } from './testing';
import { timerScheduleError } from './timers.policy';

const DAY_MS = 24 * HOUR_MS;

describe('timerScheduleError (seed 002 validate_timer_schedule)', () => {
  afterEach(() => jest.useRealTimers());

  // seed 002: validate_timer_schedule — 'Cannot schedule timer for expired campaign: %'
  it('no timer is scheduled for an EXPIRED campaign, however far ahead', () => {
    expect(timerScheduleError(timerView({ status: 'EXPIRED' }), atNow(DAY_MS), NOW)).toBe(`Cannot schedule timer for expired campaign: ${CAMPAIGN_ID}`);
  });

  it.each(CAMPAIGN_STATUSES.filter((s) => s !== 'EXPIRED'))('a future timer for a %s campaign is fine', (status) => {
    expect(timerScheduleError(timerView({ status }), atNow(HOUR_MS), NOW)).toBeNull();
  });

  // seed 002: validate_timer_schedule — scheduled_at < NOW() - INTERVAL '1 minute' is rejected
  it('no timer is scheduled more than 1 minute in the past of the deciding event', () => {
    const dueAt = atNow(-PAST_TOLERANCE_MS - 1);
    expect(timerScheduleError(timerView(), dueAt, NOW)).toBe(`Cannot schedule timer in the past: ${dueAt}`);
  });

  // seed 002: validate_timer_schedule — (with 1 minute tolerance)
  it.each([-PAST_TOLERANCE_MS, -1, 0])('a timer due %p ms from the deciding event is within the 1 minute tolerance', (offset) => {
    expect(timerScheduleError(timerView(), atNow(offset), NOW)).toBeNull();
  });

  it('a timer that came due while the scheduler was down is still scheduled, so that it fires on return', () => {
    jest.useFakeTimers().setSystemTime(Date.parse(NOW) + 3 * HOUR_MS);
    expect(timerScheduleError(timerView(), atNow(HOUR_MS), NOW)).toBeNull();
    expect(timerScheduleError(timerView(), atNow(-PAST_TOLERANCE_MS), NOW)).toBeNull();
  });

  it.each([
    ['dueAt', 'tomorrow', NOW],
    ['decidedAt', NOW, '2026-04-01'],
  ])('a %s that is not an ISO instant is refused', (_which, dueAt, decidedAt) => {
    expect(timerScheduleError(timerView(), dueAt, decidedAt)).toBe(`Cannot schedule timer at ${dueAt}`);
  });
});
