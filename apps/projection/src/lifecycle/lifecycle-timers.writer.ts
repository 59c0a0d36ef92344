import type { PoolClient } from 'pg';
import { projectIf } from '../shared/projector';
import { campaignTimersProjector, isActiveTimer } from './campaign-timers.projector';
import type { CampaignTimerRow, LifecycleEnvelope, TimerEnvelope, TimerExecutionRow } from './lifecycle.events';
import { timerExecutionsProjector } from './timer-executions.projector';

/**
 * The timer half of a lifecycle batch (seed 002 `campaign_timers`, `timer_executions`), in the
 * writer's style: the batch's timers and executions are read once, projected in memory in
 * event order and written back in bulk. It runs after the campaigns are saved, which the
 * timers reference.
 */
export class TimersWriter {
  /** `s` is the quoted schema name. */
  constructor(private readonly s: string) {}

  /** Whether the event is one this writer applies: its projectors' lists decide. */
  static handles(event: LifecycleEnvelope): event is TimerEnvelope {
    return campaignTimersProjector.canHandle(event) || timerExecutionsProjector.canHandle(event);
  }

  /** Returns true when a timer row changed (the pending-timers view is stale). */
  async applyBatch(client: PoolClient, events: readonly LifecycleEnvelope[]): Promise<boolean> {
    const timerEvents = events.filter((event) => TimersWriter.handles(event));
    if (timerEvents.length === 0) return false;
    const timers = await this.loadTimers(client, [...new Set(timerEvents.map((e) => e.data.timerId))]);
    const executions = await this.loadExecutions(client, [...new Set(timerEvents.flatMap(executionIdOf))]);
    const changedTimers = new Map<string, CampaignTimerRow>();
    const changedExecutions = new Map<string, TimerExecutionRow>();
    for (const event of timerEvents) {
      const before = timers.get(event.data.timerId) ?? null;
      const after = projectIf(campaignTimersProjector, before, event, before);
      if (after && after !== before) {
        timers.set(after.id, after);
        changedTimers.set(after.id, after);
      }
      for (const id of executionIdOf(event)) {
        const was = executions.get(id) ?? null;
        const now = projectIf(timerExecutionsProjector, was, event, was);
        if (now && now !== was) {
          executions.set(id, now);
          changedExecutions.set(id, now);
        }
      }
    }
    // seed 002 unique_active_timer_per_type is checked row by row, so the timers that stop
    // being active are written before those that become so (a rescheduled timer type).
    const rows = [...changedTimers.values()];
    await this.saveTimers(
      client,
      rows.filter((row) => !isActiveTimer(row)),
    );
    await this.saveTimers(client, rows.filter(isActiveTimer));
    await this.saveExecutions(client, [...changedExecutions.values()]);
    return changedTimers.size > 0;
  }

  private async loadTimers(client: PoolClient, ids: readonly string[]): Promise<Map<string, CampaignTimerRow>> {
    const { rows } = await client.query<{ row: CampaignTimerRow }>(`SELECT to_jsonb(t) AS row FROM ${this.s}.campaign_timers t WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    return new Map(rows.map(({ row }) => [row.id, isoTimes(row, ['scheduled_at', 'executed_at', 'created_at', 'updated_at'])]));
  }

  private async loadExecutions(client: PoolClient, ids: readonly string[]): Promise<Map<string, TimerExecutionRow>> {
    if (ids.length === 0) return new Map();
    const { rows } = await client.query<{ row: TimerExecutionRow }>(`SELECT to_jsonb(x) AS row FROM ${this.s}.timer_executions x WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    return new Map(rows.map(({ row }) => [row.id, isoTimes(row, ['started_at', 'completed_at'])]));
  }

  private async saveTimers(client: PoolClient, rows: readonly CampaignTimerRow[]): Promise<void> {
    if (rows.length === 0) return;
    await client.query(
      `INSERT INTO ${this.s}.campaign_timers (id, campaign_id, timer_type, status, scheduled_at, executed_at, payload,
         retry_count, created_at, updated_at)
       SELECT id, campaign_id, timer_type, status, scheduled_at, executed_at, payload, retry_count, created_at, updated_at
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, campaign_id uuid, timer_type varchar, status varchar,
           scheduled_at timestamptz, executed_at timestamptz, payload jsonb, retry_count int, created_at timestamptz,
           updated_at timestamptz)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, executed_at = EXCLUDED.executed_at,
         retry_count = EXCLUDED.retry_count, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(rows)],
    );
  }

  private async saveExecutions(client: PoolClient, rows: readonly TimerExecutionRow[]): Promise<void> {
    if (rows.length === 0) return;
    await client.query(
      `INSERT INTO ${this.s}.timer_executions (id, timer_id, status, result, error_message, started_at, completed_at,
         execution_time_ms)
       SELECT id, timer_id, status, result, error_message, started_at, completed_at, execution_time_ms
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, timer_id uuid, status varchar, result jsonb, error_message text,
           started_at timestamptz, completed_at timestamptz, execution_time_ms int)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, result = EXCLUDED.result,
         error_message = EXCLUDED.error_message, completed_at = EXCLUDED.completed_at,
         execution_time_ms = EXCLUDED.execution_time_ms`,
      [JSON.stringify(rows)],
    );
  }
}

const executionIdOf = (event: TimerEnvelope): string[] => (timerExecutionsProjector.canHandle(event) ? [event.data.executionId] : []);

/** to_jsonb renders timestamps with the session's offset; the projectors work in UTC ISO form. */
export const isoTimes = <T extends object>(row: T, keys: readonly (keyof T & string)[]): T => {
  const copy = { ...row } as Record<string, unknown>;
  for (const key of keys) {
    const value = copy[key] as string | null;
    copy[key] = value === null ? null : new Date(value).toISOString();
  }
  return copy as T;
};
