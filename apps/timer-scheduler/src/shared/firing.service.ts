import type { CommandResult } from '@campaign/contracts';
import { KafkaCommandClient } from '@campaign/messaging';
import { createCommandSigner, type HealthRegistry, type JsonLogger } from '@campaign/runtime';
import { type DueTimer, type FireResult, TimerEngine, type TimerStore } from '@campaign/timers';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { TimerSchedulerConfig } from '../config';
import type { TimerContext } from './timer-context';
import type { TimerMetrics } from './timer-metrics';

/** Rejections that say the command could not be processed now, rather than "no". */
const TRANSIENT_CODES = new Set(['INTERNAL_ERROR']);

/** How a command result ends a timer's attempt. */
export const attemptOutcome = (result: CommandResult): FireResult => {
  if (result.status === 'ACCEPTED') return { ok: true, result: { status: 'ACCEPTED', streamVersion: result.streamVersion } };
  if (TRANSIENT_CODES.has(result.code ?? '')) return { ok: false, error: `${result.code}: ${result.message}`, retryable: true };
  // The subject declined (it moved on, e.g. started by hand): the timer has done its job.
  return { ok: true, result: { status: 'REJECTED', code: result.code, message: result.message } };
};

/** The services every firing service is built from. */
export interface FiringDeps {
  readonly config: TimerSchedulerConfig;
  readonly log: JsonLogger;
  readonly kafka: Kafka;
  readonly metrics: TimerMetrics;
  readonly health: HealthRegistry;
}

/**
 * Fires one registered context's due timers: each sends its command over Kafka with the command id
 * `timer-<timerId>` — the same on every attempt, so a re-fire after a crash is answered from
 * the first outcome — and waits for the result before the attempt counts as done. A rejection
 * ends the timer (its subject moved on); INTERNAL_ERROR and timeouts are retried.
 */
export class FiringService<T extends string> implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly engine: TimerEngine<T>;
  private readonly commands: KafkaCommandClient;

  constructor(
    private readonly deps: FiringDeps,
    private readonly context: TimerContext<T>,
    store: TimerStore<T>,
  ) {
    const { config, log, metrics } = deps;
    this.commands = new KafkaCommandClient(
      deps.kafka,
      {
        context: context.name,
        topicPrefix: config.TOPIC_PREFIX,
        instanceId: config.INSTANCE_ID,
        // Each context's client has a results group of its own: each reads another topic.
        clientName: `${config.SERVICE_NAME}-${context.name}`,
        timeoutMs: config.COMMAND_TIMEOUT_MS,
        signer: createCommandSigner(config, config.SERVICE_NAME, context.commandScopes),
      },
      log,
    );
    this.engine = new TimerEngine<T>(
      store,
      {
        instanceId: config.INSTANCE_ID,
        fire: (timer) => this.fire(timer),
        lookaheadMs: config.TIMER_LOOKAHEAD_MS,
        leaseMs: config.TIMER_LEASE_MS,
        pollMs: config.TIMER_POLL_MS,
        concurrency: config.TIMER_CONCURRENCY,
        maxHeld: config.TIMER_MAX_HELD,
        onFired: (timer, ms) => metrics.fired(context.name, timer.timerType, ms),
        onFinished: ({ timer, outcome }) => metrics.ended(context.name, timer.timerType, outcome),
      },
      log,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.commands.start();
    await this.engine.start();
    this.deps.health.register(`${this.context.name}-timer-engine`, async () => {
      const state = this.engine.state;
      return { ok: state.lastError === null, detail: state };
    });
    this.deps.log.log(`${this.context.name} timer engine started`, { instance: this.deps.config.INSTANCE_ID });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
    await this.commands.stop();
  }

  private async fire(timer: DueTimer<T>): Promise<FireResult> {
    // The command is judged at this instant (one clock: the database's, never before the due time).
    const issuedAt = new Date(Math.max(this.engine.now(), timer.dueAt.getTime())).toISOString();
    const command = this.context.commandOf(timer, issuedAt);
    if (typeof command === 'string') return { ok: false, error: command, retryable: false };
    const result = await this.commands.send(command.envelope, command.key);
    const outcome = attemptOutcome(result);
    if (outcome.ok && outcome.result.status === 'REJECTED') {
      this.deps.log.log(`${this.context.name} timer fired; its command was declined`, { timerId: timer.id, timerType: timer.timerType, code: result.code });
    }
    return outcome;
  }
}
