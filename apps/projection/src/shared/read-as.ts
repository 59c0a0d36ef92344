/**
 * The query API's read transaction, the same for every context whose reads RLS confines
 * (rls.ts): read-only, as the context's API role, search_path on its schema (so the seeds'
 * queries run as printed) and the caller published, for this transaction only, in the setting
 * the policies read.
 */
import { inTransaction, quoteIdent } from '@campaign/eventstore';
import type { CustomTypesConfig, Pool, PoolClient } from 'pg';

/** As whom, and where, a transaction reads. */
export interface ReadScope {
  /** The NOLOGIN role the policies apply to. */
  readonly role: string;
  readonly schema: string;
  /** The setting the policies read, and its value for this caller: an org id, or verified JWT claims as JSON. */
  readonly setting: string;
  readonly value: string;
  /** The session in UTC, for a schema whose TIMESTAMP columns hold UTC. */
  readonly utc?: boolean;
}

export const readAs = <T>(pool: Pool, scope: ReadScope, work: (client: PoolClient) => Promise<T>): Promise<T> => {
  const zone = scope.utc ? `; SET LOCAL TIME ZONE 'UTC'` : '';
  const begin = `BEGIN READ ONLY; SET LOCAL ROLE ${scope.role}; SET LOCAL search_path TO ${quoteIdent(scope.schema)}${zone}`;
  return inTransaction(
    pool,
    async (client) => {
      await client.query(`SELECT set_config('${scope.setting}', $1, true)`, [scope.value]);
      return work(client);
    },
    begin,
  );
};

/** Rows of one statement. */
export type Reader = <R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

/** Statements on the transaction's client; `types` replaces pg's parsers of column values. */
export const readerOf =
  (client: PoolClient, types?: CustomTypesConfig): Reader =>
  async (sql, params = []) =>
    (await client.query({ text: sql, values: [...params], types })).rows;
