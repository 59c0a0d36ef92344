/**
 * Google Ads REST, as far as the connector uses it: `googleAds:searchStream` answering the
 * connector's two GAQL queries (hourly metrics by date range; campaigns with their budgets, one
 * or all) in proto3 JSON — camelCase, int64 as strings, split in batches — and
 * `campaigns:mutate` / `campaignBudgets:mutate`. A campaign's budget resource carries its id.
 */
import { type StandInDataset, scaleDecimal, unscale } from './dataset';
import type { Answer, Incoming } from './http';

const SEARCH = /^\/customers\/(\d+)\/googleAds:searchStream$/;
const MUTATE = /^\/customers\/(\d+)\/(campaigns|campaignBudgets):mutate$/;
const BETWEEN = /segments\.date BETWEEN '(\d{4}-\d{2}-\d{2})' AND '(\d{4}-\d{2}-\d{2})'/;
const ONE_CAMPAIGN = /WHERE campaign\.id = (\d+)/;
const BATCH_SIZE = 2;

const batches = (results: unknown[]) => {
  const out: { results: unknown[]; fieldMask: string; requestId: string }[] = [];
  for (let i = 0; i < results.length; i += BATCH_SIZE) out.push({ results: results.slice(i, i + BATCH_SIZE), fieldMask: '', requestId: 'stand-in' });
  return out;
};

const error = (status: number, message: string): Answer => ({ status, body: [{ error: { code: status, message, status: 'INVALID_ARGUMENT' } }] });

export const googleRoutes =
  (data: StandInDataset, credentials: { accessToken: string; developerToken: string }) =>
  (request: Incoming): Answer => {
    if (request.headers.authorization !== `Bearer ${credentials.accessToken}`) return error(401, 'Request is missing required authentication credential.');
    if (request.headers['developer-token'] !== credentials.developerToken) return error(401, 'The developer token is not valid.');
    const search = SEARCH.exec(request.path);
    if (search && request.method === 'POST') return searchStream(data, search[1], String((request.json as { query?: string })?.query ?? ''));
    const mutate = MUTATE.exec(request.path);
    if (mutate && request.method === 'POST') return mutation(data, mutate[2], request);
    return error(404, `no route ${request.method} ${request.path}`);
  };

const searchStream = (data: StandInDataset, customer: string, query: string): Answer => {
  const account = data.account('google', customer);
  if (!account) return error(403, `customer ${customer} is not accessible`);
  const range = BETWEEN.exec(query);
  if (range) {
    const rows = data.metricsOf('google', customer, range[1], range[2]).map((m) => ({
      campaign: { resourceName: `customers/${customer}/campaigns/${m.platformCampaignId}`, id: m.platformCampaignId },
      metrics: {
        impressions: String(m.impressions),
        clicks: String(m.clicks),
        costMicros: scaleDecimal(m.spend, 6),
        conversions: m.conversions,
        conversionsValue: Number(m.revenue),
      },
      segments: { date: m.date, hour: m.hour ?? 0 },
    }));
    return { status: 200, body: batches(rows) };
  }
  const only = ONE_CAMPAIGN.exec(query)?.[1];
  const campaigns = data.campaignsOf('google', customer).filter((c) => !only || c.platformCampaignId === only);
  const rows = campaigns.map((c) => {
    const budget = `customers/${customer}/campaignBudgets/${c.platformCampaignId}`;
    const micros = c.budgetAmount === null ? undefined : scaleDecimal(c.budgetAmount, 6);
    return {
      campaign: {
        resourceName: `customers/${customer}/campaigns/${c.platformCampaignId}`,
        id: c.platformCampaignId,
        name: c.name,
        status: c.status,
        advertisingChannelType: c.objective,
        startDate: c.startDate ?? undefined,
        endDate: c.endDate ?? '2037-12-30',
        campaignBudget: budget,
      },
      campaignBudget:
        c.budgetType === 'lifetime'
          ? { resourceName: budget, period: 'CUSTOM_PERIOD', totalAmountMicros: micros }
          : { resourceName: budget, period: 'DAILY', amountMicros: micros },
    };
  });
  return { status: 200, body: batches(rows) };
};

interface Operation {
  readonly update?: { resourceName?: string; status?: string; amountMicros?: string; totalAmountMicros?: string };
  readonly updateMask?: string;
}

const mutation = (data: StandInDataset, resource: string, request: Incoming): Answer => {
  const [operation] = ((request.json as { operations?: Operation[] })?.operations ?? []) as Operation[];
  const update = operation?.update;
  const id = update?.resourceName?.split('/').pop() ?? '';
  const campaign = data.campaign('google', id);
  if (!update || !campaign) return error(400, `unknown resource ${update?.resourceName ?? '(none)'}`);
  const key = (request.headers['x-idempotency-key'] as string | undefined) ?? null;
  if (resource === 'campaigns') {
    if (!update.status) return error(400, 'only status changes are supported');
    const status = update.status;
    data.recordMutation({ platform: 'google', platformCampaignId: id, change: { status }, idempotencyKey: key }, () => (campaign.status = status));
  } else {
    const micros = update.amountMicros ?? update.totalAmountMicros;
    if (!micros) return error(400, 'only amount changes are supported');
    const amount = unscale(micros, 6);
    data.recordMutation(
      { platform: 'google', platformCampaignId: id, change: { budgetAmount: amount }, idempotencyKey: key },
      () => (campaign.budgetAmount = amount),
    );
  }
  return { status: 200, body: { results: [{ resourceName: update.resourceName }] } };
};
