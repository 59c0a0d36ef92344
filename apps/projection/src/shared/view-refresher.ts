import type { LogSink } from '@campaign/messaging';

/**
 * Refreshes materialized views shortly after the data under them changed, at most once per
 * interval however many batches marked them stale (pg_cron's job in seed 002).
 */
export class ViewRefresher {
  private stale = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly refresh: () => Promise<void>, private readonly intervalMs: number, private readonly log: LogSink) {}

  markStale(): void {
    this.stale = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.run();
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async run(): Promise<void> {
    if (!this.stale) return;
    this.stale = false;
    try {
      await this.refresh();
    } catch (error) {
      this.log.warn('view refresh failed; will retry', { error: (error as Error).message });
      this.markStale();
    }
  }
}
