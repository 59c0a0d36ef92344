/**
 * ads-facts-storage, the topic side: the facts produced to a fresh `<prefix>ads.metric-facts`
 * made from the contract's own topic spec (compacted, 6 partitions), keyed by campaign and
 * bucket, Avro values, with the producer settings analytics-ingest's MetricFactsProducer uses
 * (idempotent, one request in flight, acks -1); then read back from offset 0 by a consumer of a
 * new group; bytes from the partitions' segment files on the broker's disk.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ads as adsWire } from '@campaign/contracts';
import { REPO_ROOT, testKafka, uniqueSuffix } from '@campaign/testing';
import { STORAGE } from './ads-settings';

type MetricFact = adsWire.MetricFact;
const { metricFactCodec, metricFactKey, metricFactsTopicSpec } = adsWire;

/** The broker's log dir: KAFKA_LOG_DIR, else the single broker infra/bin/kafka runs. */
export const kafkaLogDir = () => process.env.KAFKA_LOG_DIR ?? join(REPO_ROOT, '.data', 'kafka', 'logs');

const topicLogBytes = (topic: string): number | null => {
  const dir = kafkaLogDir();
  try {
    return readdirSync(dir)
      .filter((name) => name.startsWith(`${topic}-`) && /^\d+$/.test(name.slice(topic.length + 1)))
      .flatMap((partition) =>
        readdirSync(join(dir, partition))
          .filter((f) => f.endsWith('.log'))
          .map((f) => statSync(join(dir, partition, f)).size),
      )
      .reduce((sum, size) => sum + size, 0);
  } catch {
    return null;
  }
};

export const kafkaRun = async (facts: readonly MetricFact[], prefix: string) => {
  const kafka = testKafka();
  const spec = metricFactsTopicSpec(prefix);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ ...spec, configEntries: [...spec.configEntries] }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const started = performance.now();
    let valueBytes = 0;
    for (let from = 0; from < facts.length; from += STORAGE.batch) {
      const messages = facts.slice(from, from + STORAGE.batch).map((fact) => {
        const value = metricFactCodec.encode(fact);
        valueBytes += value.length;
        return { key: metricFactKey(fact), value };
      });
      await producer.send({ topic: spec.topic, acks: -1, messages });
    }
    const seconds = (performance.now() - started) / 1000;
    const readSeconds = await readAllFromTopic(spec.topic, facts.length);
    return { topic: spec.topic, seconds, readSeconds, valueBytes, logBytes: topicLogBytes(spec.topic) };
  } finally {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [spec.topic] }).catch(() => undefined);
    await admin.disconnect();
  }
};

/** A consumer of its own group from offset 0, decoding every value, until `count` facts. */
const readAllFromTopic = async (topic: string, count: number): Promise<number> => {
  const consumer = testKafka().consumer({ groupId: `bench-ads-replay-${uniqueSuffix()}`, maxBytes: 50 * 1024 * 1024 });
  let seen = 0;
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (done = resolve));
  // The clock starts when the group is joined: joining is a consumer's fixed cost, not the replay's.
  let started = 0;
  consumer.on(consumer.events.GROUP_JOIN, () => (started = performance.now()));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) if (message.value) metricFactCodec.decode(message.value);
      seen += batch.messages.length;
      if (seen >= count) done();
    },
  });
  await all;
  const seconds = (performance.now() - started) / 1000;
  await consumer.disconnect();
  return seconds;
};
