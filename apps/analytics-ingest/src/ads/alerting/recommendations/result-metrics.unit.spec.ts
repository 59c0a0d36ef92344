import { DAY_MS, HOUR_MS } from '../window-totals';
import { resultMetricsOf } from './result-metrics';

// seed 003 ai_recommendations.result_metrics (issue 12 point 6): the campaign's figures before
// and after execution, once the configured window has passed.
describe('result metrics', () => {
  const executedAt = Date.parse('2026-03-10T12:00:00Z');
  const bucket = (time: number, spendCents: number, revenueCents: number, conversions: number) => ({
    time,
    impressions: 100,
    clicks: 10,
    spendCents,
    conversions,
    revenueCents,
  });

  it('compares the window after execution with one of the same length just before it', () => {
    const buckets = [
      bucket(executedAt - 8 * DAY_MS, 99_900, 0, 0), // outside both windows
      bucket(executedAt - 2 * DAY_MS, 10_000, 5_000, 1),
      bucket(executedAt - HOUR_MS, 10_000, 5_000, 1),
      bucket(executedAt, 5_000, 15_000, 3),
      bucket(executedAt + 7 * DAY_MS - 15 * 60_000, 5_000, 15_000, 2),
      bucket(executedAt + 7 * DAY_MS, 77_700, 0, 0), // after the result window
    ];
    expect(resultMetricsOf(buckets, executedAt, executedAt + 7 * DAY_MS)).toEqual({
      before: {
        from: '2026-03-03T12:00:00.000Z',
        to: '2026-03-10T12:00:00.000Z',
        impressions: 200,
        clicks: 20,
        spend: '200.00',
        conversions: 2,
        revenue: '100.00',
        roas: '0.5000',
        cpa: '100.00',
      },
      after: {
        from: '2026-03-10T12:00:00.000Z',
        to: '2026-03-17T12:00:00.000Z',
        impressions: 200,
        clicks: 20,
        spend: '100.00',
        conversions: 5,
        revenue: '300.00',
        roas: '3.0000',
        cpa: '20.00',
      },
    });
  });

  it('a window without spend has no ROAS or CPA (null, like the seed KPIs where the denominator is zero)', () => {
    expect(resultMetricsOf([], executedAt, executedAt + DAY_MS).after).toMatchObject({ spend: '0.00', roas: null, cpa: null });
  });
});
