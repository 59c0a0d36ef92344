import { type CommandEnvelope, type CommandResult, decodeCommand, encodeCommandResult, peekCommandEnvelope, topicsFor } from '@campaign/contracts';
import type { Batcher, CommandOutcome, Executed } from '@campaign/eventstore';
import { completeProducer, groupConsumer, type PartitionBatch, rawDeadLetter, runBatchConsumer, topicOutbox } from '@campaign/messaging';
import { COMMAND_AUTH_HEADER, type HealthRegistry, type JsonLogger, type Principal, TokenError, type TokenVerifier } from '@campaign/runtime';
import { unstorableTextPath } from '@campaign/domain';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type { Consumer, Kafka, KafkaMessage, Message, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { CommandConfig } from '../config';
import type { CommandDoor } from './command-context';
import { forEachGroupInOrder, groupBy } from './concurrency';

/** One context's Kafka door as the consumer runs it: the descriptor's door (context-providers.ts) with its group and bus command resolved. */
export type ContextDoor = Omit<CommandDoor, 'groupSuffix' | 'toDomainCommand'> & {
  readonly context: string;
  readonly groupId: string;
  /** The bus message for a decoded command, acting as the authenticated sender. */
  readonly toBusCommand: (envelope: CommandEnvelope, sender: Sender) => object;
};

/** Who sent a command, from its verified token: the envelope's own actor and tenant are not trusted. */
export interface Sender {
  readonly actor: string;
  readonly tenant: string | null;
  /** A user's role, judged by the decider; a service acts with none. */
  readonly role: string | undefined;
  /** An internal service granted the door's scope (its issuedAt is the decision time). */
  readonly service: boolean;
  /** The scopes its token grants (the door's `permits` reads them). */
  readonly scopes: ReadonlySet<string>;
}

export interface ConsumerDeps {
  readonly config: CommandConfig;
  readonly log: JsonLogger;
  readonly kafka: Kafka;
  readonly pool: Pool;
  readonly commandBus: CommandBus;
  readonly health: HealthRegistry;
  readonly verifier: TokenVerifier;
}

/**
 * The Kafka door to one context's commands: Avro commands in, one result per command out on
 * the results topic, keyed and correlated by command id. Offsets are committed after the
 * results are acknowledged; a redelivered command is answered from its first outcome.
 */
export class ContextCommandsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private stopBatches: () => Promise<void> = async () => undefined;
  private readonly topics;
  /** Results of the batches in flight go out together (the producer has one request in flight). */
  private readonly resultsOutbox: Batcher<Message, undefined>;

  constructor(
    private readonly deps: ConsumerDeps,
    private readonly door: ContextDoor,
  ) {
    this.topics = topicsFor(door.context, deps.config.TOPIC_PREFIX);
    this.resultsOutbox = topicOutbox(() => this.producer, this.topics.commandResults, 'the command door is stopping');
  }

  async onApplicationBootstrap(): Promise<void> {
    const { kafka, config, log, health } = this.deps;
    this.producer = completeProducer(kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, log);
    await this.producer.connect();
    const { consumer, check } = groupConsumer(kafka, { groupId: this.door.groupId, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS });
    health.register(this.door.healthName, check);
    const batches = await runBatchConsumer(
      consumer,
      {
        topics: [this.topics.commands],
        partitionsConsumedConcurrently: config.COMMAND_PARTITIONS_CONCURRENTLY,
        // A command waits only for the earlier commands of its stream (the message key, the
        // pipeline's default order key), not for the rest of its partition's fetch: the next
        // fetch is taken while the last is decided.
        pipeline: {},
        handle: (batch) => this.handle(batch),
      },
      log,
    );
    health.register(`${this.door.healthName}-batches`, batches.check);
    this.consumer = consumer;
    this.stopBatches = batches.stop;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stopBatches();
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handle({ partition, messages }: PartitionBatch): Promise<void> {
    const results: Message[] = [];
    const answer = (result: CommandResult) => results.push({ key: result.commandId, value: encodeCommandResult(result) });
    const groups = groupBy(messages, (message) => message.key?.toString() ?? message.offset);
    await forEachGroupInOrder(groups, this.deps.config.COMMAND_CONCURRENCY, async (message) => {
      const result = await this.execute(message, partition);
      if (result) answer(result);
    });
    await Promise.all(results.map((result) => this.resultsOutbox.submit(result)));
  }

  private async execute(message: KafkaMessage, partition: number): Promise<CommandResult | null> {
    const value = message.value ?? Buffer.alloc(0);
    const peeked = peekCommandEnvelope(value);
    if (!peeked) return this.deadLetter(message, partition, 'the message is not a command envelope');
    const principal = await this.authenticate(message, value);
    if (typeof principal === 'string') return this.rejection(peeked.commandId, 'UNAUTHORIZED', principal);
    // The type is judged before the data is read: an unknown type has no schema to read it with.
    if (peeked.context !== this.door.context || !this.door.accepts.has(peeked.type) || this.door.refuses?.has(peeked.type)) {
      return this.rejection(peeked.commandId, 'UNKNOWN_COMMAND', `${this.door.context} accepts no ${peeked.type} from Kafka`);
    }
    let envelope: CommandEnvelope;
    try {
      envelope = decodeCommand(value);
    } catch (error) {
      // The bytes go to the operators' dead-letter topic; the sender, known and waiting, is told why.
      await this.deadLetter(message, partition, (error as Error).message);
      return this.rejection(peeked.commandId, 'MALFORMED_MESSAGE', `the command's data cannot be read: ${(error as Error).message}`);
    }
    const unstorable = unstorableTextPath(envelope);
    if (unstorable !== null)
      return this.rejection(envelope.commandId, 'INVALID_TEXT', `${unstorable} holds text that cannot be stored (U+0000 or an unpaired surrogate)`);
    const sender = this.senderOf(principal, envelope);
    if (typeof sender === 'string') return this.rejection(envelope.commandId, 'FORBIDDEN', sender);
    const refusal = this.door.permits?.(envelope.type, sender) ?? null;
    if (refusal !== null) return this.rejection(envelope.commandId, 'FORBIDDEN', refusal);
    if (this.door.requiresTenant && !sender.tenant) {
      return this.rejection(envelope.commandId, 'TENANT_REQUIRED', `${this.door.context} commands name their organization in the envelope's tenant`);
    }
    try {
      const { outcome }: Executed = await this.deps.commandBus.execute(this.door.toBusCommand(envelope, sender));
      return this.resultOf(outcome);
    } catch (error) {
      // A database that does not answer is worth waiting for: the batch is redelivered.
      await this.deps.pool.query('SELECT 1');
      this.deps.log.error('command failed unexpectedly', { commandId: envelope.commandId, error: (error as Error).message });
      return this.rejection(envelope.commandId, 'INTERNAL_ERROR', 'the command could not be processed; retry with the same command id');
    }
  }

  /** The sender's principal from the signed envelope's token, or why there is none. */
  private async authenticate(message: KafkaMessage, value: Buffer): Promise<Principal | string> {
    const header = message.headers?.[COMMAND_AUTH_HEADER];
    const token = (Array.isArray(header) ? header[0] : header)?.toString();
    if (!token) return `a command carries its sender's signed token in the '${COMMAND_AUTH_HEADER}' header`;
    try {
      return await this.deps.verifier.verify(token, { bindTo: value });
    } catch (error) {
      if (error instanceof TokenError) return `the sender's token is not accepted: ${error.message}`;
      throw error;
    }
  }

  /**
   * A service granted the door's scope acts for the tenant its envelope names; a user acts in
   * its own org only, with its own role. Anyone else may not send this context's commands.
   */
  private senderOf(principal: Principal, envelope: CommandEnvelope): Sender | string {
    const { scopes } = principal;
    if ([this.door.serviceScope, ...(this.door.otherServiceScopes ?? [])].some((scope) => scopes.has(scope)))
      return { actor: principal.actor, tenant: envelope.tenant, role: undefined, service: true, scopes };
    if (!this.door.requiresTenant || !principal.orgId) return `the token does not grant ${this.door.serviceScope}`;
    if (envelope.tenant !== null && envelope.tenant.toLowerCase() !== principal.orgId)
      return `a user of org ${principal.orgId} cannot act for org ${envelope.tenant}`;
    return { actor: principal.actor, tenant: principal.orgId, role: principal.role ?? undefined, service: false, scopes };
  }

  private async deadLetter(message: KafkaMessage, partition: number, error: string): Promise<null> {
    this.deps.log.error('undecodable command sent to the dead-letter topic', { offset: message.offset, error });
    const letter = rawDeadLetter(message, { topic: this.topics.commands, partition }, this.door.groupId, error);
    await this.producer?.send({ topic: this.topics.deadLetter, acks: -1, messages: [letter] });
    return null;
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
      commandId,
      context: this.door.context,
      status: 'REJECTED',
      streamId: null,
      streamVersion: null,
      code,
      message,
      details: null,
      processedAt: new Date().toISOString(),
    };
  }
}
