import { createHash } from 'node:crypto';
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

/**
 * Runs a schema's idempotent DDL once per version of its text. `CREATE … IF NOT EXISTS`, `ADD
 * COLUMN IF NOT EXISTS` and `CREATE OR REPLACE` still take their table locks when there is nothing
 * to do, so a restarted instance that re-ran them beside a sibling claiming rows deadlocked its
 * start again and again (the fault suite: a killed timer-scheduler never came back). The DDL's
 * fingerprint is kept in `<schema>.schema_fingerprint`: when it matches, nothing is run and no
 * table is locked; otherwise the DDL runs under `lockKey` (an advisory lock: one migrator at a
 * time) and the fingerprint is written in the same transaction.
 */
export const migrateOnce = async (pool: Pool, schema: string, lockKey: string, ddl: string): Promise<'migrated' | 'current'> => {
  const s = quoteIdent(schema);
  const fingerprint = createHash('sha256').update(ddl).digest('hex');
  const current = async (client: Pool | PoolClient): Promise<boolean> => {
    const table = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [`${s}.schema_fingerprint`]);
    if (!table.rows[0].present) return false;
    const { rows } = await client.query<{ fingerprint: string }>(`SELECT fingerprint FROM ${s}.schema_fingerprint`);
    return rows[0]?.fingerprint === fingerprint;
  };
  if (await current(pool)) return 'current';
  let outcome: 'migrated' | 'current' = 'current';
  await migrateInTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
    // Another instance may have migrated while this one waited for the lock.
    if (await current(client)) return;
    await client.query(ddl);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_fingerprint (only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row), fingerprint TEXT NOT NULL)`,
    );
    await client.query(
      `INSERT INTO ${s}.schema_fingerprint (fingerprint) VALUES ($1) ON CONFLICT (only_row) DO UPDATE SET fingerprint = EXCLUDED.fingerprint`,
      [fingerprint],
    );
    outcome = 'migrated';
  });
  return outcome;
};
