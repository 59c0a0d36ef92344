import { hostname } from 'node:os';
import { baseConfigSchema, loadConfig, sqlIdentifier, z } from '@campaign/runtime';

const ms = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const configSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default('timer-scheduler'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  /** The scheduler's own tables (active timers, history, policy state). */
  TIMER_SCHEMA: sqlIdentifier.default('scheduler'),
  /** The projection's schema, where the seed's cleanup policies run. */
  LIFECYCLE_SCHEMA: sqlIdentifier.default('lifecycle'),
  SCHEDULER_GROUP: z.string().min(1).default('timer-scheduler'),
  /** The outreach timers' own schema, apart from the lifecycle's so each hot table stays lean. */
  OUTREACH_TIMER_SCHEMA: sqlIdentifier.default('scheduler_outreach'),
  /** The consumer group that plans outreach timers from the outreach events. */
  OUTREACH_SCHEDULER_GROUP: z.string().min(1).default('timer-scheduler-outreach'),
  /** Names this process's leases and its results consumer; unique per process. */
  INSTANCE_ID: z.string().regex(/^[a-zA-Z0-9._-]{1,100}$/).default(`${hostname()}-${process.pid}`),
  /** Timers due this far ahead are held in memory and fired on the dot. */
  TIMER_LOOKAHEAD_MS: ms(100, 60_000, 2_000),
  /** How long past its due time a claimed timer stays this instance's if it goes silent. */
  TIMER_LEASE_MS: ms(5_000, 3_600_000, 60_000),
  TIMER_POLL_MS: ms(10, 60_000, 500),
  TIMER_CONCURRENCY: ms(1, 10_000, 500),
  /** Timers one instance holds in memory or fires at once; the rest stay for other instances. */
  TIMER_MAX_HELD: ms(1, 100_000, 5_000),
  /** How long a fired command may take to answer before the attempt counts as failed. */
  COMMAND_TIMEOUT_MS: ms(100, 600_000, 15_000),
  /** How often the seed's cleanup policies run (0: never). */
  CLEANUP_INTERVAL_MS: ms(0, 30 * 24 * 3_600_000, 24 * 3_600_000),
});

export type TimerSchedulerConfig = z.infer<typeof configSchema>;

export const readConfig = (): TimerSchedulerConfig => loadConfig(configSchema);
