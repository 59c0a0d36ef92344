import { z } from '@campaign/runtime';

/**
 * How long campaign_metrics keeps a bucket: `none` (keep all) or `<n> days`. At least 8 days:
 * the "last 7 days" window (metrics.window.ts) subtracts the buckets that leave it, so they
 * must still be there when they do.
 */
const retention = z
  .string()
  .trim()
  .regex(/^(none|\d+ days?)$/, "'none' or '<n> days'")
  .refine((value) => value === 'none' || parseInt(value, 10) >= 8, 'at least 8 days (the 7-day window must outlive its buckets)')
  .transform((value) => (value === 'none' ? null : `${parseInt(value, 10)} days`));

/** The metric facts' settings, merged into the ads context's. */
export const adsMetricsConfigSchema = z.object({
  ADS_METRICS_RETENTION: retention.default('none'),
  /** The facts consumer's group (default `<PROJECTION_GROUP>-ads-metrics`); its offsets live in PostgreSQL, the group only spreads partitions. */
  ADS_METRICS_GROUP: z.string().min(1).optional(),
  /** How often the window slides and partman's maintenance runs (ms). */
  ADS_METRICS_TICK_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
});

export type AdsMetricsConfig = z.infer<typeof adsMetricsConfigSchema>;
