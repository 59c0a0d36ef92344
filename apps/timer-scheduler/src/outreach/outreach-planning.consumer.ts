import type { EventEnvelope } from '@campaign/contracts';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER } from '@campaign/runtime';
import { OUTREACH_POLICY_EVENTS, type OutreachEventRecord, OutreachTimerPlanner } from '@campaign/timers';
import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { TimerSchedulerConfig } from '../config';
import { PlanningConsumer } from '../timers/planning-consumer';
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
export class OutreachPlanningConsumer extends PlanningConsumer<OutreachEventRecord> {
  constructor(
    @Inject(CONFIG) config: TimerSchedulerConfig,
    @Inject(LOGGER) log: JsonLogger,
    @Inject(KAFKA) kafka: Kafka,
    metrics: TimerMetrics,
    planner: OutreachTimerPlanner,
    health: HealthRegistry,
  ) {
    super(
      { config, log, kafka, metrics, health },
      {
        context: 'outreach',
        groupId: config.OUTREACH_SCHEDULER_GROUP,
        healthCheck: 'outreach-event-consumer',
        planner,
        toRecord: toOutreachRecord,
        refusedWarning: 'outreach timers refused (one already active); see the dead_letters table',
        undecodableWarning: 'undecodable outreach event skipped by the timer planner',
      },
    );
  }
}
