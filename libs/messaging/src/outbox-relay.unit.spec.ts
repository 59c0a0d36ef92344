import { chunksOf } from './outbox-relay';

describe("chunksOf (the relay's produce requests under the broker's size limit)", () => {
  const sized = (...bytes: number[]) => bytes.map((b, i) => ({ i, bytes: b }));

  it('keeps the order and never lets a chunk exceed the limit unless one message alone does', () => {
    const chunks = chunksOf(sized(400, 400, 400, 1_200, 100, 100), 1_000);
    expect(chunks.map((c) => c.map((x) => x.i))).toEqual([[0, 1], [2], [3], [4, 5]]);
  });

  it('puts everything in one chunk when it fits, and nothing in none', () => {
    expect(chunksOf(sized(10, 20, 30), 1_000)).toHaveLength(1);
    expect(chunksOf([], 1_000)).toEqual([]);
  });
});
