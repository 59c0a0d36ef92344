import { CONTEXT_CONTRACTS } from '@campaign/contracts';
import { allScopes } from '@campaign/runtime';
import { type AppName, freePort, type RunningApp, serviceToken, startApp, uniqueSuffix } from '@campaign/testing';

/** The secrets every app of a test platform shares (tokens are signed by the tests with them). */
export const E2E_SECRETS = {
  jwt: 'e2e-jwt-secret-0123456789abcdef0123456789',
  tracking: 'e2e-tracking-secret-0123456789abcdef012345',
  webhook: 'e2e-webhook-secret-0123456789abcdef0123456',
} as const;

/**
 * One isolated platform: its own event-store and read-model schemas, topic prefix and consumer
 * groups on the shared Kafka and Postgres, and the apps started from their build output.
 */
/** The ads context's schemas, groups and Redis keys of one platform (every app's ads part). */
export const adsEnv = (suffix: string): Record<string, string> => ({
  ADS_SCHEMA: `ads_${suffix}`,
  ADS_INGEST_SCHEMA: `ads_ingest_${suffix}`,
  ADS_TIMER_SCHEMA: `adstimers_${suffix}`,
  ADS_TIMER_GROUP: `ads-scheduler-${suffix}`,
  ADS_METRICS_GROUP: `projection-ads-metrics-${suffix}`,
  ADS_SYNC_GROUP: `ads-sync-${suffix}`,
  ADS_DIRECTORY_GROUP: `ads-directory-${suffix}`,
  ADS_IMPORTS_GROUP: `ads-imports-${suffix}`,
  ADS_ALERTING_FACTS_GROUP: `ads-alerting-${suffix}`,
  ADS_ALERTING_EVENTS_GROUP: `ads-insights-${suffix}`,
  ADS_REDIS_KEY_PREFIX: `e2e-${suffix}:ads:`,
});

/** The orchestration context's schemas and groups of one platform (its apps' parts and the reference agent). */
export const orchestrationEnv = (suffix: string): Record<string, string> => ({
  ORCHESTRATION_SCHEMA: `orchestration_${suffix}`,
  ORCHESTRATION_TIMER_SCHEMA: `orchtimers_${suffix}`,
  ORCHESTRATION_TIMER_GROUP: `orchestration-scheduler-${suffix}`,
  AGENT_GROUP: `reference-agent-${suffix}`,
});

export class Platform {
  readonly suffix = uniqueSuffix();
  readonly env: Record<string, string>;
  readonly apps = new Map<AppName, RunningApp>();
  private readonly ports = new Map<AppName, number>();
  private readonly instances = new Map<string, RunningApp>();

  constructor() {
    this.env = {
      EVENTSTORE_SCHEMA: `es_${this.suffix}`,
      PERSONAL_DATA_SCHEMA: `privacy_${this.suffix}`,
      LIFECYCLE_SCHEMA: `lifecycle_${this.suffix}`,
      TOPIC_PREFIX: `e2e-${this.suffix}.`,
      COMMAND_CONSUMER_GROUP: `campaign-command-${this.suffix}`,
      PROJECTION_GROUP: `projection-${this.suffix}`,
      LIFECYCLE_TIMER_SCHEMA: `timers_${this.suffix}`,
      LIFECYCLE_TIMER_GROUP: `timer-scheduler-${this.suffix}`,
      OUTREACH_SCHEMA: `outreach_${this.suffix}`,
      DISPATCH_SCHEMA: `dispatch_${this.suffix}`,
      DISPATCH_GROUP: `dispatch-${this.suffix}`,
      OUTREACH_TIMER_SCHEMA: `otimers_${this.suffix}`,
      OUTREACH_TIMER_GROUP: `outreach-scheduler-${this.suffix}`,
      ...adsEnv(this.suffix),
      ...orchestrationEnv(this.suffix),
      COMMERCE_SCHEMA: `commerce_${this.suffix}`,
      REDIS_KEY_PREFIX: `e2e-${this.suffix}:`,
      JWT_SECRET: E2E_SECRETS.jwt,
      TRACKING_SECRET: E2E_SECRETS.tracking,
      WEBHOOK_SECRET: E2E_SECRETS.webhook,
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      REDIS_URL: process.env.REDIS_URL ?? '',
    };
  }

  get lifecycleSchema(): string {
    return this.env.LIFECYCLE_SCHEMA;
  }

  topic(name: 'events' | 'commands' | 'command-results' | 'dead-letter'): string {
    return `${this.env.TOPIC_PREFIX}lifecycle.${name}`;
  }

  async start(name: AppName): Promise<RunningApp> {
    const port = this.ports.get(name) ?? (await freePort());
    this.ports.set(name, port);
    const app = await startApp(name, port, this.env);
    this.apps.set(name, app);
    return app;
  }

  /** A further instance of an app (e.g. a second timer-scheduler), tracked under `key`. */
  async startInstance(name: AppName, key: string, env: Record<string, string> = {}): Promise<RunningApp> {
    const app = await startApp(name, await freePort(), { ...this.env, ...env });
    this.instances.set(key, app);
    return app;
  }

  async killInstance(key: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.instances.get(key)?.stop(signal);
    this.instances.delete(key);
  }

  url(name: AppName): string {
    const app = this.apps.get(name);
    if (!app) throw new Error(`${name} is not running`);
    return app.url;
  }

  async kill(name: AppName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.apps.get(name)?.stop(signal);
    this.apps.delete(name);
  }

  /** Stops every app, all of them even when one fails to stop, then reports the failures. */
  async stopAll(): Promise<void> {
    const stopped = await Promise.allSettled([
      ...[...this.apps.keys()].map((name) => this.kill(name, 'SIGTERM')),
      ...[...this.instances.keys()].map((key) => this.killInstance(key, 'SIGTERM')),
    ]);
    const failures = stopped.flatMap((s) => (s.status === 'rejected' ? [(s.reason as Error).message] : []));
    if (failures.length > 0) throw new Error(failures.join('\n'));
  }

  logsOf(name: AppName): string {
    return this.apps.get(name)?.logs.join('') ?? '';
  }
}

/** An operator's and internal services' token: every scope of the platform, no org. */
export const OPERATOR_HEADERS = {
  authorization: `Bearer ${serviceToken(allScopes(CONTEXT_CONTRACTS.map((c) => c.context)), 'e2e-operator', E2E_SECRETS.jwt)}`,
};

/** POSTs as the operator unless `headers` names another authorization. */
export const postJson = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...OPERATOR_HEADERS, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

export const getJson = async (url: string, headers: Record<string, string> = OPERATOR_HEADERS) => {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
