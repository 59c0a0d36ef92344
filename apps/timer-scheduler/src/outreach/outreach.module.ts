import type { outreach } from '@campaign/domain';
import { contextScope } from '@campaign/runtime';
import type { TimerContext } from '../shared/timer-context';
import { outreachCommandOf } from './outreach-command';
import { outreachTimersDdl } from './outreach.schema';
import { type OutreachEventRecord, outreachPlanner, toOutreachRecord } from './timers.policy';

/**
 * The outreach context's timers (seed 004: end_date completion, archival after 90 days,
 * soft-bounce retries), planned from the outreach events and fired as outreach commands with
 * the lifecycle engine's lease, retry and back-off behaviour. No timer events: seed 002's
 * campaign_timers tables are the lifecycle context's. A timer's subject is its campaign, or
 * the contact for a soft-bounce retry; a campaign's listing includes its contacts' timers.
 */
export const outreachContext: TimerContext<outreach.OutreachTimerType, OutreachEventRecord> = {
  name: 'outreach',
  defaults: { schema: 'scheduler_outreach', group: 'timer-scheduler-outreach' },
  formerSettings: { group: 'OUTREACH_SCHEDULER_GROUP' },
  ddl: outreachTimersDdl,
  planning: {
    toRecord: toOutreachRecord,
    planner: (store, config) => outreachPlanner(store, config.TIMER_LOOKAHEAD_MS),
    refusedWarning: 'outreach timers refused (one already active); see the dead_letters table',
  },
  // The scheduler fires timers of every org: it acts as a service of the outreach context.
  commandScopes: [contextScope('outreach', 'service')],
  commandOf: (timer, issuedAt) => outreachCommandOf(timer, issuedAt) ?? `timer ${timer.id} names no org or campaign in its payload`,
  listsPayloadCampaign: true,
};
