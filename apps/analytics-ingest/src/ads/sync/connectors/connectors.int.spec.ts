import { AdPlatformsStandIn } from '@campaign/testing';
import { GOOGLE_CUSTOMER, META_ACCOUNT, seedStandIn, standInSettings } from '../testing';
import type { PlatformAccount } from './connector';
import { AdPlatformConnectors } from './connectors';
import { zonedToUtc } from './zoned-time';

const google: PlatformAccount = { platform: 'google', platformAccountId: GOOGLE_CUSTOMER, timeZone: 'America/New_York', currency: 'USD' };
const meta: PlatformAccount = { platform: 'meta', platformAccountId: META_ACCOUNT, timeZone: 'Europe/Berlin', currency: 'EUR' };
const windowOf = (account: PlatformAccount) => ({ start: zonedToUtc('2024-03-09', 0, account.timeZone), end: zonedToUtc('2024-03-12', 0, account.timeZone) });

// seed 003 data flow: "Platforms → API Connectors": the adapters' real HTTP code against the local stand-in.
describe('platform connectors against the stand-in platforms', () => {
  let standIn: AdPlatformsStandIn;
  let connectors: AdPlatformConnectors;

  beforeEach(async () => {
    standIn = await AdPlatformsStandIn.start();
    seedStandIn(standIn);
    connectors = AdPlatformConnectors.fromSettings(standInSettings(standIn, { ADS_META_PAGE_SIZE: '2' }));
  });

  afterEach(() => standIn.close());

  it('reads a Google window as hourly UTC buckets in cents, with its developer token and bearer token', async () => {
    const rows = await connectors.of('google').fetchMetrics(google, windowOf(google));
    expect(rows).toHaveLength(9);
    expect(rows).toContainEqual({
      platformCampaignId: '111',
      time: '2024-03-10T06:00:00.000Z',
      impressions: 1000,
      clicks: 40,
      spendCents: 1234,
      conversions: 2,
      revenueCents: 6050,
    });
    const [request] = standIn.data.requests;
    expect(request.headers['developer-token']).toBe(standIn.credentials.googleDeveloperToken);
    expect(request.headers.authorization).toBe(`Bearer ${standIn.credentials.googleAccessToken}`);
    expect(JSON.parse(request.body).query).toContain("segments.date BETWEEN '2024-03-09' AND '2024-03-11'");
  });

  it('reads a Meta window by day, following paging.next to the last page', async () => {
    const rows = await connectors.of('meta').fetchMetrics(meta, windowOf(meta));
    expect(rows).toHaveLength(6);
    expect(standIn.data.requests.filter((r) => r.path.endsWith('/insights'))).toHaveLength(3);
    expect(rows).toContainEqual({
      platformCampaignId: '2385000001',
      time: '2024-03-09T23:00:00.000Z',
      impressions: 5000,
      clicks: 100,
      spendCents: 4567,
      conversions: 3,
      revenueCents: 15000,
    });
  });

  it('lists both platforms campaigns with their budgets', async () => {
    expect(await connectors.of('google').listCampaigns(google)).toContainEqual(
      expect.objectContaining({ platformCampaignId: '222', status: 'active', budgetAmount: '80.00', budgetType: 'daily' }),
    );
    expect(await connectors.of('meta').listCampaigns(meta)).toContainEqual(
      expect.objectContaining({ platformCampaignId: '2385000002', status: 'active', budgetAmount: '40.00' }),
    );
  });

  it('retries a 503 and a 429 with back-off, then answers', async () => {
    standIn.data.failNext('google', 1, 503);
    standIn.data.failNext('google', 1, 429);
    const rows = await connectors.of('google').fetchMetrics(google, windowOf(google));
    expect(rows).toHaveLength(9);
    expect(standIn.data.requests).toHaveLength(3);
  });

  it('gives up after the last try with AD_PLATFORM_UNAVAILABLE', async () => {
    standIn.data.failNext('meta', 5, 500);
    await expect(connectors.of('meta').fetchMetrics(meta, windowOf(meta))).rejects.toMatchObject({ code: 'AD_PLATFORM_UNAVAILABLE', status: 500 });
    expect(standIn.data.requests).toHaveLength(3);
  });

  it('answers refused credentials with AD_PLATFORM_AUTH_FAILED at once, without retrying', async () => {
    const wrong = AdPlatformConnectors.fromSettings(standInSettings(standIn, { ADS_META_ACCESS_TOKEN: 'expired' }));
    await expect(wrong.of('meta').listCampaigns(meta)).rejects.toMatchObject({ code: 'AD_PLATFORM_AUTH_FAILED', status: 401 });
    expect(standIn.data.requests).toHaveLength(1);
  });

  it('answers a platform that does not answer in time with AD_PLATFORM_TIMEOUT', async () => {
    const slow = await AdPlatformsStandIn.start({ delayMs: 500 });
    seedStandIn(slow);
    try {
      const impatient = AdPlatformConnectors.fromSettings(standInSettings(slow, { ADS_HTTP_TIMEOUT_MS: '100', ADS_HTTP_ATTEMPTS: '1' }));
      await expect(impatient.of('google').listCampaigns(google)).rejects.toMatchObject({ code: 'AD_PLATFORM_TIMEOUT' });
    } finally {
      await slow.close();
    }
  });

  it('pauses and re-budgets campaigns on both platforms, each change applied once per idempotency key', async () => {
    await connectors.of('google').pauseCampaign(google, '111', { idempotencyKey: 'a1:1:pause' });
    await connectors.of('google').pauseCampaign(google, '111', { idempotencyKey: 'a1:1:pause' });
    await connectors.of('google').setCampaignBudget(google, '222', 6_550n, { idempotencyKey: 'a2:1:budget' });
    await connectors.of('meta').pauseCampaign(meta, '2385000001', { idempotencyKey: 'a3:1:pause' });
    await connectors.of('meta').setCampaignBudget(meta, '2385000002', 2_500n, { idempotencyKey: 'a4:1:budget' });
    expect(
      standIn.data.mutations.map(({ platform, platformCampaignId, change, idempotencyKey }) => ({ platform, platformCampaignId, change, idempotencyKey })),
    ).toEqual([
      { platform: 'google', platformCampaignId: '111', change: { status: 'PAUSED' }, idempotencyKey: 'a1:1:pause' },
      { platform: 'google', platformCampaignId: '222', change: { budgetAmount: '65.50' }, idempotencyKey: 'a2:1:budget' },
      { platform: 'meta', platformCampaignId: '2385000001', change: { status: 'PAUSED' }, idempotencyKey: 'a3:1:pause' },
      { platform: 'meta', platformCampaignId: '2385000002', change: { budgetAmount: '25.00' }, idempotencyKey: 'a4:1:budget' },
    ]);
    const budgetWrite = standIn.data.requests.find((r) => r.path.endsWith('campaignBudgets:mutate'));
    expect(JSON.parse(budgetWrite?.body ?? '{}')).toEqual({
      operations: [{ update: { resourceName: `customers/${GOOGLE_CUSTOMER}/campaignBudgets/222`, amountMicros: '65500000' }, updateMask: 'amount_micros' }],
    });
    const metaWrite = standIn.data.requests.filter((r) => r.platform === 'meta' && r.method === 'POST').pop();
    expect(metaWrite?.body).toBe('daily_budget=2500');
  });

  it('refuses an id that is not the platform format before sending anything', async () => {
    await expect(connectors.of('google').pauseCampaign(google, '1 OR campaign.id > 0', { idempotencyKey: 'k' })).rejects.toMatchObject({
      code: 'AD_PLATFORM_REQUEST_REJECTED',
    });
    expect(standIn.data.requests).toHaveLength(0);
  });

  it('is driven through the stand-in control door as the demo drives a stand-in process', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${standIn.url}/_control${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(
      (
        await post('/metrics', {
          rows: [
            {
              platform: 'meta',
              platformCampaignId: '2385000002',
              date: '2024-03-12',
              impressions: 9,
              clicks: 1,
              spend: '1.50',
              conversions: 1,
              revenue: '9.99',
            },
          ],
        })
      ).status,
    ).toBe(200);
    const rows = await connectors
      .of('meta')
      .fetchMetrics(meta, { start: zonedToUtc('2024-03-12', 0, meta.timeZone), end: zonedToUtc('2024-03-13', 0, meta.timeZone) });
    expect(rows).toEqual([
      { platformCampaignId: '2385000002', time: '2024-03-11T23:00:00.000Z', impressions: 9, clicks: 1, spendCents: 150, conversions: 1, revenueCents: 999 },
    ]);
    await connectors.of('meta').pauseCampaign(meta, '2385000002', { idempotencyKey: 'demo:1:pause' });
    const mutations = (await (await fetch(`${standIn.url}/_control/mutations`)).json()) as { change: unknown }[];
    expect(mutations.map((m) => m.change)).toEqual([{ status: 'PAUSED' }]);
  });
});
