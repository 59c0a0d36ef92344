import { type CommandEnvelope, CONTRACT_VERSIONS, ContractError } from '@campaign/contracts';
import { outreach } from '@campaign/domain';
import { KafkaCommandClient } from '@campaign/messaging';
import { CONFIG, createCommandSigner, JsonLogger, KAFKA, LOGGER, contextScope } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { AnalyticsIngestConfig } from '../config';
import type { Fact } from './facts';
import { TRANSIENT_CODES } from './http-outcome';
import { INGEST_METRICS, type IngestMetrics } from '../shared/ingest.metrics';
import { DedupeStore } from '../shared/redis.stores';
import { CounterStore } from './engagement-counters.store';

export const INGEST_ACTOR = 'service:analytics-ingest';

export type IngestOutcome =
  | { readonly status: 'ACCEPTED' }
  | { readonly status: 'DUPLICATE' }
  | { readonly status: 'REJECTED'; readonly code: string; readonly message: string; readonly details: Readonly<Record<string, unknown>> | null }
  | { readonly status: 'UNAVAILABLE'; readonly reason: string };

/** The command's envelope: the org of the token is the tenant; the provider's event id, the correlation. */
export const envelopeOf = (fact: Fact, issuedAt: string): CommandEnvelope => ({
  commandId: fact.dedupe.commandId,
  type: fact.command.type,
  // encodeCommand writes the version registered for the type; this is what it is today.
  schemaVersion: CONTRACT_VERSIONS.outreach?.commands[fact.command.type] ?? 1,
  context: 'outreach',
  issuedAt,
  actor: INGEST_ACTOR,
  correlationId: fact.correlationId ?? fact.dedupe.commandId,
  causationId: null,
  tenant: fact.subject.orgId,
  data: fact.command.data,
});

/**
 * Delivers outside facts to the outreach command side: claims each fact's dedupe mark, sends
 * its command over Kafka and waits for the result, counts accepted facts per campaign. Facts
 * answered before their result (pixel, redirect) keep running here and are drained on shutdown.
 */
@Injectable()
export class IngestService {
  private readonly commands: KafkaCommandClient;
  private readonly pending = new Set<Promise<IngestOutcome>>();
  /** Every delivery ends within the command timeout; a little more is the most a drain may wait. */
  private readonly drainTimeoutMs: number;

  constructor(
    @Inject(CONFIG) config: AnalyticsIngestConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(INGEST_METRICS) private readonly metrics: IngestMetrics,
    private readonly dedupe: DedupeStore,
    private readonly counters: CounterStore,
  ) {
    this.drainTimeoutMs = config.COMMAND_TIMEOUT_MS + 1_000;
    this.commands = new KafkaCommandClient(
      kafka,
      {
        context: 'outreach',
        topicPrefix: config.TOPIC_PREFIX,
        instanceId: config.INSTANCE_ID,
        clientName: config.SERVICE_NAME,
        timeoutMs: config.COMMAND_TIMEOUT_MS,
        signer: createCommandSigner(config, config.SERVICE_NAME, [contextScope('outreach', 'service')]),
      },
      log,
    );
  }

  start(): Promise<void> {
    return this.commands.start();
  }

  /** Waits for the facts still on their way, then stops the command client. */
  async stop(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.drainTimeoutMs)));
    await Promise.race([Promise.allSettled([...this.pending]), deadline]);
    clearTimeout(timer);
    if (this.pending.size > 0) this.log.warn('facts still undelivered at shutdown', { count: this.pending.size });
    await this.commands.stop();
  }

  /** Delivers `fact` and answers with its outcome. */
  ingest(fact: Fact): Promise<IngestOutcome> {
    const delivery = this.deliver(fact).finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
    return delivery;
  }

  /** Delivers `fact` but answers after `budgetMs` at most (null then); the delivery goes on. */
  async ingestWithin(fact: Fact, budgetMs: number): Promise<IngestOutcome | null> {
    const delivery = this.ingest(fact);
    delivery.then(
      (outcome) => this.logUnaccepted(fact, outcome),
      () => undefined,
    );
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), budgetMs)));
    try {
      // The user is answered whatever happens: a failed delivery reads as "no outcome yet".
      return await Promise.race([delivery.catch(() => null), budget]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Acknowledges a fact that is deliberately not delivered. */
  ignore(fact: Pick<Fact, 'kind'>, reason: string): void {
    this.metrics.received.inc({ kind: fact.kind });
    this.metrics.ignored.inc({ kind: fact.kind, reason });
  }

  private async deliver(fact: Fact): Promise<IngestOutcome> {
    const { kind } = fact;
    this.metrics.received.inc({ kind });
    if (!(await this.claim(fact))) {
      this.metrics.duplicate.inc({ kind });
      return { status: 'DUPLICATE' };
    }
    let result;
    try {
      result = await this.commands.send(envelopeOf(fact, new Date().toISOString()), outreach.contactStreamId(fact.subject.orgId, fact.subject.contactId));
    } catch (error) {
      // A fact that does not fit its contract never will: a 422, not a 503 retried forever.
      if (error instanceof ContractError) return this.unfit(fact, error);
      return this.undelivered(fact, (error as Error).message);
    }
    if (result.status === 'ACCEPTED') {
      this.metrics.accepted.inc({ kind });
      await this.counters
        .add(fact.subject.campaignId, fact.counters)
        .catch((error: Error) => this.log.warn('counter update failed', { kind, error: error.message }));
      return { status: 'ACCEPTED' };
    }
    const code = result.code ?? 'REJECTED';
    if (TRANSIENT_CODES.has(code)) return this.undelivered(fact, `${code}: ${result.message}`);
    // The command id is the fact's identity (the contact's unsubscribe, a provider's event id):
    // recorded before with other details (another reason, text), it is the same fact again.
    if (code === 'IDEMPOTENCY_KEY_REUSED') {
      this.metrics.duplicate.inc({ kind });
      return { status: 'DUPLICATE' };
    }
    this.metrics.rejected.inc({ kind, code });
    return { status: 'REJECTED', code, message: result.message ?? code, details: result.details };
  }

  /** Redis down must not lose facts: the command id still makes a repeat harmless. */
  private async claim(fact: Fact): Promise<boolean> {
    try {
      return await this.dedupe.claim(fact.dedupe);
    } catch (error) {
      this.log.warn('dedupe unavailable; relying on the command id', { kind: fact.kind, error: (error as Error).message });
      return true;
    }
  }

  private async undelivered(fact: Fact, reason: string): Promise<IngestOutcome> {
    this.metrics.failed.inc({ kind: fact.kind });
    this.log.warn('fact not delivered', { kind: fact.kind, commandId: fact.dedupe.commandId, reason });
    // The provider will send it again: that retry must not look like a duplicate.
    await this.dedupe.release(fact.dedupe).catch(() => undefined);
    return { status: 'UNAVAILABLE', reason };
  }

  private async unfit(fact: Fact, error: ContractError): Promise<IngestOutcome> {
    this.metrics.rejected.inc({ kind: fact.kind, code: error.code });
    this.log.warn('fact does not fit its command contract', { kind: fact.kind, commandId: fact.dedupe.commandId, code: error.code, error: error.message });
    // Sent again, it is refused again rather than acknowledged as a duplicate of nothing.
    await this.dedupe.release(fact.dedupe).catch(() => undefined);
    return { status: 'REJECTED', code: error.code, message: 'The fact does not fit the outreach command contract', details: null };
  }

  private logUnaccepted(fact: Fact, outcome: IngestOutcome): void {
    if (outcome.status === 'REJECTED') {
      this.log.log('tracking hit rejected', { kind: fact.kind, commandId: fact.dedupe.commandId, code: outcome.code, message: outcome.message });
    }
  }
}
