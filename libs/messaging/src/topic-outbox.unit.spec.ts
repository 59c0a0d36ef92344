import type { Message, Producer, ProducerRecord } from 'kafkajs';
import { topicOutbox } from './topic-outbox';

/** A producer that holds each send until the test releases it, recording what each carried. */
const heldProducer = () => {
  const sends: { values: string[]; release: (error?: Error) => void }[] = [];
  const producer = {
    send: (record: ProducerRecord) =>
      new Promise((resolve, reject) => {
        sends.push({ values: record.messages.map((m) => String(m.value)), release: (error) => (error ? reject(error) : resolve([])) });
      }),
  } as unknown as Producer;
  return { producer, sends };
};

const message = (value: string): Message => ({ value });
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('topicOutbox', () => {
  it('sends at once when idle, and joins what is submitted meanwhile into the next send, in order', async () => {
    const { producer, sends } = heldProducer();
    const outbox = topicOutbox(() => producer, 'results', 'stopping');
    const first = outbox.submit(message('a'));
    const later = ['b', 'c', 'd'].map((value) => outbox.submit(message(value)));
    await settled();
    expect(sends.map((s) => s.values)).toEqual([['a']]);
    sends[0].release();
    await first;
    await settled();
    expect(sends.map((s) => s.values)).toEqual([['a'], ['b', 'c', 'd']]);
    sends[1].release();
    await expect(Promise.all(later)).resolves.toEqual([undefined, undefined, undefined]);
  });

  it('a failed send fails every submission it carried, and the next ones go in a send of their own', async () => {
    const { producer, sends } = heldProducer();
    const outbox = topicOutbox(() => producer, 'results', 'stopping');
    const first = outbox.submit(message('a'));
    const joined = [outbox.submit(message('b')), outbox.submit(message('c'))];
    await settled();
    sends[0].release();
    await first;
    await settled();
    sends[1].release(new Error('broker away'));
    for (const submitted of joined) await expect(submitted).rejects.toThrow('broker away');
    const later = outbox.submit(message('e'));
    await settled();
    expect(sends[2].values).toEqual(['e']);
    sends[2].release();
    await expect(later).resolves.toBeUndefined();
  });

  it('no producer (the service stopping) fails the submission with the reason given', async () => {
    await expect(topicOutbox(() => null, 'results', 'the service is stopping').submit(message('a'))).rejects.toThrow('the service is stopping');
  });
});
