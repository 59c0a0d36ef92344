import { decodeEvent, type EventEnvelope, topicsFor } from '@campaign/contracts';
import { groupConsumer, type PartitionBatch, runBatchConsumer } from '@campaign/messaging';
import type { HealthRegistry, JsonLogger } from '@campaign/runtime';
import type { PlanResult } from '@campaign/timers';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { TimerSchedulerConfig } from '../config';
import type { TimerContext, TimerMetrics } from './timer-metrics';

/** The services every planning consumer is built from (injected into each context's subclass). */
export interface PlanningDeps {
  readonly config: TimerSchedulerConfig;
  readonly log: JsonLogger;
  readonly kafka: Kafka;
  readonly metrics: TimerMetrics;
  readonly health: HealthRegistry;
}

/** What one context's planning consumer reads, and what it tells the operators. */
export interface PlanningSpec<R> {
  readonly context: TimerContext;
  readonly groupId: string;
  readonly healthCheck: string;
  readonly planner: { apply(records: readonly R[]): Promise<PlanResult> };
  /** The record the planner takes, or null for an event its policy does not react to. */
  readonly toRecord: (envelope: EventEnvelope) => R | null;
  readonly refusedWarning: string;
  readonly undecodableWarning: string;
}

/**
 * Reads one context's events in a consumer group of its own and keeps the timers they imply:
 * each partition batch is planned in one transaction, and a redelivered event is recognised
 * by its stream version.
 */
export abstract class PlanningConsumer<R> implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | null = null;

  protected constructor(private readonly deps: PlanningDeps, private readonly spec: PlanningSpec<R>) {}

  async onApplicationBootstrap(): Promise<void> {
    const { config, kafka, health, log } = this.deps;
    const { consumer, check } = groupConsumer(kafka, { groupId: this.spec.groupId, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS });
    health.register(this.spec.healthCheck, check);
    const topic = topicsFor(this.spec.context, config.TOPIC_PREFIX).events;
    const batches = await runBatchConsumer(consumer, { topics: [topic], handle: (batch) => this.handle(batch) }, log);
    health.register(`${this.spec.healthCheck}-batches`, batches.check);
    this.consumer = consumer;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private async handle({ messages }: PartitionBatch): Promise<void> {
    const records = messages.map((message) => this.decode(message)).filter((record): record is R => record !== null);
    const result = await this.spec.planner.apply(records);
    this.deps.metrics.plannedBatch(this.spec.context, result);
    if (result.refused > 0) this.deps.log.warn(this.spec.refusedWarning, { refused: result.refused });
  }

  private decode(message: KafkaMessage): R | null {
    try {
      return this.spec.toRecord(decodeEvent(message.value ?? Buffer.alloc(0)));
    } catch (error) {
      // The projection dead-letters undecodable events; a timer can only come from one it can read.
      this.deps.log.warn(this.spec.undecodableWarning, { offset: message.offset, error: (error as Error).message });
      return null;
    }
  }
}
