import { createHash } from 'node:crypto';
import { lifecycle } from '@campaign/domain';
import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import { alreadyActive, cancelPendingTimers, insertPendingTimer, type PlanResult, type PlanStep, planBatch, recordRefusal } from './plan-writes';
import type { TimerEventBatch } from './timer-events';
import type { TimerStore } from './timer-store';

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

/** The same event and timer type always give the same timer id, so a replay adds nothing. */
export const timerIdFor = (eventId: string, timerType: string): string => {
  const hex = createHash('sha1').update(`${eventId}:${timerType}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * Turns campaign events into timers with the domain's policy: reads what it remembers of each
 * campaign, cancels the timers a transition made pointless, stores new ones under seed 002's
 * rules, and records timer events — the batch in one transaction, each event applied once.
 */
export class TimerPlanner {
  constructor(private readonly store: TimerStore, private readonly wakeWithinMs: number) {}

  apply(records: readonly CampaignEventRecord[]): Promise<PlanResult> {
    return planBatch(this.store, records, (client, record) => this.applyOne(client, record));
  }

  private async applyOne(client: PoolClient, record: CampaignEventRecord): Promise<PlanStep> {
    const s = this.store.s;
    const campaignId = record.event.data.campaignId;
    const none = { scheduled: 0, cancelled: 0, refused: 0, skipped: 1, wake: false };
    // The row exists before it is locked, so two consumers of one event (a rebalance) queue
    // here and the second finds the event applied, instead of both seeing no campaign.
    await client.query(`INSERT INTO ${s}.campaigns (campaign_id, view, stream_version) VALUES ($1, 'null', 0) ON CONFLICT DO NOTHING`, [campaignId]);
    const { rows } = await client.query<{ view: lifecycle.CampaignTimerView | null; stream_version: number }>(
      `SELECT view, stream_version FROM ${s}.campaigns WHERE campaign_id = $1 FOR UPDATE`,
      [campaignId],
    );
    if (rows[0].stream_version >= record.streamVersion) return none;
    const missed = await this.missed(client, record, rows[0].stream_version);
    if (missed.length > 0) {
      // Applied first, in order: the policy folds the campaign's view event by event.
      const steps: PlanStep[] = [];
      for (const earlier of [...missed, record]) steps.push(await this.applyOne(client, earlier));
      return sumOf(steps);
    }
    const outcome = lifecycle.timerPolicy(rows[0].view, record.event);
    if (!outcome.view) return none;
    const cancelled = await this.cancel(client, record, outcome.cancel);
    const { scheduled, refused, wake } = await this.schedule(client, record, outcome.view, outcome.schedule);
    await client.query(
      `INSERT INTO ${s}.campaigns (campaign_id, view, stream_version) VALUES ($1, $2, $3)
       ON CONFLICT (campaign_id) DO UPDATE SET view = EXCLUDED.view, stream_version = EXCLUDED.stream_version, updated_at = now()`,
      [campaignId, outcome.view, record.streamVersion],
    );
    return { scheduled, cancelled, refused, skipped: 0, wake };
  }

  /**
   * Policy events of the campaign between the last one applied and this one that never came
   * (an event the relay could not publish, one set aside as undecodable, an out-of-order
   * publish): read from the event store, the source of truth, so no transition is skipped.
   */
  private async missed(client: PoolClient, record: CampaignEventRecord, applied: number): Promise<CampaignEventRecord[]> {
    const eventStore = this.store.options.eventStoreSchema;
    if (eventStore === undefined || record.streamVersion === applied + 1) return [];
    const { rows } = await client.query<{ event_id: string; stream_version: number; event_type: string; data: object; occurred_at: Date; correlation_id: string }>(
      `SELECT event_id, stream_version, event_type, data, occurred_at, correlation_id FROM ${quoteIdent(eventStore)}.events
        WHERE stream_id = $1 AND stream_version > $2 AND stream_version < $3 AND event_type = ANY($4::text[]) ORDER BY stream_version`,
      [record.streamId, applied, record.streamVersion, TIMER_POLICY_EVENTS],
    );
    return rows.map((row) => ({
      eventId: row.event_id, streamId: record.streamId, streamVersion: row.stream_version, occurredAt: row.occurred_at.toISOString(),
      correlationId: row.correlation_id, event: { type: row.event_type, data: row.data } as lifecycle.CampaignEvent,
    }));
  }

  /** Only PENDING timers are cancelled: one that is firing right now finishes its attempt. */
  private async cancel(client: PoolClient, record: CampaignEventRecord, cancel: readonly lifecycle.TimerToCancel[]): Promise<number> {
    if (cancel.length === 0) return 0;
    const reasons = new Map<string, string>(cancel.map((c) => [c.timerType, c.reason]));
    const rows = await cancelPendingTimers(client, this.store.s, record.event.data.campaignId, reasons, record.occurredAt);
    await this.store.events.append(
      client,
      rows.map((row) =>
        this.eventsOf(record, row.id, row.stream_version, {
          type: 'TimerCancelled',
          data: { timerId: row.id, campaignId: record.event.data.campaignId, timerType: row.timer_type as lifecycle.TimerType, reason: reasons.get(row.timer_type) as string, cancelledAt: record.occurredAt },
        }),
      ),
    );
    return rows.length;
  }

  private async schedule(client: PoolClient, record: CampaignEventRecord, view: lifecycle.CampaignTimerView, wanted: readonly lifecycle.TimerToSchedule[]) {
    const s = this.store.s;
    let scheduled = 0;
    let refused = 0;
    let wake = false;
    const batches: TimerEventBatch[] = [];
    for (const timer of wanted) {
      const error = lifecycle.timerScheduleError(view, timer.dueAt, record.occurredAt);
      if (error) {
        refused++;
        await recordRefusal(client, s, view.campaignId, timer.timerType, error);
        continue;
      }
      const id = timerIdFor(record.eventId, timer.timerType);
      const payload = { command: lifecycle.TIMER_COMMANDS[timer.timerType], causedBy: record.eventId };
      const stored = await insertPendingTimer(client, s, { id, subjectId: view.campaignId, timerType: timer.timerType, dueAt: timer.dueAt, payload }, this.wakeWithinMs);
      if (!stored) {
        refused++;
        await recordRefusal(client, s, view.campaignId, timer.timerType, alreadyActive(timer.timerType, view.campaignId));
        continue;
      }
      scheduled++;
      wake ||= stored.soon;
      batches.push(
        this.eventsOf(record, id, 0, {
          type: 'TimerScheduled',
          data: { timerId: id, campaignId: view.campaignId, timerType: timer.timerType, scheduledAt: timer.dueAt, payload, createdAt: record.occurredAt },
        }),
      );
    }
    await this.store.events.append(client, batches);
    return { scheduled, refused, wake };
  }

  private eventsOf(record: CampaignEventRecord, timerId: string, afterVersion: number, event: lifecycle.TimerEvent): TimerEventBatch {
    return {
      campaignId: record.event.data.campaignId,
      timerId,
      afterVersion,
      events: [event],
      correlationId: record.correlationId,
      causationId: record.eventId,
      occurredAt: record.occurredAt,
    };
  }
}

const sumOf = (steps: readonly PlanStep[]): PlanStep => ({
  scheduled: steps.reduce((n, step) => n + step.scheduled, 0),
  cancelled: steps.reduce((n, step) => n + step.cancelled, 0),
  refused: steps.reduce((n, step) => n + step.refused, 0),
  skipped: steps.reduce((n, step) => n + step.skipped, 0),
  wake: steps.some((step) => step.wake),
});
