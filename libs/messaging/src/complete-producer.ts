import {
  type ICustomPartitioner,
  type Kafka,
  type Message,
  Partitioners,
  type Producer,
  type ProducerBatch,
  type ProducerConfig,
  type RecordMetadata,
  type TopicMessages,
} from 'kafkajs';
import type { LogSink } from './kafka';

/**
 * KafkaJS 2.2.4 can resolve a send while some of its messages went nowhere. A send that spans
 * several leaders keeps, across its internal retries, the answers of the brokers that already
 * took their part; when a broker dies and its partitions' leadership moves to one of those
 * brokers, the retry finds nothing left to send to them and reports success — those
 * partitions' messages are silently dropped (kafkajs#1303 reports the symptom). The fault
 * suite found it: a broker killed under load left acknowledged events unpublished, so their
 * streams' last facts never reached a consumer.
 *
 * Every producer of the project is made here. It remembers the partition each message was
 * given and, after every send, sends again — in their order, before the call returns — the
 * messages of any partition the brokers' answers do not name. Nothing else changes: the same
 * partitioner (murmur2 of the key, Java-compatible), the same idempotence and ordering.
 */
const partitionOf = new WeakMap<Message, number>();

const recordingPartitioner: ICustomPartitioner = () => {
  const pick = Partitioners.DefaultPartitioner();
  return (args) => {
    const partition = pick(args);
    partitionOf.set(args.message, partition);
    return partition;
  };
};

/** Producer errors after which only a new producer (a new id and sequence) can send again. */
const FATAL_PRODUCER_ERRORS = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);

export const isFatalProducerError = (error: unknown): boolean => {
  const type = (error as { type?: unknown } | null)?.type;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return (typeof type === 'string' && FATAL_PRODUCER_ERRORS.has(type)) || (cause !== undefined && cause !== error && isFatalProducerError(cause));
};

/** A send whose answers still miss partitions after this many tries fails (the caller retries it). */
const MAX_SENDS = 5;

const slot = (topic: string, partition: number | undefined) => `${topic}[${partition ?? '?'}]`;

/** The messages of `sent` whose partition no answer names (a message never partitioned counts as missing). */
export const unanswered = (sent: readonly TopicMessages[], answers: readonly RecordMetadata[]): TopicMessages[] => {
  const answered = new Set(answers.map((a) => slot(a.topicName, a.partition)));
  return sent
    .map(({ topic, messages }) => ({ topic, messages: messages.filter((m) => !answered.has(slot(topic, partitionOf.get(m)))) }))
    .filter((t) => t.messages.length > 0);
};

export class IncompleteSendError extends Error {
  readonly retriable = true;
  constructor(readonly missing: number) {
    super(`${missing} messages were not acknowledged by any broker after ${MAX_SENDS} sends`);
    this.name = 'IncompleteSendError';
  }
}

/**
 * A KafkaJS producer whose `send` and `sendBatch` resolve only once every message was
 * acknowledged, and which replaces itself after a fatal producer error: an idempotent producer
 * that got OUT_OF_ORDER_SEQUENCE_NUMBER (seen after a broker restart) fails every later send
 * for good, which left a command door's partitions stuck. The failed send still fails (its
 * caller retries it); the next one goes through a new producer.
 */
export const completeProducer = (kafka: Kafka, config: ProducerConfig = {}, log?: Pick<LogSink, 'warn'>): Producer => {
  // Instrumentation listeners follow the producer to its replacements.
  const listeners: Parameters<Producer['on']>[] = [];
  const create = () => {
    const producer = kafka.producer({ ...config, createPartitioner: recordingPartitioner });
    for (const [event, listener] of listeners) producer.on(event, listener);
    return producer;
  };
  const first = create();
  let current = first;
  let connected = false;
  let renewing: Promise<void> | null = null;
  const renew = (): Promise<void> =>
    (renewing ??= (async () => {
      const old = current;
      current = create();
      await old.disconnect().catch(() => undefined);
      if (connected) await current.connect();
    })().finally(() => (renewing = null)));

  const sendOnce = async (batch: ProducerBatch): Promise<RecordMetadata[]> => {
    await renewing?.catch(() => undefined);
    try {
      return await current.sendBatch(batch);
    } catch (error) {
      if (isFatalProducerError(error)) {
        log?.warn('fatal producer error; the producer is replaced and the send fails for its caller to retry', { error: (error as Error).message });
        await renew().catch(() => undefined);
      }
      throw error;
    }
  };

  const sendBatch = async (batch: ProducerBatch): Promise<RecordMetadata[]> => {
    const answers: RecordMetadata[] = [];
    let pending = batch.topicMessages ?? [];
    for (let sends = 1; ; sends++) {
      answers.push(...(await sendOnce({ ...batch, topicMessages: pending })));
      // Without acknowledgements (acks 0) there is nothing to check.
      if (batch.acks === 0) return answers;
      const missing = unanswered(pending, answers);
      if (missing.length === 0) return answers;
      const count = missing.reduce((n, t) => n + t.messages.length, 0);
      if (sends >= MAX_SENDS) throw new IncompleteSendError(count);
      log?.warn('a send left partitions unacknowledged; sending their messages again', {
        messages: count,
        partitions: [...new Set(missing.flatMap((t) => t.messages.map((m) => slot(t.topic, partitionOf.get(m)))))],
      });
      pending = missing;
    }
  };
  return {
    events: first.events,
    on: (event, listener) => {
      listeners.push([event, listener]);
      const remove = current.on(event, listener);
      return () => {
        listeners.splice(
          listeners.findIndex(([e, l]) => e === event && l === listener),
          1,
        );
        remove();
      };
    },
    logger: () => current.logger(),
    isIdempotent: () => current.isIdempotent(),
    transaction: () => current.transaction(),
    connect: async () => {
      await current.connect();
      connected = true;
    },
    disconnect: async () => {
      connected = false;
      await renewing?.catch(() => undefined);
      await current.disconnect();
    },
    sendBatch,
    send: ({ topic, messages, ...rest }) => sendBatch({ ...rest, topicMessages: [{ topic, messages }] }),
  };
};
