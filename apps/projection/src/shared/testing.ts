import type { StreamSource } from '@campaign/messaging';
import { AuthModule, authConfigSchema, CONFIG, createHttpApp, JsonLogger, PG_POOL } from '@campaign/runtime';
import { TEST_JWT_SECRET, testPool, uniqueSuffix } from '@campaign/testing';
import { Module, type ModuleMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import { type Projection, ProjectionRunner } from './projection-runner';

/**
 * A test pool and one context's projections in fresh schemas, dropped after the enclosing
 * describe's tests. `pool()` is usable once the tests run.
 */
export const useSchemasOf = <P extends Projection & { migrate(pool: Pool): Promise<void> }>(projectionOf: (schema: string) => P) => {
  let pool: Pool;
  const schemas: string[] = [];
  beforeAll(() => {
    pool = testPool();
  });
  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });
  return {
    pool: () => pool,
    /** `source`: where the runner reads versions missing from a batch (none: a gap fails the batch). */
    projectionIn: async (name: string, source: StreamSource | null = null) => {
      const schema = `${name}_${uniqueSuffix()}`;
      schemas.push(schema);
      const projection = projectionOf(schema);
      await projection.migrate(pool);
      return { schema, projection, runner: new ProjectionRunner(pool, projection, true, source) };
    },
  };
};

/** What a query app is made of: the context's config and pool, its controllers and their other providers. */
export interface QueryAppParts {
  readonly config: Readonly<Record<string, unknown>>;
  readonly pool: Pool;
  readonly controllers: NonNullable<ModuleMetadata['controllers']>;
  readonly providers: NonNullable<ModuleMetadata['providers']>;
}

/**
 * One context's query controllers behind the real HTTP stack, verifying tokens signed with
 * TEST_JWT_SECRET, for the enclosing describe: `start` builds it (in the describe's beforeAll,
 * once its schema is filled); it is closed after the describe's tests.
 */
export const useQueryApp = (name: string) => {
  let app: NestFastifyApplication | undefined;
  afterAll(async () => {
    await app?.close();
  });
  /** A GET, with the bearer token if one is given: the whole response (status, headers, raw body). */
  const inject = (url: string, token?: string) => {
    if (!app) throw new Error('the query app is not started');
    return app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  };
  return {
    start: async ({ config, pool, controllers, providers }: QueryAppParts) => {
      @Module({
        imports: [AuthModule.forRoot(authConfigSchema.parse({ JWT_SECRET: TEST_JWT_SECRET }))],
        controllers,
        providers: [{ provide: CONFIG, useValue: config }, { provide: PG_POOL, useValue: pool }, ...providers],
      })
      class TestModule {}
      app = await createHttpApp({ module: TestModule }, new JsonLogger(name, 'error'));
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
    },
    inject,
    /** A GET, with the bearer token if one is given: its status and JSON body. */
    get: async (url: string, token?: string) => {
      const response = await inject(url, token);
      return { status: response.statusCode, body: response.json() };
    },
  };
};
