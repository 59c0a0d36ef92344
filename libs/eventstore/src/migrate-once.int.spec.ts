import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { migrateOnce } from './sql';

// A restarted instance re-ran its idempotent DDL beside a sibling working on the same tables: the
// DDL's table locks deadlocked against the sibling's row work, start after start (the fault suite:
// a killed timer-scheduler never came back). A schema at the DDL's version must not lock anything.
describe('migrateOnce: a schema is migrated once per version of its DDL', () => {
  let pool: Pool;
  const schema = `mig_${uniqueSuffix()}`;
  const ddl = (extra = '') => `CREATE SCHEMA IF NOT EXISTS "${schema}";
    CREATE TABLE IF NOT EXISTS "${schema}".items (id INT PRIMARY KEY);
    CREATE INDEX IF NOT EXISTS items_id ON "${schema}".items (id);${extra}`;

  beforeAll(() => {
    pool = testPool(4);
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('runs the DDL on a new schema, then never again for the same text — not even waiting on a table another transaction holds', async () => {
    expect(await migrateOnce(pool, schema, `t:${schema}`, ddl())).toBe('migrated');
    const holder = await pool.connect();
    try {
      // A sibling's transaction holding the table: re-running CREATE INDEX IF NOT EXISTS would wait on it.
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE "${schema}".items IN ROW EXCLUSIVE MODE`);
      const again = await Promise.race([
        migrateOnce(pool, schema, `t:${schema}`, ddl()),
        new Promise((resolve) => setTimeout(() => resolve('blocked on the table lock'), 3_000)),
      ]);
      expect(again).toBe('current');
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
  });

  it('a changed DDL runs once more (an upgrade), and instances starting together run it once', async () => {
    const upgrade = ddl(`\n    ALTER TABLE "${schema}".items ADD COLUMN IF NOT EXISTS note TEXT;`);
    const outcomes = await Promise.all([1, 2, 3].map(() => migrateOnce(pool, schema, `t:${schema}`, upgrade)));
    expect(outcomes.filter((o) => o === 'migrated')).toHaveLength(1);
    const { rows } = await pool.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'items' ORDER BY 1`, [
      schema,
    ]);
    expect(rows.map((r) => r.column_name)).toEqual(['id', 'note']);
  });
});
