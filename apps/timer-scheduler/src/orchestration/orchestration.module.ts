import type { orchestration } from '@campaign/domain';
import { contextScope } from '@campaign/runtime';
import { TimerPlanner } from '@campaign/timers';
import type { TimerContext } from '../shared/timer-context';
import { orchestrationCommandOf } from './orchestration-command';
import { type OrchestrationEventRecord, orchestrationPolicy, toOrchestrationRecord } from './orchestration-timers.policy';
import { orchestrationTimersDdl } from './orchestration.schema';

/**
 * The orchestration context's timers (docs/orchestration.md "Timers"): a step attempt's timeout
 * and its retry after back-off, a content's scheduled publication, the release of a finished
 * workflow from its orchestrator (seed 000 RESTRICT) and the step reactor's content — planned
 * from the orchestration events and fired as orchestration commands. No timer events.
 */
export const orchestrationContext: TimerContext<orchestration.OrchestrationTimerType, OrchestrationEventRecord> = {
  name: 'orchestration',
  defaults: { schema: 'scheduler_orchestration', group: 'timer-scheduler-orchestration' },
  ddl: orchestrationTimersDdl,
  planning: {
    toRecord: toOrchestrationRecord,
    planner: (store, config) => new TimerPlanner(store, orchestrationPolicy, config.TIMER_LOOKAHEAD_MS),
    refusedWarning: 'orchestration timers refused (one already active); see the dead_letters table',
  },
  // The scheduler fires timers of every org: it acts as a service of the context (TimeOutStep, RetryStep, ReleaseWorkflow are services' only).
  commandScopes: [contextScope('orchestration', 'service')],
  commandOf: (timer, issuedAt) => orchestrationCommandOf(timer, issuedAt) ?? `timer ${timer.id} names no org or command in its payload`,
  // Subjects are steps' attempts, contents and workflows: a campaign's listing finds them by the campaign their payload names.
  listsPayloadCampaign: true,
};
