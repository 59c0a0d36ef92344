import { randomUUID } from 'node:crypto';
import { CONTRACT_VERSIONS, validateEventData } from '@campaign/contracts';
import { lifecycle } from '@campaign/domain';
import { type AppendRequestWithoutOutcome, inEventWritingTransaction, insertEvents, inTransaction, quoteIdent } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';

/** One timer's new events, appended after the version its row remembers. */
export interface TimerEventBatch {
  readonly campaignId: string;
  readonly timerId: string;
  readonly afterVersion: number;
  readonly events: readonly lifecycle.TimerEvent[];
  /** Ties the events to what caused them (the campaign event, or the timer's command). */
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly occurredAt: string;
}

export const SCHEDULER_ACTOR = 'service:timer-scheduler';

/**
 * Records timer events in the event store inside the caller's transaction, so the timer rows
 * and the events that describe them commit together. The outbox relay publishes them on the
 * lifecycle events topic under their campaign's partition key.
 */
export class TimerEventWriter {
  private readonly table: string;

  constructor(eventStoreSchema: string, private readonly enabled = true) {
    this.table = quoteIdent(eventStoreSchema);
  }

  /**
   * The transaction timer rows and their events are written in: an event-writing one (see
   * inEventWritingTransaction — `work` may run more than once) when events are recorded.
   */
  transaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.enabled ? inEventWritingTransaction(pool, this.table, work) : inTransaction(pool, work);
  }

  async append(client: PoolClient, batches: readonly TimerEventBatch[]): Promise<void> {
    if (!this.enabled) return;
    const requests: AppendRequestWithoutOutcome[] = batches
      .filter((batch) => batch.events.length > 0)
      .map((batch) => ({
        streamId: lifecycle.timerStreamId(batch.campaignId, batch.timerId),
        expectedVersion: batch.afterVersion,
        events: batch.events.map((event) => {
          validateEventData('lifecycle', event.type, event.data);
          return { eventId: randomUUID(), type: event.type, schemaVersion: CONTRACT_VERSIONS.lifecycle.events[event.type], data: event.data };
        }),
        metadata: {
          context: 'lifecycle',
          occurredAt: batch.occurredAt,
          correlationId: batch.correlationId,
          causationId: batch.causationId,
          actor: SCHEDULER_ACTOR,
          tenant: null,
          commandId: `timer-${batch.timerId}`,
        },
        outcome: null,
      }));
    if (requests.length === 0) return;
    await insertEvents(client, this.table, requests);
  }
}
