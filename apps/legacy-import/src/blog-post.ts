import { isStorableText } from '@campaign/domain';

/**
 * One row of the legacy `blog_posts` table, with the columns seed 000's migration reads
 * ("Migration Considerations": id, campaign_id, title, content_markdown, status, created_at,
 * updated_at), checked before anything is sent: a row that is not fit is rejected whole with a
 * typed error and sends nothing. Rules about values (title length, known statuses, …) are the
 * command side's: it answers them per row with its own codes.
 */
export interface BlogPost {
  readonly id: string;
  /** NULL in the legacy table: the post goes to the legacy campaign (seed 000's UPDATE). */
  readonly campaignId: string | null;
  readonly title: string;
  readonly contentMarkdown: string | null;
  readonly status: string;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
}

export const BLOG_POST_COLUMNS = ['id', 'campaign_id', 'title', 'content_markdown', 'status', 'created_at', 'updated_at'] as const;
export type BlogPostColumn = (typeof BLOG_POST_COLUMNS)[number];

/** A row as a source read it: values by column name, and where it was (a 1-based row or CSV line). */
export interface SourceRow {
  readonly row: number;
  readonly values: Readonly<Partial<Record<BlogPostColumn, unknown>>>;
}

export const ROW_ERROR_CODES = {
  ID_INVALID: 'LEGACY_POST_ID_INVALID',
  ID_DUPLICATE: 'LEGACY_POST_ID_DUPLICATE',
  CAMPAIGN_ID_INVALID: 'LEGACY_POST_CAMPAIGN_ID_INVALID',
  TITLE_MISSING: 'LEGACY_POST_TITLE_MISSING',
  STATUS_MISSING: 'LEGACY_POST_STATUS_MISSING',
  TEXT_UNSTORABLE: 'LEGACY_POST_TEXT_UNSTORABLE',
  TIMESTAMP_INVALID: 'LEGACY_POST_TIMESTAMP_INVALID',
} as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[keyof typeof ROW_ERROR_CODES];

export interface RowError {
  readonly row: number;
  readonly postId: string | null;
  readonly code: RowErrorCode;
  readonly field: BlogPostColumn;
  readonly message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The post id becomes part of an Idempotency-Key: UUIDs and serial numbers fit, nothing a header would mangle. */
const POST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const textOf = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
};

/** Empty text is NULL: a CSV export cannot tell them apart, and no column here means anything by ''. */
const optionalText = (value: unknown): string | null => {
  const text = textOf(value);
  return text === null || text.trim() === '' ? null : text;
};

const instantOf = (value: unknown): string | null | undefined => {
  const text = optionalText(value);
  if (text === null) return null;
  const time = value instanceof Date ? value.getTime() : Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};

class RowRejected extends Error {
  constructor(
    readonly code: RowErrorCode,
    readonly field: BlogPostColumn,
    message: string,
  ) {
    super(message);
  }
}

const required = (value: string | null, code: RowErrorCode, field: BlogPostColumn): string => {
  if (value === null) throw new RowRejected(code, field, `${field} is required`);
  return value;
};

const storable = <T extends string | null>(value: T, field: BlogPostColumn): T => {
  // PostgreSQL text cannot hold U+0000 or a lone surrogate: such a row could never be stored.
  if (value !== null && !isStorableText(value)) throw new RowRejected(ROW_ERROR_CODES.TEXT_UNSTORABLE, field, `${field} holds U+0000 or an unpaired surrogate`);
  return value;
};

const timestamp = (values: SourceRow['values'], field: 'created_at' | 'updated_at'): string | null => {
  const instant = instantOf(values[field]);
  if (instant === undefined) throw new RowRejected(ROW_ERROR_CODES.TIMESTAMP_INVALID, field, `${field} is not a date and time`);
  return instant;
};

const postOf = ({ values }: SourceRow): BlogPost => {
  const id = optionalText(values.id)?.trim() ?? null;
  if (id === null || !POST_ID.test(id)) throw new RowRejected(ROW_ERROR_CODES.ID_INVALID, 'id', 'id is 1 to 100 letters, digits, . _ : or -');
  const campaignId = optionalText(values.campaign_id)?.trim() ?? null;
  if (campaignId !== null && !UUID.test(campaignId)) throw new RowRejected(ROW_ERROR_CODES.CAMPAIGN_ID_INVALID, 'campaign_id', 'campaign_id is a UUID or NULL');
  return {
    id,
    campaignId: campaignId?.toLowerCase() ?? null,
    title: storable(required(optionalText(values.title), ROW_ERROR_CODES.TITLE_MISSING, 'title'), 'title'),
    contentMarkdown: storable(optionalText(values.content_markdown), 'content_markdown'),
    // seed 000: bp.status::TEXT — the legacy enum's label as text.
    status: storable(required(optionalText(values.status)?.trim() ?? null, ROW_ERROR_CODES.STATUS_MISSING, 'status'), 'status'),
    createdAt: timestamp(values, 'created_at'),
    updatedAt: timestamp(values, 'updated_at'),
  };
};

/** The post a row holds, or the first thing wrong with it. */
export const readBlogPost = (source: SourceRow): BlogPost | RowError => {
  try {
    return postOf(source);
  } catch (error) {
    if (!(error instanceof RowRejected)) throw error;
    const postId = optionalText(source.values.id)?.trim() ?? null;
    return { row: source.row, postId, code: error.code, field: error.field, message: error.message };
  }
};

export const isRowError = (value: BlogPost | RowError): value is RowError => 'code' in value;
