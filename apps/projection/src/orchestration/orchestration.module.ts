import { projectionContext } from '../shared/projection-context';
import { OrchestrationQueryController } from './orchestration-query.controller';
import { OrchestrationQueryService } from './orchestration-query.service';
import { orchestrationConfigSchema } from './orchestration.config';
import { OrchestrationProjection } from './orchestration.projection';

/** The refresher's debounce; the context has no materialized views, so nothing is ever stale. */
const VIEW_REFRESH_DEBOUNCE_MS = 1_000;

/** seed 000: the orchestration context's read models, their settings and their tenant-scoped query API. */
export const orchestrationContext = projectionContext({
  name: 'orchestration',
  configSchema: orchestrationConfigSchema,
  schemaOf: (config) => config.ORCHESTRATION_SCHEMA,
  create: (schema) => new OrchestrationProjection(schema),
  viewRefresh: () => ({ debounceMs: VIEW_REFRESH_DEBOUNCE_MS }),
  controllers: [OrchestrationQueryController],
  providers: [OrchestrationQueryService],
});
