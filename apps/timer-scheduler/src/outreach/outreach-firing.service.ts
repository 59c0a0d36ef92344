import type { outreach } from '@campaign/domain';
import { KafkaCommandClient } from '@campaign/messaging';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER } from '@campaign/runtime';
import { type FireResult, TimerEngine, TimerStore } from '@campaign/timers';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { TimerSchedulerConfig } from '../config';
import { attemptOutcome } from '../timers/timer-firing.service';
import { TimerMetrics } from '../timers/timer-metrics';
import { outreachCommandOf, type OutreachDueTimer } from './outreach-command';
import { OUTREACH_TIMER_STORE } from './tokens';

/**
 * The second engine: fires due outreach timers (seed 004's end_date completion, archival after
 * 90 days, soft-bounce retries) by sending their command on the outreach command topic, with
 * the lifecycle engine's lease, retry and back-off behaviour. A rejection ends the timer (the
 * campaign or contact moved on); INTERNAL_ERROR and timeouts are retried.
 */
@Injectable()
export class OutreachFiringService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly engine: TimerEngine<outreach.OutreachTimerType>;
  private readonly commands: KafkaCommandClient;

  constructor(
    @Inject(CONFIG) private readonly config: TimerSchedulerConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(OUTREACH_TIMER_STORE) store: TimerStore<outreach.OutreachTimerType>,
    metrics: TimerMetrics,
    private readonly health: HealthRegistry,
  ) {
    // Its own results group: the lifecycle client's group reads another topic.
    this.commands = new KafkaCommandClient(
      kafka,
      {
        context: 'outreach',
        topicPrefix: config.TOPIC_PREFIX,
        instanceId: config.INSTANCE_ID,
        clientName: `${config.SERVICE_NAME}-outreach`,
        timeoutMs: config.COMMAND_TIMEOUT_MS,
      },
      log,
    );
    this.engine = new TimerEngine(
      store,
      {
        instanceId: config.INSTANCE_ID,
        fire: (timer) => this.fire(timer),
        lookaheadMs: config.TIMER_LOOKAHEAD_MS,
        leaseMs: config.TIMER_LEASE_MS,
        pollMs: config.TIMER_POLL_MS,
        concurrency: config.TIMER_CONCURRENCY,
        maxHeld: config.TIMER_MAX_HELD,
        onFired: (timer, ms) => metrics.fired('outreach', timer.timerType, ms),
        onFinished: ({ timer, outcome }) => metrics.ended('outreach', timer.timerType, outcome),
      },
      log,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.commands.start();
    await this.engine.start();
    this.health.register('outreach-timer-engine', async () => {
      const state = this.engine.state;
      return { ok: state.lastError === null, detail: state };
    });
    this.log.log('outreach timer engine started', { instance: this.config.INSTANCE_ID });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
    await this.commands.stop();
  }

  private async fire(timer: OutreachDueTimer): Promise<FireResult> {
    const command = outreachCommandOf(timer, new Date(this.engine.now()).toISOString());
    if (!command) return { ok: false, error: `timer ${timer.id} names no org or campaign in its payload`, retryable: false };
    const result = await this.commands.send(command.envelope, command.key);
    const outcome = attemptOutcome(result);
    if (outcome.ok && outcome.result.status === 'REJECTED') {
      this.log.log('outreach timer fired; its command was declined', { timerId: timer.id, timerType: timer.timerType, code: result.code });
    }
    return outcome;
  }
}
