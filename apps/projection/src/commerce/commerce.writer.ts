import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import type { Projector } from '../shared/projector';
import { type Columns, type Parent, rowsWithParents, writeRows } from '../shared/row-writing';
import type { CommerceEnvelope, Row, SoldLine } from './commerce.events';
import { ROW_TABLES } from './commerce.tables';
import { applySegmentMembership } from './segment-membership';

export interface RowTable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projector: Projector<any, any, any>;
  /** The column a group of rows is read by: the row's id, or the parent whose children the projector folds together. */
  readonly groupBy: string;
  /** The groups an event touches: one, or one per row it moves (an order's inventory rows). */
  readonly groupsOf: (event: CommerceEnvelope) => readonly string[];
  /** The projector folds a list of rows (the groups' rows) instead of one row or nothing. */
  readonly grouped?: boolean;
  readonly columns: Columns;
  /** The primary key, ON CONFLICT's target: a partitioned table's includes its partition key. */
  readonly key?: string;
  readonly parents: readonly Parent[];
  /** Deleted rows stay deleted for good: late events of other streams naming them write nothing. */
  readonly tombstone?: string;
}

/** What a table's events made of the rows they read: rows to write, ids no longer there. */
interface Folded {
  readonly upserts: Row[];
  /** Deleted row ids and when: the instant the deleting event carries. */
  readonly gone: Map<string, string>;
}

/** When the event deleted what it deleted: its own instant (deletedAt, removedAt …), else when it occurred. */
const instantOf = (event: CommerceEnvelope): string => {
  const d = event.data as { deletedAt?: string; removedAt?: string };
  return d.deletedAt ?? d.removedAt ?? event.occurredAt;
};

/**
 * Applies a batch of commerce events inside the caller's transaction, table by table in
 * foreign-key order: the rows the batch touches are read once, the table's projector folds the
 * batch's events over them in memory, and the changed rows are written back in one statement.
 * A table's deletions run before its writes (a budget period or SKU let go and taken again in
 * one batch), and a deleted parent of a table that keeps tombstones is recorded at once, so a
 * child written later in the batch is left out or loses the reference as its foreign key's
 * ON DELETE rule would have done. Returns the tables that changed.
 */
export class CommerceWriter {
  private readonly s: string;

  constructor(readonly schema: string) {
    this.s = quoteIdent(schema);
  }

  async applyBatch(client: PoolClient, events: readonly CommerceEnvelope[]): Promise<Set<string>> {
    const batch = await this.withOrderLines(client, events);
    const changed = new Set<string>();
    for (const table of ROW_TABLES) {
      if (await this.applyTable(client, table, batch)) changed.add(table.projector.table);
    }
    // Memberships are not rows of one stream: a rule segment's follow every customer's changes.
    await applySegmentMembership(client, this.schema, batch);
    return changed;
  }

  private async applyTable(client: PoolClient, table: RowTable, events: readonly CommerceEnvelope[]): Promise<boolean> {
    const mine = events.filter((event) => table.projector.canHandle(event));
    if (mine.length === 0) return false;
    const { upserts, gone } = await this.fold(client, table, mine);
    const t = table.projector.table;
    if (gone.size > 0) await this.remove(client, table, gone);
    const written = await this.withParents(client, table, upserts);
    await writeRows(client, this.s, t, table.columns, written, table.key);
    return written.length > 0 || gone.size > 0;
  }

  /** Reads the groups the events touch and folds the events over them; a row seen and then dropped is gone. */
  private async fold(client: PoolClient, table: RowTable, events: readonly CommerceEnvelope[]): Promise<Folded> {
    const keys = [...new Set(events.flatMap(table.groupsOf))];
    const t = table.projector.table;
    const { rows } = await client.query<{ row: Row }>(`SELECT to_jsonb(t) AS row FROM ${this.s}.${t} t WHERE ${table.groupBy} = ANY($1::uuid[])`, [keys]);
    const groups = new Map<string, readonly Row[]>();
    for (const { row } of rows) groups.set(row[table.groupBy] as string, [...(groups.get(row[table.groupBy] as string) ?? []), row]);
    const before = new Set(rows.map(({ row }) => row));
    const gone = new Map<string, string>();
    for (const event of events) {
      const touched = table.groupsOf(event);
      const current = touched.flatMap((key) => groups.get(key) ?? []);
      const after: readonly Row[] = table.grouped ? table.projector.project(current, event) : projectOne(table, current, event);
      if (after === current) continue;
      const left = new Set(after.map((row) => row.id));
      current.filter((row) => !left.has(row.id)).forEach((row) => gone.set(row.id, instantOf(event)));
      left.forEach((id) => gone.delete(id));
      for (const key of touched)
        groups.set(
          key,
          after.filter((row) => row[table.groupBy] === key),
        );
    }
    const final = [...groups.values()].flat();
    return { upserts: final.filter((row) => !before.has(row)), gone };
  }

  /** Deletes the rows (PostgreSQL's ON DELETE rules do the rest) and, for a parent table, remembers them as deleted for good. */
  private async remove(client: PoolClient, table: RowTable, gone: ReadonlyMap<string, string>): Promise<void> {
    await client.query(`DELETE FROM ${this.s}.${table.projector.table} WHERE id = ANY($1::uuid[])`, [[...gone.keys()]]);
    if (!table.tombstone) return;
    await client.query(
      `INSERT INTO ${this.s}.projection_tombstones (id, kind, deleted_at)
       SELECT id, $3, at FROM unnest($1::uuid[], $2::timestamptz[]) AS g(id, at) ON CONFLICT (id) DO NOTHING`,
      [[...gone.keys()], [...gone.values()], table.tombstone],
    );
  }

  private withParents(client: PoolClient, table: RowTable, rows: readonly Row[]): Promise<Row[]> {
    return rowsWithParents(client, this.s, { name: table.projector.table, parents: table.parents }, rows);
  }

  /**
   * OrderPaid with its order's lines (product_metrics counts them): from the batch's OrderPlaced,
   * or read back from order_items — the order's own stream placed it earlier.
   */
  private async withOrderLines(client: PoolClient, events: readonly CommerceEnvelope[]): Promise<CommerceEnvelope[]> {
    const lines = new Map<string, SoldLine[]>();
    for (const event of events) {
      if (event.type === 'OrderPlaced') lines.set(event.data.orderId, [...event.data.lines]);
    }
    const unknown = [...new Set(events.flatMap((e) => (e.type === 'OrderPaid' && !lines.has(e.data.orderId) ? [e.data.orderId] : [])))];
    if (unknown.length > 0) {
      const { rows } = await client.query<{ order_id: string; product_id: string | null; quantity: number; line_total: string }>(
        `SELECT order_id::text, product_id::text, quantity, line_total::text FROM ${this.s}.order_items WHERE order_id = ANY($1::uuid[]) ORDER BY id`,
        [unknown],
      );
      for (const row of rows) {
        lines.set(row.order_id, [...(lines.get(row.order_id) ?? []), { productId: row.product_id, quantity: row.quantity, lineTotal: row.line_total }]);
      }
    }
    return events.map((event) => (event.type === 'OrderPaid' ? { ...event, lines: lines.get(event.data.orderId) ?? [] } : event));
  }
}

/** A one-row table's projector over its group: the row, or none. */
const projectOne = (table: RowTable, rows: readonly Row[], event: CommerceEnvelope): readonly Row[] => {
  const before = rows[0] ?? null;
  const after = table.projector.project(before, event) as Row | null;
  if (after === before) return rows;
  return after ? [after] : [];
};
