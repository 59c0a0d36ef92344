import { projectionContext } from '../shared/projection-context';
import { commerceConfigSchema } from './commerce.config';
import { CommerceProjection } from './commerce.projection';
import { CommerceQueryController } from './commerce-query.controller';
import { CommerceQueryService } from './commerce-query.service';

/** How soon after a batch changed their tables the materialized views are refreshed (at most once per interval). */
const VIEW_REFRESH_DEBOUNCE_MS = 5_000;

/** seed 001: the commerce context's read models, their materialized views, their settings and the shop's query API. */
export const commerceContext = projectionContext({
  name: 'commerce',
  configSchema: commerceConfigSchema,
  schemaOf: (config) => config.COMMERCE_SCHEMA,
  create: (schema) => new CommerceProjection(schema),
  viewRefresh: () => ({ debounceMs: VIEW_REFRESH_DEBOUNCE_MS }),
  controllers: [CommerceQueryController],
  providers: [CommerceQueryService],
});
