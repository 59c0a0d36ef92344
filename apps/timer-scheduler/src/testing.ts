/** Test harness for the timer-scheduler's integration tests; production code never imports this. */
import { randomUUID } from 'node:crypto';
import { CONTRACT_VERSIONS, encodeEvent, type EventEnvelope, partitionKeyOf, topicsFor } from '@campaign/contracts';
import { createHttpApp, JsonLogger } from '@campaign/runtime';
import { PlayedCommandSide, TEST_JWT_SECRET, testKafka, testPool, uniqueSuffix } from '@campaign/testing';
import type { INestApplication } from '@nestjs/common';
import type { Pool } from 'pg';
import { TimerSchedulerModule } from './app.module';
import { configSchema, type TimerSchedulerConfig } from './config';
import { CONTEXTS } from './contexts';
import { settingNames } from './shared/timer-context';

export interface SchedulerUnderTest {
  readonly config: TimerSchedulerConfig;
  readonly app: INestApplication;
  readonly url: string;
}

/** Each context's schema and group, unique to the run; not where `env` sets a setting's former name. */
const contextSettingsOf = (suffix: string, env: Record<string, string>) =>
  Object.fromEntries(
    CONTEXTS.flatMap((context) => {
      const names = settingNames(context);
      const fresh = { schema: `${context.name.replace(/-/g, '_')}_timers_${suffix}`, group: `${context.name}-scheduler-${suffix}` };
      return (['schema', 'group'] as const).filter((key) => !((context.formerSettings?.[key] ?? '') in env)).map((key) => [names[key], fresh[key]]);
    }),
  );

/**
 * The whole timer-scheduler in this process, on its own topics, schemas and groups; `env`
 * overrides or adds settings (an upgrade test sets the old names).
 */
export const startScheduler = async (suffix = uniqueSuffix(), env: Record<string, string> = {}): Promise<SchedulerUnderTest> => {
  const config = configSchema.parse({
    ...process.env,
    SERVICE_NAME: 'timer-scheduler',
    HTTP_PORT: '0',
    LOG_LEVEL: 'error',
    TOPIC_PREFIX: `ts_${suffix}.`,
    EVENTSTORE_SCHEMA: `es_${suffix}`,
    ...contextSettingsOf(suffix, env),
    INSTANCE_ID: `it-${suffix}`,
    TIMER_POLL_MS: '100',
    COMMAND_TIMEOUT_MS: '10000',
    CLEANUP_INTERVAL_MS: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    ...env,
  });
  const logger = new JsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);
  const app = await createHttpApp(TimerSchedulerModule.forRoot(config, logger), logger);
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  return { config, app, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
};

export interface SchedulerOnKafka {
  scheduler: SchedulerUnderTest;
  /** campaign-command, played: it keeps every command (and its key) and accepts it. */
  commandSide: PlayedCommandSide;
  /** Publishes events as campaign-command's relay would: each keyed by its stream. */
  publish(envelopes: readonly EventEnvelope[]): Promise<void>;
}

/**
 * The whole scheduler and one context's topics for the enclosing describe, its command side
 * played. Started before the describe's tests; stopped, and every context's timer schema
 * dropped, after them. Its fields are set once the tests run.
 */
export const useSchedulerOnKafka = (context: string): SchedulerOnKafka => {
  const kafka = testKafka();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  let topics: ReturnType<typeof topicsFor>;
  let pool: Pool;
  const bed = {
    publish: async (envelopes: readonly EventEnvelope[]) => {
      await producer.send({ topic: topics.events, acks: -1, messages: envelopes.map((e) => ({ key: partitionKeyOf(e.streamId), value: encodeEvent(e) })) });
    },
  } as SchedulerOnKafka;
  beforeAll(async () => {
    bed.scheduler = await startScheduler();
    topics = topicsFor(context, bed.scheduler.config.TOPIC_PREFIX);
    pool = testPool(2);
    await producer.connect();
    bed.commandSide = new PlayedCommandSide(kafka, bed.scheduler.config.TOPIC_PREFIX, context);
    await bed.commandSide.start();
  }, 90_000);
  afterAll(async () => {
    await bed.commandSide?.stop();
    await producer.disconnect();
    await bed.scheduler?.app.close();
    for (const name of CONTEXTS.map((c) => settingNames(c).schema)) await pool.query(`DROP SCHEMA IF EXISTS ${bed.scheduler.config[name]} CASCADE`);
    await pool.end();
  });
  return bed;
};

/** Where an event was recorded, and by whom, as campaign-command's relay publishes it. */
export interface RecordedAt {
  readonly context: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly tenant: string | null;
  readonly actor: string;
  readonly causationId?: string | null;
  /** When it was recorded; now unless given. */
  readonly occurredAt?: string;
}

/** An event's envelope as the relay publishes it (the contract's schema version, fresh ids). */
export const envelopeOf = (
  { causationId = null, occurredAt = new Date().toISOString(), ...at }: RecordedAt,
  event: { readonly type: string; readonly data: unknown },
): EventEnvelope => ({
  eventId: randomUUID(),
  type: event.type,
  schemaVersion: CONTRACT_VERSIONS[at.context]?.events[event.type] ?? 1,
  context: at.context,
  streamId: at.streamId,
  streamVersion: at.streamVersion,
  globalPosition: '0',
  occurredAt,
  correlationId: randomUUID(),
  causationId,
  actor: at.actor,
  tenant: at.tenant,
  data: event.data,
});
