import { CONFIG, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { type Pool, types } from 'pg';
import { type Reader, readAs, readerOf } from '../shared/read-as';
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

  /** `read` answers timestamps as ISO-8601 UTC strings. */
  asOrg<T>(orgId: string, work: (read: Reader) => Promise<T>): Promise<T> {
    const scope = { role: ADS_API_ROLE, schema: this.config.ADS_SCHEMA, setting: ADS_ORG_SETTING, value: orgId, utc: true };
    return readAs(this.pool, scope, (client) => work(readerOf(client, utcTypes)));
  }
}
