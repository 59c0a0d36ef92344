import { randomUUID } from 'node:crypto';
import { Caller, type Principal } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, HttpException, Post, Query, Res } from '@nestjs/common';
import type { OutgoingReply } from '../../shared/http';
import { rowsOfCsv, rowsOfJson, rowsOfNdjson, type ReadRows } from './metric-rows';
import { MetricPushService } from './metric-push.service';
import { CSV, NDJSON } from './push-body.provider';
import { pushingOrgOf } from './push-roles';

/** Seconds a caller waits before pushing again when the brokers did not take the facts. */
const RETRY_AFTER_SECONDS = 5;

const mediaTypeOf = (header: string | undefined): string => (header ?? '').split(';')[0].trim().toLowerCase();

/**
 * seed 003 data flow, the bulk door: `POST /v1/ads/metrics` takes an org's metric rows as JSON
 * `{rows:[…]}`, NDJSON or a CSV export, all or nothing — 202 with the count once the facts are
 * on `ads.metric-facts`, or 422 METRIC_ROWS_REJECTED listing every bad row and producing nothing.
 */
@Controller('v1/ads')
export class AdsMetricsController {
  constructor(private readonly pushes: MetricPushService) {}

  @Post('metrics')
  @HttpCode(202)
  async push(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Query('platform') platform: string | undefined,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) reply: OutgoingReply,
  ): Promise<object> {
    const orgId = pushingOrgOf(caller);
    const read = this.read(mediaTypeOf(contentType), body);
    if ('problem' in read) throw new HttpException({ code: read.problem.code, message: read.problem.message }, read.problem.status);
    const requestId = randomUUID();
    let outcome;
    try {
      outcome = await this.pushes.push({
        orgId,
        rows: read.rows,
        sourceRef: requestId,
        observedAt: new Date().toISOString(),
        ...(typeof platform === 'string' && platform !== '' ? { platform } : {}),
      });
    } catch (error) {
      if (error instanceof HttpException) throw error;
      reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new HttpException({ code: 'METRIC_PUSH_UNAVAILABLE', message: 'The rows could not be recorded now; push them again later' }, 503);
    }
    if (outcome.status === 'REJECTED') {
      throw new HttpException(
        {
          code: 'METRIC_ROWS_REJECTED',
          message: `${outcome.rejectedRows} of ${read.rows.length} rows are not valid; nothing was recorded`,
          rejectedRows: outcome.rejectedRows,
          errors: outcome.errors,
        },
        422,
      );
    }
    return { status: 'ACCEPTED', requestId, accepted: outcome.facts.length };
  }

  private read(mediaType: string, body: unknown): ReadRows {
    const max = this.pushes.config.ADS_PUSH_MAX_ROWS;
    if (mediaType === NDJSON) return rowsOfNdjson(typeof body === 'string' ? body : '', max);
    if (mediaType === CSV) return rowsOfCsv(typeof body === 'string' ? body : '', max);
    if (mediaType === 'application/json') return rowsOfJson(body, max);
    return { problem: { status: 415, code: 'METRIC_MEDIA_TYPE_UNSUPPORTED', message: `Rows come as application/json, ${NDJSON} or ${CSV}` } };
  }
}
