import { inTransaction, quoteIdent } from '@campaign/eventstore';
import { CONFIG, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { type Pool, type PoolClient, types } from 'pg';
import type { AdsConfig } from './ads.config';
import { ADS_API_ROLE, ADS_ORG_SETTING } from './ads.rls';

const TIMESTAMP_OID = 1114;

/** seed 003's TIMESTAMP columns hold UTC: read them as UTC instants, whatever the process's time zone. */
const utcTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID
      ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`).toISOString()
      : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

/** Rows of one statement, timestamps as ISO-8601 UTC strings. */
export type Reader = <R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

/**
 * Runs the query API's reads for one org: in a read-only transaction, as the RLS-bound role,
 * with the org published to the policies (ads.rls.ts), search_path on the ads schema (so the
 * seed's queries run as printed) and the session in UTC (the TIMESTAMP columns hold UTC).
 */
@Injectable()
export class AdsQueryService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: AdsConfig,
  ) {}

  asOrg<T>(orgId: string, work: (read: Reader) => Promise<T>): Promise<T> {
    const begin = `BEGIN READ ONLY; SET LOCAL ROLE ${ADS_API_ROLE}; SET LOCAL search_path TO ${quoteIdent(this.config.ADS_SCHEMA)}; SET LOCAL TIME ZONE 'UTC'`;
    return inTransaction(
      this.pool,
      async (client: PoolClient) => {
        await client.query(`SELECT set_config('${ADS_ORG_SETTING}', $1, true)`, [orgId]);
        const read: Reader = async (sql, params = []) => (await client.query({ text: sql, values: [...params], types: utcTypes })).rows;
        return work(read);
      },
      begin,
    );
  }
}
