import { ads as adsWire } from '@campaign/contracts';
import { groupConsumer, kafkaClusterId, type PartitionBatch, runBatchConsumer } from '@campaign/messaging';
import type { HealthRegistry, JsonLogger } from '@campaign/runtime';
import type { Consumer, Kafka } from 'kafkajs';
import type { FactDelivery } from '../../shared/ingest-context';
import type { AlertEvaluator } from './alert-evaluator';
import type { AlertingStore, OffsetFact } from './alerting.store';
import type { RecommendationAnalyzer } from './recommendations/analyzer';

export interface FactsConsumerOptions {
  readonly topicPrefix: string;
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  /** How long an org's facts must rest before it is analysed (a sync or a bulk load arrives in many batches). */
  readonly analysisDelayMs: number;
  /** Facts of buckets older than this (ms before now) are not kept: no rule or result looks that far back. */
  readonly retentionMs: number;
}

/**
 * Follows `<prefix>ads.metric-facts` with its own group: each partition batch's buckets go to
 * the alerting tables with the partition's checkpoint (one transaction), then the campaigns it
 * touched are judged by the alert rules — before the offsets move, so a crash in between judges
 * them again with the same command ids. The orgs it touched are analysed in the background, one
 * at a time, once their facts have rested ADS_ANALYZER_DELAY_MS (a sync restates days at once,
 * on every partition): a slow provider never holds a partition, and no analysis sees half a sync.
 */
export class MetricFactsConsumer implements FactDelivery {
  private consumer: Consumer | null = null;
  private analyses: Promise<void> = Promise.resolve();
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  /** The brokers' cluster, recorded with the checkpoints (checkpointOutlived). */
  private clusterId = '';

  constructor(
    private readonly kafka: Kafka,
    private readonly options: FactsConsumerOptions,
    private readonly store: AlertingStore,
    private readonly evaluator: AlertEvaluator,
    private readonly analyzer: RecommendationAnalyzer | null,
    private readonly health: HealthRegistry,
    private readonly log: JsonLogger,
  ) {}

  async start(): Promise<void> {
    await this.store.migrate();
    this.clusterId = await kafkaClusterId(this.kafka);
    const { consumer, check } = groupConsumer(this.kafka, { groupId: this.options.groupId, sessionTimeoutMs: this.options.sessionTimeoutMs });
    this.health.register('ads-alerting-facts', check);
    const topic = adsWire.metricFactsTopic(this.options.topicPrefix);
    const batches = await runBatchConsumer(consumer, { topics: [topic], fromBeginning: true, handle: (batch) => this.handle(batch) }, this.log);
    this.health.register('ads-alerting-facts-batches', batches.check);
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect();
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    await this.analyses;
  }

  async handle(batch: PartitionBatch): Promise<void> {
    const facts: OffsetFact[] = [];
    const oldest = Date.now() - this.options.retentionMs;
    for (const message of batch.messages) {
      // A tombstone (compaction may write them) or a record that is not a fact carries no figures.
      if (!message.value) continue;
      try {
        const fact = adsWire.metricFactCodec.decode(message.value);
        if (Date.parse(fact.time) >= oldest) facts.push({ offset: message.offset, fact });
      } catch (error) {
        this.log.error('undecodable metric fact skipped', { partition: batch.partition, offset: message.offset, error: (error as Error).message });
      }
    }
    const { outlived } = await this.store.applyFacts(batch.topic, batch.partition, facts, { clusterId: this.clusterId, highWatermark: batch.highWatermark });
    if (outlived)
      this.log.warn('alerting checkpoint of another log dropped; the partition is read from its start', { partition: batch.partition, why: outlived });
    await this.evaluator.evaluate([...new Set(facts.map((f) => f.fact.campaignId))]);
    for (const orgId of new Set(facts.map((f) => f.fact.orgId))) this.analyze(orgId);
  }

  /** (Re)schedules the org's analysis and pruning after the rest period; they run one at a time. */
  private analyze(orgId: string): void {
    if (this.stopped) return;
    clearTimeout(this.waiting.get(orgId));
    const timer = setTimeout(() => {
      this.waiting.delete(orgId);
      this.analyses = this.analyses.then(() => this.analyzeNow(orgId));
    }, this.options.analysisDelayMs);
    timer.unref();
    this.waiting.set(orgId, timer);
  }

  private async analyzeNow(orgId: string): Promise<void> {
    try {
      await this.analyzer?.analyzeOrg(orgId);
      await this.store.prune(orgId, Date.now() - this.options.retentionMs);
    } catch (error) {
      this.log.error('recommendation analysis failed', { orgId, error: (error as Error).message });
    }
  }
}
