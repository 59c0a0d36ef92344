import type { IngestParts } from '../ads-parts';
import { adsIngestSharedProviders } from '../shared/ads-ingest.providers';
import { AdsMetricsController } from './ads-metrics.controller';
import { AdsPushDelivery } from './ads-push.delivery';
import { MetricImportsDoor } from './metric-imports.door';
import { MetricPushService } from './metric-push.service';
import { pushBodyProvider } from './push-body.provider';

/**
 * The ads ingest's shared pieces (ads-ingest.ports.ts: database, campaign directory, facts
 * producer, command sender — the syncs and the alerting inject them by their tokens) and the
 * bulk push doors of metric rows: `POST /v1/ads/metrics` and `<prefix>ads.metric-imports`.
 */
export const adsPushParts: IngestParts = {
  controllers: [AdsMetricsController],
  providers: () => [...adsIngestSharedProviders(), pushBodyProvider, MetricPushService, MetricImportsDoor, AdsPushDelivery],
  redisStores: [],
  deliveries: [AdsPushDelivery],
};
