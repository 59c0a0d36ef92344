import { encodeEvent, type EventEnvelope } from '@campaign/contracts';
import { adsStreamKeyOf } from './ads-command.sender';
import { adsIngestConfigSchema, readAdsIngestConfig } from './ads-ingest.config';
import { directoryChangeOf } from './directory.events';
import { peekEventType } from './event-type.peek';
import { chunkByBytes } from './metric-facts.producer';

const event = (type: string, data: Record<string, unknown>, streamVersion = 3): EventEnvelope => ({
  eventId: 'e',
  type,
  schemaVersion: 1,
  context: 'ads',
  streamId: 's',
  streamVersion,
  globalPosition: '1',
  occurredAt: '2026-05-01T00:00:00.000Z',
  correlationId: 'c',
  causationId: null,
  actor: 'user:u',
  tenant: 'org-from-envelope',
  data,
});

describe('the ads ingest’s shared pieces (pure parts)', () => {
  it('ADS_* settings have defaults and are validated: a bad schema name or limit fails start-up with every problem', () => {
    expect(adsIngestConfigSchema.parse({})).toMatchObject({ ADS_INGEST_SCHEMA: 'ads_ingest', ADS_PUSH_MAX_ROWS: 50_000, ADS_FACTS_BATCH_BYTES: 921_600 });
    expect(() => readAdsIngestConfig({ ADS_INGEST_SCHEMA: 'Bad-Name', ADS_PUSH_MAX_ROWS: '0' })).toThrow(/ADS_INGEST_SCHEMA[\s\S]*ADS_PUSH_MAX_ROWS/);
  });

  it('facts are sent in requests of at most the configured bytes; one larger fact travels alone', () => {
    const message = (bytes: number) => ({ key: 'k', value: Buffer.alloc(bytes) });
    const chunks = chunkByBytes([message(400), message(400), message(400), message(5_000), message(10)], 1_000);
    expect(chunks.map((chunk) => chunk.length)).toEqual([2, 1, 1, 1]);
  });

  it('the directory keeps registrations, changes (the changes object or the non-null fields) and disconnections; other events change nothing', () => {
    expect(
      directoryChangeOf(event('AdCampaignRegistered', { campaignId: 'c', accountId: 'a', orgId: 'o', platform: 'google', platformCampaignId: 'p', name: 'n' })),
    ).toMatchObject({
      kind: 'campaign-registered',
      campaignId: 'c',
      version: 3,
      row: { orgId: 'o', accountId: 'a', name: 'n', status: null },
    });
    expect(
      directoryChangeOf(event('AdCampaignDetailsChanged', { campaignId: 'c', changes: { status: 'PAUSED', budgetAmount: null }, changedAt: 'x' })),
    ).toEqual({
      kind: 'campaign-changed',
      campaignId: 'c',
      version: 3,
      changes: { status: 'PAUSED', budgetAmount: null },
    });
    expect(directoryChangeOf(event('AdAccountDetailsChanged', { accountId: 'a', name: 'New', currency: 'USD', timeZone: 'UTC', changedAt: 'x' }))).toEqual({
      kind: 'account-changed',
      accountId: 'a',
      version: 3,
      changes: { name: 'New', currency: 'USD', timeZone: 'UTC' },
    });
    expect(directoryChangeOf(event('AdAccountConnected', { accountId: 'a', platform: 'meta', platformAccountId: 'p', currency: 'EUR' }))).toMatchObject({
      row: { orgId: 'org-from-envelope', currency: 'EUR' },
    });
    expect(directoryChangeOf(event('AdAccountDisconnected', { accountId: 'a' }))).toEqual({ kind: 'account-disconnected', accountId: 'a', version: 3 });
    expect(directoryChangeOf(event('AdAccountSynced', { accountId: 'a' }))).toBeNull();
  });

  it('an ads command travels keyed by the stream it addresses', () => {
    expect(adsStreamKeyOf('RegisterAdCampaign', { campaignId: 'c' }, 'o')).toBe('ads-campaign-c');
    expect(adsStreamKeyOf('RecordAdAccountSynced', { accountId: 'a' }, 'o')).toBe('ads-account-a');
    expect(adsStreamKeyOf('RaiseAlert', { campaignId: 'c', alertType: 'ROAS_DROP' }, 'o')).toBe('ads-alert-c-roas_drop');
    expect(adsStreamKeyOf('ProposeRecommendation', { recommendationId: 'r' }, 'o')).toBe('ads-recommendation-r');
    expect(adsStreamKeyOf('RecordAdActionExecuted', { actionId: 'x' }, 'o')).toBe('ads-automation-o');
    expect(adsStreamKeyOf('ProposeBudgetAllocation', {}, 'o')).toBe('ads-budgets-o');
  });
});

describe('peekEventType', () => {
  it('reads the type of an encoded event envelope without decoding it; null for other bytes', () => {
    const envelope = encodeEvent({
      eventId: 'e-1',
      type: 'AdAccountDisconnected',
      schemaVersion: 1,
      context: 'ads',
      streamId: 'ads-account-a',
      streamVersion: 2,
      globalPosition: '7',
      occurredAt: '2026-05-01T00:00:00.000Z',
      correlationId: 'c',
      causationId: null,
      actor: 'user:u',
      tenant: null,
      data: { accountId: 'a', disconnectedAt: '2026-05-01T00:00:00.000Z' },
    });
    expect(peekEventType(envelope)).toBe('AdAccountDisconnected');
    expect(peekEventType(Buffer.from('{"json":true}'))).toBeNull();
    expect(peekEventType(Buffer.of(1, 200))).toBeNull();
    expect(peekEventType(null)).toBeNull();
  });
});
