import campaignsSample from './samples/google-search-stream.campaigns.json';
import metricsSample from './samples/google-search-stream.metrics.json';
import type { PlatformAccount } from './connector';
import { googleCampaign, googleMetricRow, rowsOfStream } from './google-ads.parse';

const account: PlatformAccount = { platform: 'google', platformAccountId: '1234567890', timeZone: 'America/New_York', currency: 'USD' };

// seed 003 data flow: "Platforms → API Connectors → ETL Pipeline … Normalized Metrics".
describe('Google Ads searchStream answers (recorded REST samples)', () => {
  it('reads metrics rows: cost_micros to cents, int64 strings to counts, local date and hour to a UTC bucket', () => {
    const rows = rowsOfStream(metricsSample).map((row) => googleMetricRow(row, account));
    expect(rows).toEqual([
      // 2024-03-10 01:00 EST
      { platformCampaignId: '111', time: '2024-03-10T06:00:00.000Z', impressions: 1500, clicks: 42, spendCents: 1235, conversions: 3, revenueCents: 19_990 },
      // 03:00 EDT, the first hour after the clocks moved forward
      { platformCampaignId: '111', time: '2024-03-10T07:00:00.000Z', impressions: 80, clicks: 3, spendCents: 99, conversions: 0, revenueCents: 0 },
      { platformCampaignId: '222', time: '2024-03-12T03:00:00.000Z', impressions: 7, clicks: 0, spendCents: 0, conversions: 0, revenueCents: 0 },
    ]);
  });

  it('reads the GAQL snake_case names as well as the REST camelCase ones', () => {
    const row = {
      campaign: { id: '5' },
      metrics: { cost_micros: '2500000', impressions: '10', clicks: '1', conversions_value: 3 },
      segments: { date: '2024-01-02', hour: 0 },
    };
    expect(googleMetricRow(row, { ...account, timeZone: 'UTC' })).toEqual({
      platformCampaignId: '5',
      time: '2024-01-02T00:00:00.000Z',
      impressions: 10,
      clicks: 1,
      spendCents: 250,
      conversions: 0,
      revenueCents: 300,
    });
  });

  it('reads campaigns: status, channel as objective, daily or lifetime budget, local dates as instants', () => {
    const campaigns = rowsOfStream(campaignsSample).map((row) => googleCampaign(row, account));
    expect(campaigns).toEqual([
      {
        platformCampaignId: '111',
        name: 'Brand — Search',
        status: 'active',
        objective: 'SEARCH',
        budgetAmount: '50.00',
        budgetType: 'daily',
        startDate: '2024-03-01T05:00:00.000Z',
        endDate: null,
      },
      {
        platformCampaignId: '222',
        name: 'Spring sale',
        status: 'paused',
        objective: 'PERFORMANCE_MAX',
        budgetAmount: '1500.00',
        budgetType: 'lifetime',
        startDate: '2024-03-09T05:00:00.000Z',
        // the end date is inclusive: the campaign runs until the next local midnight (EDT by then)
        endDate: '2024-03-11T04:00:00.000Z',
      },
    ]);
  });

  it('rejects a row without its campaign id with a typed error', () => {
    expect(() => googleMetricRow({ segments: { date: '2024-01-01' }, metrics: {} }, account)).toThrow(
      expect.objectContaining({ code: 'AD_PLATFORM_DATA_INVALID' }),
    );
    expect(() => rowsOfStream({ results: [] })).toThrow(expect.objectContaining({ code: 'AD_PLATFORM_DATA_INVALID' }));
  });
});
