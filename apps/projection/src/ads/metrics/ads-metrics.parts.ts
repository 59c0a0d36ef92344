import type { Provider, Type } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { AdsMetricsController } from './ads-metrics.controller';
import { MetricFactsConsumer } from './metric-facts.consumer';
import { migrateMetrics as createMetrics } from './metrics.schema';

/** The metric facts' part of the ads read models: campaign_metrics, its consumer and its query routes. */
export const adsMetricsParts: { readonly controllers: readonly Type[]; readonly providers: readonly Provider[] } = {
  controllers: [AdsMetricsController],
  providers: [MetricFactsConsumer],
};

/**
 * Creates campaign_metrics and what serves it, after the ads tables it references exist. In a
 * rebuild's shadow schema it starts empty with no offsets: once swapped in, the facts consumer
 * finds its offsets gone and reads the topic again from offset 0 (metric-facts.projection.ts).
 */
export const migrateMetrics = async (client: PoolClient, schema: string): Promise<void> => {
  await createMetrics(client, schema);
};
