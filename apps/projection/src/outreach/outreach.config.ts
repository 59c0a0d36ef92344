import { sqlIdentifier, z } from '@campaign/runtime';

/** The outreach context's settings, merged into the app's config schema. */
export const outreachConfigSchema = z.object({
  OUTREACH_SCHEMA: sqlIdentifier.default('outreach'),
  /** seed 004: campaign_performance_summary is refreshed hourly ('0 * * * *')… */
  OUTREACH_SUMMARY_REFRESH_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  /** …and, here, also this soon after a batch changed campaigns, contacts or engagement. */
  OUTREACH_SUMMARY_DEBOUNCE_MS: z.coerce.number().int().min(10).max(3_600_000).default(1_000),
});

export type OutreachConfig = z.infer<typeof outreachConfigSchema>;
