/**
 * Natural batching ("group commit"): items submitted while a flush is in flight wait and go
 * together in the next one. At low load every item goes alone, at once; under load the batch
 * grows by itself, so round trips per item fall exactly when they matter. No timers.
 */
export class Batcher<I, O> {
  private queue: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    /** Settles every item: a value, or an Error for that item alone. */
    private readonly flush: (items: readonly I[]) => Promise<readonly (O | Error)[]>,
    private readonly maxConcurrentFlushes = 2,
    private readonly maxBatch = 500,
  ) {}

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
