import {
  type CommandEnvelope,
  type CommandResult,
  decodeCommand,
  encodeCommandResult,
  envelopeSchemas,
  parseSchema,
  topicsFor,
} from '@campaign/contracts';
import type { CommandOutcome, Executed } from '@campaign/eventstore';
import { groupConsumer, type PartitionBatch, runBatchConsumer } from '@campaign/messaging';
import type { HealthRegistry, JsonLogger } from '@campaign/runtime';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type { Consumer, Kafka, KafkaMessage, Message, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { CommandConfig } from '../config';
import { forEachGroupInOrder, groupBy } from './concurrency';

/** What makes one context's Kafka door its own. */
export interface ContextDoor {
  readonly context: string;
  readonly groupId: string;
  /** The health check's name. */
  readonly healthName: string;
  /** Command types this door accepts (the contract's). */
  readonly accepts: ReadonlySet<string>;
  /** Types answered UNKNOWN_COMMAND even before their data is read (never accepted from the wire). */
  readonly refuses?: ReadonlySet<string>;
  /** Multi-tenant contexts: a command without the envelope's tenant has no org to act in. */
  readonly requiresTenant?: boolean;
  /** The bus message for a decoded command. */
  readonly toBusCommand: (envelope: CommandEnvelope) => object;
}

export interface ConsumerDeps {
  readonly config: CommandConfig;
  readonly log: JsonLogger;
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly commandBus: CommandBus;
  readonly health: HealthRegistry;
}

const rawCommandEnvelope = parseSchema(envelopeSchemas.CommandEnvelope);

/** The envelope's type and id without reading its data, or null when it cannot be read. */
const peek = (value: Buffer): { commandId: string; type: string } | null => {
  try {
    return rawCommandEnvelope.fromBuffer(value.subarray(1)) as { commandId: string; type: string };
  } catch {
    return null;
  }
};

/**
 * The Kafka door to one context's commands: Avro commands in, one result per command out on
 * the results topic, keyed and correlated by command id. Offsets are committed after the
 * results are acknowledged; a redelivered command is answered from its first outcome.
 */
export abstract class ContextCommandsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private readonly topics;

  protected constructor(private readonly deps: ConsumerDeps, private readonly door: ContextDoor) {
    this.topics = topicsFor(door.context, deps.config.TOPIC_PREFIX);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { kafka, config, log, health } = this.deps;
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    const { consumer, check } = groupConsumer(kafka, { groupId: this.door.groupId, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS });
    health.register(this.door.healthName, check);
    await runBatchConsumer(
      consumer,
      { topics: [this.topics.commands], partitionsConsumedConcurrently: config.COMMAND_PARTITIONS_CONCURRENTLY, handle: (batch) => this.handle(batch) },
      log,
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
    await forEachGroupInOrder(groups, this.deps.config.COMMAND_CONCURRENCY, async (message) => {
      const result = await this.execute(message);
      if (result) answer(result);
    });
    if (results.length > 0) await this.producer?.send({ topic: this.topics.commandResults, acks: -1, messages: results });
  }

  private async execute(message: KafkaMessage): Promise<CommandResult | null> {
    const value = message.value ?? Buffer.alloc(0);
    const peeked = peek(value);
    if (peeked && this.door.refuses?.has(peeked.type)) return this.rejection(peeked.commandId, 'UNKNOWN_COMMAND', `${this.door.context} accepts no ${peeked.type} from Kafka`);
    let envelope: CommandEnvelope;
    try {
      envelope = decodeCommand(value);
    } catch (error) {
      this.deps.log.error('undecodable command sent to the dead-letter topic', { offset: message.offset, error: (error as Error).message });
      await this.producer?.send({ topic: this.topics.deadLetter, acks: -1, messages: [{ key: message.key, value: message.value, headers: { error: (error as Error).message } }] });
      return null;
    }
    if (envelope.context !== this.door.context || !this.door.accepts.has(envelope.type)) {
      return this.rejection(envelope.commandId, 'UNKNOWN_COMMAND', `${this.door.context} has no command ${envelope.type}`);
    }
    if (this.door.requiresTenant && !envelope.tenant) {
      return this.rejection(envelope.commandId, 'TENANT_REQUIRED', `${this.door.context} commands name their organization in the envelope's tenant`);
    }
    try {
      const { outcome }: Executed = await this.deps.commandBus.execute(this.door.toBusCommand(envelope));
      return this.resultOf(outcome);
    } catch (error) {
      // A database that does not answer is worth waiting for: the batch is redelivered.
      await this.deps.pool.query('SELECT 1');
      this.deps.log.error('command failed unexpectedly', { commandId: envelope.commandId, error: (error as Error).message });
      return this.rejection(envelope.commandId, 'INTERNAL_ERROR', 'the command could not be processed; retry with the same command id');
    }
  }

  private resultOf(outcome: CommandOutcome): CommandResult {
    return {
      commandId: outcome.commandId,
      context: this.door.context,
      status: outcome.status,
      streamId: outcome.streamId,
      streamVersion: outcome.status === 'ACCEPTED' ? outcome.streamVersion : null,
      code: outcome.status === 'REJECTED' ? outcome.code : null,
      message: outcome.status === 'REJECTED' ? outcome.message : null,
      details: outcome.status === 'REJECTED' ? outcome.details : null,
      processedAt: new Date().toISOString(),
    };
  }

  private rejection(commandId: string, code: string, message: string): CommandResult {
    return {
      commandId, context: this.door.context, status: 'REJECTED', streamId: null, streamVersion: null, code, message, details: null, processedAt: new Date().toISOString(),
    };
  }
}
