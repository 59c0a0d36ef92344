import { csvRecords } from '@campaign/runtime';

/** One pushed row as read from the body, numbered for its errors; or why it could not be read. */
export type PushedRow = { readonly row: number; readonly fields: Readonly<Record<string, unknown>> } | { readonly row: number; readonly malformed: string };

/** A body that cannot be taken at all (not one row error): its status and code. */
export interface BodyProblem {
  readonly status: 400 | 413 | 415;
  readonly code: string;
  readonly message: string;
}

export type ReadRows = { readonly rows: PushedRow[] } | { readonly problem: BodyProblem };

const tooMany = (max: number): { problem: BodyProblem } => ({
  problem: { status: 413, code: 'METRIC_ROWS_TOO_MANY', message: `A push carries at most ${max} rows; split it` },
});
const noRows = (): { problem: BodyProblem } => ({ problem: { status: 400, code: 'METRIC_BODY_INVALID', message: 'The body carries no rows' } });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ rows: [ {...}, … ] }`: row numbers are positions in `rows`, from 1. */
export const rowsOfJson = (body: unknown, maxRows: number): ReadRows => {
  if (!isRecord(body) || !Array.isArray(body.rows)) {
    return { problem: { status: 400, code: 'METRIC_BODY_INVALID', message: 'A JSON body is an object with a rows array: {"rows":[…]}' } };
  }
  if (body.rows.length === 0) return noRows();
  if (body.rows.length > maxRows) return tooMany(maxRows);
  return { rows: body.rows.map((fields: unknown, i) => (isRecord(fields) ? { row: i + 1, fields } : { row: i + 1, malformed: 'a row is a JSON object' })) };
};

/** One JSON object per line (blank lines skipped): row numbers are line numbers. */
export const rowsOfNdjson = (text: string, maxRows: number): ReadRows => {
  const rows: PushedRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    if (rows.length >= maxRows) return tooMany(maxRows);
    try {
      const fields: unknown = JSON.parse(line);
      rows.push(isRecord(fields) ? { row: i + 1, fields } : { row: i + 1, malformed: 'a line is a JSON object' });
    } catch {
      rows.push({ row: i + 1, malformed: 'the line is not valid JSON' });
    }
  }
  return rows.length === 0 ? noRows() : { rows };
};

/**
 * CSV columns by their normalized header (lower case, a parenthesized part such as a currency
 * dropped, other characters as `_`): the seed's snake_case columns and the headers of common
 * platform exports (Google Ads: Day, Campaign ID, Impr., Cost, Conversions, Conv. value;
 * Meta: Reporting starts, Campaign ID, Impressions, Link clicks, Amount spent (USD), Results,
 * Purchases conversion value). Other columns (a campaign's name…) are ignored.
 */
export const CSV_COLUMNS: Readonly<Record<string, string>> = {
  time: 'time',
  timestamp: 'time',
  bucket: 'time',
  day: 'day',
  date: 'day',
  reporting_starts: 'day',
  hour: 'hour',
  hour_of_day: 'hour',
  hour_of_the_day: 'hour',
  platform: 'platform',
  platform_campaign_id: 'platform_campaign_id',
  campaign_id: 'platform_campaign_id',
  impressions: 'impressions',
  impr: 'impressions',
  clicks: 'clicks',
  link_clicks: 'clicks',
  clicks_all: 'clicks',
  spend: 'spend',
  cost: 'spend',
  amount_spent: 'spend',
  conversions: 'conversions',
  conv: 'conversions',
  results: 'conversions',
  purchases: 'conversions',
  revenue: 'revenue',
  conv_value: 'revenue',
  conversion_value: 'revenue',
  all_conv_value: 'revenue',
  total_conversion_value: 'revenue',
  purchases_conversion_value: 'revenue',
  currency: 'currency',
  currency_code: 'currency',
};

export const normalizeHeader = (header: string): string =>
  header
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

const FIGURES = new Set(['impressions', 'clicks', 'spend', 'conversions', 'revenue']);
const COUNTS = new Set(['impressions', 'clicks', 'conversions']);

/** An export's figure as the row checks read it: `1,234.50` without its grouping, `12.00` conversions as `12`. */
const figureText = (column: string, value: string): string => {
  let text = value.trim();
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  if (COUNTS.has(column) && /^\d+\.0+$/.test(text)) text = text.slice(0, text.indexOf('.'));
  return text;
};

/**
 * A CSV export: lines before the header (a report's title, its date range) are skipped — the
 * header is the first line naming a campaign id column — and so are blank lines and totals
 * (a first cell starting with "Total"). Row numbers are line numbers.
 */
export const rowsOfCsv = (text: string, maxRows: number): ReadRows => {
  let columns: (string | null)[] | null = null;
  const rows: PushedRow[] = [];
  for (const { line, fields } of csvRecords(text)) {
    if (fields.every((field) => field.trim() === '')) continue;
    if (!columns) {
      const named = fields.map((field) => CSV_COLUMNS[normalizeHeader(field)] ?? null);
      if (named.includes('platform_campaign_id')) columns = named;
      continue;
    }
    if (/^total/i.test(fields[0]?.trim() ?? '')) continue;
    if (rows.length >= maxRows) return tooMany(maxRows);
    const row: Record<string, string> = {};
    columns.forEach((column, i) => {
      const value = fields[i];
      if (column === null || value === undefined || value.trim() === '') return;
      row[column] = FIGURES.has(column) ? figureText(column, value) : value.trim();
    });
    rows.push({ row: line, fields: row });
  }
  if (!columns) {
    return {
      problem: {
        status: 400,
        code: 'METRIC_CSV_HEADER_MISSING',
        message: 'A CSV body starts with a header row naming its columns: time,platform,platform_campaign_id,impressions,clicks,spend,conversions,revenue',
      },
    };
  }
  return rows.length === 0 ? noRows() : { rows };
};
