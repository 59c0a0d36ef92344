/**
 * Merges the partition batches that arrive in the same turn of the event loop into one flush.
 * KafkaJS hands every partition of one fetch to its workers at once and fetches again only
 * when all of them are done; applying them in one transaction costs one set of round trips
 * instead of one per partition, which is what bounds the delay before the next fetch. Every
 * caller settles with the flush: all succeed together or all fail (and are redelivered).
 */
export class BatchMerger<I, O> {
  private pending: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(private readonly flush: (items: readonly I[]) => Promise<O>) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.run());
    });
  }

  private run(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    let flushed: Promise<O>;
    try {
      flushed = this.flush(batch.map((entry) => entry.item));
    } catch (error) {
      flushed = Promise.reject(error);
    }
    flushed.then(
      (value) => batch.forEach((entry) => entry.resolve(value)),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
  }
}
