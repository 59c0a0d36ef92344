import { csvRecords } from '@campaign/runtime';
import { BLOG_POST_COLUMNS, type BlogPostColumn, type SourceRow } from './blog-post';
import { LegacyImportError } from './command-door.client';

/**
 * The rows of a CSV export of blog_posts (`\copy blog_posts TO 'posts.csv' CSV HEADER`): a
 * header naming the seven columns in any order, then one record per post; `row` is the line a
 * record starts on, as an operator finds it in an editor. An empty field is NULL.
 */
export const readBlogPostsCsv = (text: string): SourceRow[] => {
  const records = csvRecords(text);
  const header = records.next();
  if (header.done) throw new LegacyImportError('SOURCE_EMPTY', 'the CSV file is empty: a header line naming the columns comes first');
  const names = header.value.fields.map((name) => name.trim().toLowerCase());
  const missing = BLOG_POST_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) throw new LegacyImportError('SOURCE_COLUMN_MISSING', `the CSV header lacks ${missing.join(', ')}`);
  const rows: SourceRow[] = [];
  for (const { line, fields } of records) {
    // A blank line (the file's last newline, a gap) holds no post.
    if (fields.length === 1 && fields[0].trim() === '') continue;
    const values: Partial<Record<BlogPostColumn, unknown>> = {};
    for (const column of BLOG_POST_COLUMNS) values[column] = fields[names.indexOf(column)];
    rows.push({ row: line, values });
  }
  return rows;
};
