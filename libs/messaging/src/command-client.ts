import { type CommandEnvelope, type CommandResult, decodeCommandResult, encodeCommand, topicsFor } from '@campaign/contracts';
import type { Batcher } from '@campaign/eventstore';
import type { Consumer, Kafka, Message, Producer } from 'kafkajs';
import { completeProducer } from './complete-producer';
import type { LogSink } from './kafka';
import { topicOutbox } from './topic-outbox';
import { whileRetriable } from './topics';

export interface CommandClientOptions {
  readonly context: string;
  readonly topicPrefix?: string;
  /** Unique per process: every instance reads every result and keeps those it waits for. */
  readonly instanceId: string;
  readonly clientName: string;
  readonly timeoutMs?: number;
  /**
   * Signs each command's bytes: the token goes in the message's `authorization` header and is
   * the sender's identity at the command door (a signed envelope; the door trusts no field).
   */
  readonly signer: { sign(value: Buffer): Promise<string> };
}

export class CommandTimeoutError extends Error {
  constructor(
    readonly commandId: string,
    timeoutMs: number,
  ) {
    super(`no result for command ${commandId} within ${timeoutMs} ms`);
    this.name = 'CommandTimeoutError';
  }
}

interface Waiter {
  readonly resolve: (result: CommandResult) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Sends commands over a context's Kafka command topic and waits for each one's result on the
 * results topic, matched by command id. Results are read by a consumer group of this instance
 * alone, from the latest offset; a result that is missed (the instance restarted) is recovered
 * by sending the same command id again, which campaign-command answers from its first outcome.
 */
export class KafkaCommandClient {
  private producer: Producer | null = null;
  private consumer: Consumer | null = null;
  private readonly waiting = new Map<string, Waiter>();
  private readonly inFlight = new Map<string, { readonly sent: Promise<void>; readonly result: Promise<CommandResult> }>();
  private readonly topics;
  /** Commands sent while a send is in flight go together in the next one (one request each). */
  private readonly outbox: Batcher<Message, undefined>;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: CommandClientOptions,
    private readonly log: LogSink,
  ) {
    this.topics = topicsFor(options.context, options.topicPrefix ?? '');
    this.outbox = topicOutbox(() => this.producer, this.topics.commands, 'command client is not started');
  }

  async start(): Promise<void> {
    this.producer = completeProducer(this.kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, this.log);
    await this.producer.connect();
    const groupId = `${this.options.clientName}-results-${this.options.instanceId}`;
    const ends = await this.resultsEnds();
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topics.commandResults], fromBeginning: false });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) this.settle(message.value);
      },
    });
    this.consumer = consumer;
    await joined;
    // Left to the consumer, "latest" is resolved after the join, by which time a command sent
    // as start() was called may have had its result written — and skipped. Reading from the
    // ends as they were before the join misses none (the group is this instance's alone).
    for (const { partition, offset } of ends) consumer.seek({ topic: this.topics.commandResults, partition, offset });
  }

  /** The results topic's end offsets, now. */
  private async resultsEnds(): Promise<{ partition: number; offset: string }[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await whileRetriable(() => admin.fetchTopicOffsets(this.topics.commandResults), 'the results topic to be served', this.log);
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    for (const [commandId, waiter] of this.waiting) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`command client stopped before the result of ${commandId} arrived`));
    }
    this.waiting.clear();
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    // The group was this instance's alone; it is not needed again.
    const admin = this.kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([`${this.options.clientName}-results-${this.options.instanceId}`]))
      .catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }

  /** Sends `command` keyed by `key` (the addressed stream) and resolves with its result. */
  send(command: CommandEnvelope, key: string): Promise<CommandResult> {
    return this.submit(command, key).result;
  }

  /**
   * Sends `command` keyed by `key`: `sent` resolves once the brokers hold it (acks from every
   * in-sync replica: it will be decided even if this process stops now), `result` once its
   * result arrives. A sender that needs only durability (an agent moving on to its next work)
   * waits for `sent` and reads `result` when it comes.
   */
  submit(command: CommandEnvelope, key: string): { readonly sent: Promise<void>; readonly result: Promise<CommandResult> } {
    if (!this.producer) {
      const failed = Promise.reject(new Error('command client is not started'));
      failed.catch(() => undefined);
      return { sent: failed, result: failed as Promise<never> };
    }
    // The same command id already on its way: its one result answers both callers.
    const existing = this.inFlight.get(command.commandId);
    if (existing) return existing;
    const submitted = this.submitOnce(command, key);
    this.inFlight.set(command.commandId, submitted);
    void submitted.result.finally(() => this.inFlight.delete(command.commandId)).catch(() => undefined);
    return submitted;
  }

  private submitOnce(command: CommandEnvelope, key: string): { readonly sent: Promise<void>; readonly result: Promise<CommandResult> } {
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    const result = new Promise<CommandResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(command.commandId);
        reject(new CommandTimeoutError(command.commandId, timeoutMs));
      }, timeoutMs);
      this.waiting.set(command.commandId, { resolve, reject, timer });
    });
    // The wait may time out while the send itself still retries (brokers away): handled here,
    // the caller gets it once the send settles; an unhandled rejection would end the process.
    result.catch(() => undefined);
    const sent = (async () => {
      const value = encodeCommand(command);
      const authorization = await this.options.signer.sign(value);
      await this.outbox.submit({ key, value, headers: { authorization } });
    })().catch((error: Error) => {
      const waiter = this.waiting.get(command.commandId);
      if (waiter) clearTimeout(waiter.timer);
      this.waiting.delete(command.commandId);
      throw error;
    });
    return { sent, result: sent.then(() => result) };
  }

  private settle(value: Buffer | null): void {
    if (!value) return;
    let result: CommandResult;
    try {
      result = decodeCommandResult(value);
    } catch (error) {
      this.log.warn('undecodable command result ignored', { error: (error as Error).message });
      return;
    }
    const waiter = this.waiting.get(result.commandId);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.waiting.delete(result.commandId);
    waiter.resolve(result);
  }
}
