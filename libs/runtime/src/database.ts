import { readFileSync } from 'node:fs';
import { Pool, type PoolConfig } from 'pg';
import type { ConnectionConfig } from './connections.config';
import type { JsonLogger } from './logger';

export type DatabaseConnectionOptions = Pick<
  PoolConfig,
  'ssl' | 'statement_timeout' | 'idle_in_transaction_session_timeout' | 'connectionTimeoutMillis' | 'keepAlive' | 'keepAliveInitialDelayMillis'
>;

type DatabaseSettings = Pick<
  ConnectionConfig,
  'DATABASE_SSL_MODE' | 'DATABASE_SSL_CA_FILE' | 'DATABASE_STATEMENT_TIMEOUT_MS' | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS' | 'DATABASE_CONNECT_TIMEOUT_MS'
>;

/** DATABASE_SSL_MODE as pg's `ssl`: require encrypts only; verify-full also checks the CA and host name. */
const sslOf = (settings: DatabaseSettings): PoolConfig['ssl'] => {
  switch (settings.DATABASE_SSL_MODE) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-full':
      // Node's TLS checks the certificate chain and the host name unless told not to.
      return { rejectUnauthorized: true, ...(settings.DATABASE_SSL_CA_FILE ? { ca: readFileSync(settings.DATABASE_SSL_CA_FILE, 'utf8') } : {}) };
  }
};

/**
 * The pool options the validated settings ask for (0 ms: that timeout stays off). `longRunning`:
 * for a pool of its own that runs work known to take minutes (a projection rebuild's replay,
 * index builds and swap), without the statement and idle-in-transaction timeouts.
 */
export const databaseConnectionOptions = (settings: DatabaseSettings, { longRunning = false } = {}): DatabaseConnectionOptions => ({
  ssl: sslOf(settings),
  statement_timeout: (!longRunning && settings.DATABASE_STATEMENT_TIMEOUT_MS) || undefined,
  idle_in_transaction_session_timeout: (!longRunning && settings.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS) || undefined,
  connectionTimeoutMillis: settings.DATABASE_CONNECT_TIMEOUT_MS || undefined,
  // A server or NAT that silently drops the connection is noticed, not waited on forever.
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
});

/**
 * A pool whose idle-client errors are logged rather than crashing the process. Without
 * `options` it connects as local development does: no TLS, no server-side timeouts.
 */
export const createPool = (
  connectionString: string,
  max: number,
  logger: JsonLogger,
  name: string,
  options: DatabaseConnectionOptions = { keepAlive: true },
): Pool => {
  const pool = new Pool({ connectionString, max, application_name: name, idleTimeoutMillis: 30_000, ...options });
  pool.on('error', (error) => logger.warn('idle database connection failed', { error: error.message }));
  // A connection that dies while checked out between two queries (a database restart) emits
  // 'error' on its client; unheard, that ends the process. Its next query fails and its holder
  // handles that; here it is only logged.
  pool.on('connect', (client) => client.on('error', (error) => logger.warn('database connection lost', { error: error.message })));
  return pool;
};

export const databaseCheck = (pool: Pool) => async () => {
  await pool.query('SELECT 1');
  return { ok: true, detail: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } };
};
