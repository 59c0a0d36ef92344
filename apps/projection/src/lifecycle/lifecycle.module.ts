import { projectionContext } from '../shared/projection-context';
import { LifecycleAdminController } from './lifecycle-admin.controller';
import { LifecycleQueryController } from './lifecycle-query.controller';
import { lifecycleConfigSchema } from './lifecycle.config';
import { LifecycleProjection } from './lifecycle.projection';

// seed 002 schedules the mv_pending_timers refresh every minute ('* * * * *'): it reads NOW().
const PENDING_TIMERS_REFRESH_MS = 60_000;

/** The lifecycle context's read models (seed 002), their settings and their query API. */
export const lifecycleContext = projectionContext({
  name: 'lifecycle',
  configSchema: lifecycleConfigSchema,
  // Named before settings took their context's prefix.
  renamedSettings: [{ from: 'VIEW_REFRESH_MS', to: 'LIFECYCLE_VIEW_REFRESH_MS' }],
  schemaOf: (config) => config.LIFECYCLE_SCHEMA,
  create: (schema) => new LifecycleProjection(schema),
  viewRefresh: (config) => ({ debounceMs: config.LIFECYCLE_VIEW_REFRESH_MS, everyMs: PENDING_TIMERS_REFRESH_MS }),
  controllers: [LifecycleQueryController, LifecycleAdminController],
  providers: [],
});
