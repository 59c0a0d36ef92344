import { normalizeHeader, rowsOfCsv, rowsOfJson, rowsOfNdjson } from './metric-rows';

describe('reading pushed rows', () => {
  it('JSON: rows numbered from 1; a row that is not an object is malformed; no rows or no array is a body problem', () => {
    expect(rowsOfJson({ rows: [{ a: 1 }, 'x'] }, 10)).toEqual({
      rows: [
        { row: 1, fields: { a: 1 } },
        { row: 2, malformed: 'a row is a JSON object' },
      ],
    });
    expect(rowsOfJson({ rows: [] }, 10)).toMatchObject({ problem: { status: 400, code: 'METRIC_BODY_INVALID' } });
    expect(rowsOfJson([{ a: 1 }], 10)).toMatchObject({ problem: { status: 400, code: 'METRIC_BODY_INVALID' } });
    expect(rowsOfJson({ rows: [{}, {}, {}] }, 2)).toMatchObject({ problem: { status: 413, code: 'METRIC_ROWS_TOO_MANY' } });
  });

  it('NDJSON: numbered by line, blank lines skipped, a line that is not JSON is malformed', () => {
    expect(rowsOfNdjson('{"a":1}\n\n{oops\n', 10)).toEqual({
      rows: [
        { row: 1, fields: { a: 1 } },
        { row: 3, malformed: 'the line is not valid JSON' },
      ],
    });
    expect(rowsOfNdjson('{}\n{}\n{}', 2)).toMatchObject({ problem: { code: 'METRIC_ROWS_TOO_MANY' } });
  });

  it('CSV headers: the seed snake_case columns and common export headers map to the same fields', () => {
    expect(['Day', 'Campaign ID', 'Impr.', 'Cost', 'Conv. value', 'Amount spent (USD)', 'Reporting starts', 'Currency code'].map(normalizeHeader)).toEqual([
      'day',
      'campaign_id',
      'impr',
      'cost',
      'conv_value',
      'amount_spent',
      'reporting_starts',
      'currency_code',
    ]);
    const meta = rowsOfCsv(
      'Reporting starts,Campaign name,Campaign ID,Impressions,Link clicks,Amount spent (USD),Results,Purchases conversion value\n2026-05-01,Sale,123,"1,000",10,5.5,2,40\n',
      10,
    );
    expect(meta).toEqual({
      rows: [
        {
          row: 2,
          fields: { day: '2026-05-01', platform_campaign_id: '123', impressions: '1000', clicks: '10', spend: '5.5', conversions: '2', revenue: '40' },
        },
      ],
    });
  });

  it('CSV: lines before the header, blank lines and Total rows are skipped; whole conversions like 12.00 read as 12, fractions stay', () => {
    const read = rowsOfCsv('Report\n\ntime,platform_campaign_id,conversions\n2026-05-01T00:00:00Z,1,12.00\n2026-05-01T00:15:00Z,1,2.5\nTotal,,14.5\n', 10);
    expect(read).toEqual({
      rows: [
        { row: 4, fields: { time: '2026-05-01T00:00:00Z', platform_campaign_id: '1', conversions: '12' } },
        { row: 5, fields: { time: '2026-05-01T00:15:00Z', platform_campaign_id: '1', conversions: '2.5' } },
      ],
    });
  });

  it('CSV without a campaign id column has no header: a typed 400', () => {
    expect(rowsOfCsv('Campaign,Cost\nx,1\n', 10)).toMatchObject({ problem: { status: 400, code: 'METRIC_CSV_HEADER_MISSING' } });
  });
});
