/**
 * KPIs derived from a campaign's figures and the check of a pushed metric row (seed 003
 * `campaign_metrics`; issue 12 point 3: NULL where the denominator is zero, the seed's scales,
 * values that do not fit its precision rejected).
 */
import { computeKpis, divideAtScale, type MetricFactData, validateMetricRow } from './metrics';

const figures = { impressions: 10_000, clicks: 250, spendCents: 12_345, conversions: 7, revenueCents: 49_380 };
const row = {
  platform: 'google',
  platformCampaignId: '987654321',
  time: '2026-05-01T10:15:00Z',
  impressions: 10000,
  clicks: 250,
  spend: '123.45',
  conversions: 7,
  revenue: '493.80',
};
const fact: MetricFactData = {
  campaignId: null,
  platform: 'google',
  platformCampaignId: '987654321',
  time: '2026-05-01T10:15:00.000Z',
  ...figures,
  currency: null,
};

describe('computeKpis', () => {
  // seed 003 sample query: SUM(revenue) / NULLIF(SUM(spend), 0) — cpc, cpm, ctr, roas, roi alike.
  it('computes cpc, cpm, ctr, roas and roi at scale 4', () => {
    // cpc 123.45/250 = 0.4938; cpm 123.45×1000/10000 = 12.345; ctr 0.025; roas 493.80/123.45 = 4; roi 3
    expect(computeKpis(figures)).toEqual({ cpc: '0.4938', cpm: '12.3450', ctr: '0.0250', roas: '4.0000', roi: '3.0000' });
  });

  it('KPI NULL on zero denominators: no clicks, no impressions, no spend', () => {
    expect(computeKpis({ impressions: 0, clicks: 0, spendCents: 0, conversions: 0, revenueCents: 500 })).toEqual({
      cpc: null,
      cpm: null,
      ctr: null,
      roas: null,
      roi: null,
    });
    expect(computeKpis({ ...figures, clicks: 0 })).toMatchObject({ cpc: null, ctr: '0.0000' });
    expect(computeKpis({ ...figures, spendCents: 0 })).toMatchObject({ roas: null, roi: null, cpc: '0.0000', cpm: '0.0000' });
  });

  // seed 003: DECIMAL(10,4) / DECIMAL(5,4) — PostgreSQL rounds NUMERIC half away from zero.
  it('KPI scale/rounding: half away from zero at the fifth decimal', () => {
    // 1/3 = 0.33333… → 0.3333; 2/3 → 0.6667; 0.00005 exactly → 0.0001; −0.00005 → −0.0001
    expect(divideAtScale(1n, 3n)).toBe('0.3333');
    expect(divideAtScale(2n, 3n)).toBe('0.6667');
    expect(divideAtScale(1n, 20_000n)).toBe('0.0001');
    expect(divideAtScale(-1n, 20_000n)).toBe('-0.0001');
    expect(divideAtScale(-1n, 30_000n)).toBe('0.0000');
  });

  it('KPI scale/rounding: roi is negative when revenue is below spend', () => {
    // (10.00 − 30.00) / 30.00 = −0.66666… → −0.6667
    expect(computeKpis({ ...figures, spendCents: 3_000, revenueCents: 1_000 }).roi).toBe('-0.6667');
  });

  it('is exact beyond double precision (BigInt)', () => {
    // 9007199254740993 / 3 cents per click: a double would lose the last digit.
    expect(computeKpis({ ...figures, spendCents: 900_719_925_474_099_300n, clicks: 3 }).cpc).toBe('3002399751580331.0000');
  });
});

// issue 12 point 11(a): figures that fit doubles are divided without BigInt — the same digits.
describe('computeKpis without BigInt', () => {
  /** A deterministic spread of figures (xorshift), small and large, zero and not. */
  const samples = (count: number) => {
    let x = 2_463_534_242;
    const next = (max: number) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % max;
    };
    const scales = [1, 7, 100, 10_007, 1_000_003, 2_147_483_647];
    return Array.from({ length: count }, () => {
      // Scale 1 gives zeros (NULL KPIs); × 1,000 now and then reaches past 2^31.
      const pick = () => next(scales[next(scales.length)]) * (next(4) === 0 ? 1_000 : 1);
      return { impressions: pick(), clicks: pick(), spendCents: pick(), conversions: pick(), revenueCents: pick() };
    });
  };

  it('KPI scale/rounding: every KPI equals the BigInt division, halves and signs included', () => {
    const big = (f: ReturnType<typeof samples>[number]) => ({
      impressions: BigInt(f.impressions),
      clicks: BigInt(f.clicks),
      spendCents: BigInt(f.spendCents),
      conversions: BigInt(f.conversions),
      revenueCents: BigInt(f.revenueCents),
    });
    // Exact halves at the fifth decimal: 1/20000 (0.00005 → 0.0001), its negative roi, and n.5 × 10^-4 cases.
    const edges = [
      { impressions: 20_000, clicks: 1, spendCents: 20_000, conversions: 0, revenueCents: 19_999 },
      { impressions: 3, clicks: 2, spendCents: 3, conversions: 0, revenueCents: 1 },
      { impressions: 0, clicks: 0, spendCents: 0, conversions: 0, revenueCents: 0 },
      { impressions: 2 ** 40, clicks: 2 ** 40 - 1, spendCents: 2 ** 38, conversions: 1, revenueCents: 2 ** 38 + 1 },
    ];
    for (const f of [...edges, ...samples(20_000)]) expect(computeKpis(f)).toEqual(computeKpis(big(f)));
  });

  it('KPI scale/rounding: figures too large for doubles are divided exactly (BigInt)', () => {
    // 9,007,199,254,740,991 cents (2^53 − 1) over 3 clicks: beyond a double's exact range once scaled.
    expect(computeKpis({ ...figures, spendCents: Number.MAX_SAFE_INTEGER, clicks: 3 }).cpc).toBe('30023997515803.3033');
    expect(computeKpis({ ...figures, spendCents: Number.MAX_SAFE_INTEGER, revenueCents: 0 }).roi).toBe('-1.0000');
  });
});

describe('validateMetricRow', () => {
  it('reads a row into the figures of one bucket', () => {
    expect(validateMetricRow(row)).toEqual(fact);
  });

  it('reads CSV text and seed column names alike', () => {
    const csv = {
      platform: 'meta',
      platform_campaign_id: '2385',
      time: '2026-05-01T10:00:00+02:00',
      impressions: '10',
      clicks: '1',
      spend: '1.5',
      conversions: '0',
      revenue: '',
    };
    expect(validateMetricRow({ ...csv, revenue: '0' })).toEqual({
      campaignId: null,
      platform: 'meta',
      platformCampaignId: '2385',
      time: '2026-05-01T08:00:00.000Z',
      impressions: 10,
      clicks: 1,
      spendCents: 150,
      conversions: 0,
      revenueCents: 0,
      currency: null,
    });
    expect(validateMetricRow(csv)).toEqual({ code: 'METRIC_FIELD_REQUIRED', field: 'revenue', message: 'revenue is required' });
  });

  it.each(['platform', 'platformCampaignId', 'time', 'impressions', 'clicks', 'spend', 'conversions', 'revenue'])('METRIC_FIELD_REQUIRED: %s', (field) => {
    const { [field as keyof typeof row]: _gone, ...rest } = row;
    expect(validateMetricRow(rest)).toMatchObject({ code: 'METRIC_FIELD_REQUIRED', field });
  });

  it.each([
    ['platform', 'myspace'],
    ['time', '2026-05-01 10:15'],
    ['clicks', 2.5],
    ['impressions', 'many'],
    ['spend', 'ten'],
    ['campaignId', 'not-a-uuid'],
    ['currency', 'euro'],
  ])('METRIC_FIELD_INVALID: %s = %p', (field, value) => {
    expect(validateMetricRow({ ...row, [field]: value })).toMatchObject({ code: 'METRIC_FIELD_INVALID', field });
  });

  // seed 003 data flow: "15min sync" — a row is one 15-minute bucket of campaign_metrics.time.
  it.each(['2026-05-01T10:07:00Z', '2026-05-01T10:15:30Z', '2026-05-01T10:15:00.001Z'])('bucket alignment: %s is refused', (time) => {
    expect(validateMetricRow({ ...row, time })).toMatchObject({ code: 'METRIC_BUCKET_UNALIGNED', field: 'time' });
  });

  it('bucket alignment: a quarter hour in another zone is aligned', () => {
    expect(validateMetricRow({ ...row, time: '2026-05-01T15:45:00+05:30' })).toMatchObject({ time: '2026-05-01T10:15:00.000Z' });
  });

  // seed 003: impressions, clicks BIGINT; conversions INTEGER; spend, revenue DECIMAL(15,2).
  it.each([
    ['impressions', -1],
    ['conversions', 2_147_483_648],
    ['clicks', '9007199254740993'],
    ['spend', '10000000000000.00'],
    ['revenue', '1.005'],
    ['spend', '-0.01'],
  ])('METRIC_VALUE_OUT_OF_RANGE: %s = %p', (field, value) => {
    expect(validateMetricRow({ ...row, [field]: value })).toMatchObject({ code: 'METRIC_VALUE_OUT_OF_RANGE', field });
  });

  it('METRIC_VALUE_OUT_OF_RANGE: the largest INTEGER conversions are kept', () => {
    expect(validateMetricRow({ ...row, conversions: 2_147_483_647 })).toMatchObject({ conversions: 2_147_483_647 });
  });

  // seed 003: ctr DECIMAL(5,4) holds less than 10; cpc, cpm, roas, roi DECIMAL(10,4) less than 10^6.
  it('KPI precision overflow rejected: ctr of 10 does not fit DECIMAL(5,4)', () => {
    expect(validateMetricRow({ ...row, impressions: 10, clicks: 100 })).toEqual({
      code: 'METRIC_KPI_OUT_OF_RANGE',
      field: 'ctr',
      message: "ctr = 10.0000 does not fit ctr's DECIMAL(5,4) (|ctr| < 10)",
    });
  });

  it('KPI precision overflow rejected: ctr just below 10 fits', () => {
    expect(validateMetricRow({ ...row, impressions: 100_000, clicks: 999_994 })).toMatchObject({ clicks: 999_994 });
  });

  it('KPI precision overflow rejected: a ctr that rounds up to 10.0000 does not fit, one that rounds to 9.9999 does', () => {
    // 199,999 / 20,000 = 9.99995 → 10.0000 (half away from zero); 199,998 / 20,000 = 9.9999
    expect(validateMetricRow({ ...row, impressions: 20_000, clicks: 199_999 })).toMatchObject({ field: 'ctr', message: expect.stringContaining('10.0000') });
    expect(validateMetricRow({ ...row, impressions: 20_000, clicks: 199_998 })).toMatchObject({ clicks: 199_998 });
  });

  it('reads money as text or numbers to the cent: plain amounts, padded decimals, signs refused', () => {
    const cents = (spend: unknown) => (validateMetricRow({ ...row, spend }) as MetricFactData).spendCents;
    expect(['0.5', '0.05', '12', '0012.30', ' 1.25 ', 7, 7.5].map(cents)).toEqual([50, 5, 1_200, 1_230, 125, 700, 750]);
    // DECIMAL(15,2)'s largest amount, with figures that keep every KPI inside its column.
    const largest = { ...row, spend: '9999999999999.99', revenue: '9999999999999.99', impressions: 10 ** 11, clicks: 10 ** 8 };
    expect(validateMetricRow(largest)).toMatchObject({ spendCents: 999_999_999_999_999, revenueCents: 999_999_999_999_999 });
    expect(validateMetricRow({ ...row, spend: '-1.00' })).toMatchObject({ code: 'METRIC_VALUE_OUT_OF_RANGE', field: 'spend' });
    expect(validateMetricRow({ ...row, spend: '1.005' })).toMatchObject({ code: 'METRIC_VALUE_OUT_OF_RANGE', field: 'spend' });
    expect(validateMetricRow({ ...row, spend: '10000000000000.00' })).toMatchObject({ code: 'METRIC_VALUE_OUT_OF_RANGE', field: 'spend' });
    expect(validateMetricRow({ ...row, spend: '1,5' })).toMatchObject({ code: 'METRIC_FIELD_INVALID', field: 'spend' });
  });

  it('bucket alignment: the same bucket text read twice gives the same answer (good or bad)', () => {
    for (let i = 0; i < 2; i++) {
      expect(validateMetricRow(row)).toMatchObject({ time: '2026-05-01T10:15:00.000Z' });
      expect(validateMetricRow({ ...row, time: '2026-05-01T10:16:00Z' })).toMatchObject({ code: 'METRIC_BUCKET_UNALIGNED' });
      expect(validateMetricRow({ ...row, time: '2026-02-30T10:15:00Z' })).toMatchObject({ code: 'METRIC_FIELD_INVALID', field: 'time' });
    }
  });

  it.each([
    // cpm = 10000.00 × 1000 / 1 = 10,000,000
    ['cpm', { impressions: 1, clicks: 0, spend: '10000.00' }],
    // cpc = 1,000,000.00 / 1
    ['cpc', { impressions: 1_000_000_000, clicks: 1, spend: '1000000.00' }],
    // roas = 1,000,000.00 / 0.01 = 10^8
    ['roas', { spend: '0.01', revenue: '1000000.00', impressions: 1_000_000_000 }],
  ])('KPI precision overflow rejected: %s beyond DECIMAL(10,4)', (kpi, values) => {
    expect(validateMetricRow({ ...row, ...values })).toMatchObject({
      code: 'METRIC_KPI_OUT_OF_RANGE',
      field: kpi,
      message: expect.stringContaining('DECIMAL(10,4)'),
    });
  });

  it('KPI precision overflow rejected: roas of 999999.9999 fits, 1000000 does not', () => {
    // 99,999,999.99 / 100.00 = 999,999.9999
    expect(validateMetricRow({ ...row, spend: '100.00', revenue: '99999999.99', impressions: 1_000_000 })).toMatchObject({ revenueCents: 9_999_999_999 });
    // 1,000,000,000.00 / 1000.00 = 1,000,000 exactly → refused
    expect(validateMetricRow({ ...row, spend: '1000.00', revenue: '1000000000.00', impressions: 1_000_000 })).toMatchObject({ field: 'roas' });
  });

  it('refuses what is not a row', () => {
    expect(validateMetricRow([1, 2])).toMatchObject({ code: 'METRIC_FIELD_INVALID', field: '(row)' });
  });
});
