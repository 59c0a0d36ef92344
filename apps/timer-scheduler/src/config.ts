import { baseConfigSchema, loadConfig, z } from '@campaign/runtime';

export const configSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default('timer-scheduler'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3003),
});

export type TimerSchedulerConfig = z.infer<typeof configSchema>;

export const readConfig = (): TimerSchedulerConfig => loadConfig(configSchema);
