/**
 * The campaign timers of the lifecycle context (seed 002 `campaign_timers`, `timer_executions`):
 * their types, the settings a campaign can give them, the events the timer-scheduler records
 * about them, and the command each one sends when it comes due.
 */
import type { Event } from '../shared/decider';
import { isPlainObject } from '../shared/validation';

// seed 002: valid_timer_type CHECK (timer_type IN ('START_CAMPAIGN', 'CLOSE_CAMPAIGN',
// 'EXPIRE_CAMPAIGN', 'REWARD_REMINDER')). OPEN_REWARD_CLAIM is added: CLOSED → REWARD_CLAIM
// is a seed transition that a campaign driven by timers alone must also be able to take.
export const TIMER_TYPES = ['START_CAMPAIGN', 'CLOSE_CAMPAIGN', 'OPEN_REWARD_CLAIM', 'EXPIRE_CAMPAIGN', 'REWARD_REMINDER'] as const;
export type TimerType = (typeof TIMER_TYPES)[number];

// seed 002: valid_timer_status CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'))
export const TIMER_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];

/** seed 002: valid_retry_count CHECK (retry_count >= 0 AND retry_count <= 5). */
export const MAX_TIMER_RETRIES = 5;

/**
 * How long the phases after the run last, per campaign, in whole seconds. A campaign sets any
 * of them in `metadata.timers` at creation; the rest take these defaults.
 */
export interface TimerSettings {
  /** From CLOSED to the reward-claim window opening (rewards enabled). */
  readonly rewardClaimOpensAfterSeconds: number;
  /** How long the reward-claim window stays open before EXPIRE_CAMPAIGN. */
  readonly rewardClaimWindowSeconds: number;
  /** REWARD_REMINDER fires this long before the window closes (or when it opens, if shorter). */
  readonly rewardReminderBeforeExpirySeconds: number;
  /** From CLOSED to EXPIRE_CAMPAIGN when rewards are disabled. */
  readonly expireAfterCloseSeconds: number;
}

export const DEFAULT_TIMER_SETTINGS: TimerSettings = {
  rewardClaimOpensAfterSeconds: 0,
  rewardClaimWindowSeconds: 7 * 24 * 3600,
  rewardReminderBeforeExpirySeconds: 24 * 3600,
  expireAfterCloseSeconds: 24 * 3600,
};

const SETTING_KEYS = Object.keys(DEFAULT_TIMER_SETTINGS) as (keyof TimerSettings)[];
/** Ten years: long enough for any campaign, short enough to stay a valid timestamp. */
export const MAX_TIMER_SETTING_SECONDS = 10 * 365 * 24 * 3600;

/**
 * The settings in a campaign's metadata (`metadata.timers`), merged over the defaults; a
 * message naming the first bad key when they are not whole seconds in range.
 */
export const timerSettingsOf = (metadata: Readonly<Record<string, unknown>>): TimerSettings | string => {
  const given = metadata.timers;
  if (given === undefined) return DEFAULT_TIMER_SETTINGS;
  if (!isPlainObject(given)) return 'metadata.timers must be an object';
  const settings: Record<string, number> = { ...DEFAULT_TIMER_SETTINGS };
  for (const [key, value] of Object.entries(given)) {
    if (!SETTING_KEYS.includes(key as keyof TimerSettings)) return `metadata.timers.${key} is not a timer setting (${SETTING_KEYS.join(', ')})`;
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_TIMER_SETTING_SECONDS) {
      return `metadata.timers.${key} must be whole seconds from 0 to ${MAX_TIMER_SETTING_SECONDS}`;
    }
    settings[key] = value as number;
  }
  return settings as unknown as TimerSettings;
};

/** What one timer sends when it fires: a lifecycle command, with trigger TIMER where it has one. */
export const TIMER_COMMANDS = {
  START_CAMPAIGN: 'StartCampaign',
  CLOSE_CAMPAIGN: 'CloseCampaign',
  OPEN_REWARD_CLAIM: 'OpenRewardClaim',
  EXPIRE_CAMPAIGN: 'ExpireCampaign',
  REWARD_REMINDER: 'RemindRewardClaim',
} as const satisfies Record<TimerType, string>;

export const timerCommandOf = (timerType: TimerType, campaignId: string) => {
  const type = TIMER_COMMANDS[timerType];
  const data = type === 'RemindRewardClaim' ? { campaignId } : { campaignId, trigger: 'TIMER' as const, reason: `timer ${timerType}` };
  return { type, data };
};

// --- what the timer-scheduler records ------------------------------------------------------

export type TimerScheduled = Event<
  'TimerScheduled',
  {
    readonly timerId: string;
    readonly campaignId: string;
    readonly timerType: TimerType;
    readonly scheduledAt: string;
    readonly payload: Readonly<Record<string, unknown>>;
    readonly createdAt: string;
  }
>;

export type TimerCancelled = Event<
  'TimerCancelled',
  { readonly timerId: string; readonly campaignId: string; readonly timerType: TimerType; readonly reason: string; readonly cancelledAt: string }
>;

export type TimerExecutionStarted = Event<
  'TimerExecutionStarted',
  {
    readonly timerId: string;
    readonly campaignId: string;
    readonly timerType: TimerType;
    readonly executionId: string;
    readonly attempt: number;
    readonly startedAt: string;
  }
>;

export type TimerExecutionCompleted = Event<
  'TimerExecutionCompleted',
  {
    readonly timerId: string;
    readonly campaignId: string;
    readonly timerType: TimerType;
    readonly executionId: string;
    readonly result: Readonly<Record<string, unknown>>;
    readonly completedAt: string;
    readonly executionTimeMs: number;
  }
>;

export type TimerExecutionFailed = Event<
  'TimerExecutionFailed',
  {
    readonly timerId: string;
    readonly campaignId: string;
    readonly timerType: TimerType;
    readonly executionId: string;
    readonly error: string;
    /** Retries used so far, this failure included when another attempt follows. */
    readonly retryCount: number;
    /** When the next attempt is due; null when the timer has failed for good. */
    readonly nextAttemptAt: string | null;
    readonly completedAt: string;
    readonly executionTimeMs: number;
  }
>;

export type TimerEvent = TimerScheduled | TimerCancelled | TimerExecutionStarted | TimerExecutionCompleted | TimerExecutionFailed;
export type TimerEventType = TimerEvent['type'];

export const TIMER_EVENT_TYPES: readonly TimerEventType[] = [
  'TimerScheduled',
  'TimerCancelled',
  'TimerExecutionStarted',
  'TimerExecutionCompleted',
  'TimerExecutionFailed',
];

/**
 * A timer's events form a stream of their own, named under its campaign's stream so that a
 * partition key of `campaign-<id>` keeps them in order with the campaign's events.
 */
export const timerStreamId = (campaignId: string, timerId: string): string => `campaign-${campaignId}/timer-${timerId}`;

/**
 * seed 002 retry policy: exponential backoff, at most MAX_TIMER_RETRIES retries. The delay
 * before retry n (1-based) is base · 2^(n-1), capped.
 */
export const retryDelayMs = (retry: number, baseMs = 1_000, capMs = 5 * 60_000): number => Math.min(capMs, baseMs * 2 ** (retry - 1));
