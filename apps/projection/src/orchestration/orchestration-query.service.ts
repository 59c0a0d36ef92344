import { CONFIG, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { type Reader, readAs, readerOf } from '../shared/read-as';
import type { OrchestrationConfig } from './orchestration.config';
import { ORCHESTRATION_API_ROLE, ORCHESTRATION_ORG_SETTING } from './orchestration.rls';

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
    const scope = { role: ORCHESTRATION_API_ROLE, schema: this.config.ORCHESTRATION_SCHEMA, setting: ORCHESTRATION_ORG_SETTING, value: orgId };
    return readAs(this.pool, scope, (client) => work(readerOf(client)));
  }
}
