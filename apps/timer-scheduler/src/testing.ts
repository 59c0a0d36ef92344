/** Test harness for the timer-scheduler's integration tests; production code never imports this. */
import { createHttpApp, JsonLogger } from '@campaign/runtime';
import { TEST_JWT_SECRET, uniqueSuffix } from '@campaign/testing';
import type { INestApplication } from '@nestjs/common';
import { TimerSchedulerModule } from './app.module';
import { configSchema, type TimerSchedulerConfig } from './config';
import { CONTEXTS } from './contexts';
import { settingNames } from './shared/timer-context';

export interface SchedulerUnderTest {
  readonly config: TimerSchedulerConfig;
  readonly app: INestApplication;
  readonly url: string;
}

/** Each context's schema and group, unique to the run; not where `env` sets a setting's former name. */
const contextSettingsOf = (suffix: string, env: Record<string, string>) =>
  Object.fromEntries(
    CONTEXTS.flatMap((context) => {
      const names = settingNames(context);
      const fresh = { schema: `${context.name.replace(/-/g, '_')}_timers_${suffix}`, group: `${context.name}-scheduler-${suffix}` };
      return (['schema', 'group'] as const).filter((key) => !((context.formerSettings?.[key] ?? '') in env)).map((key) => [names[key], fresh[key]]);
    }),
  );

/**
 * The whole timer-scheduler in this process, on its own topics, schemas and groups; `env`
 * overrides or adds settings (an upgrade test sets the old names).
 */
export const startScheduler = async (suffix = uniqueSuffix(), env: Record<string, string> = {}): Promise<SchedulerUnderTest> => {
  const config = configSchema.parse({
    ...process.env,
    SERVICE_NAME: 'timer-scheduler',
    HTTP_PORT: '0',
    LOG_LEVEL: 'error',
    TOPIC_PREFIX: `ts_${suffix}.`,
    EVENTSTORE_SCHEMA: `es_${suffix}`,
    ...contextSettingsOf(suffix, env),
    INSTANCE_ID: `it-${suffix}`,
    TIMER_POLL_MS: '100',
    COMMAND_TIMEOUT_MS: '10000',
    CLEANUP_INTERVAL_MS: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    ...env,
  });
  const logger = new JsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);
  const app = await createHttpApp(TimerSchedulerModule.forRoot(config, logger), logger);
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  return { config, app, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
};
