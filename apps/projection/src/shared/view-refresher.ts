import type { LogSink } from '@campaign/messaging';

/**
 * Refreshes materialized views shortly after the data under them changed, at most once per
 * interval however many batches marked them stale (pg_cron's job in seed 002). A view that
 * reads the clock (seed 002's mv_pending_timers: "scheduled_at <= NOW() + INTERVAL '1 hour'")
 * goes stale with time alone, so `everyMs` also refreshes on a fixed period, changes or not.
 */
export class ViewRefresher {
  private stale = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly ticker: NodeJS.Timeout | null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly log: LogSink,
    everyMs?: number,
  ) {
    this.ticker = everyMs === undefined ? null : setInterval(() => this.refreshNow(), everyMs);
    this.ticker?.unref();
  }

  markStale(): void {
    this.stale = true;
    // Stopped, nothing may be scheduled: a retry timer would keep the process alive after its
    // shutdown and refresh through a closed pool, failing and rescheduling for ever.
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // Chained, so a slow refresh is never overlapped by the next one.
      this.running = this.running.then(() => this.run());
    }, this.intervalMs);
  }

  private refreshNow(): void {
    this.stale = true;
    this.running = this.running.then(() => this.run());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
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
