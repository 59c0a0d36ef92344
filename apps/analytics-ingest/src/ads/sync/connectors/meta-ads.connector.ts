/**
 * Meta's Marketing API (Graph API): campaign-level Insights by day
 * (`/act_<id>/insights?level=campaign&time_increment=1`), the account's campaigns, and changes by
 * `POST /<campaign_id>` (status, or the budget in the currency's minor units). Pages are followed
 * through `paging.next`, only while it points at the configured API root (it carries the token).
 */
import type { AdPlatformConnector, MetricWindow, MutationOptions, PlatformAccount, PlatformCampaign, PlatformMetricRow } from './connector';
import { AdPlatformError, PlatformDataError } from './connector.errors';
import { type ConnectorSettings, credentialsFor, httpSettingsOf } from './connector.settings';
import { type MetaCampaignRow, metaCampaign, type MetaInsightsRow, metaMetricRow, type MetaPage } from './meta-ads.parse';
import { centsToMinorUnits } from './money';
import { PlatformHttp } from './platform-http';
import { localDateRange } from './zoned-time';

export const INSIGHTS_FIELDS = 'campaign_id,date_start,date_stop,spend,impressions,clicks,actions,action_values';
const CAMPAIGN_FIELDS = 'id,name,status,objective,daily_budget,lifetime_budget,start_time,stop_time';
/** A runaway pager (a platform bug) stops here rather than looping. */
const MAX_PAGES = 10_000;

const ID = /^\d+$/;

const metaId = (value: string, what: string): string => {
  const plain = value.replace(/^act_/, '');
  if (!ID.test(plain)) throw new AdPlatformError('AD_PLATFORM_REQUEST_REJECTED', `${what} is not a Meta id: ${value}`);
  return plain;
};

export class MetaAdsConnector implements AdPlatformConnector {
  readonly platform = 'meta';
  private readonly http: PlatformHttp;

  constructor(private readonly settings: ConnectorSettings) {
    this.http = new PlatformHttp('meta', httpSettingsOf(settings));
  }

  async fetchMetrics(account: PlatformAccount, window: MetricWindow): Promise<PlatformMetricRow[]> {
    const { since, until } = localDateRange(window.start, window.end, account.timeZone);
    const query = new URLSearchParams({
      level: 'campaign',
      time_increment: '1',
      fields: INSIGHTS_FIELDS,
      time_range: JSON.stringify({ since, until }),
      limit: String(this.settings.ADS_META_PAGE_SIZE),
    });
    const rows = await this.pages<MetaInsightsRow>(account, `/act_${metaId(account.platformAccountId, 'ad account id')}/insights?${query}`);
    return rows.map((row) => metaMetricRow(row, account, this.settings.ADS_META_CONVERSION_ACTION));
  }

  async listCampaigns(account: PlatformAccount): Promise<PlatformCampaign[]> {
    const query = new URLSearchParams({ fields: CAMPAIGN_FIELDS, limit: String(this.settings.ADS_META_PAGE_SIZE) });
    const rows = await this.pages<MetaCampaignRow>(account, `/act_${metaId(account.platformAccountId, 'ad account id')}/campaigns?${query}`);
    return rows.map((row) => metaCampaign(row, account));
  }

  async pauseCampaign(account: PlatformAccount, platformCampaignId: string, options: MutationOptions): Promise<void> {
    await this.update(account, platformCampaignId, { status: 'PAUSED' }, options);
  }

  /** A campaign with a lifetime budget keeps that type; any other gets a daily budget. */
  async setCampaignBudget(account: PlatformAccount, platformCampaignId: string, amountCents: bigint, options: MutationOptions): Promise<void> {
    const id = metaId(platformCampaignId, 'campaign id');
    const current = await this.http.json<MetaCampaignRow>({
      method: 'GET',
      url: `${this.settings.ADS_META_BASE_URL}/${id}?fields=daily_budget,lifetime_budget`,
      headers: this.headers(account),
    });
    const lifetime = !!current.lifetime_budget && current.lifetime_budget !== '0';
    const minor = centsToMinorUnits(amountCents, account.currency);
    await this.update(account, id, lifetime ? { lifetime_budget: minor } : { daily_budget: minor }, options);
  }

  private async update(account: PlatformAccount, platformCampaignId: string, form: Record<string, string>, options: MutationOptions): Promise<void> {
    const answer = await this.http.json<{ success?: boolean }>({
      method: 'POST',
      url: `${this.settings.ADS_META_BASE_URL}/${metaId(platformCampaignId, 'campaign id')}`,
      headers: { ...this.headers(account), 'x-idempotency-key': options.idempotencyKey },
      form,
    });
    if (answer.success !== true) throw new AdPlatformError('AD_PLATFORM_REQUEST_REJECTED', `meta did not confirm the change of campaign ${platformCampaignId}`);
  }

  /** Every row of a paged edge. */
  private async pages<T>(account: PlatformAccount, path: string): Promise<T[]> {
    const rows: T[] = [];
    let url: string | undefined = `${this.settings.ADS_META_BASE_URL}${path}`;
    for (let page = 0; url; page++) {
      if (page >= MAX_PAGES) throw new PlatformDataError(`meta paging did not end after ${MAX_PAGES} pages`);
      const answer: MetaPage<T> = await this.http.json<MetaPage<T>>({ method: 'GET', url, headers: this.headers(account) });
      if (!Array.isArray(answer.data)) throw new PlatformDataError('meta answer without a data list');
      rows.push(...answer.data);
      url = this.nextPage(answer.paging?.next);
    }
    return rows;
  }

  private nextPage(next: string | undefined): string | undefined {
    if (!next) return undefined;
    if (!next.startsWith(`${this.settings.ADS_META_BASE_URL}/`)) throw new PlatformDataError(`meta paging.next leaves the API root: ${new URL(next).origin}`);
    return next;
  }

  private headers(account: PlatformAccount): Record<string, string> {
    return { authorization: `Bearer ${credentialsFor(this.settings, 'meta', account.platformAccountId).accessToken}` };
  }
}
