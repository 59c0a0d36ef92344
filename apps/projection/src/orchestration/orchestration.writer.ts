import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import { CalendarWriter, type CalendarOwners } from './calendar.writer';
import type { OrchestrationEnvelope } from './orchestration.events';
import { rowsWithParents, writeRows } from '../shared/row-writing';
import { ROW_TABLES, type RowTable, TOMBSTONES } from './orchestration.tables';

type Row = Readonly<Record<string, unknown>> & { readonly id: string };

/** What one batch does beyond its upserts: rows to delete, ids deleted for good, calendar owners to re-derive. */
interface BatchWork {
  readonly deletes: Map<string, Set<string>>;
  readonly tombstones: Map<string, { kind: string; at: string }>;
  readonly owners: CalendarOwners;
}

/**
 * Applies a batch of orchestration events inside the caller's transaction, table by table in
 * foreign-key order: the rows the batch touches are read once, the table's projector folds the
 * batch's events over them in memory, and the changed rows are written back in one statement.
 * Deletions wait until every table is written and run in reverse order, so a row written for a
 * parent the batch deletes goes with it by CASCADE or loses the reference by SET NULL — as if
 * the events had been applied one by one. Then the calendar is re-derived for what changed.
 */
export class OrchestrationWriter {
  private readonly s: string;
  private readonly calendar: CalendarWriter;

  constructor(readonly schema: string) {
    this.s = quoteIdent(schema);
    this.calendar = new CalendarWriter(schema);
  }

  async applyBatch(client: PoolClient, events: readonly OrchestrationEnvelope[]): Promise<void> {
    const work: BatchWork = {
      deletes: new Map(),
      tombstones: tombstonesOf(events),
      owners: { campaigns: new Set(), contents: new Set(), workflows: new Set() },
    };
    for (const table of ROW_TABLES) await this.applyTable(client, table, events, work);
    await this.applyDeletes(client, work);
    if (events.some((e) => e.type === 'OrchestratorDeleted' || e.type === 'CampaignDeleted')) await this.purgeOrchestrators(client);
    await this.calendar.sync(client, work.owners);
  }

  private async applyTable(client: PoolClient, table: RowTable, events: readonly OrchestrationEnvelope[], work: BatchWork): Promise<void> {
    const mine = events.filter((event) => table.projector.canHandle(event));
    if (mine.length === 0) return;
    const t = table.projector.table;
    const keys = [...new Set(mine.map(table.groupOf))];
    const { rows } = await client.query<{ row: Row }>(`SELECT to_jsonb(t) AS row FROM ${this.s}.${t} t WHERE ${table.groupBy} = ANY($1::uuid[])`, [keys]);
    const before = new Map<string, readonly Row[]>();
    for (const { row } of rows) before.set(row[table.groupBy] as string, [...(before.get(row[table.groupBy] as string) ?? []), row]);
    const groups = new Map(before);
    for (const event of mine) {
      const key = table.groupOf(event);
      const current = groups.get(key) ?? [];
      groups.set(key, table.grouped ? table.projector.project(current, event) : projectOne(table, current, event));
    }
    const upserts: Row[] = [];
    for (const [key, after] of groups) {
      const was = before.get(key) ?? [];
      upserts.push(...after.filter((row) => !was.includes(row)));
      const gone = was.filter((row) => !after.some((kept) => kept.id === row.id)).map((row) => row.id);
      if (gone.length > 0) work.deletes.set(t, new Set([...(work.deletes.get(t) ?? []), ...gone]));
    }
    const written = await this.withParents(client, table, upserts, work);
    await writeRows(client, this.s, t, table.columns, written);
    noteOwners(work.owners, t, written);
  }

  private withParents(client: PoolClient, table: RowTable, rows: readonly Row[], work: BatchWork): Promise<Row[]> {
    return rowsWithParents(client, this.s, { name: table.projector.table, parents: table.parents }, rows, (id) => work.tombstones.has(id));
  }

  /** In reverse foreign-key order; PostgreSQL's ON DELETE rules do the rest (seed 000 CASCADE and SET NULL). */
  private async applyDeletes(client: PoolClient, work: BatchWork): Promise<void> {
    for (const table of [...ROW_TABLES].reverse()) {
      const ids = work.deletes.get(table.projector.table);
      if (ids && ids.size > 0) await client.query(`DELETE FROM ${this.s}.${table.projector.table} WHERE id = ANY($1::uuid[])`, [[...ids]]);
    }
    if (work.tombstones.size === 0) return;
    const rows = [...work.tombstones].map(([id, { kind, at }]) => ({ id, kind, deleted_at: at }));
    await client.query(
      `INSERT INTO ${this.s}.projection_tombstones (id, kind, deleted_at)
       SELECT id, kind, deleted_at FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kind text, deleted_at timestamptz)
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * seed 000 fk_workflows_orchestrator RESTRICT: a deleted orchestrator's row stays while
   * workflow rows reference it, and goes (its campaigns' orchestrator_id SET NULL) once none does.
   */
  private async purgeOrchestrators(client: PoolClient): Promise<void> {
    await client.query(
      `DELETE FROM ${this.s}.campaign_orchestrators o
        WHERE o.deleted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${this.s}.campaign_workflows w WHERE w.orchestrator_id = o.id)`,
    );
  }
}

/** A one-row table's projector over its group: the row, or none. */
const projectOne = (table: RowTable, rows: readonly Row[], event: OrchestrationEnvelope): readonly Row[] => {
  const before = rows[0] ?? null;
  const after = table.projector.project(before, event) as Row | null;
  if (after === before) return rows;
  return after ? [after] : [];
};

const tombstonesOf = (events: readonly OrchestrationEnvelope[]): Map<string, { kind: string; at: string }> =>
  new Map(
    events.flatMap((event) => {
      const tombstone = TOMBSTONES[event.type];
      return tombstone ? [[tombstone.idOf(event), { kind: tombstone.kind, at: (event.data as { deletedAt: string }).deletedAt }] as const] : [];
    }),
  );

/** The rows whose dates the calendar shows: their owners are re-derived after the batch. */
const noteOwners = (owners: CalendarOwners, table: string, rows: readonly Row[]): void => {
  if (table === 'campaigns') rows.forEach((row) => owners.campaigns.add(row.id));
  if (table === 'campaign_content') rows.forEach((row) => owners.contents.add(row.id));
  if (table === 'campaign_workflows') rows.forEach((row) => owners.workflows.add(row.id));
  if (table === 'campaign_workflow_steps') rows.forEach((row) => owners.workflows.add(row.workflow_id as string));
};
