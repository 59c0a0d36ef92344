import type { EventEnvelope } from '@campaign/contracts';
import type { lifecycle } from '@campaign/domain';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER } from '@campaign/runtime';
import { type CampaignEventRecord, TIMER_POLICY_EVENTS, TimerPlanner } from '@campaign/timers';
import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { TimerSchedulerConfig } from '../config';
import { PlanningConsumer } from './planning-consumer';
import { TimerMetrics } from './timer-metrics';

const POLICY_EVENTS = new Set(TIMER_POLICY_EVENTS);

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

/** Reads the lifecycle events and keeps the timers they imply (seed 002). */
@Injectable()
export class TimerPlanningConsumer extends PlanningConsumer<CampaignEventRecord> {
  constructor(
    @Inject(CONFIG) config: TimerSchedulerConfig,
    @Inject(LOGGER) log: JsonLogger,
    @Inject(KAFKA) kafka: Kafka,
    metrics: TimerMetrics,
    planner: TimerPlanner,
    health: HealthRegistry,
  ) {
    super(
      { config, log, kafka, metrics, health },
      {
        context: 'lifecycle',
        groupId: config.SCHEDULER_GROUP,
        healthCheck: 'event-consumer',
        planner,
        toRecord,
        refusedWarning: 'timers refused by the seed rules; see the dead_letters table',
        undecodableWarning: 'undecodable event set aside by the timer planner',
      },
    );
  }
}
