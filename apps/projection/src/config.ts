import { baseConfigSchema, loadConfig, sqlIdentifier, z } from '@campaign/runtime';

export const projectionConfigSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default('projection'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  PROJECTION_GROUP: z.string().min(1).default('projection'),
  /**
   * Partitions handed over at once; one partition's events always stay in order. Batches handed
   * over together are applied in one transaction, so the default covers every partition of an
   * events topic (PARTITIONS.events): one fetch, one transaction.
   */
  PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(6),
  LIFECYCLE_SCHEMA: sqlIdentifier.default('lifecycle'),
  /** How stale mv_active_campaigns and mv_pending_timers may get after a status or timer change. */
  VIEW_REFRESH_MS: z.coerce.number().int().min(10).max(300_000).default(500),
  OUTREACH_SCHEMA: sqlIdentifier.default('outreach'),
  /** seed 004: campaign_performance_summary is refreshed hourly ('0 * * * *')… */
  OUTREACH_SUMMARY_REFRESH_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  /** …and, here, also this soon after a batch changed campaigns, contacts or engagement. */
  OUTREACH_SUMMARY_DEBOUNCE_MS: z.coerce.number().int().min(10).max(3_600_000).default(1_000),
});

export type ProjectionConfig = z.infer<typeof projectionConfigSchema>;

export const readProjectionConfig = (): ProjectionConfig => loadConfig(projectionConfigSchema);
