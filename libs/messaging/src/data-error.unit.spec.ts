import { applyIsolatingPoison, isDataError } from './data-error';

const sqlError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

/** Applies a part as one transaction would: all or nothing, failing if any item is poison. */
const applier = (poison: ReadonlySet<number>, error: Error = sqlError('22P02')) => {
  const applied: number[] = [];
  const apply = async (part: readonly number[]) => {
    if (part.some((n) => poison.has(n))) throw error;
    applied.push(...part);
    return part.length;
  };
  return { applied, apply };
};

describe('isDataError', () => {
  it.each(['22P02', '22001', '23505', '23514', 'P0001'])('SQLSTATE %s is bad data', (code) => expect(isDataError(sqlError(code))).toBe(true));
  it.each([['40001'], ['57P01'], ['08006'], [undefined]])('SQLSTATE %s, or none (a bug), is not', (code) =>
    expect(isDataError(code ? sqlError(code) : new TypeError('x is undefined'))).toBe(false),
  );
});

describe('applyIsolatingPoison', () => {
  const items = Array.from({ length: 11 }, (_, i) => i);

  it('sets aside only the items that fail by themselves and applies every other one, in order', async () => {
    const { applied, apply } = applier(new Set([0, 6, 7]));
    const { results, poisoned } = await applyIsolatingPoison(items, apply);
    expect(applied).toEqual([1, 2, 3, 4, 5, 8, 9, 10]);
    expect(poisoned.map((p) => p.item)).toEqual([0, 6, 7]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(8);
  });

  it('applies a clean batch in one go', async () => {
    let calls = 0;
    await applyIsolatingPoison(items, async () => {
      calls++;
    });
    expect(calls).toBe(1);
  });

  it('throws an error that is not about the data, so the whole batch is retried', async () => {
    const { applied, apply } = applier(new Set([3]), new TypeError('a bug'));
    await expect(applyIsolatingPoison(items, apply)).rejects.toThrow('a bug');
    expect(applied).toEqual([]);
  });
});
