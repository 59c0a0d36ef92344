import { PostgresEventStore } from '@campaign/eventstore';
import { CONFIG, createPool, databaseConnectionOptions, JsonLogger, LOGGER } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ProjectionConfig } from './projection-config';
import { contextNamed, PROJECTION_CONTEXTS, type ProjectionContext } from './projection-context';
import { createProjection, personalDataOf } from './personal-data';
import { type RebuildReport, Rebuilder } from './rebuild';

@Injectable()
export class RebuildService implements OnApplicationShutdown {
  private running = false;
  private readonly rebuilder: Rebuilder;
  /**
   * A pool of its own: a rebuild's replay, index builds and swap take minutes, so it runs without
   * the statement and idle timeouts that guard the service's live work. Connects on first use.
   */
  private readonly pool: Pool;

  constructor(
    @Inject(CONFIG) private readonly config: ProjectionConfig,
    @Inject(PROJECTION_CONTEXTS) private readonly contexts: readonly ProjectionContext[],
    @Inject(LOGGER) log: JsonLogger,
  ) {
    this.pool = createPool(config.DATABASE_URL, 4, log, `${config.SERVICE_NAME}-rebuild`, databaseConnectionOptions(config, { longRunning: true }));
    this.rebuilder = new Rebuilder(this.pool, new PostgresEventStore(this.pool, config.EVENTSTORE_SCHEMA), log);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  get busy(): boolean {
    return this.running;
  }

  /** Whether this service projects a context of that name. */
  has(context: string): boolean {
    return contextNamed(this.contexts, context) !== undefined;
  }

  /** Rebuilds one context's read models from the event store; see Rebuilder. */
  async rebuild(context: string, options: { swap: boolean; target?: string }): Promise<RebuildReport> {
    const chosen = contextNamed(this.contexts, context);
    if (!chosen) throw new Error(`no read models for context ${JSON.stringify(context).slice(0, 80)}`);
    this.running = true;
    try {
      const personalData = personalDataOf(this.pool, this.config);
      return await this.rebuilder.rebuild((schema) => createProjection(chosen, schema, personalData), { liveSchema: chosen.schemaOf(this.config), ...options });
    } finally {
      this.running = false;
    }
  }
}
