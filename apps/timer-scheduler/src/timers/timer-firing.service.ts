import { type CommandResult, CONTRACT_VERSIONS } from '@campaign/contracts';
import { lifecycle } from '@campaign/domain';
import { KafkaCommandClient } from '@campaign/messaging';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER } from '@campaign/runtime';
import { type DueTimer, type FireResult, SCHEDULER_ACTOR, TimerEngine, TimerStore } from '@campaign/timers';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { TimerSchedulerConfig } from '../config';
import { TimerMetrics } from './timer-metrics';

/** Rejections that say the command could not be processed now, rather than "no". */
const TRANSIENT_CODES = new Set(['INTERNAL_ERROR']);

/** How a command result ends a timer's attempt. */
export const attemptOutcome = (result: CommandResult): FireResult => {
  if (result.status === 'ACCEPTED') return { ok: true, result: { status: 'ACCEPTED', streamVersion: result.streamVersion } };
  if (TRANSIENT_CODES.has(result.code ?? '')) return { ok: false, error: `${result.code}: ${result.message}`, retryable: true };
  // The campaign declined (it moved on, e.g. started by hand): the timer has done its job.
  return { ok: true, result: { status: 'REJECTED', code: result.code, message: result.message } };
};

/**
 * Fires due timers: each sends its lifecycle command over Kafka with the command id
 * `timer-<timerId>` — the same on every attempt, so a re-fire after a crash is answered from
 * the first outcome — and waits for the result before the attempt counts as done.
 */
@Injectable()
export class TimerFiringService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly engine: TimerEngine;
  private readonly commands: KafkaCommandClient;

  constructor(
    @Inject(CONFIG) private readonly config: TimerSchedulerConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(KAFKA) kafka: Kafka,
    metrics: TimerMetrics,
    store: TimerStore,
    private readonly health: HealthRegistry,
  ) {
    this.commands = new KafkaCommandClient(
      kafka,
      { context: 'lifecycle', topicPrefix: config.TOPIC_PREFIX, instanceId: config.INSTANCE_ID, clientName: config.SERVICE_NAME, timeoutMs: config.COMMAND_TIMEOUT_MS },
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
        onFired: (timer, ms) => metrics.fired('lifecycle', timer.timerType, ms),
        onFinished: ({ timer, outcome }) => metrics.ended('lifecycle', timer.timerType, outcome),
      },
      log,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.commands.start();
    await this.engine.start();
    this.health.register('timer-engine', async () => {
      const state = this.engine.state;
      return { ok: state.lastError === null, detail: state };
    });
    this.log.log('timer engine started', { instance: this.config.INSTANCE_ID });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
    await this.commands.stop();
  }

  private async fire(timer: DueTimer): Promise<FireResult> {
    const { type, data } = lifecycle.timerCommandOf(timer.timerType, timer.campaignId);
    const commandId = `timer-${timer.id}`;
    const result = await this.commands.send(
      {
        commandId,
        type,
        schemaVersion: CONTRACT_VERSIONS.lifecycle.commands[type],
        context: 'lifecycle',
        issuedAt: new Date(this.engine.now()).toISOString(),
        actor: SCHEDULER_ACTOR,
        correlationId: timer.id,
        causationId: commandId,
        tenant: null,
        data,
      },
      lifecycle.campaignStreamId(timer.campaignId),
    );
    const outcome = attemptOutcome(result);
    if (outcome.ok && outcome.result.status === 'REJECTED') {
      this.log.log('timer fired; the campaign declined its command', { timerId: timer.id, timerType: timer.timerType, code: result.code });
    }
    return outcome;
  }
}
