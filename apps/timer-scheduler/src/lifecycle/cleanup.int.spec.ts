import { randomUUID } from 'node:crypto';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { runCleanup } from './cleanup';

describe('runCleanup', () => {
  const schema = `lifecycle_${uniqueSuffix()}`;
  const empty = `lifecycle_empty_${uniqueSuffix()}`;
  let pool: Pool;

  beforeAll(async () => {
    pool = testPool(5);
    // The projection owns these tables (apps/projection); here only the seed's columns matter.
    await pool.query(`
      CREATE SCHEMA ${schema};
      CREATE SCHEMA ${empty};
      CREATE TABLE ${schema}.timer_executions (
        id UUID PRIMARY KEY, timer_id UUID NOT NULL, status VARCHAR(20) NOT NULL DEFAULT 'STARTED', result JSONB,
        error_message TEXT, started_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), completed_at TIMESTAMPTZ, execution_time_ms INTEGER);
      CREATE TABLE ${schema}.campaign_state_log (
        id UUID PRIMARY KEY, campaign_id UUID NOT NULL, from_state VARCHAR(20), to_state VARCHAR(20) NOT NULL,
        trigger_event VARCHAR(50) NOT NULL, metadata JSONB NOT NULL DEFAULT '{}', created_at TIMESTAMPTZ NOT NULL DEFAULT NOW());
      CREATE TABLE ${schema}.campaign_state_log_archive (LIKE ${schema}.campaign_state_log INCLUDING ALL);`);
  });
  beforeEach(() => pool.query(`TRUNCATE ${schema}.timer_executions, ${schema}.campaign_state_log, ${schema}.campaign_state_log_archive`));
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${empty} CASCADE`);
    await pool.end();
  });

  /** Adds an execution that ended `age` ago (a Postgres interval); returns its id. */
  const execution = async (status: string, age: string | null): Promise<string> => {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO ${schema}.timer_executions (id, timer_id, status, started_at, completed_at)
       VALUES ($1, $2, $3, NOW() - coalesce($4::interval, '0'), CASE WHEN $4::interval IS NULL THEN NULL ELSE NOW() - $4::interval END)`,
      [id, randomUUID(), status, age],
    );
    return id;
  };
  const stateLog = async (age: string): Promise<string> => {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO ${schema}.campaign_state_log (id, campaign_id, from_state, to_state, trigger_event, metadata, created_at)
       VALUES ($1, $2, 'CREATED', 'RUNNING', 'TIMER', '{"by": "test"}', NOW() - $3::interval)`,
      [id, randomUUID(), age],
    );
    return id;
  };
  const ids = async (table: string) => (await pool.query<{ id: string }>(`SELECT id FROM ${schema}.${table} ORDER BY id`)).rows.map((r) => r.id);

  // seed 002: cleanup_timer_executions() — DELETE ... WHERE status = 'COMPLETED' AND completed_at < NOW() - INTERVAL '6 months'
  it('deletes COMPLETED timer executions older than 6 months and keeps newer and other ones', async () => {
    await execution('COMPLETED', '7 months');
    const kept = [await execution('COMPLETED', '5 months'), await execution('FAILED', '2 years'), await execution('STARTED', null)].sort();
    expect(await runCleanup(pool, schema)).toEqual({ executionsDeleted: 1, stateLogArchived: 0 });
    expect(await ids('timer_executions')).toEqual(kept);
  });

  // seed 002: archive_old_state_logs() — rows older than 1 year move to campaign_state_log_archive
  it('moves campaign_state_log rows older than 1 year to campaign_state_log_archive, unchanged', async () => {
    const old = [await stateLog('13 months'), await stateLog('3 years')].sort();
    const recent = [await stateLog('11 months'), await stateLog('1 day')].sort();
    const before = (await pool.query(`SELECT * FROM ${schema}.campaign_state_log WHERE id = ANY($1::uuid[]) ORDER BY id`, [old])).rows;
    expect(await runCleanup(pool, schema)).toEqual({ executionsDeleted: 0, stateLogArchived: 2 });
    expect(await ids('campaign_state_log')).toEqual(recent);
    expect((await pool.query(`SELECT * FROM ${schema}.campaign_state_log_archive ORDER BY id`)).rows).toEqual(before);
  });

  it('runs in one instance at a time: while another holds the lock it does nothing', async () => {
    await execution('COMPLETED', '1 year');
    const other = await pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cleanup:${schema}`]);
      expect(await runCleanup(pool, schema)).toEqual({ executionsDeleted: 0, stateLogArchived: 0 });
      await other.query('COMMIT');
    } finally {
      other.release();
    }
    expect(await runCleanup(pool, schema)).toEqual({ executionsDeleted: 1, stateLogArchived: 0 });
  });

  it('skips tables the projection has not created: no error, zeros', async () => {
    expect(await runCleanup(pool, empty)).toEqual({ executionsDeleted: 0, stateLogArchived: 0 });
  });
});
