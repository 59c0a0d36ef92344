import { CONFIG, JsonLogger, LOGGER, PG_POOL } from '@campaign/runtime';
import { runCleanup } from '@campaign/timers';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { TimerSchedulerConfig } from '../config';

/** seed 002's cleanup policies as a recurring job of the scheduler (instead of pg_cron). */
@Injectable()
export class CleanupService implements OnApplicationBootstrap, OnApplicationShutdown {
  private handle: NodeJS.Timeout | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: TimerSchedulerConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.CLEANUP_INTERVAL_MS === 0) return;
    this.handle = setInterval(() => void this.run(), this.config.CLEANUP_INTERVAL_MS);
    this.handle.unref();
    void this.run();
  }

  onApplicationShutdown(): void {
    if (this.handle) clearInterval(this.handle);
  }

  async run(): Promise<void> {
    try {
      const result = await runCleanup(this.pool, this.config.LIFECYCLE_SCHEMA);
      this.log.log('cleanup policies ran', { ...result });
    } catch (error) {
      this.log.error('cleanup policies failed; next run retries', { error: (error as Error).message });
    }
  }
}
