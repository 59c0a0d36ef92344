import type { orchestration } from '@campaign/domain';
import { z } from '@campaign/runtime';

/** One measurement as the command RecordContentAnalytics carries it (camelCase, revenue as decimal text). */
export type Measurement = orchestration.RecordContentAnalytics['data'] & { readonly contentId: string | null; readonly platform: string | null };

/** One bad row: where (its position in the array, from 1), which field, a code and a sentence. */
export interface RowError {
  readonly row: number;
  readonly code: string;
  readonly field: string;
  readonly message: string;
}

/** A body that cannot be taken at all (not one row's error): its status and code. */
export interface BodyProblem {
  readonly status: 400 | 413;
  readonly code: string;
  readonly message: string;
}

export type ReadMeasurements = { readonly measurements: Measurement[] } | { readonly errors: RowError[] } | { readonly problem: BodyProblem };

/** The code of a row the door refuses before any command is sent (the decider's own code for the same rules). */
export const ROW_INVALID = 'CONTENT_ANALYTICS_INVALID';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const count = z.number({ invalid_type_error: 'a non-negative integer' }).int('a non-negative integer').nonnegative('a non-negative integer');

/** A calendar day that exists (2026-02-30 does not). */
const isDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

// seed 000 campaign_analytics: revenue DECIMAL(12,2) — at most 10 digits before the point and 2 after.
const DECIMAL_12_2 = /^\d{1,10}(\.\d{1,2})?$/;

/** seed 000 campaign_analytics columns, snake_case; the door's checks are the decider's (CONTENT_ANALYTICS_INVALID). */
const row = z
  .object({
    campaign_id: z.string().regex(UUID, 'a UUID'),
    content_id: z.string().regex(UUID, 'a UUID').nullable().optional(),
    measurement_date: z.string().refine(isDay, 'a calendar day, YYYY-MM-DD'),
    platform: z.string().min(1, '1 to 50 characters').max(50, '1 to 50 characters').nullable().optional(),
    views: count,
    clicks: count,
    conversions: count,
    engagements: count,
    shares: count,
    revenue: z
      .union([z.string(), z.number().transform((n) => String(n))])
      .refine((value) => DECIMAL_12_2.test(value), 'a non-negative DECIMAL(12,2), e.g. "1250.50"'),
  })
  .strict();

const measurementOf = (fields: z.infer<typeof row>): Measurement => ({
  campaignId: fields.campaign_id.toLowerCase(),
  contentId: fields.content_id?.toLowerCase() ?? null,
  measurementDate: fields.measurement_date,
  platform: fields.platform ?? null,
  views: fields.views,
  clicks: fields.clicks,
  conversions: fields.conversions,
  engagements: fields.engagements,
  shares: fields.shares,
  revenue: fields.revenue,
});

/**
 * The body's measurements, all or nothing: a JSON array of rows, each checked on its own; any
 * bad row and none is taken (every bad field of every row listed, so one answer tells the
 * sender everything to fix).
 */
export const readMeasurements = (body: unknown, maxRows: number): ReadMeasurements => {
  if (!Array.isArray(body)) return { problem: { status: 400, code: 'ANALYTICS_BODY_INVALID', message: 'The body is a JSON array of measurements' } };
  if (body.length === 0) return { problem: { status: 400, code: 'ANALYTICS_BODY_INVALID', message: 'The body carries no measurements' } };
  if (body.length > maxRows)
    return { problem: { status: 413, code: 'ANALYTICS_ROWS_TOO_MANY', message: `At most ${maxRows} measurements at once; split them` } };
  const measurements: Measurement[] = [];
  const errors: RowError[] = [];
  body.forEach((fields: unknown, i) => {
    const parsed = row.safeParse(fields);
    if (parsed.success) measurements.push(measurementOf(parsed.data));
    else errors.push(...parsed.error.issues.map((issue) => rowError(i + 1, issue)));
  });
  return errors.length > 0 ? { errors } : { measurements };
};

const rowError = (row: number, issue: z.ZodIssue): RowError => {
  const field = issue.code === 'unrecognized_keys' ? issue.keys.join(',') : String(issue.path[0] ?? '(row)');
  const message = issue.code === 'invalid_type' && issue.received === 'undefined' ? `${field} is required` : `${field}: ${issue.message}`;
  return { row, code: ROW_INVALID, field, message };
};
