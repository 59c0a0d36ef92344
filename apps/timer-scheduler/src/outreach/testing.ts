/** Test harness for the outreach timers' integration tests; production code never imports this. */
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
import { testKafka, testPool, uniqueSuffix } from '@campaign/testing';
import { TimerStore } from '@campaign/timers';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { outreachTimersDdl } from './outreach.schema';

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
