/** Test harness for the outreach timers' integration tests; production code never imports this. */
import { randomUUID } from 'node:crypto';
import type { outreach } from '@campaign/domain';
import { outreachTesting } from '@campaign/domain/testing';
import { type PlayedAnswer, testPool, uniqueSuffix } from '@campaign/testing';
import { TimerStore } from '@campaign/timers';
import type { Pool } from 'pg';
import { envelopeOf } from '../testing';
import { outreachTimersDdl } from './outreach.schema';

type OutreachEvent = outreach.OutreachCampaignEvent | outreach.ContactEvent;

/** campaign-command's refusal of a command, as the played command side answers it. */
export const rejected = (code: string): PlayedAnswer => ({ status: 'REJECTED', code, message: code });

/** One stream's events as the outbox relay would publish them, versions counting up. */
export const streamOf = (orgId: string, streamId: string) => {
  let version = 0;
  return (event: OutreachEvent, occurredAt?: string) =>
    envelopeOf({ context: 'outreach', streamId, streamVersion: ++version, tenant: orgId, actor: 'user:owner', occurredAt }, event);
};

export const campaignSettings = (endDate: string | null): outreach.CampaignSettings => ({ ...outreachTesting.SETTINGS, endDate, ownerId: randomUUID() });

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
    bed.store = new TimerStore(bed.pool, { schema: bed.schema, ddl: outreachTimersDdl });
    await bed.store.migrate();
  });
  afterAll(async () => {
    await bed.pool.query(`DROP SCHEMA IF EXISTS ${bed.schema} CASCADE`);
    await bed.pool.end();
  });
  return bed;
};
