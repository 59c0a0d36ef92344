import { randomUUID } from 'node:crypto';
import { ConcurrencyError, PostgresEventStore, type StoredEvent } from '@campaign/eventstore';
import { collectMessages, freePort, TcpGate, testKafka, testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import { type Kafka, Partitioners, type Producer, type ProducerBatch, type ProducerConfig, type RecordMetadata } from 'kafkajs';
import { Pool } from 'pg';
import { completeProducer } from './complete-producer';
import { OutboxRelay } from './outbox-relay';
import { ensureTopics } from './topics';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** Appends `count` one-event commands to random streams, re-reading the version on a lost race. */
const appender = async (store: PostgresEventStore, streams: readonly string[], count: number, appended: string[]) => {
  for (let i = 0; i < count; i++) {
    const streamId = streams[Math.floor(Math.random() * streams.length)];
    for (;;) {
      const { version } = await store.readStream(streamId);
      const commandId = randomUUID();
      const eventId = randomUUID();
      try {
        await store.append(
          streamId,
          version,
          [{ eventId, type: 'Happened', schemaVersion: 1, data: { i } }],
          { context: 'test', occurredAt: new Date().toISOString(), correlationId: commandId, causationId: null, actor: 't', tenant: null, commandId },
          (streamVersion) => ({ status: 'ACCEPTED', commandId, streamId, streamVersion, eventIds: [eventId] }),
        );
        appended.push(eventId);
        break;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
  }
};

describe('OutboxRelay', () => {
  let pool: Pool;
  let kafka: Kafka;
  let producer: Producer;
  let store: PostgresEventStore;
  const suffix = uniqueSuffix();
  const topic = `relay-${suffix}.events`;

  beforeAll(async () => {
    pool = testPool(30);
    store = new PostgresEventStore(pool, `relay_${suffix}`);
    await store.migrate();
    kafka = testKafka();
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [
      { topic, numPartitions: 6 },
      { topic: `${topic}.dlq`, numPartitions: 1 },
    ]);
    await admin.disconnect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await pool.query(`DROP SCHEMA relay_${suffix} CASCADE`);
    await pool.end();
  });

  it('publishes every event of 16 concurrent appenders on overlapping streams exactly once, in per-stream order', async () => {
    const relay = new OutboxRelay(
      store,
      pool,
      producer,
      {
        name: 'test',
        topicOf: () => topic,
        deadLetterTopicOf: () => `${topic}.dlq`,
        encode: (event: StoredEvent) => Buffer.from(JSON.stringify({ eventId: event.eventId, streamId: event.streamId, v: event.streamVersion })),
        batchSize: 100,
      },
      silent,
    );
    relay.start();
    const streams = Array.from({ length: 12 }, () => `stream-${randomUUID()}`);
    const appended: string[] = [];
    await Promise.all(Array.from({ length: 16 }, () => appender(store, streams, 40, appended)));
    expect(appended).toHaveLength(640);

    // Read on for 2 s after the last expected event, while the relay still runs: a duplicate,
    // if the relay were to produce one, is then in `received`.
    const received = await collectMessages(kafka, topic, (all) => all.length >= appended.length, 60_000, 2_000);
    await relay.stop();
    const events = received.map(({ partition, message }) => ({ partition, key: message.key!.toString(), ...JSON.parse(message.value!.toString()) }));

    expect(events.map((e) => e.eventId).sort()).toEqual([...appended].sort());
    for (const stream of streams) {
      const ofStream = events.filter((e) => e.streamId === stream);
      expect(ofStream.map((e) => e.v)).toEqual(ofStream.map((_, i) => i + 1));
      expect(new Set(ofStream.map((e) => e.partition)).size).toBeLessThanOrEqual(1);
      expect(ofStream.every((e) => e.key === stream)).toBe(true);
    }
    expect(await store.countAfter(relay.state.checkpoint)).toBe(0);
  });

  it('lets only one relay of a name publish at a time', async () => {
    const options = { name: 'leader', topicOf: () => topic, deadLetterTopicOf: () => `${topic}.dlq`, encode: () => Buffer.from('x') };
    // The second relay's connections are counted: each is one request for the lock.
    let asked = 0;
    const counted = new Proxy(pool, {
      get: (target, name) => {
        if (name === 'connect') return () => ((asked += 1), target.connect());
        const value = Reflect.get(target, name, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const first = new OutboxRelay(store, pool, producer, options, silent);
    const second = new OutboxRelay(store, counted, producer, options, silent);
    first.start();
    await waitFor('the first relay to lead', async () => first.state.leader);
    second.start();
    // A third request starts only after the second was answered: two refusals, not a fixed wait.
    await waitFor('the second relay to ask for the lock three times', async () => asked >= 3, { timeoutMs: 10_000 });
    expect([first.state.leader, second.state.leader]).toEqual([true, false]);
    await first.stop();
    await waitFor('the second relay to take over', async () => second.state.leader);
    await second.stop();
  });

  it('a follower that lost its database reports it, and is healthy again as soon as the database answers — without having to lead', async () => {
    const options = { name: 'follower-health', topicOf: () => topic, deadLetterTopicOf: () => `${topic}.dlq`, encode: () => Buffer.from('x') };
    const real = new URL(process.env.DATABASE_URL ?? '');
    const gate = new TcpGate(await freePort(), { host: real.hostname, port: Number(real.port || 5432) });
    await gate.open();
    const gated = new Pool({ connectionString: TcpGate.via(process.env.DATABASE_URL ?? '', gate.port), max: 2 });
    gated.on('error', () => undefined);
    const leader = new OutboxRelay(store, pool, producer, options, silent);
    const follower = new OutboxRelay(new PostgresEventStore(gated, store.schema), gated, producer, options, silent);
    try {
      leader.start();
      await waitFor('the leader to lead', async () => leader.state.leader);
      follower.start();

      await gate.close();
      await waitFor('the follower to report the lost database', async () => follower.state.lastError !== null, { timeoutMs: 15_000 });
      await gate.open();

      await waitFor('the follower to be healthy again', async () => follower.state.lastError === null, { timeoutMs: 20_000 });
      expect([leader.state.leader, follower.state.leader]).toEqual([true, false]);
    } finally {
      await follower.stop();
      await leader.stop();
      await gated.end();
      await gate.close();
    }
  });

  it("publishes events that together exceed the broker's message.max.bytes: the batch is split, none is stuck, lag reaches 0", async () => {
    // One stream, so every event lands on one partition: unsplit, 20 × 100 KB is one record batch of 2 MB.
    const bigTopic = `${topic}.big`;
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ topic: bigTopic, numPartitions: 1 }]);
    await admin.disconnect();
    const streamId = `big-${randomUUID()}`;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const eventId = randomUUID();
      const commandId = randomUUID();
      await store.append(
        streamId,
        i,
        [{ eventId, type: 'Happened', schemaVersion: 1, data: { i, padding: 'x'.repeat(100_000) } }],
        { context: 'test', occurredAt: new Date().toISOString(), correlationId: commandId, causationId: null, actor: 't', tenant: null, commandId },
        (streamVersion) => ({ status: 'ACCEPTED', commandId, streamId, streamVersion, eventIds: [eventId] }),
      );
      ids.push(eventId);
    }
    const relay = new OutboxRelay(
      store,
      pool,
      producer,
      {
        name: 'big',
        topicOf: (event) => (event.streamId === streamId ? bigTopic : topic),
        deadLetterTopicOf: () => `${topic}.dlq`,
        encode: (event: StoredEvent) => Buffer.from(JSON.stringify({ eventId: event.eventId, v: event.streamVersion, data: event.data })),
        batchSize: 500,
      },
      silent,
    );
    relay.start();
    const received = await collectMessages(kafka, bigTopic, (all) => all.length >= ids.length, 60_000);
    await waitFor('the relay to catch up', async () => (await store.countAfter(relay.state.checkpoint)) === 0);
    await relay.stop();
    expect(relay.state.lastError).toBeNull();
    expect(received.map((m) => JSON.parse(m.message.value!.toString()).v)).toEqual(ids.map((_, i) => i + 1));
  });

  it('publishes on through a new producer after OUT_OF_ORDER_SEQUENCE_NUMBER, which the old one cannot recover from', async () => {
    const sent: string[] = [];
    let created = 0;
    // The first producer fails for good, as an idempotent producer does after that error; the
    // one completeProducer makes next delivers.
    const partitionMetadata = [{ partitionId: 0, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }];
    const kafka = {
      producer: (config: ProducerConfig) => {
        const broken = created++ === 0;
        const partitioner = (config.createPartitioner ?? Partitioners.DefaultPartitioner)();
        return {
          connect: async () => undefined,
          disconnect: async () => undefined,
          sendBatch: async ({ topicMessages = [] }: ProducerBatch): Promise<RecordMetadata[]> => {
            if (broken) throw Object.assign(new Error('The broker received an out of order sequence number'), { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
            for (const t of topicMessages) for (const m of t.messages) sent.push(JSON.parse(String(m.value)).eventId);
            // Partitioned as KafkaJS would, and answered for every partition written.
            return topicMessages.flatMap((t) =>
              t.messages.map((message) => ({ topicName: t.topic, partition: partitioner({ topic: t.topic, partitionMetadata, message }), errorCode: 0 })),
            );
          },
        };
      },
    } as unknown as Kafka;
    const producer = completeProducer(kafka, {}, silent);
    await producer.connect();
    const streamId = `renew-${randomUUID()}`;
    const appended: string[] = [];
    await appender(store, [streamId], 3, appended);
    const relay = new OutboxRelay(
      store,
      pool,
      producer,
      {
        name: `renew-${randomUUID()}`,
        topicOf: () => topic,
        deadLetterTopicOf: () => `${topic}.dlq`,
        encode: (event: StoredEvent) => Buffer.from(JSON.stringify({ eventId: event.eventId })),
      },
      silent,
    );
    relay.start();
    await waitFor('the appended events on the new producer', async () => appended.every((id) => sent.includes(id)));
    await relay.stop();
    expect(created).toBe(2);
  });
});
