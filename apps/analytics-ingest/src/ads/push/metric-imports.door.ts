import { ads as adsWire, topicsFor } from '@campaign/contracts';
import { completeProducer, groupConsumer, type PartitionBatch, rawDeadLetter, runBatchConsumer } from '@campaign/messaging';
import {
  COMMAND_AUTH_HEADER,
  CONFIG,
  HealthRegistry,
  type JsonLogger,
  KAFKA,
  LOGGER,
  type Principal,
  TOKEN_VERIFIER,
  TokenError,
  type TokenVerifier,
} from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage, Message, Producer } from 'kafkajs';
import type { AnalyticsIngestConfig } from '../../config';
import type { FactDelivery } from '../../shared/ingest-context';
import { ADS_INGEST_CONFIG, type AdsIngestConfig, adsGroupOf } from '../shared/ads-ingest.config';
import { importIdOf, importingOrgOf, type MetricImportResult, namedOrgOf } from './metric-import.message';
import { rowsOfJson } from './metric-rows';
import { MetricPushService } from './metric-push.service';

/**
 * The bulk door on Kafka: one import `{importId, orgId, rows}` (JSON) per message on
 * `<prefix>ads.metric-imports`, its sender's signed token in the `authorization` header (bound to
 * the message's bytes, as the command doors require), judged all or nothing like the HTTP door;
 * one result per import on `<prefix>ads.metric-import-results`, keyed by importId. Results are
 * acknowledged before the offsets move; a redelivered import publishes the same facts again
 * (same keys, same figures, same observedAt: the message's timestamp) and answers the same.
 */
@Injectable()
export class MetricImportsDoor implements FactDelivery {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private readonly imports: string;
  private readonly results: string;
  private readonly deadLetter: string;
  private readonly groupId: string;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(CONFIG) private readonly config: AnalyticsIngestConfig,
    @Inject(ADS_INGEST_CONFIG) private readonly ads: AdsIngestConfig,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(LOGGER) private readonly log: JsonLogger,
    private readonly pushes: MetricPushService,
    private readonly health: HealthRegistry,
  ) {
    this.imports = adsWire.metricImportsTopic(config.TOPIC_PREFIX);
    this.results = adsWire.metricImportResultsTopic(config.TOPIC_PREFIX);
    this.deadLetter = topicsFor('ads', config.TOPIC_PREFIX).deadLetter;
    this.groupId = adsGroupOf(ads.ADS_IMPORTS_GROUP, config, 'imports');
  }

  async start(): Promise<void> {
    this.producer = completeProducer(this.kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, this.log);
    await this.producer.connect();
    const { consumer, check } = groupConsumer(this.kafka, { groupId: this.groupId, sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_MS });
    this.health.register('ads-metric-imports', check);
    const batches = await runBatchConsumer(consumer, { topics: [this.imports], fromBeginning: true, handle: (batch) => this.handle(batch) }, this.log);
    this.health.register('ads-metric-imports-batches', batches.check);
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handle({ partition, messages }: PartitionBatch): Promise<void> {
    const results: Message[] = [];
    const letters: Message[] = [];
    // In order: an import's facts are acknowledged before the next one is judged.
    for (const message of messages) {
      const result = await this.importOne(message);
      if (result) results.push({ key: result.importId, value: JSON.stringify(result) });
      else letters.push(rawDeadLetter(message, { topic: this.imports, partition }, this.groupId, 'not an import: JSON with an importId'));
    }
    if (letters.length > 0) {
      this.log.error('unreadable metric imports set aside to the dead-letter topic', { count: letters.length });
      await this.producer?.send({ topic: this.deadLetter, acks: -1, messages: letters });
    }
    if (results.length > 0) await this.producer?.send({ topic: this.results, acks: -1, messages: results });
  }

  /** The import's result; null when the message has no import id to answer to. */
  private async importOne(message: KafkaMessage): Promise<MetricImportResult | null> {
    const read = importIdOf(message.value);
    if (!read) return null;
    const { importId, body } = read;
    const named = namedOrgOf(body);
    const refuse = (code: string, text: string): MetricImportResult => ({ importId, orgId: named, status: 'REJECTED', code, message: text });
    const principal = await this.authenticate(message);
    if (typeof principal === 'string') return refuse('UNAUTHORIZED', principal);
    const orgId = importingOrgOf(principal, named);
    if (typeof orgId !== 'string') return refuse('FORBIDDEN', orgId.refusal);
    const rows = rowsOfJson(body, this.ads.ADS_PUSH_MAX_ROWS);
    if ('problem' in rows) return { ...refuse(rows.problem.code, rows.problem.message), orgId };
    // A redelivery carries the same timestamp: its facts are the same records again.
    const observedAt = new Date(Number(message.timestamp)).toISOString();
    const outcome = await this.pushes.push({ orgId, rows: rows.rows, sourceRef: importId, observedAt });
    if (outcome.status === 'ACCEPTED') return { importId, orgId, status: 'ACCEPTED', accepted: outcome.facts.length };
    return {
      importId,
      orgId,
      status: 'REJECTED',
      code: 'METRIC_ROWS_REJECTED',
      message: `${outcome.rejectedRows} of ${rows.rows.length} rows are not valid; nothing was recorded`,
      rejectedRows: outcome.rejectedRows,
      errors: outcome.errors,
    };
  }

  /** The sender's principal from its token, bound to the message's bytes; or why there is none. */
  private async authenticate(message: KafkaMessage): Promise<Principal | string> {
    const header = message.headers?.[COMMAND_AUTH_HEADER];
    const token = (Array.isArray(header) ? header[0] : header)?.toString();
    if (!token) return `an import carries its sender's signed token in the '${COMMAND_AUTH_HEADER}' header`;
    try {
      return await this.verifier.verify(token, { bindTo: message.value ?? Buffer.alloc(0) });
    } catch (error) {
      if (error instanceof TokenError) return `the sender's token is not accepted: ${error.message}`;
      throw error;
    }
  }
}
