import { PostgresEventStore } from '@campaign/eventstore';
import { CONFIG, createPool, databaseConnectionOptions, JsonLogger, LOGGER } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ProjectionConfig } from './config';
import { LifecycleProjection } from './lifecycle/lifecycle.projection';
import { OutreachProjection } from './outreach/outreach.projection';
import { type RebuildableProjection, type RebuildReport, Rebuilder } from './shared/rebuild';

@Injectable()
export class RebuildService implements OnApplicationShutdown {
  private running = false;
  private readonly rebuilder: Rebuilder;
  /**
   * A pool of its own: a rebuild's replay, index builds and swap take minutes, so it runs without
   * the statement and idle timeouts that guard the service's live work. Connects on first use.
   */
  private readonly pool: Pool;

  constructor(@Inject(CONFIG) private readonly config: ProjectionConfig, @Inject(LOGGER) log: JsonLogger) {
    this.pool = createPool(config.DATABASE_URL, 4, log, `${config.SERVICE_NAME}-rebuild`, databaseConnectionOptions(config, { longRunning: true }));
    this.rebuilder = new Rebuilder(this.pool, new PostgresEventStore(this.pool, config.EVENTSTORE_SCHEMA), log);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  get busy(): boolean {
    return this.running;
  }

  rebuildLifecycle(options: { swap: boolean; target?: string }): Promise<RebuildReport> {
    return this.rebuild((schema) => new LifecycleProjection(schema), this.config.LIFECYCLE_SCHEMA, options);
  }

  rebuildOutreach(options: { swap: boolean; target?: string }): Promise<RebuildReport> {
    return this.rebuild((schema) => new OutreachProjection(schema), this.config.OUTREACH_SCHEMA, options);
  }

  private async rebuild(create: (schema: string) => RebuildableProjection, liveSchema: string, options: { swap: boolean; target?: string }): Promise<RebuildReport> {
    this.running = true;
    try {
      return await this.rebuilder.rebuild(create, { liveSchema, ...options });
    } finally {
      this.running = false;
    }
  }
}
