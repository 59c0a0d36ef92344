import type { EventEnvelope } from '@campaign/contracts';
import { outreach } from '@campaign/domain';
import { type PlanResult, type PolicyDecision, type PolicySubject, TimerPlanner, type TimerPolicy, type TimerStore } from '@campaign/timers';

type PolicyEvent = outreach.OutreachCampaignEvent | outreach.ContactEvent;

/** An outreach event as the scheduler reads it from the bus. */
export interface OutreachEventRecord {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly occurredAt: string;
  readonly event: PolicyEvent;
}

const CAMPAIGN_EVENTS: readonly string[] = ['CampaignCreated', 'CampaignUpdated', 'CampaignStatusChanged'];
const CONTACT_EVENTS: readonly string[] = ['EmailBounced', 'ContactRequeued', 'ContactUnsubscribed', 'ContactResponded', 'ContactConverted'];
/** The outreach event types the timer policy reacts to; the rest are not even read. */
export const OUTREACH_POLICY_EVENTS: ReadonlySet<string> = new Set([...CAMPAIGN_EVENTS, ...CONTACT_EVENTS]);

/** The campaign and contact events the outreach timer policy reacts to. */
export const toOutreachRecord = (envelope: EventEnvelope): OutreachEventRecord | null =>
  OUTREACH_POLICY_EVENTS.has(envelope.type)
    ? {
        eventId: envelope.eventId,
        streamId: envelope.streamId,
        streamVersion: envelope.streamVersion,
        occurredAt: envelope.occurredAt,
        event: { type: envelope.type, data: envelope.data } as PolicyEvent,
      }
    : null;

type View = outreach.CampaignTimerView | outreach.ContactTimerView;

/** Whose timers an event moves: its campaign, or (soft-bounce retries) its contact. */
const subjectOf = ({ event }: OutreachEventRecord): PolicySubject | null => {
  if (CAMPAIGN_EVENTS.includes(event.type)) return { table: 'campaigns', key: 'campaign_id', id: (event as outreach.OutreachCampaignEvent).data.campaignId };
  if (CONTACT_EVENTS.includes(event.type)) return { table: 'contacts', key: 'contact_id', id: (event as outreach.ContactEvent).data.contactId };
  return null;
};

const outcomeOf = (view: View | null, event: PolicyEvent): outreach.OutreachPolicyOutcome<View> =>
  CAMPAIGN_EVENTS.includes(event.type)
    ? outreach.campaignTimerPolicy(view as outreach.CampaignTimerView | null, event as outreach.OutreachCampaignEvent)
    : outreach.contactTimerPolicy(view as outreach.ContactTimerView | null, event as outreach.ContactEvent);

/** The domain's policies (seed 004) as timer writes; the org travels with the timer: it is the tenant of the command it sends. */
const decide = (view: View | null, record: OutreachEventRecord): PolicyDecision<View> => {
  const outcome = outcomeOf(view, record.event);
  const kept = outcome.view;
  if (!kept) return { view: null, cancel: [], schedule: [] };
  const schedule = outcome.schedule.map((timer) => ({
    timerType: timer.timerType,
    dueAt: timer.dueAt,
    payload: {
      orgId: kept.orgId,
      campaignId: kept.campaignId,
      contactId: 'contactId' in kept ? kept.contactId : null,
      command: outreach.OUTREACH_TIMER_COMMANDS[timer.timerType],
      causedBy: record.eventId,
    },
  }));
  return { view: kept, cancel: outcome.cancel, schedule };
};

/**
 * The outreach timer policy: one view per campaign and per soft-bounced contact. Contacts that
 * never had a retry waiting are not remembered: replies are frequent. Timers already due (a
 * campaign resumed after its end_date) are stored and fire at once.
 */
export const outreachPolicy: TimerPolicy<OutreachEventRecord, View> = { subjectOf, decide };

/**
 * seed 004: On Completion — "Stop all scheduled outreach". A contact's retry has the contact as
 * its subject, so the campaign's completion (or archival) cancels them by the campaign their
 * payload names, and the contacts' views forget them. Idempotent: a redelivered completion
 * finds nothing left to cancel.
 */
export const cancelContactRetries = async (store: TimerStore<string>, campaignId: string, reason: string, cancelledAt: string): Promise<number> => {
  const s = store.s;
  const { rows } = await store.pool.query<{ id: string }>(
    `WITH gone AS (
       DELETE FROM ${s}.timers WHERE payload->>'campaignId' = $1 AND timer_type = 'SOFT_BOUNCE_RETRY' AND status = 'PENDING'
       RETURNING id, campaign_id, timer_type, due_at, retry_count, first_fired_at
     ), kept AS (
       INSERT INTO ${s}.timer_history (id, campaign_id, timer_type, status, due_at, first_fired_at, finished_at, retry_count, result)
       SELECT id, campaign_id, timer_type, 'CANCELLED', due_at, first_fired_at, $2, retry_count, jsonb_build_object('reason', $3::text) FROM gone
       ON CONFLICT (id) DO NOTHING
     ), forgotten AS (
       UPDATE ${s}.contacts SET view = jsonb_set(view, '{retryPending}', 'false'), updated_at = now()
        WHERE contact_id IN (SELECT campaign_id FROM gone)
     )
     SELECT id FROM gone`,
    [campaignId, cancelledAt, reason],
  );
  return rows.length;
};

/** The policy's planner, then the contact retries a completed or archived campaign ends. */
export class OutreachTimerPlanner {
  private readonly planner: TimerPlanner<OutreachEventRecord, View>;

  constructor(
    private readonly store: TimerStore<string>,
    wakeWithinMs: number,
  ) {
    this.planner = new TimerPlanner(store, outreachPolicy, wakeWithinMs);
  }

  async apply(records: readonly OutreachEventRecord[]): Promise<PlanResult> {
    const result = await this.planner.apply(records);
    let cancelled = 0;
    for (const { event, occurredAt } of records) {
      if (!CAMPAIGN_EVENTS.includes(event.type)) continue;
      const campaignEvent = event as outreach.OutreachCampaignEvent;
      const reason = outreach.contactRetriesEndedBy(campaignEvent);
      if (reason) cancelled += await cancelContactRetries(this.store, campaignEvent.data.campaignId, reason, occurredAt);
    }
    return { ...result, cancelled: result.cancelled + cancelled };
  }
}

export const outreachPlanner = (store: TimerStore<string>, wakeWithinMs: number) => new OutreachTimerPlanner(store, wakeWithinMs);
