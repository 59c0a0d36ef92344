import { decodeEvent, type EventEnvelope, topicsFor } from '@campaign/contracts';
import type { lifecycle } from '@campaign/domain';
import { type PartitionBatch, runBatchConsumer } from '@campaign/messaging';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER } from '@campaign/runtime';
import { type CampaignEventRecord, TimerPlanner } from '@campaign/timers';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { TimerSchedulerConfig } from '../config';
import { TimerMetrics } from './timer-metrics';

const POLICY_EVENTS = new Set(['CampaignCreated', 'StateTransitioned']);

/** A campaign's own events (not its timers' sub-streams) that the timer policy reacts to. */
const toRecord = (envelope: EventEnvelope): CampaignEventRecord | null =>
  envelope.streamId.includes('/') || !POLICY_EVENTS.has(envelope.type)
    ? null
    : {
        eventId: envelope.eventId,
        streamId: envelope.streamId,
        streamVersion: envelope.streamVersion,
        occurredAt: envelope.occurredAt,
        correlationId: envelope.correlationId,
        event: { type: envelope.type, data: envelope.data } as lifecycle.CampaignEvent,
      };

/**
 * Reads the lifecycle events and keeps the timers they imply: each partition batch is planned
 * in one transaction, and a redelivered event is recognised by its stream version.
 */
@Injectable()
export class TimerPlanningConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | null = null;
  private crashed: string | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: TimerSchedulerConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly metrics: TimerMetrics,
    private readonly planner: TimerPlanner,
    private readonly health: HealthRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.config.SCHEDULER_GROUP,
      allowAutoTopicCreation: false,
      sessionTimeout: this.config.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatInterval: Math.floor(this.config.KAFKA_SESSION_TIMEOUT_MS / 10),
    });
    consumer.on(consumer.events.CRASH, (event) => (this.crashed = event.payload.error.message));
    consumer.on(consumer.events.GROUP_JOIN, () => (this.crashed = null));
    this.health.register('event-consumer', async () => ({ ok: this.crashed === null, detail: this.crashed }));
    const topic = topicsFor('lifecycle', this.config.TOPIC_PREFIX).events;
    await runBatchConsumer(consumer, { topics: [topic], handle: (batch) => this.handle(batch) }, this.log);
    this.consumer = consumer;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private async handle({ messages }: PartitionBatch): Promise<void> {
    const records = messages.map((message) => this.decode(message)).filter((record): record is CampaignEventRecord => record !== null);
    const result = await this.planner.apply(records);
    this.metrics.plannedBatch('lifecycle', result);
    if (result.refused > 0) this.log.warn('timers refused by the seed rules; see the dead_letters table', { refused: result.refused });
  }

  private decode(message: KafkaMessage): CampaignEventRecord | null {
    try {
      return toRecord(decodeEvent(message.value ?? Buffer.alloc(0)));
    } catch (error) {
      // The projection dead-letters undecodable events; a timer can only come from one it can read.
      this.log.warn('undecodable event skipped by the timer planner', { offset: message.offset, error: (error as Error).message });
      return null;
    }
  }
}
