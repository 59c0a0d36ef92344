import type { CommandEnvelope, CommandResult } from '@campaign/contracts';
import { KafkaCommandClient } from '@campaign/messaging';
import { createCommandSigner, type HealthRegistry, type JsonLogger, SCOPES } from '@campaign/runtime';
import { type DueTimer, type FireResult, TimerEngine, type TimerStore } from '@campaign/timers';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { TimerSchedulerConfig } from '../config';
import type { TimerContext, TimerMetrics } from './timer-metrics';

/** Rejections that say the command could not be processed now, rather than "no". */
const TRANSIENT_CODES = new Set(['INTERNAL_ERROR']);

/** How a command result ends a timer's attempt. */
export const attemptOutcome = (result: CommandResult): FireResult => {
  if (result.status === 'ACCEPTED') return { ok: true, result: { status: 'ACCEPTED', streamVersion: result.streamVersion } };
  if (TRANSIENT_CODES.has(result.code ?? '')) return { ok: false, error: `${result.code}: ${result.message}`, retryable: true };
  // The subject declined (it moved on, e.g. started by hand): the timer has done its job.
  return { ok: true, result: { status: 'REJECTED', code: result.code, message: result.message } };
};

/** The command a due timer sends, and the stream it is keyed by. */
export interface TimerCommand {
  readonly envelope: CommandEnvelope;
  readonly key: string;
}

/** The services every firing service is built from (injected into each context's subclass). */
export interface FiringDeps<T extends string> {
  readonly config: TimerSchedulerConfig;
  readonly log: JsonLogger;
  readonly kafka: Kafka;
  readonly store: TimerStore<T>;
  readonly metrics: TimerMetrics;
  readonly health: HealthRegistry;
}

/** What one context's firing service sends, and what it tells the operators. */
export interface FiringSpec<T extends string> {
  readonly context: TimerContext;
  /** The command client's name: each context's client has a results group of its own. */
  readonly clientName: string;
  readonly healthCheck: string;
  readonly startedMessage: string;
  readonly declinedMessage: string;
  /** The timer's command, or why it cannot send one (the attempt then fails for good). */
  readonly commandOf: (timer: DueTimer<T>, issuedAt: string) => TimerCommand | string;
}

/**
 * Fires one context's due timers: each sends its command over Kafka with the command id
 * `timer-<timerId>` — the same on every attempt, so a re-fire after a crash is answered from
 * the first outcome — and waits for the result before the attempt counts as done. A rejection
 * ends the timer (its subject moved on); INTERNAL_ERROR and timeouts are retried.
 */
export abstract class FiringService<T extends string> implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly engine: TimerEngine<T>;
  private readonly commands: KafkaCommandClient;

  protected constructor(private readonly deps: FiringDeps<T>, private readonly spec: FiringSpec<T>) {
    const { config, log, metrics } = deps;
    this.commands = new KafkaCommandClient(
      deps.kafka,
      {
        context: spec.context,
        topicPrefix: config.TOPIC_PREFIX,
        instanceId: config.INSTANCE_ID,
        clientName: spec.clientName,
        timeoutMs: config.COMMAND_TIMEOUT_MS,
        // The scheduler fires timers of every context and every org: it is a service of both.
        signer: createCommandSigner(config, config.SERVICE_NAME, [SCOPES.lifecycleWrite, SCOPES.outreachService]),
      },
      log,
    );
    this.engine = new TimerEngine<T>(
      deps.store,
      {
        instanceId: config.INSTANCE_ID,
        fire: (timer) => this.fire(timer),
        lookaheadMs: config.TIMER_LOOKAHEAD_MS,
        leaseMs: config.TIMER_LEASE_MS,
        pollMs: config.TIMER_POLL_MS,
        concurrency: config.TIMER_CONCURRENCY,
        maxHeld: config.TIMER_MAX_HELD,
        onFired: (timer, ms) => metrics.fired(spec.context, timer.timerType, ms),
        onFinished: ({ timer, outcome }) => metrics.ended(spec.context, timer.timerType, outcome),
      },
      log,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.commands.start();
    await this.engine.start();
    this.deps.health.register(this.spec.healthCheck, async () => {
      const state = this.engine.state;
      return { ok: state.lastError === null, detail: state };
    });
    this.deps.log.log(this.spec.startedMessage, { instance: this.deps.config.INSTANCE_ID });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
    await this.commands.stop();
  }

  private async fire(timer: DueTimer<T>): Promise<FireResult> {
    // The command is judged at this instant (one clock: the database's, never before the due time).
    const issuedAt = new Date(Math.max(this.engine.now(), timer.dueAt.getTime())).toISOString();
    const command = this.spec.commandOf(timer, issuedAt);
    if (typeof command === 'string') return { ok: false, error: command, retryable: false };
    const result = await this.commands.send(command.envelope, command.key);
    const outcome = attemptOutcome(result);
    if (outcome.ok && outcome.result.status === 'REJECTED') {
      this.deps.log.log(this.spec.declinedMessage, { timerId: timer.id, timerType: timer.timerType, code: result.code });
    }
    return outcome;
  }
}
