import { type AuthClaims, CONFIG, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { readAs } from '../shared/read-as';
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
    const scope = { role: OUTREACH_API_ROLE, schema: this.config.OUTREACH_SCHEMA, setting: 'request.jwt.claims', value: JSON.stringify(claims) };
    return readAs(this.pool, scope, work);
  }
}
