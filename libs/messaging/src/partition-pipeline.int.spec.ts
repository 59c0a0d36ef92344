import { sleep, testKafka, uniqueSuffix, waitFor } from '@campaign/testing';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { type PartitionBatch, runBatchConsumer } from './batch-consumer';
import { groupConsumer } from './health';
import { ensureTopics } from './topics';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** A gate a test opens when it wants the handler blocked on it to go on. */
const gate = () => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

describe('runBatchConsumer with a pipeline: a message waits only for the earlier messages of its key', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    for (const stop of stops) await stop();
    await producer.disconnect();
    await admin.disconnect();
  });

  /** A one-partition topic and a pipelined group consumer of it running `handle`. */
  const consume = async (handle: (batch: PartitionBatch) => Promise<void>, maxPendingMessages?: number) => {
    const topic = `pipeline-${uniqueSuffix()}`;
    const groupId = `${topic}-group`;
    await ensureTopics(admin, [{ topic, numPartitions: 1 }]);
    const { consumer } = groupConsumer(kafka, { groupId, sessionTimeoutMs: 10_000 });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    const run = await runBatchConsumer(consumer, { topics: [topic], pipeline: { maxPendingMessages }, handle }, silent);
    stops.push(async () => {
      await run.stop();
      await consumer.disconnect();
    });
    await joined;
    const send = (key: string, value: string) => producer.send({ topic, messages: [{ key, value }] });
    const committed = async () => Number((await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions[0].offset);
    return { send, committed, ...run };
  };

  it('a later key runs while an earlier one is busy; the busy key keeps its order; offsets stop at the first message not done', async () => {
    const slow = gate();
    const handled: string[] = [];
    const { send, committed } = await consume(async ({ messages }) => {
      for (const message of messages) {
        const value = message.value!.toString();
        if (value === 'a1') await slow.opened;
        handled.push(value);
      }
    });
    await send('a', 'a1');
    await sleep(500);
    await send('b', 'b1');
    await send('a', 'a2');
    await send('b', 'b2');
    await waitFor('b1 and b2 to be handled while a1 is held', async () => handled.length === 2);
    expect(handled).toEqual(['b1', 'b2']);
    // Nothing past a1 (offset 0) may be committed while it is not done.
    await sleep(500);
    expect(await committed()).toBeLessThanOrEqual(0);
    slow.open();
    await waitFor('every message to be handled', async () => handled.length === 4);
    expect(handled).toEqual(['b1', 'b2', 'a1', 'a2']);
    await waitFor('the offsets to be committed past the last message', async () => (await committed()) === 4);
  });

  it('a failed batch is retried until it goes through, and the messages of its key wait for it', async () => {
    let failures = 0;
    const handled: string[] = [];
    const { send, check } = await consume(async ({ messages }) => {
      if (messages.some((m) => m.value!.toString() === 'x1') && failures < 3) {
        failures += 1;
        throw new Error('the database is away');
      }
      handled.push(...messages.map((m) => m.value!.toString()));
    });
    await send('x', 'x1');
    await waitFor('the first failure', async () => failures >= 1);
    await send('x', 'x2');
    await send('y', 'y1');
    await waitFor('every message to be handled', async () => handled.length === 3, { timeoutMs: 20_000 });
    expect(handled.indexOf('x1')).toBeLessThan(handled.indexOf('x2'));
    expect(failures).toBe(3);
    expect(await check()).toEqual({ ok: true, detail: [] });
  });

  it('a code bug holds its key and the partition offsets, is reported unhealthy, and is not retried or skipped', async () => {
    let calls = 0;
    const handled: string[] = [];
    const { send, check, committed, stop } = await consume(async ({ messages }) => {
      if (messages.some((m) => m.value!.toString() === 'bug')) {
        calls += 1;
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      }
      handled.push(...messages.map((m) => m.value!.toString()));
    });
    await send('k', 'bug');
    await waitFor('the failure', async () => calls === 1);
    await send('k', 'after-bug');
    await send('other', 'other1');
    await waitFor('the other key to be handled', async () => handled.includes('other1'));
    await sleep(1_500);
    expect(calls).toBe(1);
    expect(handled).toEqual(['other1']);
    expect(await check()).toEqual({ ok: false, detail: [expect.objectContaining({ partition: 0, error: expect.stringContaining("reading 'x'") })] });
    expect(await committed()).toBeLessThanOrEqual(0);
    // Stopping lets the held work go (it is redelivered to the next process), without committing past it.
    await stop();
    expect(await committed()).toBeLessThanOrEqual(0);
  });

  it('a partition with more messages pending than allowed pauses its fetching and resumes as they are handled', async () => {
    const handled: string[] = [];
    const { send } = await consume(async ({ messages }) => {
      await sleep(20);
      handled.push(...messages.map((m) => m.value!.toString()));
    }, 5);
    const sent = Array.from({ length: 60 }, (_, i) => `m${i}`);
    for (const value of sent) await send(`key${Number(value.slice(1)) % 7}`, value);
    await waitFor('every message to be handled', async () => handled.length >= sent.length, { timeoutMs: 30_000 });
    expect([...handled].sort()).toEqual([...sent].sort());
    for (let key = 0; key < 7; key++) {
      const ofKey = handled.filter((value) => Number(value.slice(1)) % 7 === key);
      expect(ofKey).toEqual(sent.filter((value) => Number(value.slice(1)) % 7 === key));
    }
  });
});
