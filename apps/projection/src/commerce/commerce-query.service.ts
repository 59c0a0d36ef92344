import { CONFIG, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { type Reader, readAs, readerOf } from '../shared/read-as';
import type { CommerceConfig } from './commerce.config';
import { COMMERCE_API_ROLE, COMMERCE_ORG_SETTING } from './commerce.rls';

/**
 * Runs the query API's reads for one org: in a read-only transaction, as the RLS-bound role,
 * with the org published to the policies (commerce.rls.ts), search_path on the context's schema
 * and the session in UTC, so days, weeks and months (KPI buckets, fiscal months) are UTC ones.
 */
@Injectable()
export class CommerceQueryService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: CommerceConfig,
  ) {}

  asOrg<T>(orgId: string, work: (read: Reader) => Promise<T>): Promise<T> {
    const scope = { role: COMMERCE_API_ROLE, schema: this.config.COMMERCE_SCHEMA, setting: COMMERCE_ORG_SETTING, value: orgId, utc: true };
    return readAs(this.pool, scope, (client) => work(readerOf(client)));
  }
}
