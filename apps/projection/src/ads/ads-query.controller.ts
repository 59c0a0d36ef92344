import { Caller, type Principal } from '@campaign/runtime';
import { Controller, Get, NotFoundException, Param, Query, ServiceUnavailableException } from '@nestjs/common';
import { ACTION_STATUSES } from './ai-actions-log.projector';
import { checkQuery, intParam, invalid, oneOf, uuidParam } from '../shared/query-params';
import { boolParam, orgOf } from './ads-query.params';
import * as SQL from './ads-query.sql';
import { AdsQueryService } from './ads-query.service';
import { RealtimeFigures, type Totals } from './realtime/realtime-figures';

const RECOMMENDATION_STATUSES = ['pending', 'accepted', 'rejected', 'executed'] as const;
const PAGE = { fallback: 100, max: 1000 };
/** seed 003 "AI actions history" looks back 24 hours; up to 30 days may be asked for. */
const MAX_HOURS = 720;

/** Cents as the seed's DECIMAL(15,2) prints them. */
const money = (cents: number): string => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const withMoney = <T extends Totals>(totals: T) => ({ ...totals, spend: money(totals.spend_cents), revenue: money(totals.revenue_cents) });

/**
 * The ads query API over the read models: seed 003's sample queries as endpoints (pending
 * recommendations, actions history, active alerts), budgets, campaigns, and the real-time figures
 * from Redis beside PostgreSQL's. A user token reads its org with the role analyst, marketer or
 * admin; a service token with ads:read names the org. Row-level security confines every statement.
 */
@Controller('v1/ads')
export class AdsQueryController {
  constructor(
    private readonly queries: AdsQueryService,
    private readonly realtime: RealtimeFigures,
  ) {}

  /** seed 003: Get pending AI recommendations (`status` picks another; pending by default). */
  @Get('recommendations')
  async recommendations(@Caller() caller: Principal, @Query() query: Record<string, unknown>) {
    const q = checkQuery(query, ['status', 'limit', 'org_id']);
    const orgId = orgOf(caller, q.org_id);
    const status = oneOf('status', q.status, RECOMMENDATION_STATUSES, 'pending');
    const limit = intParam('limit', q.limit, PAGE.fallback, 1, PAGE.max);
    return { items: await this.queries.asOrg(orgId, (read) => read(SQL.RECOMMENDATIONS, [status, limit])) };
  }

  /** seed 003: Get AI actions history (executed in the last `hours`, 24 by default), or the actions in one `status`. */
  @Get('actions')
  async actions(@Caller() caller: Principal, @Query() query: Record<string, unknown>) {
    const q = checkQuery(query, ['hours', 'status', 'limit', 'org_id']);
    const orgId = orgOf(caller, q.org_id);
    const hours = intParam('hours', q.hours, 24, 1, MAX_HOURS);
    const status = oneOf('status', q.status, ACTION_STATUSES);
    if (status !== null && q.hours !== undefined) throw invalid('hours', 'cannot be combined with status (a status lists its actions whenever they ran)');
    const limit = intParam('limit', q.limit, PAGE.fallback, 1, PAGE.max);
    const items = await this.queries.asOrg(orgId, (read) =>
      status === null ? read(SQL.ACTIONS_EXECUTED, [hours, limit]) : read(SQL.ACTIONS_BY_STATUS, [status, limit]),
    );
    return { items };
  }

  /** seed 003: Get active alerts, by severity then newest (`active=false`: every alert, newest first). */
  @Get('alerts')
  async alerts(@Caller() caller: Principal, @Query() query: Record<string, unknown>) {
    const q = checkQuery(query, ['active', 'limit', 'org_id']);
    const orgId = orgOf(caller, q.org_id);
    const active = boolParam('active', q.active, true);
    const limit = intParam('limit', q.limit, PAGE.fallback, 1, PAGE.max);
    return { items: await this.queries.asOrg(orgId, (read) => read(active ? SQL.ALERTS_ACTIVE : SQL.ALERTS_ALL, [limit])) };
  }

  /** seed 003 budget_allocations: the org's periods, latest first. */
  @Get('budgets')
  async budgets(@Caller() caller: Principal, @Query() query: Record<string, unknown>) {
    const q = checkQuery(query, ['limit', 'org_id']);
    const orgId = orgOf(caller, q.org_id);
    const limit = intParam('limit', q.limit, PAGE.fallback, 1, PAGE.max);
    return { items: await this.queries.asOrg(orgId, (read) => read(SQL.BUDGETS, [limit])) };
  }

  @Get('campaigns')
  async campaigns(@Caller() caller: Principal, @Query() query: Record<string, unknown>) {
    const q = checkQuery(query, ['platform', 'status', 'limit', 'offset', 'org_id']);
    const orgId = orgOf(caller, q.org_id);
    const filter = [q.platform ?? null, q.status ?? null];
    const limit = intParam('limit', q.limit, PAGE.fallback, 1, PAGE.max);
    const offset = intParam('offset', q.offset, 0, 0, 1_000_000_000);
    return this.queries.asOrg(orgId, async (read) => ({
      items: await read(SQL.CAMPAIGNS, [...filter, limit, offset]),
      total: (await read<{ n: number }>(SQL.CAMPAIGNS_COUNT, filter))[0].n,
      limit,
      offset,
    }));
  }

  /** One campaign, its account, its open alerts and pending recommendations; another org's is not found. */
  @Get('campaigns/:id')
  async campaign(@Caller() caller: Principal, @Param('id') id: string, @Query() query: Record<string, unknown>) {
    const q = checkQuery(query, ['org_id']);
    const orgId = orgOf(caller, q.org_id);
    const campaignId = uuidParam('id', id);
    const [row] = await this.queries.asOrg(orgId, (read) => read(SQL.CAMPAIGN, [campaignId]));
    if (!row) throw new NotFoundException({ code: 'AD_CAMPAIGN_NOT_FOUND', message: `Ad campaign ${campaignId} does not exist` });
    return row;
  }

  /**
   * seed 003 Data Flow "Redis Cache (Real-time)": today's running totals per campaign and per
   * platform and each account's last sync, from Redis; beside them PostgreSQL's figures of the same day.
   */
  @Get('realtime')
  async figures(@Caller() caller: Principal, @Query() query: Record<string, unknown>) {
    const q = checkQuery(query, ['org_id']);
    const orgId = orgOf(caller, q.org_id);
    const redis = await this.realtime.figuresOf(orgId).catch((error: Error) => {
      throw new ServiceUnavailableException({ code: 'REALTIME_UNAVAILABLE', message: `The real-time figures cannot be read now: ${error.message}` });
    });
    const postgres = await this.queries.asOrg(orgId, async (read) => ({
      accounts: await read(SQL.ACCOUNTS),
      platforms: await read(SQL.TODAY_BY_PLATFORM, [redis.day]),
    }));
    return {
      day: redis.day,
      redis: { campaigns: redis.campaigns.map(withMoney), platforms: redis.platforms.map(withMoney), last_syncs: redis.last_syncs },
      postgres,
    };
  }
}
