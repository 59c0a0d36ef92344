import { randomUUID } from 'node:crypto';
import { ads, allTopicSpecs } from '@campaign/contracts';
import { quoteIdent } from '@campaign/eventstore';
import { ensureTopicsOf, kafkaClusterId } from '@campaign/messaging';
import { HealthRegistry, JsonLogger } from '@campaign/runtime';
import { testKafka, testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import type { Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { MetricFactsConsumer } from './metric-facts.consumer';
import { partmanParent } from './metrics.schema';
import { metricFact, migrateAdsMetrics } from './testing';

const HOUR = 3_600_000;

// campaign_metrics keeps the facts topic's offsets beside its rows (metric_fact_offsets). When
// Kafka's data is replaced while PostgreSQL is kept (a developer's fresh `.data/`, a new
// cluster) or the topic is made again, those offsets belong to another log: trusted, they hid
// the new topic's first records and the quick start's ads demo waited for figures forever.
describe("ads metric facts: offsets of another log do not hide the new log's records", () => {
  const schemas: string[] = [];
  const consumers: MetricFactsConsumer[] = [];
  let pool: Pool;
  let kafka: Kafka;
  let producer: Producer;
  let clusterId: string;

  beforeAll(async () => {
    pool = testPool();
    kafka = testKafka();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    clusterId = await kafkaClusterId(kafka);
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.onApplicationShutdown();
    await producer?.disconnect();
    for (const name of schemas) {
      await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(name)} CASCADE`);
      await pool.query(`DELETE FROM partman.part_config WHERE parent_table = $1`, [partmanParent(name)]);
    }
    await pool.end();
  });

  /** A schema and a topic of their own, `count` facts on partition 0, and the stored offset given, before the consumer starts. */
  const scenario = async (count: number, stored: { lastOffset: number; clusterId: string | null }) => {
    const prefix = `t${uniqueSuffix()}.`;
    const schema = `adso_${uniqueSuffix()}`;
    schemas.push(schema);
    await ensureTopicsOf(kafka, allTopicSpecs(['ads'], prefix));
    await migrateAdsMetrics(pool, schema);
    const campaignId = randomUUID();
    const start = Math.floor(Date.now() / HOUR) * HOUR - count * HOUR;
    const facts = Array.from({ length: count }, (_, i) => metricFact(campaignId, start + i * HOUR));
    const topic = ads.metricFactsTopic(prefix);
    await producer.send({ topic, acks: -1, messages: facts.map((f) => ({ partition: 0, key: ads.metricFactKey(f), value: ads.metricFactCodec.encode(f) })) });
    await pool.query(`INSERT INTO ${quoteIdent(schema)}.metric_fact_offsets (topic, partition, last_offset, cluster_id) VALUES ($1, 0, $2, $3)`, [
      topic,
      stored.lastOffset,
      stored.clusterId,
    ]);
    const consumer = new MetricFactsConsumer(
      {
        TOPIC_PREFIX: prefix,
        ADS_SCHEMA: schema,
        ADS_METRICS_RETENTION: '400 days',
        ADS_METRICS_GROUP: `g-${uniqueSuffix()}`,
        ADS_METRICS_TICK_MS: 3_600_000,
        KAFKA_SESSION_TIMEOUT_MS: 10_000,
        PARTITIONS_CONCURRENTLY: 6,
      } as never,
      pool,
      kafka,
      new JsonLogger('ads-offsets-test', 'error'),
      new HealthRegistry(),
    );
    consumers.push(consumer);
    await consumer.onApplicationBootstrap();
    const hours = async () =>
      (
        await pool.query<{ hour: string }>(
          `SELECT to_char(time, 'HH24') AS hour FROM ${quoteIdent(schema)}.campaign_metrics WHERE campaign_id = $1 ORDER BY time`,
          [campaignId],
        )
      ).rows.map((r) => r.hour);
    const offsetRow = async () =>
      (await pool.query(`SELECT last_offset::int, cluster_id FROM ${quoteIdent(schema)}.metric_fact_offsets WHERE topic = $1 AND partition = 0`, [topic]))
        .rows[0];
    return { facts, hours, offsetRow, hourOf: (i: number) => new Date(facts[i].time).toISOString().slice(11, 13) };
  };

  it('offsets taken in another Kafka cluster (its data wiped, the database kept) are dropped: the topic is read from its start', async () => {
    // Offset 2 of a cluster that no longer exists, below the new topic's end: only the cluster tells.
    const s = await scenario(5, { lastOffset: 2, clusterId: 'a-cluster-whose-data-was-wiped' });
    await waitFor('all 5 buckets in campaign_metrics', async () => (await s.hours()).length === 5);
    expect(await s.offsetRow()).toEqual({ last_offset: 4, cluster_id: clusterId });
  });

  it('offsets past the partition end (the topic made again or truncated) are dropped: the topic is read from its start', async () => {
    const s = await scenario(2, { lastOffset: 40, clusterId });
    await waitFor('both buckets in campaign_metrics', async () => (await s.hours()).length === 2);
    expect(await s.offsetRow()).toEqual({ last_offset: 1, cluster_id: clusterId });
  });

  it('offsets of this log are trusted: the records they cover are not applied again', async () => {
    const s = await scenario(3, { lastOffset: 1, clusterId });
    await waitFor('the record after the stored offset applied', async () => (await s.offsetRow()).last_offset === 2);
    expect(await s.hours()).toEqual([s.hourOf(2)]);
  });
});
