/**
 * The four apps as processes for the ingest benchmark, on schemas, topics, consumer groups and
 * Redis keys of their own (one suffix per run), sharing the bench's secrets.
 */
import { createServer } from 'node:net';
import { type RunningApp, startApp } from '@campaign/testing';
import { BENCH_SECRETS } from '../app-env';

export interface Apps {
  readonly command: RunningApp;
  readonly projection: RunningApp;
  readonly ingest: RunningApp;
  readonly timers: RunningApp;
  readonly env: Readonly<Record<string, string>>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** Sending windows raised for the run (seed 004's resolution: "Wait 24 hours or increase limit"). */
const SEND_LIMITS_OVERRIDE = JSON.stringify({ email: { minIntervalMs: 0, windows: { email_per_hour: 10_000_000, email_per_day: 10_000_000 } } });

export const startApps = async (suffix: string): Promise<Apps> => {
  const ingestPort = await freePort();
  const env = {
    ...BENCH_SECRETS,
    EVENTSTORE_SCHEMA: `bench_ies_${suffix}`,
    LIFECYCLE_SCHEMA: `bench_ilc_${suffix}`,
    OUTREACH_SCHEMA: `bench_iout_${suffix}`,
    OUTREACH_READ_SCHEMA: `bench_iout_${suffix}`,
    DISPATCH_SCHEMA: `bench_idis_${suffix}`,
    LIFECYCLE_TIMER_SCHEMA: `bench_itim_${suffix}`,
    OUTREACH_TIMER_SCHEMA: `bench_iotim_${suffix}`,
    TOPIC_PREFIX: `bench-${suffix}.`,
    COMMAND_CONSUMER_GROUP: `bench-cc-${suffix}`,
    DISPATCH_GROUP: `bench-dis-${suffix}`,
    PROJECTION_GROUP: `bench-pj-${suffix}`,
    LIFECYCLE_TIMER_GROUP: `bench-ts-${suffix}`,
    OUTREACH_TIMER_GROUP: `bench-ots-${suffix}`,
    REDIS_KEY_PREFIX: `bench-${suffix}:`,
    // Every bench hit comes from 127.0.0.1: the public links' rate limits would measure themselves.
    TRACK_RATE_LIMIT_PER_IP: '0',
    TRACK_RATE_LIMIT_PER_TOKEN: '0',
    SEND_LIMITS_OVERRIDE,
    DISPATCH_INTERVAL_MS: '100',
    DISPATCH_BATCH: '5000',
    TRACKING_BASE_URL: `http://127.0.0.1:${ingestPort}`,
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: '20',
  };
  const started: RunningApp[] = [];
  const start = async (name: RunningApp['name'], port: number) => {
    const app = await startApp(name, port, env);
    started.push(app);
    return app;
  };
  try {
    const command = await start('campaign-command', await freePort());
    const projection = await start('projection', await freePort());
    const timers = await start('timer-scheduler', await freePort());
    const ingest = await start('analytics-ingest', ingestPort);
    return { command, projection, ingest, timers, env };
  } catch (error) {
    for (const app of started) await app.stop();
    throw error;
  }
};

export const stopApps = async (apps: Apps): Promise<void> => {
  for (const app of [apps.ingest, apps.timers, apps.command, apps.projection]) await app.stop();
};

/** Every schema the run's apps created. */
export const schemasOf = (env: Readonly<Record<string, string>>): string[] =>
  Object.entries(env)
    .filter(([name]) => name.endsWith('_SCHEMA'))
    .map(([, schema]) => schema);
