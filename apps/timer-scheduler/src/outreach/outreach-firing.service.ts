import type { outreach } from '@campaign/domain';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER } from '@campaign/runtime';
import { TimerStore } from '@campaign/timers';
import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { TimerSchedulerConfig } from '../config';
import { FiringService } from '../timers/firing-service';
import { TimerMetrics } from '../timers/timer-metrics';
import { outreachCommandOf } from './outreach-command';
import { OUTREACH_TIMER_STORE } from './tokens';

/**
 * The second engine: fires due outreach timers (seed 004's end_date completion, archival after
 * 90 days, soft-bounce retries) by sending their command on the outreach command topic, with
 * the lifecycle engine's lease, retry and back-off behaviour.
 */
@Injectable()
export class OutreachFiringService extends FiringService<outreach.OutreachTimerType> {
  constructor(
    @Inject(CONFIG) config: TimerSchedulerConfig,
    @Inject(LOGGER) log: JsonLogger,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(OUTREACH_TIMER_STORE) store: TimerStore<outreach.OutreachTimerType>,
    metrics: TimerMetrics,
    health: HealthRegistry,
  ) {
    super(
      { config, log, kafka, store, metrics, health },
      {
        context: 'outreach',
        // Its own results group: the lifecycle client's group reads another topic.
        clientName: `${config.SERVICE_NAME}-outreach`,
        healthCheck: 'outreach-timer-engine',
        startedMessage: 'outreach timer engine started',
        declinedMessage: 'outreach timer fired; its command was declined',
        commandOf: (timer, issuedAt) => outreachCommandOf(timer, issuedAt) ?? `timer ${timer.id} names no org or campaign in its payload`,
      },
    );
  }
}
