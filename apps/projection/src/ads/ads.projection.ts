import type { EventEnvelope } from '@campaign/contracts';
import { migrateInTransaction } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';
import type { RebuildableProjection } from '../shared/rebuild';
import type { AdsEnvelope } from './ads.events';
import { adsApiRoleDdl, adsRlsDdl } from './ads.rls';
import { adsDdl } from './ads.schema';
import { AdsWriter } from './ads.writer';
import { migrateMetrics } from './metrics/ads-metrics.parts';
import { AccountSyncs } from './realtime/account-syncs';

/**
 * The ads context's read models (seed 003) as one projection over one schema: the tables the
 * context's events keep (ads.writer.ts) and, created beside them, campaign_metrics (./metrics,
 * fed by the metric facts topic, not by events).
 */
export class AdsProjection implements RebuildableProjection {
  readonly context = 'ads';
  private readonly writer: AdsWriter;

  /** `syncs`: where the last sync times a batch records are reported (the real-time figures). */
  constructor(
    readonly schema: string,
    private readonly syncs: AccountSyncs = new AccountSyncs(),
  ) {
    this.writer = new AdsWriter(schema);
  }

  /** Creates the schema if missing; serialised across processes by advisory locks. */
  async migrate(pool: Pool): Promise<void> {
    await migrateInTransaction(pool, async (client) => {
      // The API role is shared by every ads schema: one creator at a time.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['migrate:ads-api-role']);
      await client.query(adsApiRoleDdl());
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${this.schema}`]);
      await client.query(adsDdl(this.schema));
      await migrateMetrics(client, this.schema);
      // After every table exists, campaign_metrics included: the API role reads them all.
      await client.query(adsRlsDdl(this.schema));
    });
  }

  /** Nothing to create outside the batch transaction: ./metrics prepares campaign_metrics' partitions itself. */
  prepare(): Promise<void> {
    return Promise.resolve();
  }

  async applyBatch(client: PoolClient, events: readonly EventEnvelope[]): Promise<boolean> {
    const changes = await this.writer.applyBatch(client, events as readonly AdsEnvelope[]);
    // Reported before the commit: a batch rolled back is redelivered and reports the same times again.
    await this.syncs.recordSyncs(changes.synced.map((row) => ({ orgId: row.org_id, accountId: row.id, syncedAt: row.last_synced_at as string })));
    // No materialized views: nothing goes stale.
    return false;
  }

  /** No materialized views to refresh. */
  refreshViews(): Promise<void> {
    return Promise.resolve();
  }
}
