import { PostgresEventStore } from '@campaign/eventstore';
import { CONFIG, JsonLogger, LOGGER, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ProjectionConfig } from './config';
import { LifecycleProjection } from './lifecycle/lifecycle.projection';
import { OutreachProjection } from './outreach/outreach.projection';
import { type RebuildableProjection, type RebuildReport, Rebuilder } from './shared/rebuild';

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
