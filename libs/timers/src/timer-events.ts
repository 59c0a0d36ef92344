import { randomUUID } from 'node:crypto';
import { type AppendRequestWithoutOutcome, inTransaction } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';

type Fact<K extends string, D> = { readonly type: K; readonly data: D };
interface TimerRef {
  readonly timerId: string;
  /** The timer's subject (seed 002 names it campaign_id). */
  readonly campaignId: string;
  readonly timerType: string;
}

/**
 * What happens to a timer, in seed 002's terms (campaign_timers, timer_executions). A context
 * that records timer events turns these into its own events (see TimerEventLog).
 */
export type TimerFact =
  | Fact<'TimerScheduled', TimerRef & { readonly scheduledAt: string; readonly payload: Readonly<Record<string, unknown>>; readonly createdAt: string }>
  | Fact<'TimerCancelled', TimerRef & { readonly reason: string; readonly cancelledAt: string }>
  | Fact<'TimerExecutionStarted', TimerRef & { readonly executionId: string; readonly attempt: number; readonly startedAt: string }>
  | Fact<
      'TimerExecutionCompleted',
      TimerRef & {
        readonly executionId: string;
        readonly result: Readonly<Record<string, unknown>>;
        readonly completedAt: string;
        readonly executionTimeMs: number;
      }
    >
  | Fact<
      'TimerExecutionFailed',
      TimerRef & {
        readonly executionId: string;
        readonly error: string;
        readonly retryCount: number;
        readonly nextAttemptAt: string | null;
        readonly completedAt: string;
        readonly executionTimeMs: number;
      }
    >;

/** One timer's new events, appended after the version its row remembers. */
export interface TimerEventBatch {
  readonly campaignId: string;
  readonly timerId: string;
  readonly afterVersion: number;
  readonly events: readonly TimerFact[];
  /** Ties the events to what caused them (the subject's event, or the timer's command). */
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly occurredAt: string;
}

/** The stream a timer's events are on, as far as it has come. */
export interface TimerStream {
  readonly version: number;
  /** The payload its TimerScheduled carried, if any. */
  readonly scheduledPayload: Record<string, unknown> | null;
}

/**
 * Where a store records its timers' events, inside the transaction that writes the timer rows,
 * so rows and the events that describe them commit together.
 */
export interface TimerEventLog {
  /** The transaction timer rows and their events are written in (`work` may run more than once). */
  transaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T>;
  append(client: PoolClient, batches: readonly TimerEventBatch[]): Promise<void>;
  /** How far a timer's stream has come (a redrive appends after it). */
  streamOf(client: PoolClient, subjectId: string, timerId: string): Promise<TimerStream>;
}

/** A store's log when its context records no timer events: plain transactions, nothing written. */
export const NO_TIMER_EVENTS: TimerEventLog = {
  transaction: (pool, work) => inTransaction(pool, work),
  append: async () => undefined,
  streamOf: async () => ({ version: 0, scheduledPayload: null }),
};

/** Who the scheduler's commands and events say acted. */
export const SCHEDULER_ACTOR = 'service:timer-scheduler';

/** How a context writes its timer events: its stream per timer, its schema versions and checks. */
export interface TimerEventContract {
  readonly context: string;
  readonly streamIdOf: (subjectId: string, timerId: string) => string;
  readonly schemaVersionOf: (eventType: string) => number;
  /** Throws when an event's data does not fit the context's contract. */
  readonly validate: (eventType: string, data: unknown) => void;
}

/** A batch of timer events as an event-store append, checked against the context's contract. */
export const timerEventAppend = (contract: TimerEventContract, batch: TimerEventBatch): AppendRequestWithoutOutcome => ({
  streamId: contract.streamIdOf(batch.campaignId, batch.timerId),
  expectedVersion: batch.afterVersion,
  events: batch.events.map((event) => {
    contract.validate(event.type, event.data);
    return { eventId: randomUUID(), type: event.type, schemaVersion: contract.schemaVersionOf(event.type), data: event.data };
  }),
  metadata: {
    context: contract.context,
    occurredAt: batch.occurredAt,
    correlationId: batch.correlationId,
    causationId: batch.causationId,
    actor: SCHEDULER_ACTOR,
    tenant: null,
    commandId: `timer-${batch.timerId}`,
  },
  outcome: null,
});
