import { json, optional, timestamp } from '../avro';

/**
 * Avro schemas of the timer events the timer-scheduler records (seed 002 `campaign_timers`,
 * `timer_executions`). They travel on the lifecycle events topic, keyed by their campaign's
 * stream, so a consumer sees a timer after the campaign event that set it.
 */
const NS = 'campaign.lifecycle.timers';

const timerType = {
  type: 'enum',
  name: 'TimerType',
  namespace: 'campaign.lifecycle',
  symbols: ['START_CAMPAIGN', 'CLOSE_CAMPAIGN', 'OPEN_REWARD_CLAIM', 'EXPIRE_CAMPAIGN', 'REWARD_REMINDER'],
} as const;

/** Every timer event names its timer, its campaign and the timer's type first. */
const record = (name: string, fields: readonly object[]) => ({
  version: 1,
  schema: {
    type: 'record',
    name,
    namespace: NS,
    fields: [{ name: 'timerId', type: 'string' }, { name: 'campaignId', type: 'string' }, { name: 'timerType', type: timerType }, ...fields],
  },
});

export const timerEventSchemas = {
  TimerScheduled: record('TimerScheduled', [
    { name: 'scheduledAt', type: timestamp },
    { name: 'payload', type: json },
    { name: 'createdAt', type: timestamp },
  ]),
  TimerCancelled: record('TimerCancelled', [
    { name: 'reason', type: 'string' },
    { name: 'cancelledAt', type: timestamp },
  ]),
  TimerExecutionStarted: record('TimerExecutionStarted', [
    { name: 'executionId', type: 'string' },
    { name: 'attempt', type: 'int' },
    { name: 'startedAt', type: timestamp },
  ]),
  TimerExecutionCompleted: record('TimerExecutionCompleted', [
    { name: 'executionId', type: 'string' },
    { name: 'result', type: json },
    { name: 'completedAt', type: timestamp },
    { name: 'executionTimeMs', type: 'int' },
  ]),
  TimerExecutionFailed: record('TimerExecutionFailed', [
    { name: 'executionId', type: 'string' },
    { name: 'error', type: 'string' },
    { name: 'retryCount', type: 'int' },
    { name: 'nextAttemptAt', ...optional(timestamp) },
    { name: 'completedAt', type: timestamp },
    { name: 'executionTimeMs', type: 'int' },
  ]),
} as const;
