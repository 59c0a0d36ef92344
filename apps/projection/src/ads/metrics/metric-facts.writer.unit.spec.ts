import type { ads } from '@campaign/contracts';
import { arrayLiteral, centsToDecimal, checkFact, decimalToCents, latestPerBucket } from './metric-facts.writer';

const fact = (over: Partial<ads.MetricFact> = {}): ads.MetricFact => ({
  orgId: '7b0c1a52-8a7e-4f0e-9d4c-1f2a3b4c5d6e',
  campaignId: '3f1e2d3c-4b5a-4968-8776-655443322110',
  accountId: null,
  platform: 'google',
  platformCampaignId: 'c-1',
  time: '2026-12-01T10:15:00.000Z',
  impressions: 10,
  clicks: 1,
  spendCents: 123,
  conversions: 0,
  revenueCents: 0,
  currency: 'EUR',
  source: 'sync',
  sourceRef: 's',
  observedAt: '2026-12-01T11:00:00.000Z',
  ...over,
});

describe('metric facts as campaign_metrics rows (seed 003 campaign_metrics)', () => {
  it('money in cents is written as an exact DECIMAL(15,2) and read back to the cent', () => {
    expect([0, 5, 99, 100, 123_456, 999_999_999_999_999].map(centsToDecimal)).toEqual(['0.00', '0.05', '0.99', '1.00', '1234.56', '9999999999999.99']);
    expect(['0.00', '0.05', '1234.5', '1234.56', '7'].map(decimalToCents)).toEqual([0, 5, 123_450, 123_456, 700]);
  });

  it('KPIs travel to PostgreSQL as array literals: a NULL (zero denominator) stays NULL, decimals and ids as they are', () => {
    expect(arrayLiteral(['0.4938', null, '-0.6667'], (v) => v)).toBe('{0.4938,NULL,-0.6667}');
    expect(arrayLiteral([fact()], (f) => f.campaignId)).toBe('{3f1e2d3c-4b5a-4968-8776-655443322110}');
    expect(arrayLiteral([], (v) => v)).toBe('{}');
  });

  it('a restatement later in the same batch is the one written (one row per campaign and bucket)', () => {
    const first = fact({ impressions: 1 });
    const second = fact({ impressions: 2, time: '2026-12-01T10:15:00Z' });
    const other = fact({ time: '2026-12-01T10:30:00.000Z' });
    expect(latestPerBucket([first, other, second])).toEqual([other, second]);
  });

  it.each([
    ['a bucket not aligned to 15 minutes', { time: '2026-12-01T10:16:00.000Z' }, '15-minute bucket'],
    ['a negative count', { clicks: -1 }, 'clicks must be an integer'],
    ['a fractional count', { impressions: 1.5 }, 'impressions must be an integer'],
    ['conversions beyond INTEGER', { conversions: 2 ** 31 }, 'conversions must be an integer'],
    ['spend beyond DECIMAL(15,2)', { spendCents: 10 ** 15 }, 'spendCents must be an integer'],
    ['a campaign id that is no UUID', { campaignId: 'x' }, 'campaignId is not a UUID'],
  ])('%s is a data error (dead-lettered, never retried)', (_name, over, message) => {
    expect(() => checkFact(fact(over))).toThrow(expect.objectContaining({ code: '22023', message: expect.stringContaining(message) }));
  });
});
