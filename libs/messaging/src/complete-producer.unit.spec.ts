import { type Kafka, type Message, type PartitionerArgs, Partitioners, type ProducerBatch, type ProducerConfig, type RecordMetadata } from 'kafkajs';
import { completeProducer, IncompleteSendError } from './complete-producer';

const PARTITIONS = 3;
const partitionMetadata = Array.from({ length: PARTITIONS }, (_, id) => ({
  partitionId: id,
  leader: id + 1,
  replicas: [1, 2, 3],
  isr: [1, 2, 3],
  partitionErrorCode: 0,
}));

/**
 * A stand-in for KafkaJS's producer that behaves as 2.2.4 does when a broker dies mid-send:
 * it partitions with the partitioner it was given, "writes" every partition except the ones
 * told to vanish, and answers for the partitions it wrote — resolving as if all went out.
 */
const fakeKafka = (vanishing: number[][]) => {
  const written = new Map<number, string[]>();
  const sends: number[] = [];
  const kafka = {
    producer: (config: ProducerConfig) => {
      const partitioner = (config.createPartitioner ?? Partitioners.DefaultPartitioner)();
      const sendBatch = async ({ topicMessages = [] }: ProducerBatch): Promise<RecordMetadata[]> => {
        const lost = vanishing[sends.length] ?? [];
        sends.push(topicMessages.reduce((n, t) => n + t.messages.length, 0));
        const answered = new Set<number>();
        for (const { topic, messages } of topicMessages) {
          for (const message of messages) {
            const partition = partitioner({ topic, partitionMetadata, message } as PartitionerArgs);
            if (lost.includes(partition)) continue;
            written.set(partition, [...(written.get(partition) ?? []), String(message.value)]);
            answered.add(partition);
          }
        }
        return [...answered].map((partition) => ({ topicName: 'events', partition, errorCode: 0 }));
      };
      return { connect: async () => undefined, disconnect: async () => undefined, sendBatch, send: async () => [] };
    },
  } as unknown as Kafka;
  return { kafka, written, sends };
};

const messages = (n: number): Message[] => Array.from({ length: n }, (_, i) => ({ key: `stream-${i % 7}`, value: `event-${i}` }));

const partitionOf = (message: Message) => Partitioners.DefaultPartitioner()({ topic: 'events', partitionMetadata, message });

describe('completeProducer', () => {
  it('sends again, in order and before it resolves, the messages of a partition the brokers never acknowledged', async () => {
    const sent = messages(30);
    const dropped = partitionOf(sent[0]);
    const { kafka, written, sends } = fakeKafka([[dropped]]);
    const warnings: unknown[] = [];

    await completeProducer(kafka, { idempotent: true }, { warn: (_m, c) => warnings.push(c) }).sendBatch({
      acks: -1,
      topicMessages: [{ topic: 'events', messages: sent }],
    });

    const expected = sent.filter((m) => partitionOf(m) === dropped).map((m) => String(m.value));
    expect(written.get(dropped)).toEqual(expected);
    expect(sends).toEqual([30, expected.length]);
    expect(warnings).toEqual([{ messages: expected.length, partitions: [`events[${dropped}]`] }]);
    for (let p = 0; p < PARTITIONS; p++) expect(written.get(p) ?? []).toEqual(sent.filter((m) => partitionOf(m) === p).map((m) => String(m.value)));
  });

  it('keeps the partitions KafkaJS would choose, so a stream stays on its partition', async () => {
    const sent = messages(21);
    const { kafka, written } = fakeKafka([]);
    await completeProducer(kafka).send({ topic: 'events', messages: sent });
    for (let p = 0; p < PARTITIONS; p++) expect(written.get(p) ?? []).toEqual(sent.filter((m) => partitionOf(m) === p).map((m) => String(m.value)));
  });

  it('fails with a retriable error when five sends in a row leave a partition unacknowledged', async () => {
    const sent = messages(10);
    const dropped = partitionOf(sent[0]);
    const { kafka, sends } = fakeKafka(Array.from({ length: 5 }, () => [dropped]));

    const failure = completeProducer(kafka).sendBatch({ acks: -1, topicMessages: [{ topic: 'events', messages: sent }] });

    await expect(failure).rejects.toBeInstanceOf(IncompleteSendError);
    await expect(failure).rejects.toMatchObject({ retriable: true });
    expect(sends).toHaveLength(5);
  });

  it('answers nothing more for a send without acknowledgements (acks 0): nothing can be checked', async () => {
    const sent = messages(6);
    const { kafka, sends } = fakeKafka([[0, 1, 2]]);
    await completeProducer(kafka).sendBatch({ acks: 0, topicMessages: [{ topic: 'events', messages: sent }] });
    expect(sends).toEqual([6]);
  });

  it('replaces itself after OUT_OF_ORDER_SEQUENCE_NUMBER: that send fails for its caller to retry, the next one goes through a new producer', async () => {
    const made: { connected: boolean; sends: number }[] = [];
    const kafka = {
      producer: (config: ProducerConfig) => {
        const partitioner = (config.createPartitioner ?? Partitioners.DefaultPartitioner)();
        const me = { connected: false, sends: 0, listening: [] as string[] };
        made.push(me);
        const first = made.length === 1;
        return {
          on: (event: string) => {
            me.listening.push(event);
            return () => undefined;
          },
          connect: async () => void (me.connected = true),
          disconnect: async () => void (me.connected = false),
          sendBatch: async ({ topicMessages = [] }: ProducerBatch) => {
            me.sends++;
            if (first)
              throw Object.assign(new Error('The broker received an out of order sequence number'), { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER', retriable: false });
            return topicMessages.flatMap((t) =>
              t.messages.map((message) => ({ topicName: t.topic, partition: partitioner({ topic: t.topic, partitionMetadata, message }), errorCode: 0 })),
            );
          },
        };
      },
    } as unknown as Kafka;
    const producer = completeProducer(kafka, { idempotent: true });
    producer.on('producer.network.request_timeout', () => undefined);
    await producer.connect();

    await expect(producer.send({ topic: 'events', messages: messages(3) })).rejects.toMatchObject({ type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    await producer.send({ topic: 'events', messages: messages(3) });

    // The replacement took over the connection, the sends and the instrumentation listener.
    const listening = ['producer.network.request_timeout'];
    expect(made).toEqual([
      { connected: false, sends: 1, listening },
      { connected: true, sends: 1, listening },
    ]);
    await producer.disconnect();
    expect(made[1].connected).toBe(false);
  });
});
