import type { EventEnvelope } from '@campaign/contracts';
import { inLongTransaction, migrateInTransaction, quoteIdent } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';
import type { Projection } from '../shared/projection-runner';
import type { OutreachEnvelope } from './outreach.events';
import { authDdl } from './outreach.rls';
import { outreachDdl } from './outreach.schema';
import { OutreachWriter } from './outreach.writer';

/** The outreach context's read models (seed 004) as one projection over one schema. */
export class OutreachProjection implements Projection {
  readonly context = 'outreach';
  private readonly writer: OutreachWriter;

  constructor(readonly schema: string) {
    this.writer = new OutreachWriter(schema);
  }

  /** Creates the schema if missing; serialised across processes by advisory locks. */
  async migrate(pool: Pool): Promise<void> {
    await migrateInTransaction(pool, async (client) => {
      // The role and the auth schema are shared by every outreach schema: one creator at a time.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['migrate:outreach-auth']);
      await client.query(authDdl());
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${this.schema}`]);
      await client.query(outreachDdl(this.schema));
    });
  }

  async prepare(): Promise<void> {
    // Nothing to create ahead of a batch: outreach tables are not partitioned.
  }

  applyBatch(client: PoolClient, events: readonly EventEnvelope[]): Promise<boolean> {
    return this.writer.applyBatch(client, events as readonly OutreachEnvelope[]);
  }

  settle(committed: boolean): void {
    this.writer.settle(committed);
  }

  /** seed 004: campaign_performance_summary ("refresh hourly"), refreshed by the projection instead of pg_cron. */
  async refreshViews(pool: Pool): Promise<void> {
    // Exempt from the pool's statement timeout: a refresh grows with the data.
    await inLongTransaction(pool, (client) => client.query(`REFRESH MATERIALIZED VIEW CONCURRENTLY ${quoteIdent(this.schema)}.campaign_performance_summary`));
  }
}
