/** Test harness for the timer-scheduler's integration tests; production code never imports this. */
import { randomUUID } from 'node:crypto';
import {
  type CommandEnvelope,
  type CommandResult,
  CONTRACT_VERSIONS,
  decodeCommand,
  encodeCommandResult,
  encodeEvent,
  partitionKeyOf,
  topicsFor,
} from '@campaign/contracts';
import type { outreach } from '@campaign/domain';
import { outreachTesting } from '@campaign/domain/testing';
import { createHttpApp, JsonLogger } from '@campaign/runtime';
import { TEST_JWT_SECRET, testKafka, uniqueSuffix } from '@campaign/testing';
import type { INestApplication } from '@nestjs/common';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { TimerSchedulerModule } from './app.module';
import { configSchema, type TimerSchedulerConfig } from './config';

export interface SchedulerUnderTest {
  readonly config: TimerSchedulerConfig;
  readonly app: INestApplication;
  readonly url: string;
}

/** The whole timer-scheduler in this process, on its own topics, schemas and groups. */
export const startScheduler = async (suffix = uniqueSuffix()): Promise<SchedulerUnderTest> => {
  const config = configSchema.parse({
    ...process.env,
    SERVICE_NAME: 'timer-scheduler',
    HTTP_PORT: '0',
    LOG_LEVEL: 'error',
    TOPIC_PREFIX: `ts_${suffix}.`,
    EVENTSTORE_SCHEMA: `es_${suffix}`,
    TIMER_SCHEMA: `timers_${suffix}`,
    OUTREACH_TIMER_SCHEMA: `otimers_${suffix}`,
    SCHEDULER_GROUP: `scheduler-${suffix}`,
    OUTREACH_SCHEDULER_GROUP: `outreach-scheduler-${suffix}`,
    INSTANCE_ID: `it-${suffix}`,
    TIMER_POLL_MS: '100',
    COMMAND_TIMEOUT_MS: '10000',
    CLEANUP_INTERVAL_MS: '0',
    JWT_SECRET: TEST_JWT_SECRET,
  });
  const logger = new JsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);
  const app = await createHttpApp(TimerSchedulerModule.forRoot(config, logger), logger);
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  return { config, app, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
};

type OutreachEvent = outreach.OutreachCampaignEvent | outreach.ContactEvent;

/**
 * The outreach bus as the scheduler sees it: events published as the relay would, and a
 * stand-in campaign-command that reads the command topic and answers each command with what
 * `answer` says, on the results topic.
 */
export class OutreachBus {
  readonly commands: CommandEnvelope[] = [];
  answer: (command: CommandEnvelope) => Omit<CommandResult, 'commandId' | 'context' | 'processedAt'> = () => accepted;
  private readonly kafka: Kafka = testKafka();
  private producer: Producer | null = null;
  private consumer: Consumer | null = null;
  private readonly topics;

  constructor(prefix: string) {
    this.topics = topicsFor('outreach', prefix);
  }

  async start(): Promise<void> {
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    this.consumer = this.kafka.consumer({ groupId: `campaign-command-${uniqueSuffix()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topics.commands], fromBeginning: true });
    await this.consumer.run({ eachMessage: async ({ message }) => this.reply(decodeCommand(message.value as Buffer)) });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  /** Publishes events keyed by their stream's partition key; each envelope can be sent again as is. */
  async publish(envelopes: readonly ReturnType<typeof envelopeOf>[]): Promise<void> {
    await this.producer?.send({
      topic: this.topics.events,
      acks: -1,
      messages: envelopes.map((e) => ({ key: partitionKeyOf(e.streamId), value: encodeEvent(e) })),
    });
  }

  private async reply(command: CommandEnvelope): Promise<void> {
    this.commands.push(command);
    const result: CommandResult = { ...this.answer(command), commandId: command.commandId, context: 'outreach', processedAt: new Date().toISOString() };
    await this.producer?.send({ topic: this.topics.commandResults, acks: -1, messages: [{ key: command.commandId, value: encodeCommandResult(result) }] });
  }
}

export const accepted = { status: 'ACCEPTED', streamId: null, streamVersion: 3, code: null, message: null, details: null } as const;
export const rejected = (code: string) => ({ status: 'REJECTED', streamId: null, streamVersion: null, code, message: code, details: null }) as const;

/** One stream's events as the outbox relay would publish them, versions counting up. */
export const streamOf = (orgId: string, streamId: string) => {
  let version = 0;
  return (event: OutreachEvent, occurredAt = new Date().toISOString()) => envelopeOf(orgId, streamId, ++version, event, occurredAt);
};

const envelopeOf = (orgId: string, streamId: string, streamVersion: number, event: OutreachEvent, occurredAt: string) => ({
  eventId: randomUUID(),
  type: event.type,
  schemaVersion: CONTRACT_VERSIONS.outreach?.events[event.type] ?? 1,
  context: 'outreach',
  streamId,
  streamVersion,
  globalPosition: '0',
  occurredAt,
  correlationId: randomUUID(),
  causationId: null,
  actor: 'user:owner',
  tenant: orgId,
  data: event.data,
});

export const campaignSettings = (endDate: string | null): outreach.CampaignSettings => ({ ...outreachTesting.SETTINGS, endDate, ownerId: randomUUID() });
