import { baseConfigSchema, loadConfig, z } from '@campaign/runtime';

export const configSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default('analytics-ingest'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3004),
});

export type AnalyticsIngestConfig = z.infer<typeof configSchema>;

export const readConfig = (): AnalyticsIngestConfig => loadConfig(configSchema);
