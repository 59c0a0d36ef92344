/**
 * Runs each group's items in order while different groups proceed at once, at most `limit`
 * groups at a time. Used so that one stream's commands keep their order within a batch.
 */
export const forEachGroupInOrder = async <T>(groups: ReadonlyMap<string, readonly T[]>, limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  const queue = [...groups.values()];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const item of group) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
};

export const groupBy = <T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
};
