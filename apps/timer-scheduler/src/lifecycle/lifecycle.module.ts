import type { lifecycle } from '@campaign/domain';
import { contextScope, sqlIdentifier } from '@campaign/runtime';
import type { TimerSchedulerConfig } from '../config';
import type { TimerContext } from '../shared/timer-context';
import { runCleanup } from './cleanup';
import { lifecycleCommandOf } from './lifecycle-command';
import { LifecycleTimerEvents } from './lifecycle-timer-events';
import { type CampaignEventRecord, lifecyclePlanner, toLifecycleRecord } from './timers.policy';

/**
 * The lifecycle context's timers (seed 002): planned from the campaign events, fired as
 * lifecycle commands, recorded as timer events for the projection's campaign_timers and
 * timer_executions; seed 002's cleanup policies run beside them. Its settings keep the names
 * and values of the first layout as defaults, so an upgrade keeps its tables and offsets.
 */
const settings = {
  /** The projection's lifecycle schema, where seed 002's cleanup policies run. */
  LIFECYCLE_SCHEMA: sqlIdentifier.default('lifecycle'),
};
const projectionSchemaOf = (config: TimerSchedulerConfig) => (config as unknown as { LIFECYCLE_SCHEMA: string }).LIFECYCLE_SCHEMA;

export const lifecycleContext: TimerContext<lifecycle.TimerType, CampaignEventRecord> = {
  name: 'lifecycle',
  defaults: { schema: 'scheduler', group: 'timer-scheduler' },
  settings,
  formerSettings: { schema: 'TIMER_SCHEMA', group: 'SCHEDULER_GROUP' },
  timerEvents: (config) => new LifecycleTimerEvents(config.EVENTSTORE_SCHEMA),
  planning: {
    toRecord: toLifecycleRecord,
    planner: (store, config) => lifecyclePlanner(store, config.TIMER_LOOKAHEAD_MS, config.EVENTSTORE_SCHEMA),
    refusedWarning: 'timers refused by the seed rules; see the dead_letters table',
  },
  commandScopes: [contextScope('lifecycle', 'write')],
  commandOf: lifecycleCommandOf,
  cleanup: (pool, config) => runCleanup(pool, projectionSchemaOf(config)).then((result) => ({ ...result })),
};
