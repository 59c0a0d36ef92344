/**
 * What the table-driven writers (orchestration.writer.ts, commerce.writer.ts) share: rows written
 * whole by one statement per table, and rows checked against their parents before they are
 * written. A parent that is missing is either gone (deleted: tombstoned, or in this batch — the
 * row is not written, or written with the column NULL, as the foreign key's ON DELETE rule says)
 * or, when its events travel on another stream, not projected yet: the batch is then retried.
 */
import type { PoolClient } from 'pg';

/** A column the writer sends and its SQL type (jsonb_to_recordset's record definition); `%s` is the schema. */
export type Columns = readonly (readonly [string, string])[];

export type WrittenRow = Readonly<Record<string, unknown>> & { readonly id: string };

/** A foreign key as the writer checks it before writing. Any table with an `id` column can be a parent. */
export interface Parent {
  readonly column: string;
  readonly table: string;
  readonly whenGone: 'skip' | 'null';
  /** Only another stream's parent can be missing and not deleted; one of the same stream was applied before. */
  readonly otherStream: boolean;
}

/** Rows name rows not projected yet (another stream, another partition): the runner retries the batch, never dead-letters it. */
export class NotYetProjectedError extends Error {
  constructor(table: string, waitingFor: string, ids: readonly string[]) {
    super(`${table} rows wait for ${waitingFor} not projected yet (${ids.join(', ')}): the batch is retried`);
    this.name = 'NotYetProjectedError';
  }
}

/** INSERT … SELECT FROM jsonb_to_recordset($1): one statement per table for any number of rows, each written whole. */
export const upsertSql = (s: string, table: string, columns: Columns, key = 'id'): string => {
  const names = columns.map(([name]) => name).join(', ');
  const types = columns.map(([name, type]) => `${name} ${type.replace('%s', s)}`).join(', ');
  const keys = new Set(key.split(',').map((k) => k.trim()));
  const updates = columns.filter(([name]) => !keys.has(name)).map(([name]) => `${name} = EXCLUDED.${name}`);
  return `INSERT INTO ${s}.${table} (${names})
    SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${types})
    ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}`;
};

/** Writes the rows whole, their `columns` only, in one statement (upsertSql). */
export const writeRows = async (client: PoolClient, s: string, table: string, columns: Columns, rows: readonly WrittenRow[], key = 'id'): Promise<void> => {
  if (rows.length === 0) return;
  const values = rows.map((row) => Object.fromEntries(columns.map(([name]) => [name, row[name] ?? null])));
  await client.query(upsertSql(s, table, columns, key), [JSON.stringify(values)]);
};

/** Columns of one SQL type, for the writers' table lists. */
export const typed = (type: string, ...names: string[]): Columns => names.map((name) => [name, type] as const);
export const ts = (...names: string[]) => typed('timestamptz', ...names);
export const text = (...names: string[]) => typed('text', ...names);
export const uuid = (...names: string[]) => typed('uuid', ...names);

/** Of these ids, those with no row in the table (`s` is the quoted schema). */
const missingIds = async (client: PoolClient, s: string, table: string, ids: readonly (string | null)[]): Promise<string[]> => {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return [];
  const { rows } = await client.query<{ id: string }>(
    `SELECT i.id::text FROM unnest($1::uuid[]) AS i(id) WHERE NOT EXISTS (SELECT 1 FROM ${s}.${table} t WHERE t.id = i.id)`,
    [wanted],
  );
  return rows.map((row) => row.id);
};

/** Of these ids, those deleted for good: in projection_tombstones, or deleted by this batch (`deletedNow`). */
const tombstonedIds = async (client: PoolClient, s: string, ids: readonly string[], deletedNow: (id: string) => boolean): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const { rows } = await client.query<{ id: string }>(`SELECT id::text FROM ${s}.projection_tombstones WHERE id = ANY($1::uuid[])`, [ids]);
  return new Set([...rows.map((row) => row.id), ...ids.filter(deletedNow)]);
};

/**
 * The rows as they may be written: a row whose parent is gone is left out, or loses the
 * reference, as its foreign key's ON DELETE rule says; a parent of another stream that is
 * neither present nor deleted fails the batch (NotYetProjectedError), to be retried.
 */
export const rowsWithParents = async <R extends WrittenRow>(
  client: PoolClient,
  s: string,
  table: { readonly name: string; readonly parents: readonly Parent[] },
  rows: readonly R[],
  deletedNow: (id: string) => boolean = () => false,
): Promise<R[]> => {
  const gone = new Map<Parent, Set<string>>();
  const notYet = new Map<Parent, Set<string>>();
  // A self-reference (an agent's parent, a content's) may name a row of this very write.
  const writing = new Set(rows.map((row) => row.id));
  for (const parent of table.parents) {
    const named = rows.map((row) => row[parent.column] as string | null).filter((id) => parent.table !== table.name || !writing.has(id as string));
    const missing = await missingIds(client, s, parent.table, named);
    const deleted = parent.otherStream ? await tombstonedIds(client, s, missing, deletedNow) : new Set(missing);
    gone.set(parent, deleted);
    notYet.set(parent, new Set(missing.filter((id) => !deleted.has(id))));
  }
  const kept: R[] = [];
  for (const row of rows) {
    if (table.parents.some((p) => p.whenGone === 'skip' && gone.get(p)?.has(row[p.column] as string))) continue;
    const waiting = table.parents.find((p) => notYet.get(p)?.has(row[p.column] as string));
    if (waiting) throw new NotYetProjectedError(table.name, `${waiting.table} rows`, [row[waiting.column] as string]);
    const cleared = table.parents.filter((p) => gone.get(p)?.has(row[p.column] as string)).map((p) => [p.column, null]);
    kept.push(cleared.length === 0 ? row : ({ ...row, ...Object.fromEntries(cleared) } as R));
  }
  return kept;
};
