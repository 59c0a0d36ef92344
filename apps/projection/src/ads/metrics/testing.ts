import { randomUUID } from 'node:crypto';
import type { ads } from '@campaign/contracts';
import type { Pool } from 'pg';
import { adsDdl } from '../ads.schema';
import { migrateMetrics } from './metrics.schema';

/** The ads projection's tables and the metrics' (campaign_metrics, offsets, window) in `schema`, as the projection makes them. */
export const migrateAdsMetrics = async (pool: Pool, schema: string): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(adsDdl(schema));
    await migrateMetrics(client, schema);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
};

/** A metric fact of a Google campaign's bucket at `time` (ms), with sample figures unless given. */
export const metricFact = (campaignId: string, time: number, figures: Partial<ads.MetricFact> = {}, orgId: string = randomUUID()): ads.MetricFact => ({
  orgId,
  campaignId,
  accountId: null,
  platform: 'google',
  platformCampaignId: `pc-${campaignId}`,
  time: new Date(time).toISOString(),
  impressions: 1000,
  clicks: 50,
  spendCents: 12_345,
  conversions: 3,
  revenueCents: 40_000,
  currency: 'EUR',
  source: 'sync',
  sourceRef: 'sync-1',
  observedAt: new Date().toISOString(),
  ...figures,
});
