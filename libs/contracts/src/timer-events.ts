import { lifecycle } from '@campaign/domain';
import { CONTRACT_VERSIONS, validateEventData } from './registry';

/**
 * How seed 002's timer events are written: on the timer's own stream, with the lifecycle
 * contract's versions and checks (the timer-scheduler's event log, and the timers bench that
 * pays what it pays). Shaped as @campaign/timers' TimerEventContract.
 */
export const lifecycleTimerEvents = {
  context: 'lifecycle',
  streamIdOf: lifecycle.timerStreamId,
  schemaVersionOf: (type: string): number => CONTRACT_VERSIONS.lifecycle.events[type],
  validate: (type: string, data: unknown): void => validateEventData('lifecycle', type, data),
} as const;
