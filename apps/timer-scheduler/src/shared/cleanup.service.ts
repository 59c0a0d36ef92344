import { CONFIG, JsonLogger, LOGGER, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { TimerSchedulerConfig } from '../config';
import { REGISTERED_CONTEXTS, type RegisteredContext } from './registered-context';

/** The contexts' cleanup policies (seed 002's) as a recurring job of the scheduler (instead of pg_cron). */
@Injectable()
export class CleanupService implements OnApplicationBootstrap, OnApplicationShutdown {
  private handle: NodeJS.Timeout | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: TimerSchedulerConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REGISTERED_CONTEXTS) private readonly contexts: readonly RegisteredContext[],
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.CLEANUP_INTERVAL_MS === 0 || !this.contexts.some((c) => c.context.cleanup)) return;
    this.handle = setInterval(() => void this.run(), this.config.CLEANUP_INTERVAL_MS);
    this.handle.unref();
    void this.run();
  }

  onApplicationShutdown(): void {
    if (this.handle) clearInterval(this.handle);
  }

  async run(): Promise<void> {
    for (const { context } of this.contexts) {
      if (!context.cleanup) continue;
      try {
        const result = await context.cleanup(this.pool, this.config);
        this.log.log('cleanup policies ran', { context: context.name, ...result });
      } catch (error) {
        this.log.error('cleanup policies failed; next run retries', { context: context.name, error: (error as Error).message });
      }
    }
  }
}
