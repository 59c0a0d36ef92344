import { inTransaction, quoteIdent } from '@campaign/eventstore';
import { CONFIG, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { OrchestrationConfig } from './orchestration.config';
import { ORCHESTRATION_API_ROLE, ORCHESTRATION_ORG_SETTING } from './orchestration.rls';

/** Rows of one statement. */
export type Reader = <R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

/**
 * Runs the query API's reads for one org: in a read-only transaction, as the RLS-bound role,
 * with the org published to the policies (orchestration.rls.ts) and search_path on the
 * context's schema, so seed 000's queries run as printed.
 */
@Injectable()
export class OrchestrationQueryService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: OrchestrationConfig,
  ) {}

  asOrg<T>(orgId: string, work: (read: Reader) => Promise<T>): Promise<T> {
    const begin = `BEGIN READ ONLY; SET LOCAL ROLE ${ORCHESTRATION_API_ROLE}; SET LOCAL search_path TO ${quoteIdent(this.config.ORCHESTRATION_SCHEMA)}`;
    return inTransaction(
      this.pool,
      async (client: PoolClient) => {
        await client.query(`SELECT set_config('${ORCHESTRATION_ORG_SETTING}', $1, true)`, [orgId]);
        const read: Reader = async (sql, params = []) => (await client.query(sql, [...params])).rows;
        return work(read);
      },
      begin,
    );
  }
}
