import { Pool } from 'pg';
import type { JsonLogger } from './logger';

/** A pool whose idle-client errors are logged rather than crashing the process. */
export const createPool = (connectionString: string, max: number, logger: JsonLogger, name: string): Pool => {
  const pool = new Pool({ connectionString, max, application_name: name, idleTimeoutMillis: 30_000 });
  pool.on('error', (error) => logger.warn('idle database connection failed', { error: error.message }));
  return pool;
};

export const databaseCheck = (pool: Pool) => async () => {
  await pool.query('SELECT 1');
  return { ok: true, detail: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } };
};
