import type { Message, Producer, ProducerRecord } from 'kafkajs';
import { CoalescingSender } from './coalescing-sender';

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

const msgs = (...values: string[]): Message[] => values.map((value) => ({ value }));
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescingSender', () => {
  it('sends at once when idle, and joins the callers that arrive meanwhile into the next send, in their order', async () => {
    const { producer, sends } = heldProducer();
    const sender = new CoalescingSender(() => producer, 'results');
    const first = sender.send(msgs('a'));
    const second = sender.send(msgs('b', 'c'));
    const third = sender.send(msgs('d'));
    await settled();
    expect(sends.map((s) => s.values)).toEqual([['a']]);
    sends[0].release();
    await first;
    await settled();
    expect(sends.map((s) => s.values)).toEqual([['a'], ['b', 'c', 'd']]);
    sends[1].release();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('a failed send fails every caller it carried, and the next callers go in a send of their own', async () => {
    const { producer, sends } = heldProducer();
    const sender = new CoalescingSender(() => producer, 'results');
    const first = sender.send(msgs('a'));
    const joined = [sender.send(msgs('b')), sender.send(msgs('c'))];
    await settled();
    sends[0].release();
    await first;
    await settled();
    sends[1].release(new Error('broker away'));
    for (const caller of joined) await expect(caller).rejects.toThrow('broker away');
    const later = sender.send(msgs('e'));
    await settled();
    expect(sends[2].values).toEqual(['e']);
    sends[2].release();
    await expect(later).resolves.toBeUndefined();
  });

  it('nothing to send resolves without a send; no producer (stopping) fails the caller', async () => {
    const { producer, sends } = heldProducer();
    await expect(new CoalescingSender(() => producer, 'results').send([])).resolves.toBeUndefined();
    expect(sends).toHaveLength(0);
    await expect(new CoalescingSender(() => null, 'results').send(msgs('a'))).rejects.toThrow('the service is stopping');
  });
});
