import { sleep, testKafka, uniqueSuffix, waitFor } from '@campaign/testing';
import { type Kafka, KafkaJSProtocolError } from 'kafkajs';
import { runBatchConsumer } from './batch-consumer';
import { groupConsumer } from './health';
import { ensureTopics } from './topics';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** The error KafkaJS's idempotent producer throws after a broker restart lost its sequence. */
const brokerAnswer = { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER', code: 45, retriable: false, message: 'The broker received an out of order sequence number' };
// KafkaJS's typings take a message; at run time it reads the broker's error entry.
const outOfOrderSequence = () => new KafkaJSProtocolError(brokerAnswer as unknown as Error);

describe('runBatchConsumer: a failed batch is retried, a code bug stops the consumer', () => {
  let kafka: Kafka;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(() => {
    kafka = testKafka();
  });

  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  /** A one-partition topic holding one message, and a group consumer of it running `handle`. */
  const consume = async (handle: () => Promise<void>, sessionTimeoutMs = 10_000) => {
    const topic = `batch-${uniqueSuffix()}`;
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ topic, numPartitions: 1 }]);
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'v' }] });
    await producer.disconnect();
    const crashes: { error: string; restart: boolean }[] = [];
    const { consumer, check } = groupConsumer(kafka, {
      groupId: `${topic}-group`,
      sessionTimeoutMs,
      onCrash: (error, restart) => crashes.push({ error, restart }),
    });
    stops.push(() => consumer.disconnect());
    await runBatchConsumer(consumer, { topics: [topic], handle }, silent);
    return { check, crashes };
  };

  it('a non-retriable Kafka error from the handler (a fatal producer answer) is retried until the batch goes through', async () => {
    let calls = 0;
    let handled = 0;
    const { check, crashes } = await consume(async () => {
      calls += 1;
      if (calls <= 2) throw outOfOrderSequence();
      handled += 1;
    });
    await waitFor('the batch to be handled after its failures', async () => handled === 1, { timeoutMs: 60_000 });
    expect(calls).toBe(3);
    expect(crashes.every((crash) => crash.restart)).toBe(true);
    await waitFor('the consumer to be healthy again', async () => (await check()).ok, { timeoutMs: 30_000 });
  });

  it('a code bug (TypeError) stops the consumer and keeps it unhealthy instead of skipping the batch', async () => {
    let calls = 0;
    const { check, crashes } = await consume(async () => {
      calls += 1;
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    await waitFor('the crash', async () => crashes.length > 0, { timeoutMs: 30_000 });
    expect(crashes[0]).toEqual({ error: expect.stringContaining("reading 'x'"), restart: false });
    await sleep(2_000);
    expect(calls).toBe(1);
    expect(await check()).toEqual({ ok: false, detail: expect.stringContaining("reading 'x'") });
  });

  it('a batch that outlasts the session keeps its member in the group: handled once, not redelivered after an eviction', async () => {
    let calls = 0;
    let done = false;
    // The broker's shortest session (group.min.session.timeout.ms); the batch takes half as long again.
    await consume(async () => {
      calls += 1;
      await sleep(9_000);
      done = true;
    }, 6_000);
    await waitFor('the batch to be handled', async () => done, { timeoutMs: 30_000 });
    // An evicted member's commit is refused and the batch comes again at once; give it the time to.
    await sleep(4_000);
    expect(calls).toBe(1);
  }, 40_000);
});
