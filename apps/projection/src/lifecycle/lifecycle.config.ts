import { sqlIdentifier, z } from '@campaign/runtime';

/** The lifecycle context's settings, merged into the app's config schema. */
export const lifecycleConfigSchema = z.object({
  LIFECYCLE_SCHEMA: sqlIdentifier.default('lifecycle'),
  /** How stale mv_active_campaigns and mv_pending_timers may get after a status or timer change. */
  LIFECYCLE_VIEW_REFRESH_MS: z.coerce.number().int().min(10).max(300_000).default(500),
});

export type LifecycleConfig = z.infer<typeof lifecycleConfigSchema>;
