import { sqlIdentifier, z } from '@campaign/runtime';
import { adsMetricsConfigSchema } from './metrics/metrics.config';

/** The ads context's settings, merged into the app's config schema. */
export const adsConfigSchema = z
  .object({
    ADS_SCHEMA: sqlIdentifier.default('ads'),
    /** seed 003 Data Flow: "Redis Cache (Real-time)" — today's running totals and the last sync times. */
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    /** Namespaces the real-time keys, so deployments and test runs sharing a Redis never collide. */
    ADS_REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9:._-]*$/, 'letters, digits and : . _ - only')
      .default('ads:'),
  })
  // The metric facts' settings (retention, consumer group, tick): metrics/metrics.config.ts.
  .merge(adsMetricsConfigSchema);

export type AdsConfig = z.infer<typeof adsConfigSchema>;
