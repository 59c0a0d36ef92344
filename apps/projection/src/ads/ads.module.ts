import { projectionContext } from '../shared/projection-context';
import { AdsQueryController } from './ads-query.controller';
import { AdsQueryService } from './ads-query.service';
import { adsConfigSchema } from './ads.config';
import { AdsProjection } from './ads.projection';
import { adsMetricsParts } from './metrics/ads-metrics.parts';
import { AccountSyncs } from './realtime/account-syncs';
import { realtimeProviders } from './realtime/realtime.providers';

/** The refresher's debounce; the context has no materialized views, so nothing is ever stale. */
const VIEW_REFRESH_DEBOUNCE_MS = 1_000;

/** Where the live projection reports the syncs it records; RealtimeFigures attaches to it. */
const accountSyncs = new AccountSyncs();

/** seed 003: the ads context's read models, its metric facts, its real-time figures and its query API. */
export const adsContext = projectionContext({
  name: 'ads',
  configSchema: adsConfigSchema,
  schemaOf: (config) => config.ADS_SCHEMA,
  create: (schema) => new AdsProjection(schema, accountSyncs),
  viewRefresh: () => ({ debounceMs: VIEW_REFRESH_DEBOUNCE_MS }),
  controllers: [AdsQueryController, ...adsMetricsParts.controllers],
  providers: [AdsQueryService, ...realtimeProviders(accountSyncs), ...adsMetricsParts.providers],
});
