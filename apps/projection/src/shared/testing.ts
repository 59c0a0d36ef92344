import type { StreamSource } from '@campaign/messaging';
import { testPool, uniqueSuffix } from '@campaign/testing';
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
