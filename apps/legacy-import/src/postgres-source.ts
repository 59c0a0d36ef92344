import type { Pool } from 'pg';
import type { SourceRow } from './blog-post';
import { LegacyImportError } from './command-door.client';

/** `blog_posts` or `schema.blog_posts`: lower-case SQL identifiers, quoted in the statement. */
export const TABLE_NAME = /^([a-z_][a-z0-9_]{0,62}\.)?[a-z_][a-z0-9_]{0,62}$/;

/** SQLSTATEs of a source that is not the table the seed's migration reads. */
const SOURCE_PROBLEMS: Readonly<Record<string, string>> = { '42P01': 'SOURCE_TABLE_NOT_FOUND', '42703': 'SOURCE_COLUMN_MISSING' };

/**
 * Every row of a legacy blog_posts table, read with the columns seed 000's INSERT reads. Ids and
 * the status are read as text (`bp.status::TEXT`, whatever their types were), the instants as
 * timestamptz. Read in one statement, so the import sees one consistent snapshot of the table.
 */
export const readBlogPostsTable = async (pool: Pool, table: string): Promise<SourceRow[]> => {
  if (!TABLE_NAME.test(table)) throw new LegacyImportError('SOURCE_TABLE_INVALID', `--table is a lower-case table name, optionally schema-qualified: ${table}`);
  const qualified = table
    .split('.')
    .map((part) => `"${part}"`)
    .join('.');
  try {
    const { rows } = await pool.query<Record<string, unknown>>(
      `SELECT id::text AS id, campaign_id::text AS campaign_id, title::text AS title, content_markdown::text AS content_markdown,
              status::text AS status, created_at::timestamptz AS created_at, updated_at::timestamptz AS updated_at
         FROM ${qualified}
        ORDER BY created_at NULLS FIRST, id`,
    );
    return rows.map((values, index) => ({ row: index + 1, values }));
  } catch (error) {
    const code = SOURCE_PROBLEMS[(error as { code?: string }).code ?? ''];
    if (code) throw new LegacyImportError(code, `${table} is not a legacy blog_posts table: ${(error as Error).message}`);
    throw error;
  }
};
