/**
 * Which campaign events set and cancel which timers (seed 002's timer-driven lifecycle). Pure:
 * the timer-scheduler folds a campaign's events through `timerPolicy` and stores what it says.
 *
 *   CampaignCreated (start_time set)         → START_CAMPAIGN at start_time
 *   → RUNNING                                 cancels START_CAMPAIGN; CLOSE_CAMPAIGN at end_time when auto_close
 *   → CLOSED                                  cancels CLOSE_CAMPAIGN; rewards on: OPEN_REWARD_CLAIM after
 *                                             rewardClaimOpensAfter; rewards off: EXPIRE_CAMPAIGN after expireAfterClose
 *   → REWARD_CLAIM                            cancels OPEN_REWARD_CLAIM; EXPIRE_CAMPAIGN at the window's end and
 *                                             REWARD_REMINDER rewardReminderBeforeExpiry before it
 *   → EXPIRED                                 cancels every timer
 */
import { parseInstant, toIso } from '../shared/validation';
import type { CampaignEvent, CampaignStatus } from './campaign';
import { PAST_TOLERANCE_MS } from './campaign.decide';
import { DEFAULT_TIMER_SETTINGS, type TimerSettings, timerSettingsOf, type TimerType } from './timers';

/** What the scheduler remembers of a campaign to apply the policy. */
export interface CampaignTimerView {
  readonly campaignId: string;
  readonly status: CampaignStatus;
  readonly autoClose: boolean;
  readonly rewardsEnabled: boolean;
  readonly settings: TimerSettings;
}

export interface TimerToSchedule {
  readonly timerType: TimerType;
  readonly dueAt: string;
}

export interface TimerToCancel {
  readonly timerType: TimerType;
  readonly reason: string;
}

export interface PolicyOutcome {
  readonly view: CampaignTimerView | null;
  readonly schedule: readonly TimerToSchedule[];
  readonly cancel: readonly TimerToCancel[];
}

const ALL_TIMERS: readonly TimerType[] = ['START_CAMPAIGN', 'CLOSE_CAMPAIGN', 'OPEN_REWARD_CLAIM', 'EXPIRE_CAMPAIGN', 'REWARD_REMINDER'];

const after = (at: string, seconds: number): string => toIso((parseInstant(at) as number) + seconds * 1000);

const cancelling = (types: readonly TimerType[], to: CampaignStatus): TimerToCancel[] =>
  types.map((timerType) => ({ timerType, reason: `campaign moved to ${to}` }));

/** The timers a transition into `to` makes due, at times counted from the transition. */
const timersOnEntering = (view: CampaignTimerView, to: CampaignStatus, at: string, endTime: string | null): TimerToSchedule[] => {
  const s = view.settings;
  switch (to) {
    case 'RUNNING':
      return view.autoClose && endTime ? [{ timerType: 'CLOSE_CAMPAIGN', dueAt: endTime }] : [];
    case 'CLOSED':
      return view.rewardsEnabled
        ? [{ timerType: 'OPEN_REWARD_CLAIM', dueAt: after(at, s.rewardClaimOpensAfterSeconds) }]
        : [{ timerType: 'EXPIRE_CAMPAIGN', dueAt: after(at, s.expireAfterCloseSeconds) }];
    case 'REWARD_CLAIM': {
      const expiresAt = after(at, s.rewardClaimWindowSeconds);
      const remindAfter = Math.max(0, s.rewardClaimWindowSeconds - s.rewardReminderBeforeExpirySeconds);
      return [
        { timerType: 'EXPIRE_CAMPAIGN', dueAt: expiresAt },
        { timerType: 'REWARD_REMINDER', dueAt: after(at, remindAfter) },
      ];
    }
    default:
      return [];
  }
};

/** The timers a transition into `to` makes pointless. */
const timersEndedBy = (to: CampaignStatus): readonly TimerType[] => {
  switch (to) {
    case 'RUNNING':
      return ['START_CAMPAIGN'];
    case 'CLOSED':
      return ['START_CAMPAIGN', 'CLOSE_CAMPAIGN'];
    case 'REWARD_CLAIM':
      return ['OPEN_REWARD_CLAIM'];
    case 'EXPIRED':
      return ALL_TIMERS;
    default:
      return [];
  }
};

export const timerPolicy = (view: CampaignTimerView | null, event: CampaignEvent): PolicyOutcome => {
  if (event.type === 'CampaignCreated') {
    if (view) return { view, schedule: [], cancel: [] };
    const { campaignId, autoClose, rewardsEnabled, startTime, metadata } = event.data;
    const settings = timerSettingsOf(metadata);
    const created: CampaignTimerView = {
      campaignId,
      status: 'CREATED',
      autoClose,
      rewardsEnabled,
      settings: typeof settings === 'string' ? DEFAULT_TIMER_SETTINGS : settings,
    };
    return { view: created, schedule: startTime ? [{ timerType: 'START_CAMPAIGN', dueAt: startTime }] : [], cancel: [] };
  }
  if (event.type !== 'StateTransitioned' || !view) return { view, schedule: [], cancel: [] };
  const { from, to, transitionedAt, endTime } = event.data;
  // Delivery is at least once: a transition from a state the view has left was applied already,
  // and applying it again would set its timers twice, or revive an EXPIRED campaign.
  if (from !== view.status) return { view, schedule: [], cancel: [] };
  const next: CampaignTimerView = { ...view, status: to };
  return { view: next, schedule: timersOnEntering(next, to, transitionedAt, endTime), cancel: cancelling(timersEndedBy(to), to) };
};

/**
 * seed 002 validate_timer_schedule(): no timer for an EXPIRED campaign, and none scheduled in
 * the past beyond a 1-minute tolerance — the past measured from the event that asked for it,
 * so that timers which came due while the scheduler was down still fire when it returns.
 */
export const timerScheduleError = (view: CampaignTimerView, dueAt: string, decidedAt: string): string | null => {
  if (view.status === 'EXPIRED') return `Cannot schedule timer for expired campaign: ${view.campaignId}`;
  const due = parseInstant(dueAt);
  const decided = parseInstant(decidedAt);
  if (due === null || decided === null) return `Cannot schedule timer at ${dueAt}`;
  if (due < decided - PAST_TOLERANCE_MS) return `Cannot schedule timer in the past: ${dueAt}`;
  return null;
};
