/**
 * A timer event log as the lifecycle timer-scheduler keeps it (apps/timer-scheduler's
 * LifecycleTimerEvents, which the bench may not import): seed 002's timer events validated
 * against the lifecycle contract and appended to an event store in the transaction that
 * writes the timer rows. With it the bench pays what the scheduler pays to feed
 * campaign_timers / timer_executions: the start of each attempt, then its outcome.
 */
import { timerEventContractFor } from '@campaign/contracts';
import { lifecycle } from '@campaign/domain';
import { inEventWritingTransaction, insertEvents, PostgresEventStore, quoteIdent } from '@campaign/eventstore';
import { type TimerEventBatch, timerEventAppend, type TimerEventLog } from '@campaign/timers';
import type { Pool } from 'pg';

export const benchTimerEventLog = (schema: string): TimerEventLog => {
  const table = quoteIdent(schema);
  return {
    transaction: (pool, work) => inEventWritingTransaction(pool, table, work),
    append: async (client, batches) => {
      const requests = batches.filter((batch) => batch.events.length > 0).map(requestOf);
      if (requests.length > 0) await insertEvents(client, table, requests);
    },
    // The bench never redrives a timer.
    streamOf: async () => ({ version: 0, scheduledPayload: null }),
  };
};

export const migrateEventStore = (pool: Pool, schema: string): Promise<void> => new PostgresEventStore(pool, schema).migrate();

const contract = timerEventContractFor('lifecycle', lifecycle.timerStreamId);
const requestOf = (batch: TimerEventBatch) => timerEventAppend(contract, batch);
