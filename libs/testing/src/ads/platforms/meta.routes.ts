/**
 * Meta's Graph API, as far as the connector uses it: Insights by campaign and day (strings
 * everywhere; conversions and revenue inside `actions` / `action_values`, beside other action
 * types), the account's campaigns (budgets in minor units), reading one campaign's budget, and
 * `POST /<campaign_id>` changes. Lists page by `limit` and an `after` cursor in `paging.next`.
 */
import { type StandInDataset, type StandInMetric, scaleDecimal, unscale } from './dataset';
import type { Answer, Incoming } from './http';

const INSIGHTS = /^\/act_(\d+)\/insights$/;
const CAMPAIGNS = /^\/act_(\d+)\/campaigns$/;
const OBJECT = /^\/(\d+)$/;

const error = (status: number, message: string): Answer => ({ status, body: { error: { message, type: 'OAuthException', code: status === 401 ? 190 : 100 } } });

const minorDigits = (currency: string) =>
  Math.min(2, new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2);

export interface MetaStandInOptions {
  readonly accessToken: string;
  readonly conversionAction: string;
  /** The absolute root the paging.next links start with. */
  readonly baseUrl: () => string;
}

export const metaRoutes =
  (data: StandInDataset, options: MetaStandInOptions) =>
  (request: Incoming): Answer => {
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) return error(401, 'Invalid OAuth access token.');
    const insights = INSIGHTS.exec(request.path);
    if (insights && request.method === 'GET') return page(options, request, insightsOf(data, options, insights[1], request.query));
    const campaigns = CAMPAIGNS.exec(request.path);
    if (campaigns && request.method === 'GET') return page(options, request, campaignsOf(data, campaigns[1]));
    const object = OBJECT.exec(request.path);
    if (object && request.method === 'GET') return readCampaign(data, object[1]);
    if (object && request.method === 'POST') return updateCampaign(data, object[1], request);
    return error(404, `Unsupported request ${request.method} ${request.path}`);
  };

/** A page of `rows` from the `after` cursor, with the next link when more remain. */
const page = (options: MetaStandInOptions, request: Incoming, rows: unknown[] | Answer): Answer => {
  if (!Array.isArray(rows)) return rows;
  const limit = Number(request.query.get('limit') ?? 25);
  const after = Number(request.query.get('after') ?? 0);
  const data = rows.slice(after, after + limit);
  const paging: { cursors: { before: string; after: string }; next?: string } = { cursors: { before: String(after), after: String(after + data.length) } };
  if (after + limit < rows.length) {
    const next = new URLSearchParams(request.query);
    next.set('after', String(after + limit));
    paging.next = `${options.baseUrl()}${request.path}?${next}`;
  }
  return { status: 200, body: { data, paging } };
};

const sumDay = (rows: StandInMetric[]) => {
  const days = new Map<string, StandInMetric[]>();
  for (const row of rows) days.set(`${row.platformCampaignId}|${row.date}`, [...(days.get(`${row.platformCampaignId}|${row.date}`) ?? []), row]);
  return [...days.values()];
};

const sumDecimal = (values: string[]) => unscale(values.reduce((sum, v) => sum + BigInt(scaleDecimal(v, 2)), 0n).toString(), 2);

const insightsOf = (data: StandInDataset, options: MetaStandInOptions, accountId: string, query: URLSearchParams): unknown[] | Answer => {
  if (!data.account('meta', accountId)) return error(400, `Ad account act_${accountId} does not exist`);
  if (query.get('level') !== 'campaign' || query.get('time_increment') !== '1') return error(400, 'the stand-in answers level=campaign&time_increment=1 only');
  const range = JSON.parse(query.get('time_range') ?? '{}') as { since?: string; until?: string };
  if (!range.since || !range.until) return error(400, 'time_range is required');
  return sumDay(data.metricsOf('meta', accountId, range.since, range.until)).map((day) => {
    const [first] = day;
    const conversions = String(day.reduce((sum, m) => sum + m.conversions, 0));
    const revenue = sumDecimal(day.map((m) => m.revenue));
    return {
      campaign_id: first.platformCampaignId,
      date_start: first.date,
      date_stop: first.date,
      spend: sumDecimal(day.map((m) => m.spend)),
      impressions: String(day.reduce((sum, m) => sum + m.impressions, 0)),
      clicks: String(day.reduce((sum, m) => sum + m.clicks, 0)),
      actions: [
        { action_type: 'link_click', value: String(day.reduce((sum, m) => sum + m.clicks, 0)) },
        { action_type: options.conversionAction, value: conversions },
      ],
      action_values: [{ action_type: options.conversionAction, value: revenue }],
    };
  });
};

const campaignsOf = (data: StandInDataset, accountId: string): unknown[] | Answer => {
  const account = data.account('meta', accountId);
  if (!account) return error(400, `Ad account act_${accountId} does not exist`);
  const digits = minorDigits(account.currency);
  return data.campaignsOf('meta', accountId).map((c) => ({
    id: c.platformCampaignId,
    name: c.name,
    status: c.status,
    objective: c.objective,
    ...(c.budgetAmount === null ? {} : { [c.budgetType === 'lifetime' ? 'lifetime_budget' : 'daily_budget']: scaleDecimal(c.budgetAmount, digits) }),
    ...(c.startDate ? { start_time: `${c.startDate}T00:00:00+0000` } : {}),
    ...(c.endDate ? { stop_time: `${c.endDate}T00:00:00+0000` } : {}),
  }));
};

const readCampaign = (data: StandInDataset, id: string): Answer => {
  const campaign = data.campaign('meta', id);
  const account = campaign && data.account('meta', campaign.platformAccountId);
  if (!campaign || !account) return error(400, `Object with ID '${id}' does not exist`);
  const minor = campaign.budgetAmount === null ? undefined : scaleDecimal(campaign.budgetAmount, minorDigits(account.currency));
  return { status: 200, body: { id, ...(campaign.budgetType === 'lifetime' ? { lifetime_budget: minor } : { daily_budget: minor }) } };
};

const updateCampaign = (data: StandInDataset, id: string, request: Incoming): Answer => {
  const campaign = data.campaign('meta', id);
  const account = campaign && data.account('meta', campaign.platformAccountId);
  if (!campaign || !account) return error(400, `Object with ID '${id}' does not exist`);
  const form = new URLSearchParams(request.body);
  const key = (request.headers['x-idempotency-key'] as string | undefined) ?? null;
  const status = form.get('status');
  const budget = form.get('daily_budget') ?? form.get('lifetime_budget');
  if (status) data.recordMutation({ platform: 'meta', platformCampaignId: id, change: { status }, idempotencyKey: key }, () => (campaign.status = status));
  else if (budget) {
    const amount = unscale(budget, minorDigits(account.currency));
    data.recordMutation(
      { platform: 'meta', platformCampaignId: id, change: { budgetAmount: amount }, idempotencyKey: key },
      () => (campaign.budgetAmount = amount),
    );
  } else return error(400, 'nothing to change');
  return { status: 200, body: { success: true } };
};
