import { quoteIdent } from '@campaign/eventstore';
import { CONFIG, PG_POOL, RequireScopes, contextScope } from '@campaign/runtime';
import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import type { Pool } from 'pg';
import type { LifecycleConfig } from './lifecycle.config';
import {
  ACTIVE_CAMPAIGNS_SUMMARY,
  AVERAGE_TIMER_EXECUTION_TIMES,
  CAMPAIGN_STATE_DISTRIBUTION,
  FAILED_TIMERS_NEEDING_RETRY,
  PENDING_TIMERS_SUMMARY,
  STUCK_TIMERS,
} from './seed-queries';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES = new Set(['CREATED', 'RUNNING', 'CLOSED', 'REWARD_CLAIM', 'EXPIRED']);

/** Read-only queries over the lifecycle read models (seed 002) for analysts and dashboards (`lifecycle:read`). */
@Controller('v1/lifecycle')
@RequireScopes(contextScope('lifecycle', 'read'))
export class LifecycleQueryController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: LifecycleConfig,
  ) {}

  @Get('campaigns')
  async list(@Query('status') status?: string, @Query('limit') limit = '50', @Query('offset') offset = '0') {
    if (status !== undefined && !STATUSES.has(status)) throw new BadRequestException({ code: 'INVALID_STATUS', message: `unknown status ${status}` });
    const page = { limit: bounded(limit, 1, 500, 'limit'), offset: bounded(offset, 0, 1e9, 'offset') };
    const { rows } = await this.pool.query(
      `SELECT * FROM ${this.schema}.campaigns WHERE ($1::text IS NULL OR status = $1)
        ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [status ?? null, page.limit, page.offset],
    );
    return { items: rows, ...page };
  }

  @Get('campaigns/:id')
  async get(@Param('id') id: string) {
    const { rows } = await this.pool.query(`SELECT * FROM ${this.schema}.campaigns WHERE id = $1`, [uuid(id)]);
    if (rows.length === 0) throw new NotFoundException({ code: 'CAMPAIGN_NOT_FOUND', message: `Campaign ${id} does not exist` });
    const metrics = await this.pool.query(
      `SELECT metric_type, count(*)::int AS samples, max(value)::float AS latest_total
         FROM ${this.schema}.campaign_metrics WHERE campaign_id = $1 GROUP BY metric_type ORDER BY metric_type`,
      [id],
    );
    return { ...rows[0], metrics: metrics.rows };
  }

  @Get('campaigns/:id/state-log')
  async stateLog(@Param('id') id: string) {
    const { rows } = await this.pool.query(`SELECT * FROM ${this.schema}.campaign_state_log WHERE campaign_id = $1 ORDER BY created_at, id`, [uuid(id)]);
    return { items: rows };
  }

  @Get('campaigns/:id/metrics')
  async metrics(@Param('id') id: string, @Query('type') type?: string) {
    const { rows } = await this.pool.query(
      `SELECT * FROM ${this.schema}.campaign_metrics WHERE campaign_id = $1 AND ($2::text IS NULL OR metric_type = $2)
        ORDER BY recorded_at, id`,
      [uuid(id), type ?? null],
    );
    return { items: rows };
  }

  /** The campaign's timers (seed 002 `campaign_timers`), each with its executions, oldest first. */
  @Get('campaigns/:id/timers')
  async timers(@Param('id') id: string) {
    const { rows } = await this.pool.query(
      `SELECT t.*, COALESCE(jsonb_agg(to_jsonb(x) ORDER BY x.started_at, x.id) FILTER (WHERE x.id IS NOT NULL), '[]') AS executions
         FROM ${this.schema}.campaign_timers t LEFT JOIN ${this.schema}.timer_executions x ON x.timer_id = t.id
        WHERE t.campaign_id = $1 GROUP BY t.id ORDER BY t.scheduled_at, t.id`,
      [uuid(id)],
    );
    return { items: rows };
  }

  @Get('reports/state-distribution')
  async stateDistribution() {
    return { items: await this.seedQuery(CAMPAIGN_STATE_DISTRIBUTION) };
  }

  @Get('reports/active-campaigns')
  async activeCampaigns() {
    return { items: await this.seedQuery(ACTIVE_CAMPAIGNS_SUMMARY) };
  }

  @Get('reports/stuck-timers')
  async stuckTimers() {
    return { items: await this.seedQuery(STUCK_TIMERS) };
  }

  @Get('reports/failed-timers')
  async failedTimers() {
    return { items: await this.seedQuery(FAILED_TIMERS_NEEDING_RETRY) };
  }

  @Get('reports/timer-execution-times')
  async timerExecutionTimes() {
    return { items: await this.seedQuery(AVERAGE_TIMER_EXECUTION_TIMES) };
  }

  @Get('reports/pending-timers')
  async pendingTimers() {
    return { items: await this.seedQuery(PENDING_TIMERS_SUMMARY) };
  }

  private get schema(): string {
    return quoteIdent(this.config.LIFECYCLE_SCHEMA);
  }

  /** Runs a seed query as printed, inside a read-only transaction scoped to the schema. */
  private async seedQuery(sql: string): Promise<unknown[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`SET LOCAL search_path TO ${this.schema}`);
      const { rows } = await client.query(sql);
      await client.query('COMMIT');
      return rows;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

const uuid = (id: string): string => {
  if (!UUID.test(id)) throw new BadRequestException({ code: 'INVALID_CAMPAIGN_ID', message: 'campaign id must be a UUID' });
  return id;
};

const bounded = (value: string, min: number, max: number, name: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new BadRequestException({ code: 'INVALID_PAGE', message: `${name} must be an integer from ${min} to ${max}` });
  return n;
};
