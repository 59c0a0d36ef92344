import type { EventEnvelope } from '@campaign/contracts';
import { inLongTransaction, inTransaction, migrateInTransaction, quoteIdent } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';
import type { Projection } from '../shared/projection-runner';
import type { LifecycleEnvelope } from './lifecycle.events';
import { lifecycleDdl, stateLogMonthsOf } from './lifecycle.schema';
import { LifecycleWriter } from './lifecycle.writer';

/** The lifecycle context's read models (seed 002) as one projection over one schema. */
export class LifecycleProjection implements Projection {
  readonly context = 'lifecycle';
  private readonly writer: LifecycleWriter;

  constructor(readonly schema: string) {
    this.writer = new LifecycleWriter(schema);
  }

  /** Creates the schema if missing; serialised across processes by an advisory lock. */
  async migrate(pool: Pool): Promise<void> {
    await migrateInTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${this.schema}`]);
      await client.query(lifecycleDdl(this.schema));
      const now = new Date();
      const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
      for (const at of [now, next]) await this.createPartition(client, at.toISOString());
    });
  }

  async prepare(pool: Pool, events: readonly EventEnvelope[]): Promise<void> {
    const months = stateLogMonthsOf(events as readonly LifecycleEnvelope[]);
    if (months.length === 0) return;
    // Checked every batch rather than cached: a rebuild may have swapped the schema meanwhile.
    const { rows } = await pool.query<{ month: string }>(
      `SELECT m AS month FROM unnest($1::text[]) AS m WHERE to_regclass(format('%I.%I', $2::text, $3 || replace(m, '-', 'm'))) IS NULL`,
      [months, this.schema, 'campaign_state_log_y'],
    );
    if (rows.length === 0) return;
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`partitions:${this.schema}`]);
      for (const { month } of rows) await this.createPartition(client, `${month}-01T00:00:00Z`);
    });
  }

  applyBatch(client: PoolClient, events: readonly EventEnvelope[]): Promise<boolean> {
    return this.writer.applyBatch(client, events as readonly LifecycleEnvelope[]);
  }

  /** seed 002: mv_active_campaigns and mv_pending_timers, refreshed by the projection instead of pg_cron. */
  async refreshViews(pool: Pool): Promise<void> {
    // Exempt from the pool's statement timeout: a refresh grows with the data.
    await inLongTransaction(pool, (client) => client.query(`REFRESH MATERIALIZED VIEW ${quoteIdent(this.schema)}.mv_active_campaigns`));
    await inLongTransaction(pool, (client) => client.query(`REFRESH MATERIALIZED VIEW ${quoteIdent(this.schema)}.mv_pending_timers`));
  }

  private async createPartition(client: PoolClient, at: string): Promise<void> {
    await client.query(`SELECT ${quoteIdent(this.schema)}.create_monthly_partition($1::timestamptz, $2)`, [at, this.schema]);
  }
}
