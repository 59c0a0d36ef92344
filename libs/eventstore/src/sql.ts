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
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
