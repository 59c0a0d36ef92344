import { sqlIdentifier, z } from '@campaign/runtime';

/** The orchestration context's settings, merged into the app's config schema. */
export const orchestrationConfigSchema = z.object({
  ORCHESTRATION_SCHEMA: sqlIdentifier.default('orchestration'),
});

export type OrchestrationConfig = z.infer<typeof orchestrationConfigSchema>;
