import { outreach } from '@campaign/domain';
import { Caller, type Principal, RequireTenant, userClaimsOf } from '@campaign/runtime';
import { ConflictException, Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { intParam, oneOf } from '../shared/query-params';
import { type ListQuery, listWhere, parseListQuery, uuidParam } from './outreach-query.params';
import { OutreachQueryService } from './outreach-query.service';
import { campaignView, contactStats, numbers } from './outreach-query.views';
import { AB_TEST_RESULTS } from './seed-queries';
import { sendHoldOf } from './send-holds.projector';

/** Every column, DATEs as the seed's YYYY-MM-DD (not a JS Date at local midnight). */
const CAMPAIGN = `*, start_date::text AS start_date, end_date::text AS end_date`;

/**
 * The tenant-scoped read API over the outreach read models, equivalent to seed 004's API
 * Examples (campaign.list, campaign.getById, campaign.getABTestResults). Every request carries a
 * verified JWT; its claims drive the seed's RLS policies, so another org's rows do not exist.
 */
@RequireTenant()
@Controller('v1/outreach')
export class OutreachQueryController {
  constructor(private readonly queries: OutreachQueryService) {}

  @Get('campaigns')
  async list(@Caller() caller: Principal, @Query() query: ListQuery & Record<string, unknown>) {
    const claims = userClaimsOf(caller);
    const q = parseListQuery(query);
    const where = listWhere(q);
    // orderBy and order are checked against fixed lists above, so they may be spliced in.
    return this.queries.asCaller(claims, async (client) => {
      const { rows } = await client.query(
        `SELECT ${CAMPAIGN} FROM campaigns WHERE ${where.sql} ORDER BY ${q.orderBy} ${q.order} NULLS LAST, id LIMIT $8 OFFSET $9`,
        [...where.params, q.limit, q.offset],
      );
      // The total of the filtered list beside its page (same read-only transaction).
      const total = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaigns WHERE ${where.sql}`, where.params);
      return { items: rows.map(numbers), total: total.rows[0].n, limit: q.limit, offset: q.offset };
    });
  }

  /** seed 004: campaign.getById — campaign + aggregated metrics + contact stats. */
  @Get('campaigns/:id')
  async getById(@Caller() caller: Principal, @Param('id') id: string) {
    const claims = userClaimsOf(caller);
    const campaignId = uuidParam('id', id) as string;
    return this.queries.asCaller(claims, async (client) => {
      const campaign = await this.visibleCampaign(client, campaignId);
      // Why its contacts wait: the sending window holding the campaign back, and until when (or null).
      return { ...campaignView(campaign, await contactStats(client, campaignId)), send_hold: await sendHoldOf(client, campaignId) };
    });
  }

  /** seed 004: campaign.getABTestResults — variant stats, winner, confidence level. */
  @Get('campaigns/:id/ab-test-results')
  async abTestResults(@Caller() caller: Principal, @Param('id') id: string) {
    const claims = userClaimsOf(caller);
    const campaignId = uuidParam('id', id) as string;
    return this.queries.asCaller(claims, async (client) => {
      const campaign = await this.visibleCampaign(client, campaignId);
      if (!campaign.is_ab_test) throw new ConflictException({ code: 'CAMPAIGN_NOT_AB_TEST', message: `Campaign ${campaignId} is not an A/B test` });
      const { rows } = await client.query(AB_TEST_RESULTS, [campaignId]);
      const counts = (variant: string) => {
        const row = rows.find((r) => r.ab_variant === variant);
        return { contacts: Number(row?.total_contacts ?? 0), responses: Number(row?.responses ?? 0), conversions: Number(row?.conversions ?? 0) };
      };
      return { campaign_id: campaignId, rows: rows.map(numbers), ...outreach.abTestResult({ A: counts('A'), B: counts('B') }) };
    });
  }

  /**
   * seed 004 On Completion: "Generate completion report" — the report stored at completion
   * (counters, rates, success criteria, A/B verdict, duration). Visible to whoever may read the
   * campaign; 404 COMPLETION_REPORT_NOT_FOUND while the campaign has not completed.
   */
  @Get('campaigns/:id/report')
  async report(@Caller() caller: Principal, @Param('id') id: string) {
    const claims = userClaimsOf(caller);
    const campaignId = uuidParam('id', id) as string;
    return this.queries.asCaller(claims, async (client) => {
      const campaign = await this.visibleCampaign(client, campaignId);
      const { rows } = await client.query(
        `SELECT *, start_date::text AS start_date, end_date::text AS end_date FROM campaign_completion_reports WHERE campaign_id = $1`,
        [campaignId],
      );
      if (rows.length === 0) {
        throw new NotFoundException({
          code: 'COMPLETION_REPORT_NOT_FOUND',
          message: `Campaign ${campaignId} has no completion report: it is ${String(campaign.status)}`,
          details: { status: campaign.status },
        });
      }
      return numbers(rows[0]);
    });
  }

  @Get('campaigns/:id/contacts')
  async contacts(
    @Caller() caller: Principal,
    @Param('id') id: string,
    @Query('status') status?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ) {
    const claims = userClaimsOf(caller);
    const campaignId = uuidParam('id', id) as string;
    const page = {
      status: oneOf('status', status, outreach.CONTACT_STATUSES),
      limit: intParam('limit', limit, 100, 1, 1000),
      offset: intParam('offset', offset, 0, 0, 1e9),
    };
    const { rows, hold } = await this.queries.asCaller(claims, async (client) => ({
      ...(await client.query(
        `SELECT * FROM campaign_contacts WHERE campaign_id = $1 AND ($2::text IS NULL OR status = $2)
          ORDER BY created_at, id LIMIT $3 OFFSET $4`,
        [campaignId, page.status, page.limit, page.offset],
      )),
      hold: await sendHoldOf(client, campaignId),
    }));
    // send_hold: why the pending contacts wait (the sending window holding the campaign back, until when), or null.
    return { items: rows, send_hold: hold, limit: page.limit, offset: page.offset };
  }

  /** seed 004 campaign_performance_summary for the caller's org (the view has no RLS: filtered here). */
  @Get('performance')
  async performance(@Caller() caller: Principal) {
    const claims = userClaimsOf(caller);
    const { rows } = await this.queries.asCaller(claims, (client) =>
      client.query(
        `SELECT p.* FROM campaign_performance_summary p JOIN campaigns c ON c.id = p.campaign_id
          WHERE c.org_id = $1 ORDER BY c.created_at DESC, p.campaign_id`,
        [claims.org_id],
      ),
    );
    return { items: rows.map(numbers) };
  }

  private async visibleCampaign(client: PoolClient, id: string): Promise<Record<string, unknown>> {
    const { rows } = await client.query(`SELECT ${CAMPAIGN} FROM campaigns WHERE id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundException({ code: 'CAMPAIGN_NOT_FOUND', message: `Campaign ${id} does not exist` });
    return rows[0];
  }
}
