/** Validation of the query API's parameters: every bad value is a 400 that names it. */
import { outreach } from '@campaign/domain';
import { BadRequestException } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ORDER_BY = ['created_at', 'updated_at', 'name', 'start_date', 'end_date', 'response_rate', 'contacts_reached'] as const;

const invalid = (name: string, message: string) =>
  new BadRequestException({ code: 'INVALID_QUERY', message: `${name} ${message}`, details: { parameter: name } });

export const oneOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | null => {
  if (value === undefined) return null;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(name, `must be one of ${allowed.join(', ')}`);
  return value as T;
};

export const uuidParam = (name: string, value: string | undefined): string | null => {
  if (value === undefined) return null;
  if (!UUID.test(value)) throw invalid(name, 'must be a UUID');
  return value;
};

export const intParam = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) throw invalid(name, `must be an integer from ${min} to ${max}`);
  return n;
};

export interface ListQuery {
  readonly status?: string;
  readonly campaign_type?: string;
  readonly channel?: string;
  readonly owner_id?: string;
  readonly orderBy?: string;
  readonly order?: string;
  readonly limit?: string;
  readonly offset?: string;
}

const KNOWN = new Set(['status', 'campaign_type', 'channel', 'owner_id', 'orderBy', 'order', 'limit', 'offset']);

/** seed 004 API Examples: campaign.list({ status, campaign_type, orderBy, order }) plus channel, owner and paging. */
export const parseListQuery = (query: ListQuery & Record<string, unknown>) => {
  const unknown = Object.keys(query).filter((key) => !KNOWN.has(key));
  if (unknown.length > 0) throw invalid(unknown[0], `is not a parameter of this endpoint (use ${[...KNOWN].join(', ')})`);
  for (const [key, value] of Object.entries(query)) if (typeof value !== 'string') throw invalid(key, 'must be given once');
  return {
    status: oneOf('status', query.status, outreach.CAMPAIGN_STATUSES),
    campaignType: oneOf('campaign_type', query.campaign_type, outreach.CAMPAIGN_TYPES),
    channel: oneOf('channel', query.channel, outreach.CHANNELS),
    ownerId: uuidParam('owner_id', query.owner_id),
    orderBy: oneOf('orderBy', query.orderBy, ORDER_BY) ?? 'created_at',
    order: oneOf('order', query.order, ['asc', 'desc'] as const) ?? 'desc',
    limit: intParam('limit', query.limit, 50, 1, 500),
    offset: intParam('offset', query.offset, 0, 0, 1_000_000_000),
  };
};
