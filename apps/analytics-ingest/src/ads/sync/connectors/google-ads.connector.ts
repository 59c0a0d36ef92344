/**
 * Google Ads through its REST interface: reports with GAQL on `googleAds:searchStream`,
 * changes with `campaigns:mutate` and `campaignBudgets:mutate`. Every request carries the
 * developer token and the OAuth bearer token (and login-customer-id when access goes through
 * a manager account).
 */
import type { AdPlatformConnector, MetricWindow, MutationOptions, PlatformAccount, PlatformCampaign, PlatformMetricRow } from './connector';
import { AdPlatformError } from './connector.errors';
import { type ConnectorSettings, credentialsFor, httpSettingsOf } from './connector.settings';
import { budgetResourceOf, type GoogleRow, googleCampaign, googleMetricRow, rowsOfStream } from './google-ads.parse';
import { centsToMicros } from './money';
import { PlatformHttp } from './platform-http';
import { localDateRange } from './zoned-time';

/** Hourly figures: segments.hour splits each local day into its hours. */
export const metricsQuery = (since: string, until: string): string =>
  [
    'SELECT campaign.id, segments.date, segments.hour, metrics.impressions, metrics.clicks,',
    'metrics.cost_micros, metrics.conversions, metrics.conversions_value',
    `FROM campaign WHERE segments.date BETWEEN '${since}' AND '${until}'`,
  ].join(' ');

export const CAMPAIGNS_QUERY = [
  'SELECT campaign.id, campaign.name, campaign.status, campaign.advertising_channel_type,',
  'campaign.start_date, campaign.end_date, campaign.campaign_budget,',
  'campaign_budget.amount_micros, campaign_budget.total_amount_micros, campaign_budget.period',
  'FROM campaign',
].join(' ');

const DIGITS = /^\d+$/;

/** Ids go into GAQL and URLs: digits only, as Google's are. */
const digits = (value: string, what: string): string => {
  const plain = value.replace(/-/g, '');
  if (!DIGITS.test(plain)) throw new AdPlatformError('AD_PLATFORM_REQUEST_REJECTED', `${what} is not a Google Ads id: ${value}`);
  return plain;
};

export class GoogleAdsConnector implements AdPlatformConnector {
  readonly platform = 'google';
  private readonly http: PlatformHttp;

  constructor(private readonly settings: ConnectorSettings) {
    this.http = new PlatformHttp('google', httpSettingsOf(settings));
  }

  async fetchMetrics(account: PlatformAccount, window: MetricWindow): Promise<PlatformMetricRow[]> {
    const { since, until } = localDateRange(window.start, window.end, account.timeZone);
    const rows = await this.search(account, metricsQuery(since, until));
    return rows.map((row) => googleMetricRow(row, account));
  }

  async listCampaigns(account: PlatformAccount): Promise<PlatformCampaign[]> {
    return (await this.search(account, CAMPAIGNS_QUERY)).map((row) => googleCampaign(row, account));
  }

  async pauseCampaign(account: PlatformAccount, platformCampaignId: string, options: MutationOptions): Promise<void> {
    const customer = digits(account.platformAccountId, 'customer id');
    const resourceName = `customers/${customer}/campaigns/${digits(platformCampaignId, 'campaign id')}`;
    await this.mutate(account, 'campaigns', { update: { resourceName, status: 'PAUSED' }, updateMask: 'status' }, options);
  }

  /** The amount goes on the campaign's budget resource (daily `amount_micros`, or the custom period's total). */
  async setCampaignBudget(account: PlatformAccount, platformCampaignId: string, amountCents: bigint, options: MutationOptions): Promise<void> {
    const id = digits(platformCampaignId, 'campaign id');
    const [row] = await this.search(account, `${CAMPAIGNS_QUERY} WHERE campaign.id = ${id}`);
    if (!row) throw new AdPlatformError('AD_PLATFORM_REQUEST_REJECTED', `google campaign ${id} not found in customer ${account.platformAccountId}`);
    const lifetime = googleCampaign(row, account).budgetType === 'lifetime';
    const update = lifetime
      ? { update: { resourceName: budgetResourceOf(row), totalAmountMicros: centsToMicros(amountCents) }, updateMask: 'total_amount_micros' }
      : { update: { resourceName: budgetResourceOf(row), amountMicros: centsToMicros(amountCents) }, updateMask: 'amount_micros' };
    await this.mutate(account, 'campaignBudgets', update, options);
  }

  private async search(account: PlatformAccount, query: string): Promise<GoogleRow[]> {
    const customer = digits(account.platformAccountId, 'customer id');
    const batches = await this.http.json<unknown>({
      method: 'POST',
      url: `${this.settings.ADS_GOOGLE_BASE_URL}/customers/${customer}/googleAds:searchStream`,
      headers: this.headers(account),
      json: { query },
    });
    return rowsOfStream(batches);
  }

  private async mutate(account: PlatformAccount, resource: 'campaigns' | 'campaignBudgets', operation: unknown, options: MutationOptions): Promise<void> {
    const customer = digits(account.platformAccountId, 'customer id');
    await this.http.json({
      method: 'POST',
      url: `${this.settings.ADS_GOOGLE_BASE_URL}/customers/${customer}/${resource}:mutate`,
      headers: { ...this.headers(account), 'x-idempotency-key': options.idempotencyKey },
      json: { operations: [operation] },
    });
  }

  private headers(account: PlatformAccount): Record<string, string> {
    const credentials = credentialsFor(this.settings, 'google', account.platformAccountId);
    if (!credentials.developerToken)
      throw new AdPlatformError('AD_PLATFORM_NOT_CONFIGURED', `no developer token for google account ${account.platformAccountId}`);
    return {
      authorization: `Bearer ${credentials.accessToken}`,
      'developer-token': credentials.developerToken,
      ...(credentials.loginCustomerId ? { 'login-customer-id': digits(credentials.loginCustomerId, 'login customer id') } : {}),
    };
  }
}
