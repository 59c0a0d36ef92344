import { ads as adsWire } from '@campaign/contracts';
import { completeProducer } from '@campaign/messaging';
import type { JsonLogger } from '@campaign/runtime';
import type { Kafka, Message, Producer } from 'kafkajs';
import type { MetricFactsPublisher } from './ads-ingest.ports';

/** A record's overhead on top of its key and value in a record batch (varints, headers count): a safe upper bound. */
const RECORD_OVERHEAD_BYTES = 32;

/** Splits messages into runs of at most `maxBytes` (a message larger than that travels alone). */
export const chunkByBytes = (messages: readonly Message[], maxBytes: number): Message[][] => {
  const chunks: Message[][] = [];
  let current: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = sizeOf(message.key) + sizeOf(message.value) + RECORD_OVERHEAD_BYTES;
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

const sizeOf = (value: Message['key'] | Message['value']): number => (value == null ? 0 : typeof value === 'string' ? Buffer.byteLength(value) : value.length);

/**
 * Puts metric facts on the compacted `<prefix>ads.metric-facts` topic, keyed by campaign and
 * bucket: one idempotent producer (acks from every in-sync replica), whole requests of at most
 * ADS_FACTS_BATCH_BYTES so a bulk load never meets the brokers' request limit. `publish`
 * resolves once every fact is acknowledged; a failure leaves the caller to try again (the same
 * keys make a repeat harmless: the later record replaces the earlier one).
 */
export class MetricFactsProducer implements MetricFactsPublisher {
  private readonly producer: Producer;
  private readonly topic: string;
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    kafka: Kafka,
    topicPrefix: string,
    private readonly maxBatchBytes: number,
    log: JsonLogger,
  ) {
    this.topic = adsWire.metricFactsTopic(topicPrefix);
    this.producer = completeProducer(kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, log);
  }

  start(): Promise<void> {
    return this.producer.connect();
  }

  /** Waits for the publishes on their way, then disconnects; a publish after this fails. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.pending]);
    await this.producer.disconnect();
  }

  publish(facts: readonly adsWire.MetricFact[]): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('the metric facts producer is stopped'));
    if (facts.length === 0) return Promise.resolve();
    const sending = this.send(facts).finally(() => this.pending.delete(sending));
    this.pending.add(sending);
    return sending;
  }

  private async send(facts: readonly adsWire.MetricFact[]): Promise<void> {
    // Encoding first: a fact that does not fit the contract fails the whole publish, nothing sent.
    const messages: Message[] = facts.map((fact) => ({ key: adsWire.metricFactKey(fact), value: adsWire.metricFactCodec.encode(fact) }));
    for (const chunk of chunkByBytes(messages, this.maxBatchBytes)) {
      await this.producer.send({ topic: this.topic, acks: -1, messages: chunk });
    }
  }
}
