/**
 * The ads context's part of the hostile-input suite (issue 12, seed 003): its HTTP routes with a
 * request each would take, the metric rows the bulk doors (HTTP JSON/NDJSON/CSV and the Kafka
 * `ads.metric-imports` topic) must refuse row by row, and the instants no ads command may carry.
 * Placeholders (`:adAccountId`, `:adCampaignId`, `:adPlatformAccountId`, `:adPlatformCampaignId`,
 * `:ghostId`, `:alertType`) are the suite's fixtures.
 */
import type { Rng, Route } from './hostile';

/** The body limit of `POST /v1/ads/metrics` (ADS_PUSH_MAX_BYTES' default). */
export const METRICS_BODY_LIMIT = 16 * 1_048_576;

const adsCommand = (method: Route['method'], path: string, body: Record<string, unknown>): Route => ({
  app: 'campaign-command',
  method,
  path: `/v1/ads${path}`,
  door: 'ads',
  body,
});
const adsQuery = (path: string, params?: Record<string, string>): Route => ({
  app: 'projection',
  method: 'GET',
  path: `/v1/ads${path}`,
  door: 'ads-read',
  query: params,
});
const adsMetricsQuery = (path: string, params?: Record<string, string>): Route => ({
  app: 'projection',
  method: 'GET',
  path: `/v1/ads${path}`,
  door: 'ads-tenant',
  query: params,
});

/** A metric row of the org's campaign, as the push doors take it (seed 003 campaign_metrics columns). */
export const goodMetricRow = (time: string): Record<string, unknown> => ({
  platform: 'google',
  platform_campaign_id: ':adPlatformCampaignId',
  time,
  impressions: 1000,
  clicks: 20,
  spend: '10.00',
  conversions: 1,
  revenue: '40.00',
  currency: 'USD',
});

/** The start of a 15-minute bucket two hours ago: a time any push takes. */
export const recentBucket = (): string => new Date(Math.floor((Date.now() - 2 * 3_600_000) / 900_000) * 900_000).toISOString();

/** Every ads route of campaign-command, analytics-ingest and the projection (their controllers and the OpenAPI). */
export const adsRoutes = (): Route[] => [
  adsCommand('POST', '/accounts', {
    platform: 'google',
    platform_account_id: ':adPlatformAccountId',
    name: 'Hostile account',
    currency: 'USD',
    time_zone: 'America/New_York',
  }),
  adsCommand('DELETE', '/accounts/:adAccountId', {}),
  adsCommand('POST', '/accounts/:adAccountId/syncs', { window_days: 3 }),
  adsCommand('POST', '/campaigns', {
    account_id: ':adAccountId',
    platform: 'google',
    platform_campaign_id: ':adPlatformCampaignId',
    name: 'Search — brand',
    status: 'active',
    objective: 'SALES',
    budget_amount: '300.00',
    budget_type: 'daily',
    start_date: '2026-01-01T00:00:00Z',
    end_date: '2027-01-01T00:00:00Z',
  }),
  adsCommand('POST', '/budgets', {
    period_start: '2026-06-01',
    period_end: '2026-07-01',
    total_budget: '5000.00',
    allocations: { google: '3000.00', meta: '1500.00' },
  }),
  adsCommand('PUT', '/guardrails', { autonomous_enabled: false, confidence_floor: 0.8, max_change_per_action: '50.00', max_change_per_day: '500.00' }),
  ...['acknowledge', 'resolve'].map((action) => adsCommand('POST', `/alerts/:adCampaignId/:alertType/${action}`, { alert_id: ':ghostId' })),
  adsCommand('POST', '/recommendations/:ghostId/accept', { execute: true }),
  adsCommand('POST', '/recommendations/:ghostId/reject', {}),
  adsCommand('POST', '/actions', {
    campaign_id: ':adCampaignId',
    action_type: 'PAUSE',
    platform: 'google',
    previous_state: { status: 'active' },
    new_state: { status: 'paused' },
    reasoning: 'spends without converting',
    confidence: 0.9,
    change_amount: '300.00',
  }),
  ...['approve', 'reject'].map((action) => adsCommand('POST', `/actions/:ghostId/${action}`, {})),
  {
    app: 'analytics-ingest',
    method: 'POST',
    path: '/v1/ads/metrics',
    door: 'ads',
    query: { platform: 'google' },
    body: { rows: [goodMetricRow(':bucket')] },
    bodyLimitBytes: METRICS_BODY_LIMIT,
  },
  adsQuery('/recommendations', { status: 'pending', limit: '10' }),
  adsQuery('/actions', { hours: '24', limit: '10' }),
  adsQuery('/alerts', { active: 'true', limit: '10' }),
  adsQuery('/budgets', { limit: '10' }),
  adsQuery('/campaigns', { platform: 'google', status: 'active', limit: '10', offset: '0' }),
  adsQuery('/campaigns/:adCampaignId'),
  adsQuery('/realtime'),
  adsMetricsQuery('/performance', { days: '7' }),
  adsMetricsQuery('/campaigns/:adCampaignId/performance', { bucket: 'day', from: '2026-01-01T00:00:00Z', to: '2026-01-08T00:00:00Z' }),
];

// ---------------------------------------------------------------------------------------------
// Metric rows

export interface BadRow {
  readonly name: string;
  /** The row as JSON/NDJSON sends it (CSV sends its cells' text). */
  readonly row: unknown;
}

/**
 * Rows every push door must refuse with a typed per-row error: wrong types, values beyond the
 * seed's columns, unaligned or out-of-range buckets, another org's (or no) campaign, prototype
 * names, rows that are no object. `count` of them, the fixed ones first, then sampled.
 */
export const badMetricRows = (rng: Rng, time: string, count: number): BadRow[] => {
  const good = goodMetricRow(time);
  const spoil = (name: string, changes: Record<string, unknown>): BadRow => ({ name, row: { ...good, ...changes } });
  const without = (field: string): BadRow => ({ name: `no ${field}`, row: Object.fromEntries(Object.entries(good).filter(([k]) => k !== field)) });
  const fixed: BadRow[] = [
    ...['platform', 'platform_campaign_id', 'time', 'impressions', 'clicks', 'spend', 'conversions', 'revenue'].map(without),
    spoil('impressions an object', { impressions: { $gt: 0 } }),
    spoil('clicks an array', { clicks: [1, 2] }),
    spoil('spend a boolean', { spend: true }),
    spoil('conversions a fraction', { conversions: 2.5 }),
    spoil('conversions negative', { conversions: -1 }),
    spoil('impressions past 2^53', { impressions: 2 ** 60 }),
    spoil('clicks 1e308', { clicks: 1e308 }),
    spoil('clicks past INTEGER', { clicks: 2 ** 31 }),
    spoil('spend with three decimals', { spend: '1.005' }),
    spoil('spend negative', { spend: '-5.00' }),
    spoil('spend past DECIMAL(15,2)', { spend: '99999999999999.00' }),
    spoil('revenue NaN', { revenue: 'NaN' }),
    spoil('revenue Infinity', { revenue: 'Infinity' }),
    spoil('revenue in exponent form', { revenue: '1e3' }),
    spoil('an unknown platform', { platform: 'myspace' }),
    spoil('a prototype name as platform', { platform: 'constructor' }),
    spoil('a prototype name as campaign', { platform_campaign_id: '__proto__' }),
    spoil('a campaign nobody registered', { platform_campaign_id: `9${rng.int(100_000_000, 999_999_999)}` }),
    spoil('time not on a 15-minute bucket', { time: new Date(Date.parse(time) + 60_000).toISOString() }),
    spoil('time without a zone', { time: time.replace('Z', '') }),
    spoil('time in year 0', { time: '0000-01-01T00:00:00Z' }),
    spoil('time past 2999', { time: '9999-12-31T23:45:00Z' }),
    spoil('time before 2000', { time: '1999-12-31T23:45:00Z' }),
    spoil('time a number', { time: Date.parse(time) }),
    spoil('another currency', { currency: 'EUR' }),
    spoil('a currency that is none', { currency: 'US Dollars' }),
    spoil('a campaignId not the pair', { campaignId: '00000000-0000-4000-8000-000000000000' }),
    spoil('a KPI past its column (ctr ≥ 10)', { impressions: 1, clicks: 100 }),
    spoil('roas past DECIMAL(10,4)', { spend: '0.01', revenue: '99999999.00' }),
    { name: 'null', row: null },
    { name: 'a number', row: 5 },
    { name: 'a string', row: 'google,1,2' },
    { name: 'an array', row: [good] },
  ];
  const sampled = Array.from({ length: Math.max(0, count - fixed.length) }, () => {
    const field = rng.pick(['impressions', 'clicks', 'conversions', 'spend', 'revenue'] as const);
    // Each value is wrong for every one of the five fields: negative, no number, a third decimal, no scalar.
    const value = rng.pick([-rng.int(1, 1_000), rng.word(), rng.int(1, 9) + 0.125, `-${rng.int(1, 99)}.${rng.int(100, 999)}`, {}]);
    return spoil(`${field} ${JSON.stringify(value)}`, { [field]: value });
  });
  return [...fixed, ...sampled].slice(0, count);
};

/** CSV text of rows (the header from the good row); a cell that is no scalar is written as its JSON. */
export const csvOf = (rows: readonly Record<string, unknown>[]): string => {
  const header = Object.keys(rows[0]);
  const cell = (value: unknown) => {
    const text = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header.join(','), ...rows.map((row) => header.map((key) => cell(row[key])).join(','))].join('\n');
};

// ---------------------------------------------------------------------------------------------
// Instants

/** Instants (seed 003: TIMESTAMP) no ads command may carry: outside [2000, 3000), or none at all. */
export const adsOutOfRangeInstants = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '1999-12-31T23:59:59Z',
  '3000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2026-02-30T00:00:00Z',
  'now',
] as const;

/** Dates (seed 003 budget_allocations.period_start/end DATE) outside [2000, 3000), or none. */
export const adsOutOfRangeDates = ['0000-01-01', '0001-01-01', '1999-12-31', '3000-01-01', '9999-12-31', '10000-01-01', '2026-02-30', '2026-13-01'] as const;
