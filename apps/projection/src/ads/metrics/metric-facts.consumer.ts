import { ads, topicsFor } from '@campaign/contracts';
import { completeProducer, groupConsumer } from '@campaign/messaging';
import { CONFIG, HealthRegistry, type JsonLogger, KAFKA, LOGGER, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, Optional } from '@nestjs/common';
import type { Admin, Consumer, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { ProjectionConfig } from '../../shared/projection-config';
import type { AdsConfig } from '../ads.config';
import type { AppliedFact } from './metric-facts.writer';
import { MetricFactsProjection } from './metric-facts.projection';
import { engineOf, forgetSwappedShadow, partmanParent, setRetention } from './metrics.schema';
import { slideWindow } from './metrics.window';

/**
 * The real-time figures (../realtime/realtime.providers.ts provides RealtimeFigures under this
 * token): told of every committed batch, with each bucket's figures before it.
 */
export const ADS_REALTIME_FIGURES = 'ADS_REALTIME_FIGURES';
export interface RealtimeFiguresSink {
  applied(facts: readonly AppliedFact[]): Promise<void>;
}

/** Facts batches applied at once (see consumer.run below). */
const METRIC_PARTITIONS_IN_FLIGHT = 2;

/**
 * A partition's share of a fetch: up to ~13,000 facts rather than KafkaJS's 1 MB (~3,300). Each batch
 * is one transaction whose window upsert touches every campaign it carries, so fewer, larger
 * batches do less of it per fact (issue 12 point 11a: ads-metric-ingest 0.22–0.24 of the raw
 * INSERT at 1 MB, 0.29–0.35 at 4 MB, 0.27 at 16 MB).
 */
const METRIC_FETCH_BYTES_PER_PARTITION = 4 * 1024 * 1024;

/** Partman's maintenance (premake, retention) every this many ticks. */
const MAINTENANCE_EVERY_TICKS = 10;

/** The window moves by 15-minute buckets; the boundary slide runs this long after one (clocks differ by less). */
const BUCKET_MS = 15 * 60_000;
const BOUNDARY_MARGIN_MS = 50;

/**
 * Consumes `ads.metric-facts` into campaign_metrics (MetricFactsProjection) and, every tick,
 * slides the 7-day window, finds partitions whose offsets moved under it (a rebuild swapped in a
 * schema that starts at offset 0) and runs pg_partman's maintenance for this table (no
 * background worker assumed).
 */
@Injectable()
export class MetricFactsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private admin: Admin | null = null;
  private projection: MetricFactsProjection | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;
  private boundary: NodeJS.Timeout | null = null;
  private ticking: Promise<void> = Promise.resolve();
  private readonly topic: string;
  private readonly schema: string;
  private readonly group: string;

  constructor(
    @Inject(CONFIG) private readonly config: ProjectionConfig & AdsConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(LOGGER) private readonly log: JsonLogger,
    private readonly health: HealthRegistry,
    @Optional() @Inject(ADS_REALTIME_FIGURES) private readonly realtime: RealtimeFiguresSink | null = null,
  ) {
    this.topic = ads.metricFactsTopic(config.TOPIC_PREFIX);
    this.schema = config.ADS_SCHEMA;
    this.group = config.ADS_METRICS_GROUP ?? `${config.PROJECTION_GROUP}-ads-metrics`;
  }

  async onApplicationBootstrap(): Promise<void> {
    const engine = await engineOf(this.pool);
    this.producer = completeProducer(this.kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, this.log);
    await this.producer.connect();
    this.admin = this.kafka.admin();
    await this.admin.connect();
    const { clusterId } = await this.admin.describeCluster();
    const deadLetterTopic = topicsFor('ads', this.config.TOPIC_PREFIX).deadLetter;
    const producer = this.producer;
    this.projection = new MetricFactsProjection(
      this.pool,
      this.schema,
      engine,
      this.config.ADS_METRICS_RETENTION,
      async (letters) => {
        await producer.send({ topic: deadLetterTopic, acks: -1, messages: [...letters] });
      },
      this.group,
      clusterId,
    );
    const { consumer, check } = groupConsumer(this.kafka, {
      groupId: this.group,
      sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_MS,
      maxBytesPerPartition: METRIC_FETCH_BYTES_PER_PARTITION,
      onCrash: (error, restart) => this.log.error('metric facts consumer crashed', { error, restart }),
    });
    this.health.register('ads-metric-facts-consumer', check);
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      // At most two partitions at once: two cores, and each batch is one PostgreSQL statement's
      // work. (When every partition carried buckets of every campaign, before analytics-ingest put a
      // campaign's facts on one partition, concurrent batches also queued on each other's window
      // rows: issue 12 point 11a, a harness over the writer applied 6–7.5k facts/s with six, ~9.5k
      // with two. A topic written otherwise is still correct: the rows are locked in one order.)
      partitionsConsumedConcurrently: Math.min(this.config.PARTITIONS_CONCURRENTLY, METRIC_PARTITIONS_IN_FLIGHT),
      eachBatch: (payload) => this.eachBatch(payload),
    });
    this.consumer = consumer;
    await this.tick();
    this.timer = setInterval(() => {
      this.ticking = this.ticking.then(() => this.tick());
    }, this.config.ADS_METRICS_TICK_MS);
    this.slideAtNextBoundary();
  }

  /**
   * S, the window's start, moves every 15 minutes; until the window slides, the 7-day answer is
   * corrected from campaign_metrics and not kept (performance-answers.ts). So a slide also runs
   * just after each boundary, not only at the next tick.
   */
  private slideAtNextBoundary(): void {
    this.boundary = setTimeout(
      () => {
        this.ticking = this.ticking.then(() => this.slide());
        this.slideAtNextBoundary();
      },
      BUCKET_MS - (Date.now() % BUCKET_MS) + BOUNDARY_MARGIN_MS,
    );
    this.boundary.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.boundary) clearTimeout(this.boundary);
    await this.ticking;
    await this.consumer?.disconnect();
    await this.admin?.disconnect();
    await this.producer?.disconnect();
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (!this.projection || batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    const outcome = await this.projection.apply({
      topic: batch.topic,
      partition: batch.partition,
      messages: batch.messages,
      highWatermark: batch.highWatermark,
    });
    if (outcome.kind === 'seek') {
      if (outcome.outlived)
        this.log.warn('metric facts offsets of another log dropped; the partition is read from its start', {
          partition: batch.partition,
          why: outcome.outlived,
        });
      await this.seek(batch.partition, outcome.after);
      return;
    }
    payload.resolveOffset(batch.lastOffset());
    await payload.commitOffsetsIfNecessary();
    await payload.heartbeat();
    if (outcome.deadLetters.length > 0) {
      this.log.error('metric facts set aside to the dead-letter topic', { partition: batch.partition, count: outcome.deadLetters.length });
    }
    // Committed: the real-time store follows (a Redis outage is rebuilt from PostgreSQL, not retried here).
    if (this.realtime && outcome.applied.length > 0) {
      await this.realtime.applied(outcome.applied).catch((error: Error) => this.log.warn('real-time figures not updated', { error: error.message }));
    }
  }

  /** Reads a partition again after `after` (null: from its first record still in the topic). */
  private async seek(partition: number, after: string | null): Promise<void> {
    const offsets = (await this.admin?.fetchTopicOffsets(this.topic)) ?? [];
    const low = BigInt(offsets.find((o) => o.partition === partition)?.low ?? '0');
    const next = after === null ? low : BigInt(after) + 1n;
    const offset = next > low ? next : low;
    this.log.log('metric facts read again from the offset stored with the rows', { partition, offset: String(offset) });
    this.consumer?.seek({ topic: this.topic, partition, offset: String(offset) });
  }

  /** One tick now (also run every ADS_METRICS_TICK_MS): slide, re-read moved partitions, maintenance. */
  async tick(): Promise<void> {
    try {
      await this.slide();
      for (const stray of (await this.projection?.strayPartitions(this.topic)) ?? []) await this.seek(stray.partition, stray.after);
      if (this.ticks++ % MAINTENANCE_EVERY_TICKS === 0) await this.maintain();
    } catch (error) {
      this.log.error('metric facts tick failed; next tick retries', { error: (error as Error).message });
    }
  }

  private async slide(): Promise<void> {
    try {
      const slid = await slideWindow(this.pool, this.schema);
      if (slid.campaigns > 0) this.log.log('7-day window slid', slid);
    } catch (error) {
      this.log.error('7-day window slide failed; the next tick retries', { error: (error as Error).message });
    }
  }

  /** pg_partman: premade partitions and retention for this table only; a swapped-away shadow's config forgotten. */
  private async maintain(): Promise<void> {
    const retention = this.config.ADS_METRICS_RETENTION;
    if ((await engineOf(this.pool)) === 'timescaledb') {
      if (retention)
        await this.pool.query(`SELECT drop_chunks($1::regclass, older_than => (now() - $2::interval)::timestamp)`, [partmanParent(this.schema), retention]);
      return;
    }
    await forgetSwappedShadow(this.pool);
    await setRetention(this.pool, this.schema, retention);
    await this.pool.query(`SELECT partman.run_maintenance(p_parent_table := $1, p_analyze := false)`, [partmanParent(this.schema)]);
  }
}
