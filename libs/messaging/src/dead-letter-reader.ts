import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { DEAD_LETTER_HEADERS, type DeadLetterKind, headerText } from './dead-letter';

/** A letter as an operator reads it, with the message it keeps. */
export interface DeadLetterEntry {
  readonly partition: number;
  readonly offset: string;
  /** `unknown`: a letter written before letters described themselves; it cannot be redriven. */
  readonly kind: DeadLetterKind | 'unknown';
  readonly origin: { readonly topic: string; readonly partition: number | null; readonly offset: string | null } | null;
  readonly eventId: string | null;
  readonly consumer: string | null;
  readonly error: string | null;
  readonly at: string;
  readonly message: KafkaMessage;
}

const numberOrNull = (text: string | null): number | null => (text === null || !/^-?\d+$/.test(text) ? null : Number(text));

/** What a letter says of itself; letters older than the headers are read as far as they allow. */
export const describeLetter = (partition: number, message: KafkaMessage): DeadLetterEntry => {
  const h = (name: string) => headerText(message.headers, name);
  const eventId = h(DEAD_LETTER_HEADERS.eventId) ?? h('event-id');
  const declared = h(DEAD_LETTER_HEADERS.kind);
  // An older letter naming an event (the relay's, the projection's) still points into the store.
  const kind = declared === 'raw' || declared === 'event-pointer' ? declared : eventId !== null ? 'event-pointer' : 'unknown';
  const originTopic = h(DEAD_LETTER_HEADERS.originTopic);
  return {
    partition,
    offset: message.offset,
    kind,
    origin:
      originTopic === null
        ? null
        : { topic: originTopic, partition: numberOrNull(h(DEAD_LETTER_HEADERS.originPartition)), offset: h(DEAD_LETTER_HEADERS.originOffset) },
    eventId,
    consumer: h(DEAD_LETTER_HEADERS.consumer),
    error: h(DEAD_LETTER_HEADERS.error) ?? h('error'),
    at: h(DEAD_LETTER_HEADERS.at) ?? new Date(Number(message.timestamp)).toISOString(),
    message,
  };
};

/**
 * Every letter of a dead-letter topic up to its end when called, in offset order. It reads
 * with a group of its own that commits nothing and is deleted after, so it moves no one's
 * offsets. Dead-letter topics are small and kept forever (retention -1).
 */
export const readDeadLetters = async (kafka: Kafka, topic: string, timeoutMs = 30_000): Promise<DeadLetterEntry[]> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = (await admin.fetchTopicOffsets(topic)).filter((p) => Number(p.high) > Number(p.low));
    if (ends.length === 0) return [];
    const groupId = `${topic}.reader-${randomUUID()}`;
    const letters = await readUntil(kafka, groupId, topic, new Map(ends.map((p) => [p.partition, Number(p.high) - 1])), timeoutMs);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    return letters.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
  } finally {
    await admin.disconnect();
  }
};

const readUntil = async (kafka: Kafka, groupId: string, topic: string, lastOffsets: Map<number, number>, timeoutMs: number): Promise<DeadLetterEntry[]> => {
  const consumer = kafka.consumer({ groupId });
  const letters: DeadLetterEntry[] = [];
  const remaining = new Set(lastOffsets.keys());
  let finish: (error?: Error) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => (finish = (error) => (error ? reject(error) : resolve())));
  const timer = setTimeout(() => finish(new Error(`${topic} was not read to its end within ${timeoutMs} ms`)), timeoutMs);
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const last = lastOffsets.get(partition);
        if (last === undefined || Number(message.offset) > last) return;
        letters.push(describeLetter(partition, message));
        if (Number(message.offset) === last) remaining.delete(partition);
        if (remaining.size === 0) finish();
      },
    });
    await finished;
    return letters;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
};
