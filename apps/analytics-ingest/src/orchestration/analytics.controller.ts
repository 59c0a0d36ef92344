import { randomUUID } from 'node:crypto';
import { orchestration } from '@campaign/domain';
import { Caller, contextScope, type Principal } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, HttpException, Post, Res } from '@nestjs/common';
import type { OutgoingReply } from '../shared/http';
import { AnalyticsIngestService, CommandSideUnavailable } from './analytics-ingest.service';
import { readMeasurements } from './analytics-rows';

/** At most this many measurements per push: each is a command the request waits for. */
export const MAX_MEASUREMENTS = 1_000;
const RETRY_AFTER_SECONDS = 5;
const PUSH_ID = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * Who may push an org's measurements, and for which org — from the verified token only: a person
 * of the org who writes its campaigns (editor, admin), or an org-bound integration token (an
 * `org_id` claim and scope `orchestration:write`, e.g. a platform's nightly export).
 */
export const pushingOrgOf = (principal: Principal): string => {
  if (!principal.orgId)
    throw new HttpException({ code: 'TENANT_REQUIRED', message: 'Measurements are pushed for an organization: the token needs an org_id' }, 403);
  const writer = principal.role !== null && (orchestration.WRITERS as readonly string[]).includes(principal.role);
  if (!writer && !principal.scopes.has(contextScope('orchestration', 'write'))) {
    throw new HttpException(
      { code: 'ORCHESTRATION_ROLE_REQUIRED', message: 'Pushing measurements needs the role editor or admin (or scope orchestration:write)' },
      403,
    );
  }
  return principal.orgId;
};

/**
 * seed 000 `campaign_analytics` from outside: `POST /v1/orchestration/analytics` takes a JSON
 * array of an org's measurements. Every row is checked first: any bad row and nothing is sent
 * (422 ANALYTICS_ROWS_INVALID, every bad field listed). Then each row is a RecordContentAnalytics
 * command (the latest measurement of a campaign, content, date and platform replaces the
 * earlier one): 200 when all were recorded, 422 ANALYTICS_ROWS_REJECTED listing the rows the
 * command side refused (another org's campaign is CAMPAIGN_NOT_FOUND), the others recorded.
 * Send a push again with the same Idempotency-Key and it is answered from the first outcomes.
 */
@Controller('v1/orchestration')
export class OrchestrationAnalyticsController {
  constructor(private readonly ingest: AnalyticsIngestService) {}

  @Post('analytics')
  @HttpCode(200)
  async push(
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) reply: OutgoingReply,
  ): Promise<object> {
    const orgId = pushingOrgOf(caller);
    if (idempotencyKey !== undefined && !PUSH_ID.test(idempotencyKey))
      throw new HttpException({ code: 'INVALID_REQUEST', message: 'Idempotency-Key: 1 to 200 letters, digits or ._:-' }, 400);
    const read = readMeasurements(body, MAX_MEASUREMENTS);
    if ('problem' in read) throw new HttpException({ code: read.problem.code, message: read.problem.message }, read.problem.status);
    if ('errors' in read) {
      const rows = new Set(read.errors.map((error) => error.row)).size;
      const message = `${rows} measurements are not valid; nothing was recorded`;
      throw new HttpException({ code: 'ANALYTICS_ROWS_INVALID', message, rejectedRows: rows, errors: read.errors }, 422);
    }
    const pushId = idempotencyKey ?? randomUUID();
    let outcome;
    try {
      outcome = await this.ingest.record(orgId, pushId, read.measurements);
    } catch (error) {
      if (!(error instanceof CommandSideUnavailable)) throw error;
      reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new HttpException(
        { code: 'ANALYTICS_UNAVAILABLE', message: 'The measurements could not all be recorded now; push them again with the same Idempotency-Key' },
        503,
      );
    }
    const answer = { pushId, accepted: outcome.accepted, rejectedRows: outcome.errors.length, errors: outcome.errors };
    if (outcome.errors.length === 0) return { status: 'ACCEPTED', ...answer };
    throw new HttpException(
      { code: 'ANALYTICS_ROWS_REJECTED', message: `${outcome.errors.length} measurements were refused; the others were recorded`, ...answer },
      422,
    );
  }
}
