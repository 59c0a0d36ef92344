import { sqlIdentifier, z } from '@campaign/runtime';

/** The commerce context's settings, merged into the app's config schema. */
export const commerceConfigSchema = z.object({
  COMMERCE_SCHEMA: sqlIdentifier.default('commerce'),
});

export type CommerceConfig = z.infer<typeof commerceConfigSchema>;
