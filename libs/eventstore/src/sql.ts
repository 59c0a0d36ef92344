import type { Pool, PoolClient } from 'pg';

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names come from configuration; only plain lower-case identifiers are accepted. */
export const quoteIdent = (name: string): string => {
  if (!IDENT.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
};

export const PG_UNIQUE_VIOLATION = '23505';

export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === PG_UNIQUE_VIOLATION && (constraint === undefined || pgError.constraint === constraint);
};

/**
 * Runs `work` in one transaction on one pooled connection; rolls back on any error. `begin`
 * may carry more statements to run with BEGIN in the same round trip (simple protocol).
 */
export const inTransaction = async <T>(pool: Pool, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> => {
  const client = await pool.connect();
  let usable = true;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back (lost in a database restart) is not given back.
    usable = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    throw error;
  } finally {
    client.release(!usable);
  }
};

/**
 * `inTransaction` exempt from the pool's statement and idle-in-transaction timeouts: for work
 * known to take long (a materialized view refresh) on a pool whose other work must not.
 */
export const inLongTransaction = <T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> =>
  inTransaction(pool, work, 'BEGIN; SET LOCAL statement_timeout = 0; SET LOCAL idle_in_transaction_session_timeout = 0');

/** deadlock_detected, serialization_failure: the transaction lost a race and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * `inTransaction` for idempotent schema set-up run at start: services start together and their
 * DDL may take the same locks in another order (a deadlock victim is then just run again).
 */
export const migrateInTransaction = async (pool: Pool, work: (client: PoolClient) => Promise<void>, attempts = 5): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, work);
    } catch (error) {
      if (!RETRYABLE.has((error as { code?: string }).code ?? '') || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
};
