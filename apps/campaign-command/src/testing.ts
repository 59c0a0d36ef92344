import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@campaign/eventstore';
import { createHttpApp, JsonLogger, signJwt } from '@campaign/runtime';
import { TEST_JWT_SECRET, testPool, uniqueSuffix } from '@campaign/testing';
import type { INestApplication } from '@nestjs/common';
import type { Pool } from 'pg';
import { CommandModule } from './app.module';
import { type CommandConfig, commandConfigSchema } from './config';

/** campaign-command started in this process against the real services, with its own topics and schema. */
export interface CommandApp {
  readonly url: string;
  readonly config: CommandConfig;
  readonly pool: Pool;
  readonly store: PostgresEventStore;
  stop(): Promise<void>;
}

export { TEST_JWT_SECRET };

export const startCommandApp = async (overrides: Record<string, string> = {}): Promise<CommandApp> => {
  const suffix = uniqueSuffix();
  const config = commandConfigSchema.parse({
    ...process.env,
    SERVICE_NAME: 'campaign-command',
    HTTP_PORT: '0',
    LOG_LEVEL: 'error',
    TOPIC_PREFIX: `t${suffix}.`,
    EVENTSTORE_SCHEMA: `es_${suffix}`,
    COMMAND_CONSUMER_GROUP: `campaign-command-${suffix}`,
    JWT_SECRET: TEST_JWT_SECRET,
    TRACKING_SECRET: 'test-tracking-secret-at-least-32-characters',
    DISPATCH_SCHEMA: `dispatch_${suffix}`,
    DISPATCH_GROUP: `dispatch-${suffix}`,
    REDIS_KEY_PREFIX: `t${suffix}:`,
    ...overrides,
  });
  const logger = new JsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);
  const app: INestApplication = await createHttpApp(CommandModule.forRoot(config, logger), logger);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const pool = testPool(5);
  return {
    url,
    config,
    pool,
    store: new PostgresEventStore(pool, config.EVENTSTORE_SCHEMA),
    stop: async () => {
      await app.close();
      await pool.query(`DROP SCHEMA IF EXISTS ${config.EVENTSTORE_SCHEMA} CASCADE`);
      await pool.query(`DROP SCHEMA IF EXISTS ${String(config.DISPATCH_SCHEMA)} CASCADE`);
      await pool.end();
    },
  };
};

export interface Actor {
  readonly sub: string;
  readonly orgId: string;
  readonly role: string;
  readonly token: string;
}

export const actor = (role = 'admin', orgId: string = randomUUID(), sub: string = randomUUID()): Actor => ({
  sub,
  orgId,
  role,
  token: signJwt({ sub, org_id: orgId, role, exp: Math.floor(Date.now() / 1000) + 3_600 }, TEST_JWT_SECRET),
});

/** Three people of one org, one of each role: viewers read, editors and admins write. */
export interface Org {
  readonly orgId: string;
  readonly viewer: Actor;
  readonly editor: Actor;
  readonly admin: Actor;
}

export const newOrg = (): Org => {
  const orgId = randomUUID();
  return { orgId, viewer: actor('viewer', orgId), editor: actor('editor', orgId), admin: actor('admin', orgId) };
};

/** The fields the tests read from an answer (outcomes, rejections, created ids). */
export interface AnswerBody {
  readonly status?: string;
  readonly code?: string;
  readonly message?: string;
  readonly duplicate?: boolean;
  readonly streamVersion?: number;
  readonly campaignId?: string;
  readonly templateId?: string;
  readonly contactIds?: string[];
  readonly details?: Record<string, unknown>;
  readonly [field: string]: unknown;
}

export interface Answer {
  readonly status: number;
  readonly body: AnswerBody;
}

/** A JSON request as `who` (or with no Authorization header when `who` is null). */
export const call = async (
  app: CommandApp,
  method: string,
  path: string,
  who: Actor | string | null,
  body: unknown = {},
  headers: Record<string, string> = {},
): Promise<Answer> => {
  const authorization: Record<string, string> = who === null ? {} : { authorization: `Bearer ${typeof who === 'string' ? who : who.token}` };
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...authorization, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as AnswerBody };
};
