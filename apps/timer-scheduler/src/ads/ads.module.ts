import { ads } from '@campaign/domain';
import { contextScope, z } from '@campaign/runtime';
import type { TimerContext } from '../shared/timer-context';
import { adsCommandOf } from './ads-command';
import { adsTimersDdl } from './ads.schema';
import { AdsTimerPlanner, type AdsEventRecord, toAdsRecord } from './ads-timers.policy';

/** Settings of the ads timers (issue 12 point 6: the result window is configurable). */
const settings = {
  ADS_RESULT_WINDOW_MS: z.coerce.number().int().positive().default(ads.ADS_RESULT_WINDOW_MS),
  /** How long a sync's request waits for the timer that fired it to finish (see AdsTimerPlanner). */
  ADS_SYNC_PLAN_WAIT_MS: z.coerce.number().int().nonnegative().default(30_000),
};

const setting = (config: object, name: keyof typeof settings): number => Number((config as Record<string, unknown>)[name] ?? settings[name].parse(undefined));

/**
 * The ads context's timers (seed 003: each connected account synced every 15 minutes; issue 12:
 * actions waiting for approval expire, failed actions are retried, a recommendation's result is
 * measured a window after its execution), planned from the ads events and fired as ads
 * commands. A timer's subject is its account, action or recommendation; no timer events.
 */
export const adsContext: TimerContext<ads.AdsTimerType, AdsEventRecord> = {
  name: 'ads',
  defaults: { schema: 'scheduler_ads', group: 'timer-scheduler-ads' },
  settings,
  ddl: adsTimersDdl,
  planning: {
    toRecord: toAdsRecord,
    planner: (store, config) =>
      new AdsTimerPlanner(store, config.TIMER_LOOKAHEAD_MS, setting(config, 'ADS_RESULT_WINDOW_MS'), setting(config, 'ADS_SYNC_PLAN_WAIT_MS')),
    refusedWarning: 'ads timers refused (one already active); see the dead_letters table',
  },
  // The scheduler fires timers of every org: it acts as a service of the ads context (its Kafka door requires ads:service and a tenant).
  commandScopes: [contextScope('ads', 'service')],
  commandOf: (timer, issuedAt) => adsCommandOf(timer, issuedAt) ?? `timer ${timer.id} names no org or subject in its payload`,
};
