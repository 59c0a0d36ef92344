/**
 * Natural batching ("group commit"): items submitted while a flush is in flight wait and go
 * together in the next one. At low load every item goes alone, at once; under load the batch
 * grows by itself, so round trips per item fall exactly when they matter. No timers.
 */
export interface BatcherLimits {
  /** Flushes in flight at once (2). */
  readonly maxConcurrentFlushes?: number;
  /** Items in one flush (500). */
  readonly maxBatch?: number;
}

export class Batcher<I, O> {
  private queue: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private readonly maxConcurrentFlushes: number;
  private readonly maxBatch: number;

  constructor(
    /** Settles every item: a value, or an Error for that item alone. */
    private readonly flush: (items: readonly I[]) => Promise<readonly (O | Error)[]>,
    { maxConcurrentFlushes = 2, maxBatch = 500 }: BatcherLimits = {},
  ) {
    this.maxConcurrentFlushes = maxConcurrentFlushes;
    this.maxBatch = maxBatch;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxConcurrentFlushes && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      this.flush(batch.map((entry) => entry.item))
        .then((results) => batch.forEach((entry, i) => (results[i] instanceof Error ? entry.reject(results[i]) : entry.resolve(results[i] as O))))
        .catch((error) => batch.forEach((entry) => entry.reject(error)))
        .finally(() => {
          this.inFlight--;
          this.drain();
        });
    }
  }
}

/** SQLSTATE classes that say the connection or the server failed, not one item's statement. */
const SHARED_FAILURE_CLASSES = ['08', '53', '57', '58', 'XX'];

/** True when a failure belongs to the whole batch (the database away), not to some item in it. */
export const isSharedFailure = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return typeof code !== 'string' || SHARED_FAILURE_CLASSES.some((c) => code.startsWith(c));
};

/**
 * One item's failure is its own: when a batch's shared statement fails for something an item
 * carries (a value PostgreSQL refuses, a constraint), the batch is split in halves and each
 * retried, down to the guilty item alone, which gets the error; the innocent complete. A
 * failed statement wrote nothing, so retrying its items is safe. Failures of the database
 * itself still fail everyone (they are retried by the callers).
 */
export const isolatingFailures = <I, O>(flush: (items: readonly I[]) => Promise<readonly (O | Error)[]>) => {
  const run = async (items: readonly I[]): Promise<readonly (O | Error)[]> => {
    try {
      return await flush(items);
    } catch (error) {
      if (isSharedFailure(error)) throw error;
      if (items.length === 1) return [error as Error];
      const half = Math.ceil(items.length / 2);
      const [first, second] = await Promise.all([run(items.slice(0, half)), run(items.slice(half))]);
      return [...first, ...second];
    }
  };
  return run;
};
