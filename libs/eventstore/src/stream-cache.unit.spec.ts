import { StreamCache } from './stream-cache';
import type { StoredEvent } from './types';

const event = (streamId: string, streamVersion: number, data: unknown = {}): StoredEvent => ({
  globalPosition: String(streamVersion),
  transactionId: '1',
  eventId: `${streamId}-${streamVersion}`,
  context: 'test',
  streamId,
  streamVersion,
  type: 'Happened',
  schemaVersion: 1,
  data,
  occurredAt: '2026-01-01T00:00:00.000Z',
  correlationId: 'c',
  causationId: null,
  actor: 'user:1',
  tenant: 'org-a',
  commandId: null,
});
const events = (streamId: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event(streamId, from + i));

describe('StreamCache', () => {
  it('a held stream is extended by the events read after it, and the whole stream is answered', () => {
    const cache = new StreamCache(100);
    cache.merge('s', undefined, events('s', 1, 3));
    const held = cache.get('s');
    expect(held?.version).toBe(3);
    const loaded = cache.merge('s', held, events('s', 4, 5));
    expect(loaded.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
    expect(cache.get('s')?.version).toBe(5);
  });

  it('an empty stream is not held (a new stream is asked for in full next time)', () => {
    const cache = new StreamCache(100);
    expect(cache.merge('new', undefined, [])).toEqual([]);
    expect(cache.get('new')).toBeUndefined();
  });

  it('a slower load answering an older version never replaces a longer stream already held', () => {
    const cache = new StreamCache(100);
    cache.merge('s', undefined, events('s', 1, 4));
    expect(cache.merge('s', undefined, events('s', 1, 2)).map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(cache.get('s')?.version).toBe(4);
  });

  it('holds at most maxEvents events, letting the least recently read streams go first', () => {
    const cache = new StreamCache(6);
    cache.merge('a', undefined, events('a', 1, 2));
    cache.merge('b', undefined, events('b', 1, 2));
    cache.merge('c', undefined, events('c', 1, 2));
    cache.get('a');
    cache.merge('d', undefined, events('d', 1, 2));
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((id) => cache.get(id)?.version)).toEqual([2, 2, 2]);
    expect(cache.size).toBe(6);
  });

  it('a stream longer than the whole cache is answered but not held; 0 holds nothing', () => {
    const small = new StreamCache(3);
    expect(small.merge('long', undefined, events('long', 1, 4))).toHaveLength(4);
    expect(small.get('long')).toBeUndefined();
    const none = new StreamCache(0);
    none.merge('s', undefined, events('s', 1, 1));
    expect(none.get('s')).toBeUndefined();
  });

  it('a stream with an event the test refuses (personal data still in clear) is not held, before or after', () => {
    const cache = new StreamCache(100, (e) => (e.data as { clear?: boolean }).clear !== true);
    cache.merge('legacy', undefined, [event('legacy', 1, { clear: true })]);
    expect(cache.get('legacy')).toBeUndefined();
    cache.merge('s', undefined, events('s', 1, 1));
    cache.merge('s', cache.get('s'), [event('s', 2, { clear: true })]);
    expect(cache.get('s')?.version).toBe(1);
  });

  it('refuses a negative or fractional size', () => {
    expect(() => new StreamCache(-1)).toThrow(RangeError);
    expect(() => new StreamCache(1.5)).toThrow(RangeError);
  });
});
