import type { IngestContext } from '../shared/ingest-context';
import { adsAlertingParts } from './alerting/ads-alerting.parts';
import { adsPushParts } from './push/ads-push.parts';
import { adsSyncParts } from './sync/ads-sync.parts';

const PARTS = [adsSyncParts, adsPushParts, adsAlertingParts];

/**
 * seed 003: the ads context's facts from outside — platform syncs through the connectors, bulk
 * pushes of metric rows — and the alerts and recommendations evaluated on them.
 */
export const adsContext: IngestContext = {
  name: 'ads',
  controllers: PARTS.flatMap((part) => part.controllers),
  providers: (config, logger) => PARTS.flatMap((part) => part.providers(config, logger)),
  topics: ['ads'],
  redisStores: PARTS.flatMap((part) => part.redisStores),
  deliveries: PARTS.flatMap((part) => part.deliveries),
};
