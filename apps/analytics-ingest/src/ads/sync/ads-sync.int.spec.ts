import { randomUUID } from 'node:crypto';
import { ads as wire } from '@campaign/contracts';
import { collectMessages } from '@campaign/testing';
import { zonedToUtc } from './connectors/zoned-time';
import { syncCommandId } from './derived-id';
import { accountStream, GOOGLE_CUSTOMER, META_ACCOUNT, startSyncHarness, type SyncHarness } from './testing';

const orgId = randomUUID();
const googleAccountId = wire.adAccountIdOf('google', GOOGLE_CUSTOMER);
const metaAccountId = wire.adAccountIdOf('meta', META_ACCOUNT);

/** A sync request for the account's three local days 2024-03-09..11, as the domain words it. */
const syncRequest = (accountId: string, platform: string, platformAccountId: string, timeZone: string, syncId = randomUUID()) => ({
  accountId,
  orgId,
  platform,
  platformAccountId,
  syncId,
  requestedAt: new Date().toISOString(),
  windowStart: zonedToUtc('2024-03-09', 0, timeZone).toISOString(),
  windowEnd: zonedToUtc('2024-03-12', 0, timeZone).toISOString(),
});

const decodeFacts = (collected: { message: { key: Buffer | null; value: Buffer | null } }[]) =>
  collected.map(({ message }) => ({ key: String(message.key), fact: wire.metricFactCodec.decode(message.value as Buffer) }));

// seed 003 data flow: "Platforms → API Connectors → ETL Pipeline → PostgreSQL", every "15min sync".
describe('ads account syncs through the stand-in platforms (real Kafka and PostgreSQL)', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    h = await startSyncHarness(orgId);
  }, 120_000);

  afterAll(() => h?.stop());

  const factsTopic = () => wire.metricFactsTopic(h.prefix);
  const synced = (syncId: string) => h.sent(`sync ${syncId} recorded`, (c) => c.data.syncId === syncId && c.type.startsWith('RecordAdAccountSync'));

  it('syncs two platforms: registers each campaign, publishes the window as facts, records the sync', async () => {
    const google = syncRequest(googleAccountId, 'google', GOOGLE_CUSTOMER, 'America/New_York');
    const meta = syncRequest(metaAccountId, 'meta', META_ACCOUNT, 'Europe/Berlin');
    await h.events.write(accountStream(googleAccountId), 'AdAccountSyncRequested', google, { tenant: orgId });
    await h.events.write(accountStream(metaAccountId), 'AdAccountSyncRequested', meta, { tenant: orgId });
    const [googleDone, metaDone] = [await synced(google.syncId), await synced(meta.syncId)];

    expect(googleDone).toMatchObject({
      type: 'RecordAdAccountSynced',
      commandId: syncCommandId(google.syncId, 'synced'),
      data: { accountId: googleAccountId, campaigns: 2, rows: 9 },
    });
    expect(metaDone).toMatchObject({ type: 'RecordAdAccountSynced', data: { accountId: metaAccountId, campaigns: 2, rows: 6 } });
    const brand = wire.adCampaignIdOf('google', '111');
    expect(h.commands.ofType('RegisterAdCampaign')).toContainEqual({
      type: 'RegisterAdCampaign',
      orgId,
      commandId: syncCommandId(google.syncId, 'register', brand),
      data: expect.objectContaining({
        campaignId: brand,
        accountId: googleAccountId,
        platform: 'google',
        platformCampaignId: '111',
        name: 'Brand',
        status: 'active',
        budgetAmount: '50.00',
        budgetType: 'daily',
      }),
    });

    const published = decodeFacts(await collectMessages(h.kafka, factsTopic(), (c) => c.length >= 15));
    expect(published).toHaveLength(15);
    expect(published).toContainEqual({
      key: `${brand}|2024-03-10T06:00:00.000Z`,
      fact: expect.objectContaining({
        orgId,
        campaignId: brand,
        accountId: googleAccountId,
        platform: 'google',
        time: '2024-03-10T06:00:00.000Z',
        impressions: 1000,
        clicks: 40,
        spendCents: 1234,
        conversions: 2,
        revenueCents: 6050,
        currency: 'USD',
        source: 'sync',
        sourceRef: google.syncId,
      }),
    });
    // 14:00 New York time each day: EST before the clocks move on 2024-03-10, EDT after.
    const afternoon = published.filter((p) => p.fact.campaignId === brand && p.fact.time.slice(11, 13) >= '18').map((p) => p.fact.time);
    expect(afternoon.sort()).toEqual(['2024-03-09T19:00:00.000Z', '2024-03-10T18:00:00.000Z', '2024-03-11T18:00:00.000Z']);
    expect(published.filter((p) => p.fact.platform === 'meta').map((p) => p.fact.currency)).toEqual(Array(6).fill('EUR'));
  });

  it('re-sends a restated bucket under the same key with the new figures, never as a second bucket', async () => {
    h.standIn.data.restate({ platform: 'meta', platformCampaignId: '2385000001', date: '2024-03-10', conversions: 5, revenue: '275.00' });
    const again = syncRequest(metaAccountId, 'meta', META_ACCOUNT, 'Europe/Berlin');
    await h.events.write(accountStream(metaAccountId), 'AdAccountSyncRequested', again, { tenant: orgId });
    await synced(again.syncId);

    const key = `${wire.adCampaignIdOf('meta', '2385000001')}|2024-03-09T23:00:00.000Z`;
    // the first sync's 15 facts and this one's 6
    const all = decodeFacts(await collectMessages(h.kafka, factsTopic(), (c) => c.length >= 21));
    const ofBucket = all.filter((p) => p.key === key).map((p) => p.fact);
    expect(ofBucket.map((f) => [f.sourceRef, f.conversions, f.revenueCents])).toEqual([
      [expect.any(String), 3, 15_000],
      [again.syncId, 5, 27_500],
    ]);
    // Keyed by campaign and bucket: the topic names each bucket once however often it is restated.
    expect(all).toHaveLength(21);
    expect(new Set(all.map((p) => p.key)).size).toBe(15);
  });

  it('runs a redelivered sync request once: the same syncId is not synced again', async () => {
    const request = syncRequest(googleAccountId, 'google', GOOGLE_CUSTOMER, 'America/New_York');
    await h.events.write(accountStream(googleAccountId), 'AdAccountSyncRequested', request, { tenant: orgId });
    await synced(request.syncId);
    const before = h.standIn.data.requests.length;
    await h.events.write(accountStream(googleAccountId), 'AdAccountSyncRequested', request, { tenant: orgId, version: 3 });
    const marker = syncRequest(metaAccountId, 'meta', META_ACCOUNT, 'Europe/Berlin');
    await h.events.write(accountStream(metaAccountId), 'AdAccountSyncRequested', marker, { tenant: orgId });
    await synced(marker.syncId);
    expect(h.commands.sent.filter((c) => c.data.syncId === request.syncId)).toHaveLength(1);
    expect(h.standIn.data.requests.slice(before).every((r) => r.platform === 'meta')).toBe(true);
  });

  it('records a sync the platform keeps failing as failed, with the typed error', async () => {
    h.standIn.data.failNext('google', 3, 503);
    const request = syncRequest(googleAccountId, 'google', GOOGLE_CUSTOMER, 'America/New_York');
    await h.events.write(accountStream(googleAccountId), 'AdAccountSyncRequested', request, { tenant: orgId });
    expect(await synced(request.syncId)).toMatchObject({
      type: 'RecordAdAccountSyncFailed',
      commandId: syncCommandId(request.syncId, 'failed'),
      data: { accountId: googleAccountId, syncId: request.syncId, error: expect.stringMatching(/^AD_PLATFORM_UNAVAILABLE: google answered 503/) },
    });
  });

  it('does not run a stale sync request: it is recorded failed with AD_SYNC_REQUEST_STALE', async () => {
    const request = {
      ...syncRequest(googleAccountId, 'google', GOOGLE_CUSTOMER, 'America/New_York'),
      requestedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    };
    const before = h.standIn.data.requests.length;
    await h.events.write(accountStream(googleAccountId), 'AdAccountSyncRequested', request, { tenant: orgId });
    expect(await synced(request.syncId)).toMatchObject({ type: 'RecordAdAccountSyncFailed', data: { error: expect.stringMatching(/^AD_SYNC_REQUEST_STALE/) } });
    expect(h.standIn.data.requests.length).toBe(before);
  });
});
