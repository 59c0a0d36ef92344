import { inLongTransaction, quoteIdent } from '@campaign/eventstore';
import type { Pool } from 'pg';

export interface CleanupResult {
  readonly executionsDeleted: number;
  readonly stateLogArchived: number;
}

/**
 * seed 002 "Data Cleanup Policies", run by the timer-scheduler instead of pg_cron:
 * cleanup_timer_executions() deletes COMPLETED executions older than 6 months, and
 * archive_old_state_logs() moves state-log rows older than a year to campaign_state_log_archive.
 * One instance at a time (an advisory lock); tables the projection has not created are skipped.
 */
export const runCleanup = (pool: Pool, lifecycleSchema: string): Promise<CleanupResult> =>
  // Exempt from the pool's statement timeout: a first run may move a year of rows.
  inLongTransaction(pool, async (client) => {
    const s = quoteIdent(lifecycleSchema);
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [`cleanup:${lifecycleSchema}`]);
    if (!rows[0].locked) return { executionsDeleted: 0, stateLogArchived: 0 };
    const exists = async (table: string) =>
      (await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`${lifecycleSchema}.${table}`])).rows[0].t !== null;
    let executionsDeleted = 0;
    let stateLogArchived = 0;
    if (await exists('timer_executions')) {
      // seed 002: cleanup_timer_executions() — completed executions older than 6 months
      const deleted = await client.query(`DELETE FROM ${s}.timer_executions WHERE status = 'COMPLETED' AND completed_at < NOW() - INTERVAL '6 months'`);
      executionsDeleted = deleted.rowCount ?? 0;
    }
    if ((await exists('campaign_state_log')) && (await exists('campaign_state_log_archive'))) {
      // seed 002: archive_old_state_logs() — state-log rows older than 1 year, moved in one statement
      const moved = await client.query(
        `WITH moved AS (
           DELETE FROM ${s}.campaign_state_log WHERE created_at < NOW() - INTERVAL '1 year' RETURNING *
         )
         INSERT INTO ${s}.campaign_state_log_archive SELECT * FROM moved`,
      );
      stateLogArchived = moved.rowCount ?? 0;
    }
    return { executionsDeleted, stateLogArchived };
  });
