import { decodeEvent, topicsFor } from '@campaign/contracts';
import { applyIsolatingPoison, completeProducer, groupConsumer, type PartitionBatch, rawDeadLetter, runBatchConsumer } from '@campaign/messaging';
import type { HealthRegistry, JsonLogger } from '@campaign/runtime';
import type { PlanResult } from '@campaign/timers';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage, Message, Producer } from 'kafkajs';
import type { TimerSchedulerConfig } from '../config';
import type { TimerContext, TimerPlanner } from './timer-context';
import type { TimerMetrics } from './timer-metrics';

/** The services every planning consumer is built from. */
export interface PlanningDeps {
  readonly config: TimerSchedulerConfig;
  readonly log: JsonLogger;
  readonly kafka: Kafka;
  readonly metrics: TimerMetrics;
  readonly health: HealthRegistry;
}

interface Readable<R> {
  readonly message: KafkaMessage;
  readonly record: R;
}

const NOTHING_PLANNED: PlanResult = { scheduled: 0, cancelled: 0, refused: 0, skipped: 0 };

const sum = (results: readonly PlanResult[]): PlanResult =>
  results.reduce(
    (a, b) => ({ scheduled: a.scheduled + b.scheduled, cancelled: a.cancelled + b.cancelled, refused: a.refused + b.refused, skipped: a.skipped + b.skipped }),
    NOTHING_PLANNED,
  );

/**
 * Reads one registered context's events in a consumer group of its own and keeps the timers they imply:
 * each partition batch is planned in one transaction, and a redelivered event is recognised
 * by its stream version. The projection's rule holds here too: an event that cannot be read,
 * or that fails on its data (SQLSTATE 22, 23, P0001), goes to the context's dead-letter topic
 * and the rest of the batch is planned around it; any other error (a bug, a database away)
 * fails the batch, which is retried with back-off and turns the health check red.
 */
export class PlanningConsumer<R> implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private readonly healthCheck: string;

  constructor(
    private readonly deps: PlanningDeps,
    private readonly context: TimerContext<string, R>,
    private readonly planner: TimerPlanner<R>,
    private readonly groupId: string,
  ) {
    this.healthCheck = `${context.name}-event-consumer`;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { config, kafka, health, log } = this.deps;
    const { consumer, check } = groupConsumer(kafka, { groupId: this.groupId, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS });
    health.register(this.healthCheck, check);
    this.producer = completeProducer(kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, log);
    await this.producer.connect();
    const topic = topicsFor(this.context.name, config.TOPIC_PREFIX).events;
    const onFailure = () => this.deps.metrics.planningEvents(this.context.name, 'batch-failed', 1);
    const batches = await runBatchConsumer(consumer, { topics: [topic], handle: (batch) => this.handle(batch), onFailure }, log);
    health.register(`${this.healthCheck}-batches`, batches.check);
    this.consumer = consumer;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handle({ topic, partition, messages }: PartitionBatch): Promise<void> {
    const readable: Readable<R>[] = [];
    const setAsides: { message: KafkaMessage; error: Error }[] = [];
    const setAside = (message: KafkaMessage, error: Error) => setAsides.push({ message, error });
    for (const message of messages) {
      const decoded = this.decode(message);
      if (decoded instanceof Error) setAside(message, decoded);
      else if (decoded !== null) readable.push({ message, record: decoded });
    }
    const { results, poisoned } = await applyIsolatingPoison(readable, (part) => this.planner.apply(part.map((r) => r.record)));
    for (const { item, error } of poisoned) setAside(item.message, error);
    // Set aside before the offsets move: a crash here plans the batch again, idempotently.
    const letters = setAsides
      .sort((a, b) => Number(a.message.offset) - Number(b.message.offset))
      .map(({ message, error }) => rawDeadLetter(message, { topic, partition }, this.groupId, error.message));
    if (letters.length > 0) await this.deadLetter(topic, partition, letters);
    const result = sum(results);
    this.deps.metrics.plannedBatch(this.context.name, result);
    if (result.refused > 0) this.deps.log.warn(this.context.planning.refusedWarning, { refused: result.refused });
  }

  /** The planner's record, null for an event its policy ignores, or why the message is unreadable. */
  private decode(message: KafkaMessage): R | null | Error {
    try {
      return this.context.planning.toRecord(decodeEvent(message.value ?? Buffer.alloc(0)));
    } catch (error) {
      this.deps.log.warn(`undecodable ${this.context.name} event set aside by the timer planner`, { offset: message.offset, error: (error as Error).message });
      return error as Error;
    }
  }

  private async deadLetter(topic: string, partition: number, letters: Message[]): Promise<void> {
    const deadLetterTopic = topicsFor(this.context.name, this.deps.config.TOPIC_PREFIX).deadLetter;
    this.deps.log.error('events the timer planner cannot use set aside to the dead-letter topic', { topic, partition, count: letters.length });
    await this.producer?.send({ topic: deadLetterTopic, acks: -1, messages: letters });
    this.deps.metrics.planningEvents(this.context.name, 'dead-lettered', letters.length);
  }
}
