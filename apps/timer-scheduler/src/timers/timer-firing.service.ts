import { CONTRACT_VERSIONS } from '@campaign/contracts';
import { lifecycle } from '@campaign/domain';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER } from '@campaign/runtime';
import { type DueTimer, SCHEDULER_ACTOR, TimerStore } from '@campaign/timers';
import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { TimerSchedulerConfig } from '../config';
import { FiringService, type TimerCommand } from './firing-service';
import { TimerMetrics } from './timer-metrics';

/** The lifecycle command a due timer sends, keyed by its campaign's stream. */
const lifecycleCommandOf = (timer: DueTimer, issuedAt: string): TimerCommand => {
  const { type, data } = lifecycle.timerCommandOf(timer.timerType, timer.campaignId);
  const commandId = `timer-${timer.id}`;
  return {
    key: lifecycle.campaignStreamId(timer.campaignId),
    envelope: {
      commandId,
      type,
      schemaVersion: CONTRACT_VERSIONS.lifecycle.commands[type],
      context: 'lifecycle',
      issuedAt,
      actor: SCHEDULER_ACTOR,
      correlationId: timer.id,
      causationId: commandId,
      tenant: null,
      data,
    },
  };
};

/** Fires due lifecycle timers (seed 002) by sending their command on the lifecycle command topic. */
@Injectable()
export class TimerFiringService extends FiringService<lifecycle.TimerType> {
  constructor(
    @Inject(CONFIG) config: TimerSchedulerConfig,
    @Inject(LOGGER) log: JsonLogger,
    @Inject(KAFKA) kafka: Kafka,
    metrics: TimerMetrics,
    store: TimerStore,
    health: HealthRegistry,
  ) {
    super(
      { config, log, kafka, store, metrics, health },
      {
        context: 'lifecycle',
        clientName: config.SERVICE_NAME,
        healthCheck: 'timer-engine',
        startedMessage: 'timer engine started',
        declinedMessage: 'timer fired; the campaign declined its command',
        commandOf: lifecycleCommandOf,
      },
    );
  }
}
