import { forEachGroupInOrder, groupBy } from './concurrency';

describe('running one batch of commands', () => {
  it("keeps each stream's commands in their order while streams run at once", async () => {
    const items = ['a1', 'b1', 'a2', 'c1', 'b2', 'a3'];
    const finished: string[] = [];
    let running = 0;
    let peak = 0;
    await forEachGroupInOrder(
      groupBy(items, (item) => item[0]),
      2,
      async (item) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, item.startsWith('a') ? 5 : 1));
        finished.push(item);
        running--;
      },
    );
    expect(finished.filter((i) => i.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(finished.filter((i) => i.startsWith('b'))).toEqual(['b1', 'b2']);
    expect(finished).toHaveLength(6);
    expect(peak).toBe(2);
  });
});
