/**
 * SQLSTATE classes that mean "this message cannot be applied", not "the database is unwell":
 * 22 (data exception: a value out of range, text that is no UUID), 23 (integrity constraint
 * violation) and P0001 (a RAISE in our own SQL). Only those: an error without a SQL code is a
 * bug in our code, not bad data — the batch fails, is retried with back-off and alerts (health,
 * metric) until the fix is deployed, rather than quietly setting correct messages aside.
 */
export const isDataError = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23') || code === 'P0001');
};

export interface Isolated<T, R> {
  /** What each applied part returned, in order. */
  readonly results: R[];
  /** The items that failed alone with a data error, in order. */
  readonly poisoned: { readonly item: T; readonly error: Error }[];
}

/**
 * Applies `items` all at once (one transaction) and, when that fails on a data error, splits
 * them in halves and applies each half in order, down to the single item that fails by
 * itself: the poison is set aside and every other item is applied. Items keep their order, so
 * a stream's later events are applied after its earlier ones. Any other error is thrown: the
 * caller's batch fails and is retried. `apply` must undo everything on a throw.
 */
export const applyIsolatingPoison = async <T, R>(
  items: readonly T[],
  apply: (items: readonly T[]) => Promise<R>,
  isPoison: (error: unknown) => boolean = isDataError,
): Promise<Isolated<T, R>> => {
  const isolated: Isolated<T, R> = { results: [], poisoned: [] };
  const run = async (part: readonly T[]): Promise<void> => {
    if (part.length === 0) return;
    try {
      isolated.results.push(await apply(part));
    } catch (error) {
      if (!isPoison(error)) throw error;
      if (part.length === 1) {
        isolated.poisoned.push({ item: part[0], error: error as Error });
        return;
      }
      const half = Math.ceil(part.length / 2);
      await run(part.slice(0, half));
      await run(part.slice(half));
    }
  };
  await run(items);
  return isolated;
};
