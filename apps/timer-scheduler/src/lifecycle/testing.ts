/** Test builders for the lifecycle timers' integration tests; production code never imports this. */
import { randomUUID } from 'node:crypto';
import { CONTRACT_VERSIONS, encodeEvent, topicsFor } from '@campaign/contracts';
import type { lifecycle } from '@campaign/domain';
import { PostgresEventStore } from '@campaign/eventstore';
import type { LogSink } from '@campaign/messaging';
import { PlayedCommandSide, testKafka, testPool, uniqueSuffix } from '@campaign/testing';
import { TimerStore } from '@campaign/timers';
import type { Pool } from 'pg';
import { LifecycleTimerEvents } from './lifecycle-timer-events';

export const silentLog: LogSink = { log: () => undefined, warn: () => undefined, error: () => undefined };

export interface TimerTestbed {
  readonly suffix: string;
  readonly schema: string;
  readonly esSchema: string;
  pool: Pool;
  store: TimerStore<lifecycle.TimerType>;
  events: PostgresEventStore;
}

/**
 * A lifecycle timer store and an event store in fresh schemas, created before the enclosing
 * describe's tests and dropped after them. Its fields are set once the tests run.
 */
export const useTimerTestbed = (poolSize: number): TimerTestbed => {
  const suffix = uniqueSuffix();
  const bed = { suffix, schema: `timers_${suffix}`, esSchema: `es_${suffix}` } as TimerTestbed;
  beforeAll(async () => {
    bed.pool = testPool(poolSize);
    bed.events = new PostgresEventStore(bed.pool, bed.esSchema);
    await bed.events.migrate();
    bed.store = new TimerStore(bed.pool, { schema: bed.schema, events: new LifecycleTimerEvents(bed.esSchema) });
    await bed.store.migrate();
  });
  afterAll(async () => {
    await bed.pool.query(`DROP SCHEMA IF EXISTS ${bed.schema} CASCADE`);
    await bed.pool.query(`DROP SCHEMA IF EXISTS ${bed.esSchema} CASCADE`);
    await bed.pool.end();
  });
  return bed;
};

/**
 * The lifecycle bus as the scheduler sees it: raw events to publish (unreadable ones too), and
 * campaign-command played, keeping every command and accepting it.
 */
export const lifecycleBus = (prefix: string) => {
  const topics = topicsFor('lifecycle', prefix);
  const kafka = testKafka();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const commandSide = new PlayedCommandSide(kafka, prefix, 'lifecycle');
  return {
    topics,
    commandSide,
    async start() {
      await producer.connect();
      await commandSide.start();
    },
    send: (messages: { key: string; value: Buffer }[]) => producer.send({ topic: topics.events, acks: -1, messages }),
    async stop() {
      await commandSide.stop();
      await producer.disconnect();
    },
  };
};

export const campaignCreated = (campaignId: string, startTime: string | null) =>
  encodeEvent({
    eventId: randomUUID(),
    type: 'CampaignCreated',
    schemaVersion: CONTRACT_VERSIONS.lifecycle.events.CampaignCreated,
    context: 'lifecycle',
    streamId: `campaign-${campaignId}`,
    streamVersion: 1,
    globalPosition: '0',
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    actor: 'user:owner',
    tenant: null,
    data: {
      campaignId,
      durationHours: 24,
      autoClose: true,
      rewardsEnabled: false,
      startTime,
      endTime: null,
      metadata: {},
      createdAt: new Date().toISOString(),
    },
  });
