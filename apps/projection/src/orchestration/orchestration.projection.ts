import type { EventEnvelope } from '@campaign/contracts';
import { migrateInTransaction } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';
import type { RebuildableProjection } from '../shared/rebuild';
import type { OrchestrationEnvelope } from './orchestration.events';
import { orchestrationApiRoleDdl, orchestrationRlsDdl } from './orchestration.rls';
import { orchestrationDdl } from './orchestration.schema';
import { OrchestrationWriter } from './orchestration.writer';

/** The orchestration context's read models (seed 000) as one projection over one schema (orchestration.writer.ts). */
export class OrchestrationProjection implements RebuildableProjection {
  readonly context = 'orchestration';
  private readonly writer: OrchestrationWriter;

  constructor(readonly schema: string) {
    this.writer = new OrchestrationWriter(schema);
  }

  /** Creates the schema if missing; serialised across processes by advisory locks. */
  async migrate(pool: Pool): Promise<void> {
    await migrateInTransaction(pool, async (client) => {
      // The API role is shared by every orchestration schema: one creator at a time.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['migrate:orchestration-api-role']);
      await client.query(orchestrationApiRoleDdl());
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${this.schema}`]);
      await client.query(orchestrationDdl(this.schema));
      await client.query(orchestrationRlsDdl(this.schema));
    });
  }

  /** Nothing to create outside the batch transaction: the tables are not partitioned. */
  prepare(): Promise<void> {
    return Promise.resolve();
  }

  async applyBatch(client: PoolClient, events: readonly EventEnvelope[]): Promise<boolean> {
    await this.writer.applyBatch(client, events as readonly OrchestrationEnvelope[]);
    // No materialized views: nothing goes stale.
    return false;
  }

  /** No materialized views to refresh. */
  refreshViews(): Promise<void> {
    return Promise.resolve();
  }
}
