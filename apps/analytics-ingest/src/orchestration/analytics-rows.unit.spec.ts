import { randomUUID } from 'node:crypto';
import { readMeasurements } from './analytics-rows';
import { analyticsRow } from './testing';

describe('readMeasurements (seed 000 campaign_analytics rows)', () => {
  it('reads every good row as the command carries it: camelCase, revenue as decimal text, a JSON number taken as its text', () => {
    const campaignId = randomUUID();
    const read = readMeasurements([analyticsRow({ campaign_id: campaignId, revenue: 99.5, platform: undefined })], 10);
    expect(read).toEqual({
      measurements: [
        {
          campaignId,
          contentId: null,
          measurementDate: '2026-05-01',
          platform: null,
          views: 1200,
          clicks: 80,
          conversions: 4,
          engagements: 150,
          shares: 9,
          revenue: '99.5',
        },
      ],
    });
  });

  // seed 000 campaign_analytics: counts are non-negative, revenue DECIMAL(12,2), measurement_date a DATE.
  it('every bad field of every row is listed with its row and field, and no row is taken', () => {
    const read = readMeasurements(
      [analyticsRow(), analyticsRow({ views: -1, revenue: '1.234' }), analyticsRow({ measurement_date: '2026-02-30', campaign_id: 'x' }), 'not a row'],
      10,
    );
    expect(read).toEqual({
      errors: [
        { row: 2, code: 'CONTENT_ANALYTICS_INVALID', field: 'views', message: expect.stringContaining('non-negative integer') },
        { row: 2, code: 'CONTENT_ANALYTICS_INVALID', field: 'revenue', message: expect.stringContaining('DECIMAL(12,2)') },
        { row: 3, code: 'CONTENT_ANALYTICS_INVALID', field: 'campaign_id', message: expect.stringContaining('UUID') },
        { row: 3, code: 'CONTENT_ANALYTICS_INVALID', field: 'measurement_date', message: expect.stringContaining('calendar day') },
        { row: 4, code: 'CONTENT_ANALYTICS_INVALID', field: '(row)', message: expect.any(String) },
      ],
    });
  });

  it('a missing count and an unknown column are errors of their row', () => {
    const { views: _views, ...withoutViews } = analyticsRow();
    expect(readMeasurements([withoutViews, analyticsRow({ impressions: 3 })], 10)).toEqual({
      errors: [
        { row: 1, code: 'CONTENT_ANALYTICS_INVALID', field: 'views', message: 'views is required' },
        { row: 2, code: 'CONTENT_ANALYTICS_INVALID', field: 'impressions', message: expect.any(String) },
      ],
    });
  });

  it('a body that is not a non-empty array (400) or too long (413) is refused whole', () => {
    expect(readMeasurements({ rows: [] }, 10)).toMatchObject({ problem: { status: 400, code: 'ANALYTICS_BODY_INVALID' } });
    expect(readMeasurements([], 10)).toMatchObject({ problem: { status: 400 } });
    expect(readMeasurements([analyticsRow(), analyticsRow(), analyticsRow()], 2)).toMatchObject({ problem: { status: 413, code: 'ANALYTICS_ROWS_TOO_MANY' } });
  });
});
