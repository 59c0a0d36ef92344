import { type CommandEnvelope, type CommandResult, decodeCommand, encodeCommandResult, lifecycleCommandSchemas, topicsFor } from '@campaign/contracts';
import { lifecycle } from '@campaign/domain';
import type { CommandOutcome, Executed } from '@campaign/eventstore';
import { type PartitionBatch, runBatchConsumer } from '@campaign/messaging';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Consumer, Kafka, KafkaMessage, Message, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { CommandConfig } from '../config';
import { forEachGroupInOrder, groupBy } from '../infrastructure/concurrency';
import { ExecuteLifecycleCommand } from './execute-lifecycle-command.handler';

/** Every command the lifecycle contract defines; the decider handles each one. */
const COMMAND_TYPES = new Set<string>(Object.keys(lifecycleCommandSchemas));

/** Avro leaves absent optionals as null; the decider's defaults apply to absent fields only. */
const withoutNulls = (data: unknown): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([, value]) => value !== null));

const toDomainCommand = (envelope: CommandEnvelope): lifecycle.CampaignCommand =>
  ({
    type: envelope.type,
    data: withoutNulls(envelope.data),
    metadata: {
      commandId: envelope.commandId,
      now: new Date().toISOString(),
      actor: envelope.actor,
      correlationId: envelope.correlationId ?? envelope.commandId,
      causationId: envelope.causationId ?? undefined,
      tenant: envelope.tenant ?? undefined,
    },
  }) as lifecycle.CampaignCommand;

const resultOf = (outcome: CommandOutcome): CommandResult => ({
  commandId: outcome.commandId,
  context: 'lifecycle',
  status: outcome.status,
  streamId: outcome.streamId,
  streamVersion: outcome.status === 'ACCEPTED' ? outcome.streamVersion : null,
  code: outcome.status === 'REJECTED' ? outcome.code : null,
  message: outcome.status === 'REJECTED' ? outcome.message : null,
  details: outcome.status === 'REJECTED' ? outcome.details : null,
  processedAt: new Date().toISOString(),
});

const rejection = (commandId: string, code: string, message: string): CommandResult => ({
  commandId, context: 'lifecycle', status: 'REJECTED', streamId: null, streamVersion: null, code, message, details: null, processedAt: new Date().toISOString(),
});

/**
 * The Kafka door to the lifecycle commands: Avro commands in, one result per command out on
 * the results topic, keyed and correlated by command id. Offsets are committed after the
 * results are acknowledged; a redelivered command is answered from its first outcome.
 */
@Injectable()
export class LifecycleCommandsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private readonly topics;

  constructor(
    @Inject(CONFIG) private readonly config: CommandConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly commandBus: CommandBus,
    private readonly health: HealthRegistry,
  ) {
    this.topics = topicsFor('lifecycle', config.TOPIC_PREFIX);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    const consumer = this.kafka.consumer({
      groupId: this.config.COMMAND_CONSUMER_GROUP,
      allowAutoTopicCreation: false,
      sessionTimeout: this.config.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatInterval: Math.floor(this.config.KAFKA_SESSION_TIMEOUT_MS / 10),
    });
    let crashed: string | null = null;
    consumer.on(consumer.events.CRASH, (event) => (crashed = event.payload.error.message));
    consumer.on(consumer.events.GROUP_JOIN, () => (crashed = null));
    this.health.register('command-consumer', async () => ({ ok: crashed === null, detail: crashed }));
    await runBatchConsumer(
      consumer,
      { topics: [this.topics.commands], partitionsConsumedConcurrently: this.config.COMMAND_PARTITIONS_CONCURRENTLY, handle: (batch) => this.handle(batch) },
      this.log,
    );
    this.consumer = consumer;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handle({ messages }: PartitionBatch): Promise<void> {
    const results: Message[] = [];
    const answer = (result: CommandResult) => results.push({ key: result.commandId, value: encodeCommandResult(result) });
    const groups = groupBy(messages, (message) => message.key?.toString() ?? message.offset);
    await forEachGroupInOrder(groups, this.config.COMMAND_CONCURRENCY, async (message) => {
      const result = await this.execute(message);
      if (result) answer(result);
    });
    if (results.length > 0) await this.producer?.send({ topic: this.topics.commandResults, acks: -1, messages: results });
  }

  private async execute(message: KafkaMessage): Promise<CommandResult | null> {
    let envelope: CommandEnvelope;
    try {
      envelope = decodeCommand(message.value ?? Buffer.alloc(0));
    } catch (error) {
      this.log.error('undecodable command sent to the dead-letter topic', { offset: message.offset, error: (error as Error).message });
      await this.producer?.send({ topic: this.topics.deadLetter, acks: -1, messages: [{ key: message.key, value: message.value, headers: { error: (error as Error).message } }] });
      return null;
    }
    if (envelope.context !== 'lifecycle' || !COMMAND_TYPES.has(envelope.type)) {
      return rejection(envelope.commandId, 'UNKNOWN_COMMAND', `lifecycle has no command ${envelope.type}`);
    }
    try {
      const { outcome }: Executed = await this.commandBus.execute(new ExecuteLifecycleCommand(toDomainCommand(envelope)));
      return resultOf(outcome);
    } catch (error) {
      // A database that does not answer is worth waiting for: the batch is redelivered.
      await this.pool.query('SELECT 1');
      this.log.error('command failed unexpectedly', { commandId: envelope.commandId, error: (error as Error).message });
      return rejection(envelope.commandId, 'INTERNAL_ERROR', 'the command could not be processed; retry with the same command id');
    }
  }
}
