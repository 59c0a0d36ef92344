import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import { lastSevenDays } from './metrics.window';
import { WINDOW_START } from './metrics.schema';

/** Orgs whose last answer is kept (about 2 MB each at 10,000 campaigns). */
const CACHED_ORGS = 16;

export type AnswerSource = 'cache' | 'postgres';

/**
 * seed 003 "Get campaign performance (last 7 days)" with the last serialised answer per org kept
 * in memory (issue 12 point 11b: p99 ≤ 100 ms over 10,000 campaigns). Never stale: every request
 * reads, in its own snapshot, the version of everything the answer is made of, and the kept
 * answer is served only under that same version:
 * - the facts: every facts batch rewrites its partition's metric_fact_offsets row in the
 *   transaction of its rows and window deltas (metric-facts.projection.ts), so the rows' xmin and
 *   last_offset change with every batch;
 * - the window's moves: slideWindow and rebuildWindow bump campaign_metrics_window_state.version;
 * - the campaigns' names, platforms and orgs: a trigger on campaigns bumps
 *   campaign_metrics_campaigns_version (metrics.schema.ts);
 * - the window table itself (a rebuild swaps schemas) and S, the window's start now.
 * While a slide is pending (the answer is corrected from campaign_metrics), nothing is kept.
 */
export class PerformanceAnswers {
  private readonly kept = new Map<string, { readonly version: string; readonly body: Buffer }>();

  constructor(private readonly schema: string) {}

  /**
   * The org's answer, `{"days":7,"items":[…]}`, as the bytes sent (UTF-8, encoded once); the
   * caller's transaction is REPEATABLE READ (one snapshot for the version and the answer).
   */
  async read(client: PoolClient, orgId: string): Promise<{ body: Buffer; source: AnswerSource }> {
    const { kept, nowStart, version } = await this.version(client);
    const cached = this.kept.get(orgId);
    if (cached && cached.version === version) return { body: cached.body, source: 'cache' };
    const body = Buffer.from(`{"days":7,"items":${await lastSevenDays(client, this.schema, orgId, { kept, nowStart })}}`);
    this.kept.delete(orgId);
    if (kept === nowStart) {
      this.kept.set(orgId, { version, body });
      // The least recently computed org goes first (a Map iterates in insertion order).
      if (this.kept.size > CACHED_ORGS) this.kept.delete(this.kept.keys().next().value as string);
    }
    return { body, source: 'postgres' };
  }

  private async version(client: PoolClient): Promise<{ kept: string; nowStart: string; version: string }> {
    const s = quoteIdent(this.schema);
    const { rows } = await client.query<{ kept: string; now_start: string; version: string }>(
      `SELECT st.window_start::text AS kept, (${WINDOW_START})::text AS now_start,
              concat_ws('/', to_regclass($1)::oid, st.version, cv.version,
                (SELECT string_agg(concat_ws(':', o.topic, o.partition, o.last_offset, o.xmin), ',' ORDER BY o.topic, o.partition)
                   FROM ${s}.metric_fact_offsets o)) AS version
         FROM ${s}.campaign_metrics_window_state st CROSS JOIN ${s}.campaign_metrics_campaigns_version cv`,
      [`${s}.campaign_metrics_window`],
    );
    const { kept, now_start: nowStart } = rows[0];
    return { kept, nowStart, version: `${rows[0].version}|${kept}|${nowStart}` };
  }
}
