import { timerEventContractFor } from '@campaign/contracts';
import { lifecycle } from '@campaign/domain';
import { type AppendRequestWithoutOutcome, inEventWritingTransaction, insertEvents, quoteIdent } from '@campaign/eventstore';
import { type TimerEventBatch, timerEventAppend, type TimerEventLog, type TimerStream } from '@campaign/timers';
import type { Pool, PoolClient } from 'pg';

const contract = timerEventContractFor('lifecycle', lifecycle.timerStreamId);

/**
 * Records the lifecycle timers' events (seed 002's campaign_timers and timer_executions are
 * built from them) in the event store, inside the caller's transaction, so the timer rows and
 * the events that describe them commit together. The outbox relay publishes them on the
 * lifecycle events topic under their campaign's partition key.
 */
export class LifecycleTimerEvents implements TimerEventLog {
  private readonly table: string;

  constructor(eventStoreSchema: string) {
    this.table = quoteIdent(eventStoreSchema);
  }

  /** An event-writing transaction (see inEventWritingTransaction — `work` may run more than once). */
  transaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inEventWritingTransaction(pool, this.table, work);
  }

  async append(client: PoolClient, batches: readonly TimerEventBatch[]): Promise<void> {
    const requests: AppendRequestWithoutOutcome[] = batches.filter((batch) => batch.events.length > 0).map((batch) => this.requestOf(batch));
    if (requests.length === 0) return;
    await insertEvents(client, this.table, requests);
  }

  async streamOf(client: PoolClient, campaignId: string, timerId: string): Promise<TimerStream> {
    const { rows } = await client.query<{ version: number | null; scheduled: { payload?: Record<string, unknown> } | null }>(
      `SELECT max(stream_version) AS version,
              (array_agg(data ORDER BY stream_version) FILTER (WHERE event_type = 'TimerScheduled'))[1] AS scheduled
         FROM ${this.table}.events WHERE stream_id = $1`,
      [lifecycle.timerStreamId(campaignId, timerId)],
    );
    return { version: rows[0]?.version ?? 0, scheduledPayload: rows[0]?.scheduled?.payload ?? null };
  }

  private requestOf(batch: TimerEventBatch): AppendRequestWithoutOutcome {
    return timerEventAppend(contract, batch);
  }
}
