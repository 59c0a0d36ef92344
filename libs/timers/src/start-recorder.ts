import type { LogSink } from '@campaign/messaging';
import type { Starting } from './timer-start';

/**
 * Writes attempts' starts in batches, a few batches at a time: the starts of one turn of the
 * event loop together (the engine starts a burst's firings in one turn), then as soon as a
 * writer is free. A start still waiting when its attempt has already ended is withdrawn: its
 * outcome brings it (see planOutcome), so firings over within the turn or the queue cost no
 * extra write for a start nobody could have seen, while any attempt that outlasts them shows as
 * started.
 */
export class StartRecorder<T extends string = string> {
  private readonly waiting = new Map<string, Starting<T>>();
  private readonly writing = new Map<string, Promise<void>>();
  private flights = 0;
  private scheduled = false;

  constructor(
    private readonly write: (starts: readonly Starting<T>[]) => Promise<unknown>,
    private readonly log: LogSink,
    private readonly maxConcurrent = 2,
    private readonly maxBatch = 500,
  ) {}

  /** The attempt began: its start is written when a writer is free. */
  begin(starting: Starting<T>): void {
    this.waiting.set(starting.executionId, starting);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  /** The attempt ended: waits for its start if it is being written, withdraws it if not yet taken. */
  async end(executionId: string): Promise<void> {
    if (this.waiting.delete(executionId)) return;
    await this.writing.get(executionId);
  }

  private drain(): void {
    while (this.flights < this.maxConcurrent && this.waiting.size > 0) {
      const batch = [...this.waiting.values()].slice(0, this.maxBatch);
      for (const s of batch) this.waiting.delete(s.executionId);
      this.flights++;
      const flight = this.write(batch)
        .then(() => undefined)
        // Not fatal: the outcome brings a start that was not recorded.
        .catch((error) => this.log.warn('could not record timer starts; their outcomes will', { count: batch.length, error: (error as Error).message }))
        .finally(() => {
          this.flights--;
          for (const s of batch) this.writing.delete(s.executionId);
          this.drain();
        });
      for (const s of batch) this.writing.set(s.executionId, flight);
    }
  }
}
