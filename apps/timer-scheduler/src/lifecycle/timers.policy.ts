import type { EventEnvelope } from '@campaign/contracts';
import { lifecycle } from '@campaign/domain';
import { quoteIdent } from '@campaign/eventstore';
import { type PolicyDecision, type ScheduledOrRefused, TimerPlanner, type TimerPolicy, type TimerStore } from '@campaign/timers';
import type { PoolClient } from 'pg';

/** A campaign event as the scheduler reads it from the bus. */
export interface CampaignEventRecord {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly event: lifecycle.CampaignEvent;
}

/** The campaign events the timer policy reacts to; a campaign's other events change no timer. */
export const TIMER_POLICY_EVENTS: readonly string[] = ['CampaignCreated', 'StateTransitioned'];
const POLICY_EVENTS = new Set(TIMER_POLICY_EVENTS);

/** A campaign's own events (not its timers' sub-streams) that the timer policy reacts to. */
export const toLifecycleRecord = (envelope: EventEnvelope): CampaignEventRecord | null =>
  envelope.streamId.includes('/') || !POLICY_EVENTS.has(envelope.type)
    ? null
    : {
        eventId: envelope.eventId,
        streamId: envelope.streamId,
        streamVersion: envelope.streamVersion,
        occurredAt: envelope.occurredAt,
        correlationId: envelope.correlationId,
        event: { type: envelope.type, data: envelope.data } as lifecycle.CampaignEvent,
      };

/** The domain's policy (seed 002) as timer writes; a timer its rules refuse is kept as refused. */
const decide = (view: lifecycle.CampaignTimerView | null, record: CampaignEventRecord): PolicyDecision<lifecycle.CampaignTimerView> => {
  const outcome = lifecycle.timerPolicy(view, record.event);
  const kept = outcome.view;
  if (!kept) return { view: null, cancel: [], schedule: [] };
  const schedule = outcome.schedule.map((timer): ScheduledOrRefused => {
    const refused = lifecycle.timerScheduleError(kept, timer.dueAt, record.occurredAt);
    if (refused) return { timerType: timer.timerType, refused };
    return { timerType: timer.timerType, dueAt: timer.dueAt, payload: { command: lifecycle.TIMER_COMMANDS[timer.timerType], causedBy: record.eventId } };
  });
  return { view: kept, cancel: outcome.cancel, schedule };
};

/**
 * Policy events of the campaign between the last one applied and this one that never came
 * (an event the relay could not publish, one set aside as undecodable, an out-of-order
 * publish): read from the event store, the source of truth, so no transition is skipped.
 */
const missedFrom =
  (eventStoreSchema: string) =>
  async (client: PoolClient, record: CampaignEventRecord, applied: number): Promise<CampaignEventRecord[]> => {
    if (record.streamVersion === applied + 1) return [];
    const { rows } = await client.query<{
      event_id: string;
      stream_version: number;
      event_type: string;
      data: object;
      occurred_at: Date;
      correlation_id: string;
    }>(
      `SELECT event_id, stream_version, event_type, data, occurred_at, correlation_id FROM ${quoteIdent(eventStoreSchema)}.events
      WHERE stream_id = $1 AND stream_version > $2 AND stream_version < $3 AND event_type = ANY($4::text[]) ORDER BY stream_version`,
      [record.streamId, applied, record.streamVersion, TIMER_POLICY_EVENTS],
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      streamId: record.streamId,
      streamVersion: row.stream_version,
      occurredAt: row.occurred_at.toISOString(),
      correlationId: row.correlation_id,
      event: { type: row.event_type, data: row.data } as lifecycle.CampaignEvent,
    }));
  };

/**
 * The lifecycle timer policy: one view per campaign in the `campaigns` table. Every campaign an
 * event names is remembered, so a transition whose predecessors never arrived finds them.
 */
export const lifecyclePolicy = (eventStoreSchema: string): TimerPolicy<CampaignEventRecord, lifecycle.CampaignTimerView> => ({
  subjectOf: (record) => ({ table: 'campaigns', key: 'campaign_id', id: record.event.data.campaignId }),
  decide,
  remembersEverySubject: true,
  missed: missedFrom(eventStoreSchema),
});

/** The planner of lifecycle timers, reading missed events from the event store. */
export const lifecyclePlanner = (store: TimerStore<string>, wakeWithinMs: number, eventStoreSchema: string) =>
  new TimerPlanner(store, lifecyclePolicy(eventStoreSchema), wakeWithinMs);
