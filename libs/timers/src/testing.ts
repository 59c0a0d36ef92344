/** Test builders for the timers' integration tests; production code never imports this. */
import { PostgresEventStore } from '@campaign/eventstore';
import type { LogSink } from '@campaign/messaging';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import type { outreach } from '@campaign/domain';
import { outreachTimerStore } from './outreach-planner';
import { TimerStore } from './timer-store';

export const silentLog: LogSink = { log: () => undefined, warn: () => undefined, error: () => undefined };

export interface TimerTestbed {
  readonly suffix: string;
  readonly schema: string;
  readonly esSchema: string;
  pool: Pool;
  store: TimerStore;
  events: PostgresEventStore;
}

/**
 * A timer store and an event store in fresh schemas, created before the enclosing describe's
 * tests and dropped after them. Its fields are set once the tests run.
 */
export const useTimerTestbed = (poolSize: number): TimerTestbed => {
  const suffix = uniqueSuffix();
  const bed = { suffix, schema: `timers_${suffix}`, esSchema: `es_${suffix}` } as TimerTestbed;
  beforeAll(async () => {
    bed.pool = testPool(poolSize);
    bed.events = new PostgresEventStore(bed.pool, bed.esSchema);
    await bed.events.migrate();
    bed.store = new TimerStore(bed.pool, { schema: bed.schema, eventStoreSchema: bed.esSchema });
    await bed.store.migrate();
  });
  afterAll(async () => {
    await bed.pool.query(`DROP SCHEMA IF EXISTS ${bed.schema} CASCADE`);
    await bed.pool.query(`DROP SCHEMA IF EXISTS ${bed.esSchema} CASCADE`);
    await bed.pool.end();
  });
  return bed;
};

export interface OutreachTimerTestbed {
  readonly schema: string;
  pool: Pool;
  store: TimerStore<outreach.OutreachTimerType>;
}

/** An outreach timer store in a fresh schema, like useTimerTestbed (no event store: none is written). */
export const useOutreachTimerTestbed = (poolSize: number): OutreachTimerTestbed => {
  const bed = { schema: `otimers_${uniqueSuffix()}` } as OutreachTimerTestbed;
  beforeAll(async () => {
    bed.pool = testPool(poolSize);
    bed.store = outreachTimerStore(bed.pool, bed.schema);
    await bed.store.migrate();
  });
  afterAll(async () => {
    await bed.pool.query(`DROP SCHEMA IF EXISTS ${bed.schema} CASCADE`);
    await bed.pool.end();
  });
  return bed;
};
