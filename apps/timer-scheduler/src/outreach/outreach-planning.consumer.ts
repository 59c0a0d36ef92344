import { decodeEvent, type EventEnvelope, topicsFor } from '@campaign/contracts';
import { type PartitionBatch, runBatchConsumer } from '@campaign/messaging';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER } from '@campaign/runtime';
import { OUTREACH_POLICY_EVENTS, type OutreachEventRecord, OutreachTimerPlanner } from '@campaign/timers';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { TimerSchedulerConfig } from '../config';
import { TimerMetrics } from '../timers/timer-metrics';

/** The campaign and contact events the outreach timer policy reacts to. */
export const toOutreachRecord = (envelope: EventEnvelope): OutreachEventRecord | null =>
  OUTREACH_POLICY_EVENTS.has(envelope.type)
    ? {
        eventId: envelope.eventId,
        streamId: envelope.streamId,
        streamVersion: envelope.streamVersion,
        occurredAt: envelope.occurredAt,
        event: { type: envelope.type, data: envelope.data } as OutreachEventRecord['event'],
      }
    : null;

/**
 * Reads the outreach events in a consumer group of its own and keeps the timers they imply:
 * each partition batch (one org's events in commit order) is planned in one transaction.
 */
@Injectable()
export class OutreachPlanningConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | null = null;
  private crashed: string | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: TimerSchedulerConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly metrics: TimerMetrics,
    private readonly planner: OutreachTimerPlanner,
    private readonly health: HealthRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.config.OUTREACH_SCHEDULER_GROUP,
      allowAutoTopicCreation: false,
      sessionTimeout: this.config.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatInterval: Math.floor(this.config.KAFKA_SESSION_TIMEOUT_MS / 10),
    });
    consumer.on(consumer.events.CRASH, (event) => (this.crashed = event.payload.error.message));
    consumer.on(consumer.events.GROUP_JOIN, () => (this.crashed = null));
    this.health.register('outreach-event-consumer', async () => ({ ok: this.crashed === null, detail: this.crashed }));
    const topic = topicsFor('outreach', this.config.TOPIC_PREFIX).events;
    await runBatchConsumer(consumer, { topics: [topic], handle: (batch) => this.handle(batch) }, this.log);
    this.consumer = consumer;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private async handle({ messages }: PartitionBatch): Promise<void> {
    const records = messages.map((message) => this.decode(message)).filter((record): record is OutreachEventRecord => record !== null);
    const result = await this.planner.apply(records);
    this.metrics.plannedBatch('outreach', result);
    if (result.refused > 0) this.log.warn('outreach timers refused (one already active); see the dead_letters table', { refused: result.refused });
  }

  private decode(message: KafkaMessage): OutreachEventRecord | null {
    try {
      return toOutreachRecord(decodeEvent(message.value ?? Buffer.alloc(0)));
    } catch (error) {
      // The projection dead-letters undecodable events; a timer can only come from one it can read.
      this.log.warn('undecodable outreach event skipped by the timer planner', { offset: message.offset, error: (error as Error).message });
      return null;
    }
  }
}
