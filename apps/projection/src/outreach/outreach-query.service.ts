import { inTransaction, quoteIdent } from '@campaign/eventstore';
import { type AuthClaims, CONFIG, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { OutreachConfig } from './outreach.config';
import { OUTREACH_API_ROLE } from './outreach.rls';

/**
 * Runs the query API's reads as the caller: in a read-only transaction that switches to the
 * RLS-bound role and publishes the verified JWT claims to auth.jwt(), so seed 004's policies
 * decide which rows exist. search_path is the outreach schema, so the seed's queries run as printed.
 */
@Injectable()
export class OutreachQueryService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: OutreachConfig,
  ) {}

  asCaller<T>(claims: AuthClaims, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const begin = `BEGIN READ ONLY; SET LOCAL ROLE ${OUTREACH_API_ROLE}; SET LOCAL search_path TO ${quoteIdent(this.config.OUTREACH_SCHEMA)}`;
    return inTransaction(
      this.pool,
      async (client) => {
        await client.query(`SELECT set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
        return work(client);
      },
      begin,
    );
  }
}
