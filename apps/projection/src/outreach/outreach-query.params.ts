/** Validation of the outreach query API's parameters: every bad value is a 400 that names it. */
import { outreach } from '@campaign/domain';
import { intParam, invalid, oneOf, uuidParam as requiredUuid } from '../shared/query-params';

export const ORDER_BY = ['created_at', 'updated_at', 'name', 'start_date', 'end_date', 'response_rate', 'contacts_reached'] as const;

export const uuidParam = (name: string, value: string | undefined): string | null => (value === undefined ? null : requiredUuid(name, value));

export interface ListQuery {
  readonly status?: string;
  readonly campaign_type?: string;
  readonly channel?: string;
  readonly owner_id?: string;
  readonly name?: string;
  readonly start_date_from?: string;
  readonly end_date_to?: string;
  readonly orderBy?: string;
  readonly order?: string;
  readonly limit?: string;
  readonly offset?: string;
}

const KNOWN = new Set(['status', 'campaign_type', 'channel', 'owner_id', 'name', 'start_date_from', 'end_date_to', 'orderBy', 'order', 'limit', 'offset']);

/** Several values at once, comma-separated (`status=active,paused`), each one of `allowed`. */
export const listOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T[] | null => {
  if (value === undefined) return null;
  const values = value.split(',').map((v) => v.trim());
  for (const v of values)
    if (!(allowed as readonly string[]).includes(v)) throw invalid(name, `must be one or more (comma-separated) of ${allowed.join(', ')}`);
  return [...new Set(values)] as T[];
};

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export const dateParam = (name: string, value: string | undefined): string | null => {
  if (value === undefined) return null;
  const at = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== value) {
    throw invalid(name, 'must be a date YYYY-MM-DD');
  }
  return value;
};

/** seed 004 name — "Searchable: Yes": part of a name, 1–200 characters. */
export const searchParam = (name: string, value: string | undefined): string | null => {
  if (value === undefined) return null;
  // U+0000 and lone surrogates never get here: the HTTP door refuses them (INVALID_TEXT).
  if (value.trim().length === 0 || value.length > 200) throw invalid(name, 'must be 1 to 200 characters of text');
  return value.trim();
};

/**
 * seed 004 API Examples: campaign.list({ status, campaign_type, orderBy, order }), plus what the
 * Index Usage queries filter on — several statuses at once, a date range (start_date >= from AND
 * end_date <= to, as the seed's query reads) — the owner, a search by name, and paging.
 */
export const parseListQuery = (query: ListQuery & Record<string, unknown>) => {
  const unknown = Object.keys(query).filter((key) => !KNOWN.has(key));
  if (unknown.length > 0) throw invalid(unknown[0], `is not a parameter of this endpoint (use ${[...KNOWN].join(', ')})`);
  for (const [key, value] of Object.entries(query)) if (typeof value !== 'string') throw invalid(key, 'must be given once');
  const startDateFrom = dateParam('start_date_from', query.start_date_from);
  const endDateTo = dateParam('end_date_to', query.end_date_to);
  if (startDateFrom !== null && endDateTo !== null && startDateFrom > endDateTo) throw invalid('start_date_from', 'must not be after end_date_to');
  return {
    statuses: listOf('status', query.status, outreach.CAMPAIGN_STATUSES),
    campaignTypes: listOf('campaign_type', query.campaign_type, outreach.CAMPAIGN_TYPES),
    channel: oneOf('channel', query.channel, outreach.CHANNELS),
    ownerId: uuidParam('owner_id', query.owner_id),
    name: searchParam('name', query.name),
    startDateFrom,
    endDateTo,
    orderBy: oneOf('orderBy', query.orderBy, ORDER_BY) ?? 'created_at',
    order: oneOf('order', query.order, ['asc', 'desc'] as const) ?? 'desc',
    limit: intParam('limit', query.limit, 50, 1, 500),
    offset: intParam('offset', query.offset, 0, 0, 1_000_000_000),
  };
};

export type ListFilter = ReturnType<typeof parseListQuery>;

/** LIKE's own characters in a search are matched literally. */
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause of campaign.list and its parameters ($1…$7); RLS adds the caller's org. */
export const listWhere = (q: ListFilter) => ({
  sql: `($1::text[] IS NULL OR status = ANY($1)) AND ($2::text[] IS NULL OR campaign_type = ANY($2))
    AND ($3::text IS NULL OR channel = $3) AND ($4::uuid IS NULL OR owner_id = $4)
    AND ($5::text IS NULL OR name ILIKE $5) AND ($6::date IS NULL OR start_date >= $6) AND ($7::date IS NULL OR end_date <= $7)`,
  params: [q.statuses, q.campaignTypes, q.channel, q.ownerId, q.name === null ? null : likePattern(q.name), q.startDateFrom, q.endDateTo] as unknown[],
});
