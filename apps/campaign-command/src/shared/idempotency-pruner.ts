import { IDEMPOTENCY_WINDOW_MS, PostgresEventStore } from '@campaign/eventstore';
import { CONFIG, JsonLogger, LOGGER } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { CommandConfig } from '../config';

/**
 * Keeps processed_commands bounded: every IDEMPOTENCY_PRUNE_INTERVAL_MS it forgets the keys
 * older than the idempotency window (7 days), in small batches. Several instances pruning at
 * once only share the work.
 */
@Injectable()
export class IdempotencyPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: CommandConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    private readonly store: PostgresEventStore,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.IDEMPOTENCY_PRUNE_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => (this.running ??= this.prune().finally(() => (this.running = null))), this.config.IDEMPOTENCY_PRUNE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async prune(): Promise<void> {
    try {
      const removed = await this.store.pruneProcessedCommands(new Date(Date.now() - IDEMPOTENCY_WINDOW_MS));
      if (removed > 0) this.log.log('idempotency keys past their window forgotten', { removed });
    } catch (error) {
      this.log.warn('idempotency keys not pruned; will try again', { error: (error as Error).message });
    }
  }
}
