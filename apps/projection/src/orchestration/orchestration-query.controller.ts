import { orchestration } from '@campaign/domain';
import { Caller, type Principal } from '@campaign/runtime';
import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { checkQuery, intParam, invalid, oneOf, uuidParam } from '../shared/query-params';
import type { Reader } from '../shared/read-as';
import { instantParam, orgOf } from './orchestration-query.params';
import { OrchestrationQueryService } from './orchestration-query.service';
import * as SQL from './orchestration-query.sql';
import { CONTENT_WITHIN_CAMPAIGN, VALIDATE_CAMPAIGN_HIERARCHY, VALIDATE_WORKFLOW_INTEGRITY, WORKFLOW_EXECUTION_STATUS } from './seed-queries';

const Code = orchestration.OrchestrationErrorCode;
const PAGE = { fallback: 100, max: 1000 };

/** COUNT and BIGINT columns arrive from pg as strings (to keep precision); these fit a double. */
const COUNTS = new Set(['total_steps', 'completed_steps', 'failed_steps', 'workflows', 'content_pieces', 'calendar_events', 'views', 'conversions']);
const counted = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, COUNTS.has(key) && typeof value === 'string' ? Number(value) : value]));

type Query = Record<string, unknown>;

/**
 * The orchestration query API over seed 000's read models: its query patterns and validation
 * queries as endpoints, run as printed, plus an execution's steps and agents' performance and
 * the calendar. A person reads its org with the role viewer, editor or admin; a service token
 * with orchestration:read names the org. Row-level security confines every statement.
 */
@Controller('v1/orchestration')
export class OrchestrationQueryController {
  constructor(private readonly queries: OrchestrationQueryService) {}

  /** seed 000 "Campaign-first queries": by priority (urgent first), then the nearest deadline; `status` active by default. */
  @Get('campaigns')
  async campaigns(@Caller() caller: Principal, @Query() query: Query) {
    const q = checkQuery(query, ['status', 'limit', 'offset', 'org_id']);
    const orgId = orgOf(caller, q.org_id);
    const status = oneOf('status', q.status, orchestration.CAMPAIGN_STATUSES, 'active');
    const limit = intParam('limit', q.limit, PAGE.fallback, 1, PAGE.max);
    const offset = intParam('offset', q.offset, 0, 0, 1_000_000_000);
    return this.queries.asOrg(orgId, async (read) => ({
      items: await read(SQL.CAMPAIGNS, [status, limit, offset]),
      total: (await read<{ n: number }>(SQL.CAMPAIGNS_COUNT, [status]))[0].n,
      limit,
      offset,
    }));
  }

  /** seed 000 "Content within campaign": its active content, newest first, with views and conversions. */
  @Get('campaigns/:id/content')
  async content(@Caller() caller: Principal, @Param('id') id: string, @Query() query: Query) {
    const { orgId, campaignId } = this.campaignRequest(caller, id, query);
    return this.queries.asOrg(orgId, async (read) => {
      await visibleCampaign(read, campaignId);
      return { items: (await read(CONTENT_WITHIN_CAMPAIGN, [campaignId])).map(counted) };
    });
  }

  /** seed 000 "Workflow execution status": the campaign's executions, newest first, with total and completed steps. */
  @Get('campaigns/:id/workflows')
  async workflows(@Caller() caller: Principal, @Param('id') id: string, @Query() query: Query) {
    const { orgId, campaignId } = this.campaignRequest(caller, id, query);
    return this.queries.asOrg(orgId, async (read) => {
      await visibleCampaign(read, campaignId);
      return { items: (await read(WORKFLOW_EXECUTION_STATUS, [campaignId])).map(counted) };
    });
  }

  /** One execution and its steps in order. */
  @Get('workflows/:id')
  async workflow(@Caller() caller: Principal, @Param('id') id: string, @Query() query: Query) {
    const { orgId, workflowId } = this.workflowRequest(caller, id, query);
    return this.queries.asOrg(orgId, async (read) => ({ ...(await visibleWorkflow(read, workflowId)), steps: await read(SQL.WORKFLOW_STEPS, [workflowId]) }));
  }

  /** seed 000 "each step tracks agent performance — cost, quality, and efficiency": every attempt, and totals per agent type. */
  @Get('workflows/:id/performance')
  async performance(@Caller() caller: Principal, @Param('id') id: string, @Query() query: Query) {
    const { orgId, workflowId } = this.workflowRequest(caller, id, query);
    return this.queries.asOrg(orgId, async (read) => {
      await visibleWorkflow(read, workflowId);
      return {
        workflow_id: workflowId,
        attempts: await read(SQL.WORKFLOW_ATTEMPTS, [workflowId]),
        agents: await read(SQL.WORKFLOW_AGENT_TOTALS, [workflowId]),
      };
    });
  }

  /** seed 000 "Relationship Validation Queries": incomplete campaigns and inconsistent workflows of the org. */
  @Get('health-reports')
  async healthReports(@Caller() caller: Principal, @Query() query: Query) {
    const q = checkQuery(query, ['org_id']);
    const orgId = orgOf(caller, q.org_id);
    return this.queries.asOrg(orgId, async (read) => ({
      incomplete_campaigns: (await read(VALIDATE_CAMPAIGN_HIERARCHY)).map(counted),
      inconsistent_workflows: (await read(VALIDATE_WORKFLOW_INTEGRITY)).map(counted),
    }));
  }

  /** seed 000 calendar: entries from `from` (inclusive) to `to` (exclusive), of one campaign or all, in date order. */
  @Get('calendar')
  async calendar(@Caller() caller: Principal, @Query() query: Query) {
    const q = checkQuery(query, ['from', 'to', 'campaign_id', 'limit', 'org_id']);
    const orgId = orgOf(caller, q.org_id);
    const from = instantParam('from', q.from);
    const to = instantParam('to', q.to);
    if (from !== null && to !== null && from >= to) throw invalid('from', 'must come before to');
    const campaignId = q.campaign_id === undefined ? null : uuidParam('campaign_id', q.campaign_id);
    const limit = intParam('limit', q.limit, PAGE.fallback, 1, PAGE.max);
    return { items: await this.queries.asOrg(orgId, (read) => read(SQL.CALENDAR, [from, to, campaignId, limit])) };
  }

  private campaignRequest(caller: Principal, id: string, query: Query) {
    const q = checkQuery(query, ['org_id']);
    return { orgId: orgOf(caller, q.org_id), campaignId: uuidParam('id', id) };
  }

  private workflowRequest(caller: Principal, id: string, query: Query) {
    const q = checkQuery(query, ['org_id']);
    return { orgId: orgOf(caller, q.org_id), workflowId: uuidParam('id', id) };
  }
}

/** Another org's campaign, or a deleted one, does not exist. */
const visibleCampaign = async (read: Reader, campaignId: string): Promise<void> => {
  if ((await read(SQL.CAMPAIGN_EXISTS, [campaignId])).length === 0) {
    throw new NotFoundException({ code: Code.CAMPAIGN_NOT_FOUND, message: `Campaign ${campaignId} does not exist` });
  }
};

const visibleWorkflow = async (read: Reader, workflowId: string): Promise<Record<string, unknown>> => {
  const [row] = await read(SQL.WORKFLOW, [workflowId]);
  if (!row) throw new NotFoundException({ code: Code.WORKFLOW_NOT_FOUND, message: `Workflow ${workflowId} does not exist` });
  return row;
};
