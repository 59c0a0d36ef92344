import { ads as adsWire } from '@campaign/contracts';
import type { CampaignDirectory, DirectoryEntry } from '../shared/ads-ingest.ports';
import { checkPush, type PushRequest } from './metric-push.check';
import type { PushedRow } from './metric-rows';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

const entry = (platformCampaignId: string, orgId = ORG, extra: Partial<DirectoryEntry> = {}): DirectoryEntry => ({
  campaignId: adsWire.adCampaignIdOf('google', platformCampaignId),
  orgId,
  accountId: '33333333-3333-4333-8333-333333333333',
  platform: 'google',
  platformCampaignId,
  name: null,
  status: null,
  budgetAmount: null,
  currency: 'EUR',
  timeZone: 'UTC',
  accountConnected: true,
  ...extra,
});

/** The directory as the check sees it; `late` entries appear only once it has caught up. */
const directoryOf = (entries: DirectoryEntry[], late: DirectoryEntry[] = []): CampaignDirectory => {
  const known = new Map(entries.map((e) => [e.campaignId, e]));
  return {
    entries: async (ids) => new Map(ids.filter((id) => known.has(id)).map((id) => [id, known.get(id) as DirectoryEntry])),
    campaignsOfOrg: async () => [],
    caughtUp: async () => late.forEach((e) => known.set(e.campaignId, e)),
  };
};

const row = (pcid: string, time: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  time,
  platform: 'google',
  platform_campaign_id: pcid,
  impressions: 100,
  clicks: 10,
  spend: '5.00',
  conversions: 1,
  revenue: '20.00',
  ...extra,
});

const request = (rows: Record<string, unknown>[] | PushedRow[], extra: Partial<PushRequest> = {}): PushRequest => ({
  orgId: ORG,
  rows: rows.map((fields, i) => ('row' in fields && typeof fields.row === 'number' ? (fields as PushedRow) : { row: i + 1, fields })),
  sourceRef: 'req-1',
  observedAt: '2026-05-01T12:00:00.000Z',
  maxErrors: 100,
  ...extra,
});

describe('checkPush: all or nothing', () => {
  it("good rows become facts of the caller's org, in their account's currency, source push", async () => {
    const outcome = await checkPush(request([row('a', '2026-05-01T10:00:00Z')]), directoryOf([entry('a')]));
    expect(outcome).toEqual({
      status: 'ACCEPTED',
      facts: [
        {
          orgId: ORG,
          campaignId: entry('a').campaignId,
          accountId: entry('a').accountId,
          platform: 'google',
          platformCampaignId: 'a',
          time: '2026-05-01T10:00:00.000Z',
          impressions: 100,
          clicks: 10,
          spendCents: 500,
          conversions: 1,
          revenueCents: 2000,
          currency: 'EUR',
          source: 'push',
          sourceRef: 'req-1',
          observedAt: '2026-05-01T12:00:00.000Z',
        },
      ],
    });
  });

  it('one bad row rejects the push: no facts, every bad row listed', async () => {
    const outcome = await checkPush(
      request([row('a', '2026-05-01T10:00:00Z'), row('a', '2026-05-01T10:01:00Z'), row('b', '2026-05-01T10:00:00Z')]),
      directoryOf([entry('a')]),
    );
    expect(outcome).toEqual({
      status: 'REJECTED',
      rejectedRows: 2,
      errors: [expect.objectContaining({ row: 2, code: 'METRIC_BUCKET_UNALIGNED' }), expect.objectContaining({ row: 3, code: 'AD_CAMPAIGN_NOT_REGISTERED' })],
    });
  });

  it("another org's campaign reads exactly as an unknown one", async () => {
    const theirs = await checkPush(request([row('x', '2026-05-01T10:00:00Z')]), directoryOf([entry('x', OTHER)]));
    const unknown = await checkPush(request([row('x', '2026-05-01T10:00:00Z')]), directoryOf([]));
    expect(theirs).toEqual(unknown);
  });

  it('a campaign the directory learns of while catching up is found', async () => {
    expect(await checkPush(request([row('late', '2026-05-01T10:00:00Z')]), directoryOf([], [entry('late')]))).toMatchObject({ status: 'ACCEPTED' });
  });

  it('the same campaign and bucket twice is METRIC_ROW_DUPLICATE, naming the first row', async () => {
    const outcome = await checkPush(request([row('a', '2026-05-01T10:00:00Z'), row('a', '2026-05-01T10:00:00.000Z')]), directoryOf([entry('a')]));
    expect(outcome).toMatchObject({
      status: 'REJECTED',
      errors: [{ row: 2, code: 'METRIC_ROW_DUPLICATE', field: 'time', message: expect.stringContaining('row 1') }],
    });
  });

  it('a row without platform takes the push default; a campaignId that is not the pair’s is refused', async () => {
    const { platform: _dropped, ...noPlatform } = row('a', '2026-05-01T10:00:00Z');
    expect(await checkPush(request([noPlatform], { platform: 'google' }), directoryOf([entry('a')]))).toMatchObject({ status: 'ACCEPTED' });
    const wrongId = row('a', '2026-05-01T10:00:00Z', { campaignId: '44444444-4444-4444-8444-444444444444' });
    expect(await checkPush(request([wrongId]), directoryOf([entry('a')]))).toMatchObject({ errors: [{ code: 'METRIC_FIELD_INVALID', field: 'campaignId' }] });
  });

  it('currency: the account’s applies; another is METRIC_CURRENCY_MISMATCH; none known at all is METRIC_FIELD_REQUIRED', async () => {
    expect(await checkPush(request([row('a', '2026-05-01T10:00:00Z', { currency: 'USD' })]), directoryOf([entry('a')]))).toMatchObject({
      errors: [{ code: 'METRIC_CURRENCY_MISMATCH', field: 'currency' }],
    });
    expect(await checkPush(request([row('a', '2026-05-01T10:00:00Z')]), directoryOf([entry('a', ORG, { currency: null })]))).toMatchObject({
      errors: [{ code: 'METRIC_FIELD_REQUIRED', field: 'currency' }],
    });
  });

  it("a Day of an export is the account's local midnight; a day that is not one is METRIC_FIELD_INVALID", async () => {
    const { time: _t, ...daily } = row('a', '');
    const outcome = await checkPush(request([{ ...daily, day: '2026-05-04' }]), directoryOf([entry('a', ORG, { timeZone: 'Europe/Berlin' })]));
    expect(outcome).toMatchObject({ status: 'ACCEPTED', facts: [{ time: '2026-05-03T22:00:00.000Z' }] });
    expect(await checkPush(request([{ ...daily, day: 'May 4' }]), directoryOf([entry('a')]))).toMatchObject({
      errors: [{ code: 'METRIC_FIELD_INVALID', field: 'day' }],
    });
  });

  it('at most maxErrors errors are listed; rejectedRows counts them all', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => row('nope', `2026-05-01T1${i}:00:00Z`));
    expect(await checkPush(request(rows, { maxErrors: 2 }), directoryOf([]))).toMatchObject({
      status: 'REJECTED',
      rejectedRows: 5,
      errors: [{ row: 1 }, { row: 2 }],
    });
  });

  it('a malformed row is METRIC_ROW_MALFORMED', async () => {
    expect(await checkPush(request([{ row: 3, malformed: 'the line is not valid JSON' }]), directoryOf([]))).toMatchObject({
      errors: [{ row: 3, code: 'METRIC_ROW_MALFORMED', field: '(row)' }],
    });
  });
});
