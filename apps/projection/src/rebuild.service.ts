import { PostgresEventStore } from '@campaign/eventstore';
import { CONFIG, JsonLogger, LOGGER, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ProjectionConfig } from './config';
import { LifecycleProjection } from './lifecycle/lifecycle.projection';
import { type RebuildReport, Rebuilder } from './shared/rebuild';

@Injectable()
export class RebuildService {
  private running = false;
  private readonly rebuilder: Rebuilder;

  constructor(
    @Inject(CONFIG) private readonly config: ProjectionConfig,
    @Inject(PG_POOL) pool: Pool,
    @Inject(LOGGER) log: JsonLogger,
  ) {
    this.rebuilder = new Rebuilder(pool, new PostgresEventStore(pool, config.EVENTSTORE_SCHEMA), log);
  }

  get busy(): boolean {
    return this.running;
  }

  async rebuildLifecycle(options: { swap: boolean; target?: string }): Promise<RebuildReport> {
    this.running = true;
    try {
      return await this.rebuilder.rebuild((schema) => new LifecycleProjection(schema), {
        liveSchema: this.config.LIFECYCLE_SCHEMA,
        ...options,
      });
    } finally {
      this.running = false;
    }
  }
}
