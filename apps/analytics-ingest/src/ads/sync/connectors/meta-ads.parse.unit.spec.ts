import campaignsSample from './samples/meta-campaigns.json';
import insightsSample from './samples/meta-insights.page1.json';
import type { PlatformAccount } from './connector';
import { metaCampaign, metaMetricRow } from './meta-ads.parse';

const account: PlatformAccount = { platform: 'meta', platformAccountId: '555', timeZone: 'Europe/Berlin', currency: 'EUR' };
const PURCHASE = 'offsite_conversion.fb_pixel_purchase';

// seed 003 data flow: "Platforms → API Connectors → ETL Pipeline … Normalized Metrics".
describe('Meta Insights answers (recorded Graph API samples)', () => {
  it('reads string spend exactly and takes conversions and revenue from actions / action_values of the purchase type', () => {
    const rows = insightsSample.data.map((row) => metaMetricRow(row, account, PURCHASE));
    expect(rows).toEqual([
      // 2024-10-27 is Berlin's fall-back day: its midnight is still summer time (UTC+2)
      {
        platformCampaignId: '23851234567890123',
        time: '2024-10-26T22:00:00.000Z',
        impressions: 10_234,
        clicks: 321,
        spendCents: 12_345,
        conversions: 7,
        revenueCents: 45_678,
      },
      { platformCampaignId: '23851234567890123', time: '2024-10-27T23:00:00.000Z', impressions: 3, clicks: 0, spendCents: 1, conversions: 0, revenueCents: 0 },
    ]);
  });

  it('counts a configured action type instead of the purchase pixel', () => {
    const [row] = insightsSample.data.map((r) => metaMetricRow(r, account, 'offsite_conversion.fb_pixel_add_to_cart'));
    expect(row).toMatchObject({ conversions: 19, revenueCents: 90_000 });
  });

  it('reads campaigns: budgets in minor units, daily or lifetime, Meta time offsets', () => {
    expect(campaignsSample.data.map((row) => metaCampaign(row, account))).toEqual([
      {
        platformCampaignId: '23851234567890123',
        name: 'Prospecting — Advantage+',
        status: 'active',
        objective: 'OUTCOME_SALES',
        budgetAmount: '150.00',
        budgetType: 'daily',
        startDate: '2024-09-30T22:00:00.000Z',
        endDate: null,
      },
      {
        platformCampaignId: '23851234567890456',
        name: 'Black Friday',
        status: 'paused',
        objective: 'OUTCOME_TRAFFIC',
        budgetAmount: '2500.00',
        budgetType: 'lifetime',
        startDate: '2024-11-20T08:00:00.000Z',
        endDate: '2024-11-30T22:59:59.000Z',
      },
      {
        platformCampaignId: '23851234567890789',
        name: 'Ad set budgets',
        status: 'archived',
        objective: 'OUTCOME_AWARENESS',
        budgetAmount: null,
        budgetType: null,
        startDate: null,
        endDate: null,
      },
    ]);
  });

  it('reads a zero-decimal currency budget as whole units', () => {
    expect(metaCampaign({ id: '1', daily_budget: '5000' }, { ...account, currency: 'JPY' })).toMatchObject({ budgetAmount: '5000.00' });
  });

  it('rejects a row without its campaign with a typed error', () => {
    expect(() => metaMetricRow({ date_start: '2024-01-01' }, account, PURCHASE)).toThrow(expect.objectContaining({ code: 'AD_PLATFORM_DATA_INVALID' }));
  });
});
