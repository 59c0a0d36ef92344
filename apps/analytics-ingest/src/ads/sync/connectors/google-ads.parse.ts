/**
 * Google Ads' REST answers (googleAds:searchStream) read into the connector's shapes. The REST
 * API writes proto3 JSON: camelCase names (`metrics.costMicros` for GAQL's
 * `metrics.cost_micros`) and int64 fields as strings; the snake_case names are read too, which
 * proto3 JSON parsers also accept.
 */
import type { PlatformAccount, PlatformCampaign, PlatformMetricRow } from './connector';
import { PlatformDataError } from './connector.errors';
import { decimalToCents, microsToCents, toWhole } from './money';
import { nextDate, zonedToUtc } from './zoned-time';

export type GoogleRow = Record<string, Record<string, unknown> | undefined>;

/** searchStream answers a JSON array of batches, each with its `results`. */
export interface GoogleStreamBatch {
  readonly results?: readonly GoogleRow[];
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `row.resource.field`, by its camelCase or snake_case name. */
const field = (row: GoogleRow, resource: string, name: string): unknown => {
  const object = row[resource] ?? row[snake(resource)];
  return object?.[name] ?? object?.[snake(name)];
};

const required = (row: GoogleRow, resource: string, name: string): unknown => {
  const value = field(row, resource, name);
  if (value === undefined || value === null) throw new PlatformDataError(`google row without ${resource}.${snake(name)}`);
  return value;
};

/** A count: proto3 JSON writes int64 as a string, absent when zero. */
const count = (row: GoogleRow, name: string): number => toWhole(field(row, 'metrics', name) ?? 0, `metrics.${snake(name)}`);

export const rowsOfStream = (batches: unknown): GoogleRow[] => {
  if (!Array.isArray(batches)) throw new PlatformDataError('google searchStream answer is not an array of batches');
  return (batches as GoogleStreamBatch[]).flatMap((batch) => [...(batch.results ?? [])]);
};

/**
 * A metrics row: `segments.date` and `segments.hour` are the account's local day and hour, so
 * the bucket is that local hour's start in UTC; cost in micros; conversions and their value are
 * doubles (attributed conversions may be fractional: rounded to the seed's INTEGER).
 */
export const googleMetricRow = (row: GoogleRow, account: PlatformAccount): PlatformMetricRow => {
  const date = String(required(row, 'segments', 'date'));
  const hour = toWhole(field(row, 'segments', 'hour') ?? 0, 'segments.hour');
  return {
    platformCampaignId: String(required(row, 'campaign', 'id')),
    time: zonedToUtc(date, hour, account.timeZone).toISOString(),
    impressions: count(row, 'impressions'),
    clicks: count(row, 'clicks'),
    spendCents: microsToCents(field(row, 'metrics', 'costMicros') ?? 0, 'metrics.cost_micros'),
    conversions: toWhole(field(row, 'metrics', 'conversions') ?? 0, 'metrics.conversions'),
    revenueCents: decimalToCents(field(row, 'metrics', 'conversionsValue') ?? 0, 'metrics.conversions_value'),
  };
};

/** Google writes a campaign without an end as ending on 2037-12-30. */
const NO_END_DATE = '2037-12-30';

/** The statuses in the words the ads context uses for every platform (lower case; Google's ENABLED is active). */
const STATUS: Record<string, string> = { ENABLED: 'active', PAUSED: 'paused', REMOVED: 'removed' };

const microsToAmount = (micros: unknown, name: string): string => {
  const cents = microsToCents(micros, name);
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
};

/** The campaign's budget: a daily amount, or a total for a custom period (lifetime). */
const budgetOf = (row: GoogleRow): Pick<PlatformCampaign, 'budgetAmount' | 'budgetType'> => {
  const period = field(row, 'campaignBudget', 'period');
  const total = field(row, 'campaignBudget', 'totalAmountMicros');
  const amount = field(row, 'campaignBudget', 'amountMicros');
  if (period === 'CUSTOM_PERIOD' && total !== undefined)
    return { budgetAmount: microsToAmount(total, 'campaign_budget.total_amount_micros'), budgetType: 'lifetime' };
  if (amount !== undefined) return { budgetAmount: microsToAmount(amount, 'campaign_budget.amount_micros'), budgetType: 'daily' };
  return { budgetAmount: null, budgetType: null };
};

/**
 * A campaign row. Its start and end are local dates of the account: the start is that day's
 * first instant, the end the instant after its last day (so a one-day campaign ends after it starts).
 */
export const googleCampaign = (row: GoogleRow, account: PlatformAccount): PlatformCampaign => {
  const status = String(field(row, 'campaign', 'status') ?? 'unknown');
  const start = field(row, 'campaign', 'startDate') as string | undefined;
  const end = field(row, 'campaign', 'endDate') as string | undefined;
  return {
    platformCampaignId: String(required(row, 'campaign', 'id')),
    name: String(field(row, 'campaign', 'name') ?? ''),
    status: STATUS[status] ?? status.toLowerCase(),
    objective: (field(row, 'campaign', 'advertisingChannelType') as string | undefined) ?? null,
    ...budgetOf(row),
    startDate: start ? zonedToUtc(start, 0, account.timeZone).toISOString() : null,
    endDate: end && end !== NO_END_DATE ? zonedToUtc(nextDate(end), 0, account.timeZone).toISOString() : null,
  };
};

/** The budget resource a campaign uses (`customers/1/campaignBudgets/2`), for a budget change. */
export const budgetResourceOf = (row: GoogleRow): string => String(required(row, 'campaign', 'campaignBudget'));
