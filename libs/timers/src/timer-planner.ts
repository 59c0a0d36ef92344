import { nameUuid } from '@campaign/contracts';
import type { PoolClient } from 'pg';
import { alreadyActive, cancelPendingTimers, insertPendingTimer, type PlanResult, type PlanStep, planBatch, recordRefusal } from './plan-writes';
import type { TimerEventBatch, TimerFact } from './timer-events';
import type { TimerPolicy, PlannedRecord, PolicySubject, ScheduledOrRefused, TimerToCancel } from './timer-policy';
import type { TimerStore } from './timer-store';

/** The same event and timer type always give the same timer id, so a replay adds nothing. */
export const timerIdFor = (eventId: string, timerType: string): string => nameUuid(`${eventId}:${timerType}`);

const SKIPPED: PlanStep = { scheduled: 0, cancelled: 0, refused: 0, skipped: 1, wake: false };

interface Remembered<V> {
  readonly view: V | null;
  readonly stream_version: number;
}

/**
 * Turns a context's events into timers with its policy: reads what it remembers of each
 * subject, cancels the timers the event made pointless, stores new ones (seed 002: one active
 * timer per subject and type), records timer events where the store does — the batch in one
 * transaction. Each subject remembers how far into its stream it has read, so a redelivered
 * event changes nothing.
 */
export class TimerPlanner<R extends PlannedRecord, V = unknown> {
  constructor(
    private readonly store: TimerStore<string>,
    private readonly policy: TimerPolicy<R, V>,
    private readonly wakeWithinMs: number,
  ) {}

  apply(records: readonly R[]): Promise<PlanResult> {
    return planBatch(this.store, records, (client, record) => this.applyOne(client, record));
  }

  private async applyOne(client: PoolClient, record: R): Promise<PlanStep> {
    const subject = this.policy.subjectOf(record);
    if (!subject) return SKIPPED;
    const row = await this.remembered(client, subject, record);
    if (!row || row.stream_version >= record.streamVersion) return SKIPPED;
    const missed = this.policy.missed ? await this.policy.missed(client, record, row.stream_version) : [];
    if (missed.length > 0) {
      // Applied first, in order: the policy folds the subject's view event by event.
      const steps: PlanStep[] = [];
      for (const earlier of [...missed, record]) steps.push(await this.applyOne(client, earlier));
      return sumOf(steps);
    }
    const decision = this.policy.decide(row.view, record);
    if (!decision.view) return SKIPPED;
    const cancelled = await this.cancel(client, record, subject, decision.cancel);
    const { scheduled, refused, wake } = await this.schedule(client, record, subject, decision.schedule);
    await client.query(`UPDATE ${this.store.s}.${subject.table} SET view = $2, stream_version = $3, updated_at = now() WHERE ${subject.key} = $1`, [
      subject.id,
      decision.view,
      record.streamVersion,
    ]);
    return { scheduled, cancelled, refused, skipped: 0, wake };
  }

  /**
   * The subject's row, locked. It exists before it is locked, so two consumers of one event (a
   * rebalance) queue here and the second finds the event applied. Null for a subject the
   * policy does not remember (the event gives it no view).
   */
  private async remembered(client: PoolClient, subject: PolicySubject, record: R): Promise<Remembered<V> | null> {
    const keepsAll = this.policy.remembersEverySubject ?? false;
    const existing = keepsAll ? null : await this.lock(client, subject);
    if (existing) return existing;
    if (!keepsAll && this.policy.decide(null, record).view === null) return null;
    await client.query(`INSERT INTO ${this.store.s}.${subject.table} (${subject.key}, view, stream_version) VALUES ($1, 'null', 0) ON CONFLICT DO NOTHING`, [
      subject.id,
    ]);
    return this.lock(client, subject);
  }

  private async lock(client: PoolClient, subject: PolicySubject): Promise<Remembered<V> | null> {
    const { rows } = await client.query<Remembered<V>>(
      `SELECT view, stream_version FROM ${this.store.s}.${subject.table} WHERE ${subject.key} = $1 FOR UPDATE`,
      [subject.id],
    );
    return rows[0] ?? null;
  }

  /** Only PENDING timers are cancelled: one that is firing right now finishes its attempt. */
  private async cancel(client: PoolClient, record: R, subject: PolicySubject, cancel: readonly TimerToCancel[]): Promise<number> {
    if (cancel.length === 0) return 0;
    const reasons = new Map<string, string>(cancel.map((c) => [c.timerType, c.reason]));
    const rows = await cancelPendingTimers(client, this.store.s, subject.id, reasons, record.occurredAt);
    const facts = rows.map((row) => {
      const data = {
        timerId: row.id,
        campaignId: subject.id,
        timerType: row.timer_type,
        reason: reasons.get(row.timer_type) as string,
        cancelledAt: record.occurredAt,
      };
      return this.eventsOf(record, subject, row.id, row.stream_version, { type: 'TimerCancelled', data });
    });
    await this.store.events.append(client, facts);
    return rows.length;
  }

  /** Timers already due (a subject resumed after its due time) are stored and fire at once. */
  private async schedule(client: PoolClient, record: R, subject: PolicySubject, wanted: readonly ScheduledOrRefused[]) {
    let scheduled = 0;
    let refused = 0;
    let wake = false;
    const batches: TimerEventBatch[] = [];
    for (const timer of wanted) {
      if ('refused' in timer) {
        refused++;
        await recordRefusal(client, this.store.s, subject.id, timer.timerType, timer.refused);
        continue;
      }
      const id = timerIdFor(record.eventId, timer.timerType);
      const stored = await insertPendingTimer(client, this.store.s, { id, subjectId: subject.id, ...timer }, this.wakeWithinMs);
      if (!stored) {
        refused++;
        await recordRefusal(client, this.store.s, subject.id, timer.timerType, alreadyActive(timer.timerType, subject.id));
        continue;
      }
      scheduled++;
      wake ||= stored.soon;
      const data = {
        timerId: id,
        campaignId: subject.id,
        timerType: timer.timerType,
        scheduledAt: timer.dueAt,
        payload: timer.payload,
        createdAt: record.occurredAt,
      };
      batches.push(this.eventsOf(record, subject, id, 0, { type: 'TimerScheduled', data }));
    }
    await this.store.events.append(client, batches);
    return { scheduled, refused, wake };
  }

  private eventsOf(record: R, subject: PolicySubject, timerId: string, afterVersion: number, event: TimerFact): TimerEventBatch {
    return {
      campaignId: subject.id,
      timerId,
      afterVersion,
      events: [event],
      correlationId: record.correlationId ?? record.eventId,
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
