import { INSTANT_BOUNDS_TEXT, isInstantInBounds, parseInstant } from '@campaign/domain';
import { inTransaction, quoteIdent } from '@campaign/eventstore';
import { Caller, CONFIG, PG_POOL, type Principal, RequireTenant, userClaimsOf } from '@campaign/runtime';
import { BadRequestException, Controller, Get, Header, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Pool, PoolClient } from 'pg';
import type { AdsConfig } from '../ads.config';
import { decimalToCents } from './metric-facts.writer';
import { kpisOf } from './metrics.kpis';
import { lastDays } from './metrics.window';
import { PerformanceAnswers } from './performance-answers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BUCKETS = ['hour', 'day', 'week'] as const;
type Bucket = (typeof BUCKETS)[number];
const BUCKET_MS: Record<Bucket, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };
/** Points one time-series answer may hold (a year of hours). */
const MAX_POINTS = 9_000;
const DAY_MS = 86_400_000;

const invalid = (parameter: string, message: string) =>
  new BadRequestException({ code: 'AD_METRICS_QUERY_INVALID', message: `${parameter} ${message}`, details: { parameter } });

/**
 * A day (`2026-05-01`, midnight UTC) or an instant with its zone, that exists (no 30 February) and
 * lies within the platform's instants: PostgreSQL cannot hold year 0, and the rows hold no other.
 */
const instant = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const ms = parseInstant(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (ms === null) throw invalid(name, 'must be an ISO-8601 date or an instant with its zone');
  if (!isInstantInBounds(ms)) throw invalid(name, `must lie ${INSTANT_BOUNDS_TEXT}`);
  return ms;
};

/** TIMESTAMP literal of a UTC instant (campaign_metrics.time holds UTC). */
const timestamp = (ms: number): string => new Date(ms).toISOString().replace('Z', '');

/**
 * seed 003 Sample Queries "Get campaign performance (last 7 days)" and the campaign's figures as
 * a time series, for the caller's org only (the JWT's org_id; campaign_metrics has no org, its
 * campaign does).
 */
@RequireTenant()
@Controller('v1/ads')
export class AdsMetricsController {
  private readonly answers: PerformanceAnswers;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: AdsConfig,
  ) {
    this.answers = new PerformanceAnswers(config.ADS_SCHEMA);
  }

  /**
   * `days=7` (the default): from the exact sliding window, equal to the seed's query run raw;
   * the org's last answer is served again while nothing it is made of changed (PerformanceAnswers,
   * checked in PostgreSQL on every request) or brought up to date from the campaigns that changed
   * since. `X-Answer-Source` says which: `cache`, `changes` or `postgres` (read whole).
   * Other days (1..400): the seed's query form with that interval.
   */
  @Get('performance')
  @Header('Content-Type', 'application/json; charset=utf-8')
  async performance(@Caller() caller: Principal, @Res({ passthrough: true }) reply: FastifyReply, @Query('days') daysText?: string): Promise<string | Buffer> {
    const { org_id: orgId } = userClaimsOf(caller);
    const days = daysText === undefined ? 7 : Number(daysText);
    if (!/^\d+$/.test(daysText ?? '7') || days < 1 || days > 400) throw invalid('days', 'must be an integer from 1 to 400');
    const { body, source } = await this.read(async (client) =>
      days === 7
        ? this.answers.read(client, orgId)
        : {
            body: `{"days":${days},"items":${JSON.stringify((await lastDays(client, this.config.ADS_SCHEMA, orgId, days)).map(performanceView))}}`,
            source: 'postgres',
          },
    );
    void reply.header('X-Answer-Source', source);
    return body;
  }

  /**
   * One campaign's figures per hour, day or week in [from, to) (default: the last 7 days, by
   * day); KPIs from the summed base figures, null where the denominator is zero.
   */
  @Get('campaigns/:id/performance')
  async campaignPerformance(
    @Caller() caller: Principal,
    @Param('id') id: string,
    @Query('bucket') bucketText?: string,
    @Query('from') fromText?: string,
    @Query('to') toText?: string,
  ) {
    const { org_id: orgId } = userClaimsOf(caller);
    if (!UUID.test(id)) throw invalid('id', 'must be a UUID');
    const bucket = (bucketText ?? 'day') as Bucket;
    if (!BUCKETS.includes(bucket)) throw invalid('bucket', `must be one of ${BUCKETS.join(', ')}`);
    const to = instant('to', toText, Date.now());
    const from = instant('from', fromText, to - 7 * DAY_MS);
    if (from >= to) throw invalid('from', 'must be before to');
    if ((to - from) / BUCKET_MS[bucket] > MAX_POINTS)
      throw invalid('bucket', `gives more than ${MAX_POINTS} points for that range: choose a larger bucket or a shorter range`);
    const s = quoteIdent(this.config.ADS_SCHEMA);
    return this.read(async (client) => {
      const campaign = await client.query(`SELECT id, name, platform FROM ${s}.campaigns WHERE id = $1 AND org_id = $2`, [id, orgId]);
      if (campaign.rows.length === 0) throw new NotFoundException({ code: 'AD_CAMPAIGN_NOT_FOUND', message: `no ad campaign ${id}` });
      const { rows } = await client.query<SeriesRow>(
        `SELECT to_char(date_trunc($2, time), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS bucket,
                sum(impressions)::text AS impressions, sum(clicks)::text AS clicks, sum(spend)::text AS spend,
                sum(conversions)::text AS conversions, sum(revenue)::text AS revenue
           FROM ${s}.campaign_metrics
          WHERE campaign_id = $1 AND time >= $3::timestamp AND time < $4::timestamp
          GROUP BY 1 ORDER BY 1`,
        [id, bucket, timestamp(from), timestamp(to)],
      );
      return { campaign: campaign.rows[0], bucket, from: new Date(from).toISOString(), to: new Date(to).toISOString(), points: rows.map(pointView) };
    });
  }

  /**
   * One snapshot for the whole answer (the window and its correction). JIT off: these are short
   * reads, and compiling their plan would cost more than running it.
   */
  private read<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL jit = off');
  }
}

interface SeriesRow {
  readonly bucket: string;
  readonly impressions: string;
  readonly clicks: string;
  readonly spend: string;
  readonly conversions: string;
  readonly revenue: string;
}

/** Money and ratios stay exact decimal strings; the conversion count is a number. */
const performanceView = (row: Record<string, unknown>) => ({
  ...row,
  total_conversions: row.total_conversions === null ? null : Number(row.total_conversions),
});

const pointView = (row: SeriesRow) => {
  const base = {
    impressions: Number(row.impressions),
    clicks: Number(row.clicks),
    spendCents: decimalToCents(row.spend),
    conversions: Number(row.conversions),
    revenueCents: decimalToCents(row.revenue),
  };
  return {
    time: row.bucket,
    impressions: base.impressions,
    clicks: base.clicks,
    spend: row.spend,
    conversions: base.conversions,
    revenue: row.revenue,
    ...kpisOf(base),
  };
};
