import { hostname } from 'node:os';
import { baseConfigSchema, loadConfig, type RenamedSetting, sqlIdentifier, withRenamedSettings, z } from '@campaign/runtime';
import { CONTEXTS } from './contexts';
import { settingNames, type TimerContext } from './shared/timer-context';

const ms = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const settingsSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default('timer-scheduler'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  /** Names this process's leases and its results consumer; unique per process. */
  INSTANCE_ID: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,100}$/)
    .default(`${hostname()}-${process.pid}`),
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

/**
 * Each context's own tables (active timers, history, policy state) in `<CONTEXT>_TIMER_SCHEMA`,
 * apart from the others' so each hot table stays lean, and the consumer group that plans its
 * timers, `<CONTEXT>_TIMER_GROUP`. The defaults are the names the first layout used, so an
 * upgrade keeps its tables and its committed offsets.
 */
type ContextSettings = { readonly [name: `${string}_TIMER_SCHEMA` | `${string}_TIMER_GROUP`]: string };

const contextSettingsShape = (contexts: readonly TimerContext[]): z.ZodRawShape =>
  Object.fromEntries(
    contexts.flatMap((context) => {
      const names = settingNames(context);
      return [
        [names.schema, sqlIdentifier.default(context.defaults.schema)],
        [names.group, z.string().min(1).default(context.defaults.group)],
        ...Object.entries(context.settings ?? {}),
      ];
    }),
  );

/** The names the settings had before they were uniform (TIMER_SCHEMA, SCHEDULER_GROUP, …). */
const formerNames = (contexts: readonly TimerContext[]): RenamedSetting[] =>
  contexts.flatMap((context) => {
    const names = settingNames(context);
    const former = context.formerSettings ?? {};
    return (['schema', 'group'] as const).flatMap((key) => (former[key] ? [{ from: former[key] as string, to: names[key] }] : []));
  });

export type TimerSchedulerConfig = z.infer<typeof settingsSchema> & ContextSettings;

export const configSchema = withRenamedSettings(
  settingsSchema.extend(contextSettingsShape(CONTEXTS)),
  formerNames(CONTEXTS),
) as unknown as z.ZodType<TimerSchedulerConfig>;

export const readConfig = (): TimerSchedulerConfig => loadConfig(configSchema);
