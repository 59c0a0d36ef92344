/**
 * The reference for the rebuild: the same final rows, copied into a fresh copy of the same
 * schema with plain multi-row INSERTs (INSERT … SELECT FROM unnest of one text array per
 * column, `batch` rows per statement, each statement its own transaction). Rows are read back
 * from the rebuilt schema first, as text, so the insert does the same parsing work the
 * writer's statements do; only the inserts are timed.
 */
import { quoteIdent } from '@campaign/eventstore';
import type { Pool } from 'pg';

/** Parents before children: the copy keeps the seed's foreign keys. */
export const OUTREACH_TABLES = [
  'organizations',
  'user_profiles',
  'message_templates',
  'leads',
  'campaigns',
  'campaign_contacts',
  'engagement_tracking',
] as const;

interface TableRows {
  readonly table: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly (string | null)[])[];
}

const columnsOf = async (pool: Pool, schema: string, table: string) => {
  const { rows } = await pool.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [`${quoteIdent(schema)}.${quoteIdent(table)}`],
  );
  return rows;
};

/** Every row of the outreach tables of `schema`, each column as its text form. */
export const readFinalRows = async (pool: Pool, schema: string): Promise<TableRows[]> => {
  const tables: TableRows[] = [];
  for (const table of OUTREACH_TABLES) {
    const columns = await columnsOf(pool, schema, table);
    const select = columns.map((c) => `${quoteIdent(c.name)}::text`).join(', ');
    const { rows } = await pool.query<(string | null)[]>({ text: `SELECT ${select} FROM ${quoteIdent(schema)}.${quoteIdent(table)}`, rowMode: 'array' });
    tables.push({ table, columns, rows });
  }
  return tables;
};

export const rowCount = (tables: readonly TableRows[]): number => tables.reduce((sum, t) => sum + t.rows.length, 0);

/** Inserts the rows into `schema` (same tables, empty) and returns the seconds the inserts took. */
export const insertRows = async (pool: Pool, schema: string, tables: readonly TableRows[], batch: number): Promise<number> => {
  const started = process.hrtime.bigint();
  for (const { table, columns, rows } of tables) {
    const names = columns.map((c) => quoteIdent(c.name)).join(', ');
    const params = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
    const casts = columns.map((c, i) => `c${i}::${c.type}`).join(', ');
    const aliases = columns.map((_, i) => `c${i}`).join(', ');
    const sql = `INSERT INTO ${quoteIdent(schema)}.${quoteIdent(table)} (${names}) SELECT ${casts} FROM unnest(${params}) AS u(${aliases})`;
    for (let from = 0; from < rows.length; from += batch) {
      const chunk = rows.slice(from, from + batch);
      await pool.query(
        sql,
        columns.map((_, i) => chunk.map((row) => row[i])),
      );
    }
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
};
