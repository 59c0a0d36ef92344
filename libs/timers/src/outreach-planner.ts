import { outreach } from '@campaign/domain';
import type { Pool, PoolClient } from 'pg';
import { alreadyActive, cancelPendingTimers, insertPendingTimer, type PlanResult, type PlanStep, planBatch, recordRefusal } from './plan-writes';
import { outreachTimersDdl } from './schema';
import { timerIdFor } from './timer-planner';
import { TimerStore } from './timer-store';

/** The outreach timers' store: its own schema (the lifecycle's hot table stays lean), no timer events. */
export const outreachTimerStore = (pool: Pool, schema: string): TimerStore<outreach.OutreachTimerType> =>
  new TimerStore<outreach.OutreachTimerType>(pool, { schema, ddl: outreachTimersDdl });

type PolicyEvent = outreach.OutreachCampaignEvent | outreach.ContactEvent;

/** An outreach event as the scheduler reads it from the bus. */
export interface OutreachEventRecord {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly occurredAt: string;
  readonly event: PolicyEvent;
}

const CAMPAIGN_EVENTS = ['CampaignCreated', 'CampaignUpdated', 'CampaignStatusChanged'] as const;
const CONTACT_EVENTS = ['EmailBounced', 'ContactRequeued', 'ContactUnsubscribed', 'ContactResponded', 'ContactConverted'] as const;
/** The outreach event types the timer policy reacts to; the rest are not even read. */
export const OUTREACH_POLICY_EVENTS: ReadonlySet<string> = new Set([...CAMPAIGN_EVENTS, ...CONTACT_EVENTS]);

type View = outreach.CampaignTimerView | outreach.ContactTimerView;

/** Whose timers an event moves, where its view is kept, and the policy that reads it. */
interface Subject {
  readonly table: 'campaigns' | 'contacts';
  readonly key: 'campaign_id' | 'contact_id';
  readonly id: string;
  readonly policy: (view: View | null) => outreach.OutreachPolicyOutcome<View>;
}

const subjectOf = (event: PolicyEvent): Subject | null => {
  if ((CAMPAIGN_EVENTS as readonly string[]).includes(event.type)) {
    const e = event as outreach.OutreachCampaignEvent;
    return { table: 'campaigns', key: 'campaign_id', id: e.data.campaignId, policy: (v) => outreach.campaignTimerPolicy(v as outreach.CampaignTimerView | null, e) };
  }
  if ((CONTACT_EVENTS as readonly string[]).includes(event.type)) {
    const e = event as outreach.ContactEvent;
    return { table: 'contacts', key: 'contact_id', id: e.data.contactId, policy: (v) => outreach.contactTimerPolicy(v as outreach.ContactTimerView | null, e) };
  }
  return null;
};

const SKIPPED = { scheduled: 0, cancelled: 0, refused: 0, skipped: 1, wake: false };

/**
 * Turns outreach events into timers with the domain's policies: one view per campaign and per
 * soft-bounced contact, each remembering how far into its stream it has read, so a redelivered
 * event changes nothing. The batch commits in one transaction. No timer events are recorded:
 * seed 002's campaign_timers tables are the lifecycle context's.
 */
export class OutreachTimerPlanner {
  constructor(private readonly store: TimerStore<outreach.OutreachTimerType>, private readonly wakeWithinMs: number) {}

  apply(records: readonly OutreachEventRecord[]): Promise<PlanResult> {
    return planBatch(this.store, records, (client, record) => this.applyOne(client, record));
  }

  private async applyOne(client: PoolClient, record: OutreachEventRecord): Promise<PlanStep> {
    const subject = subjectOf(record.event);
    if (!subject) return SKIPPED;
    let row = await this.lock(client, subject);
    if (!row) {
      // Contacts that never had a retry waiting are not remembered: replies are frequent.
      if (subject.policy(null).view === null) return SKIPPED;
      // The row exists before it is locked, so two consumers of one event (a rebalance) queue
      // here and the second finds the event applied.
      await client.query(`INSERT INTO ${this.store.s}.${subject.table} (${subject.key}, view, stream_version) VALUES ($1, 'null', 0) ON CONFLICT DO NOTHING`, [subject.id]);
      row = (await this.lock(client, subject)) as { view: View | null; stream_version: number };
    }
    if (row.stream_version >= record.streamVersion) return SKIPPED;
    const outcome = subject.policy(row.view);
    if (!outcome.view) return SKIPPED;
    const reasons = new Map<string, string>(outcome.cancel.map((c) => [c.timerType, c.reason]));
    const cancelled = await cancelPendingTimers(client, this.store.s, subject.id, reasons, record.occurredAt);
    const { scheduled, refused, wake } = await this.schedule(client, record, subject.id, outcome.view, outcome.schedule);
    await client.query(
      `UPDATE ${this.store.s}.${subject.table} SET view = $2, stream_version = $3, updated_at = now() WHERE ${subject.key} = $1`,
      [subject.id, outcome.view, record.streamVersion],
    );
    return { scheduled, cancelled: cancelled.length, refused, skipped: 0, wake };
  }

  private async lock(client: PoolClient, subject: Subject) {
    const { rows } = await client.query<{ view: View | null; stream_version: number }>(
      `SELECT view, stream_version FROM ${this.store.s}.${subject.table} WHERE ${subject.key} = $1 FOR UPDATE`,
      [subject.id],
    );
    return rows[0] ?? null;
  }

  /** Timers already due (a campaign resumed after its end_date) are stored and fire at once. */
  private async schedule(client: PoolClient, record: OutreachEventRecord, subjectId: string, view: View, wanted: readonly outreach.OutreachTimerToSchedule[]) {
    let scheduled = 0;
    let refused = 0;
    let wake = false;
    for (const timer of wanted) {
      const id = timerIdFor(record.eventId, timer.timerType);
      // The org travels with the timer: it is the tenant of the command the timer sends.
      const payload = {
        orgId: view.orgId,
        campaignId: view.campaignId,
        contactId: 'contactId' in view ? view.contactId : null,
        command: outreach.OUTREACH_TIMER_COMMANDS[timer.timerType],
        causedBy: record.eventId,
      };
      const stored = await insertPendingTimer(client, this.store.s, { id, subjectId, timerType: timer.timerType, dueAt: timer.dueAt, payload }, this.wakeWithinMs);
      if (!stored) {
        refused++;
        await recordRefusal(client, this.store.s, subjectId, timer.timerType, alreadyActive(timer.timerType, subjectId));
        continue;
      }
      scheduled++;
      wake ||= stored.soon;
    }
    return { scheduled, refused, wake };
  }
}
