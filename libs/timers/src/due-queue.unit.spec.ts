import { DueQueue } from './due-queue';

describe('DueQueue', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  const collecting = () => {
    const queue = new DueQueue<{ id: string }>();
    const released: string[][] = [];
    queue.onDue((items) => released.push(items.map((item) => item.id)));
    return { queue, released };
  };

  it('releases items in due order, each not before its instant', () => {
    const { queue, released } = collecting();
    const now = Date.now();
    for (const [id, inMs] of [
      ['c', 30],
      ['a', 10],
      ['e', 50],
      ['b', 20],
      ['d', 40],
    ] as const)
      queue.add({ id }, now + inMs);
    jest.advanceTimersByTime(9);
    expect(released).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(released).toEqual([['a']]);
    jest.advanceTimersByTime(40);
    expect(released.flat()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(queue.size).toBe(0);
  });

  it('releases every item already due at once, earliest first', () => {
    const { queue, released } = collecting();
    const now = Date.now();
    queue.add({ id: 'later' }, now + 5);
    queue.add({ id: 'overdue' }, now - 100);
    queue.add({ id: 'due' }, now);
    jest.advanceTimersByTime(0);
    expect(released).toEqual([['overdue', 'due']]);
    jest.advanceTimersByTime(5);
    expect(released).toEqual([['overdue', 'due'], ['later']]);
  });

  it('an item added earlier than the armed one re-arms the queue for it', () => {
    const { queue, released } = collecting();
    queue.add({ id: 'late' }, Date.now() + 1_000);
    queue.add({ id: 'early' }, Date.now() + 100);
    jest.advanceTimersByTime(100);
    expect(released).toEqual([['early']]);
  });

  it('dedupes ids: an id already held is ignored, and may be added again once released', () => {
    const { queue, released } = collecting();
    queue.add({ id: 'x' }, Date.now() + 10);
    queue.add({ id: 'x' }, Date.now() + 5);
    expect(queue.size).toBe(1);
    jest.advanceTimersByTime(5);
    expect(released).toEqual([]);
    jest.advanceTimersByTime(5);
    expect(released).toEqual([['x']]);
    queue.add({ id: 'x' }, Date.now() + 10);
    expect(queue.size).toBe(1);
  });

  it('drain returns everything held and releases nothing afterwards', () => {
    const { queue, released } = collecting();
    queue.add({ id: 'a' }, Date.now() + 10);
    queue.add({ id: 'b' }, Date.now() + 20);
    queue.add({ id: 'c' }, Date.now() - 5);
    expect(
      queue
        .drain()
        .map((item) => item.id)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
    jest.advanceTimersByTime(1_000);
    expect(released).toEqual([]);
    queue.add({ id: 'a' }, Date.now() + 10);
    jest.advanceTimersByTime(10);
    expect(released).toEqual([['a']]);
  });
});
