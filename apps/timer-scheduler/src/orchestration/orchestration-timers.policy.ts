import { type EventEnvelope, orchestration as orchestrationWire } from '@campaign/contracts';
import { orchestration } from '@campaign/domain';
import { type PolicyDecision, type PolicySubject, type TimerPolicy, timerIdFor } from '@campaign/timers';
import { ORCHESTRATION_SUBJECT_TABLES } from './orchestration.schema';

/** An orchestration event as the scheduler reads it from the bus. */
export interface OrchestrationEventRecord {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly occurredAt: string;
  readonly event: orchestration.OrchestrationTimerEvent;
}

/** What the scheduler remembers of a subject: the org its timers' commands act in. */
export interface OrchestrationTimerView {
  readonly orgId: string;
  readonly subject: string;
}

const POLICY_EVENTS: ReadonlySet<string> = new Set(orchestration.ORCHESTRATION_TIMER_EVENTS);

export const toOrchestrationRecord = (envelope: EventEnvelope): OrchestrationEventRecord | null =>
  POLICY_EVENTS.has(envelope.type)
    ? {
        eventId: envelope.eventId,
        streamId: envelope.streamId,
        streamVersion: envelope.streamVersion,
        occurredAt: envelope.occurredAt,
        event: { type: envelope.type, data: envelope.data } as orchestration.OrchestrationTimerEvent,
      }
    : null;

/** The domain's policy; a step's content is named by the contract's stepContentId. */
const outcomeOf = ({ event }: OrchestrationEventRecord) => orchestration.orchestrationTimerPolicy(event, orchestrationWire.stepContentId);

/**
 * The timer store's subject (a UUID; one active timer per subject and type, seed 002). A step's
 * timers belong to one attempt: attempt n+1's timeout or retry is set while attempt n's timer
 * may still be finishing (its command's result on its way), and must not be refused for it.
 */
const subjectOf = (record: OrchestrationEventRecord): PolicySubject | null => {
  const outcome = outcomeOf(record);
  if (!outcome) return null;
  const { kind, id } = outcome.subject;
  const attempt = kind === 'step' ? `#${(record.event.data as { attempt: number }).attempt}` : '';
  // A name-based UUID (the timers' own SHA-1 helper) of the kind and the domain's subject name.
  return { table: ORCHESTRATION_SUBJECT_TABLES[kind], key: 'subject_id', id: timerIdFor(`${id}${attempt}`, `orchestration-${kind}`) };
};

/**
 * The domain's policy as timer writes. Each timer carries the command it sends (and the org, its
 * tenant), so firing reads nothing else, and its campaign, so that a campaign's listing shows
 * its steps' and content's timers. A subject is remembered from its first timer: an event that
 * only cancels, for a subject never given one, has nothing to cancel.
 */
const decide = (view: OrchestrationTimerView | null, record: OrchestrationEventRecord): PolicyDecision<OrchestrationTimerView> => {
  const outcome = outcomeOf(record);
  if (!outcome || (view === null && outcome.schedule.length === 0)) return { view: null, cancel: [], schedule: [] };
  const { orgId, id } = outcome.subject;
  const schedule = outcome.schedule.map((timer) => ({
    timerType: timer.timerType,
    dueAt: timer.dueAt,
    payload: { orgId, campaignId: record.event.data.campaignId, command: timer.command, causedBy: record.eventId },
  }));
  return { view: { orgId, subject: id }, cancel: outcome.cancel, schedule };
};

export const orchestrationPolicy: TimerPolicy<OrchestrationEventRecord, OrchestrationTimerView> = { subjectOf, decide };
