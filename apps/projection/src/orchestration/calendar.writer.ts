import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import { type CalendarRow, campaignCalendar, contentCalendar, workflowCalendar } from './campaign-calendar.projector';
import type { ContentRow } from './campaign-content.projector';
import type { StepRow } from './campaign-workflow-steps.projector';
import type { WorkflowRow } from './campaign-workflows.projector';
import type { CampaignRow } from './campaigns.projector';

/** The rows a batch changed whose calendar entries are derived again. */
export interface CalendarOwners {
  readonly campaigns: Set<string>;
  readonly contents: Set<string>;
  readonly workflows: Set<string>;
}

const CAMPAIGN_ENTRIES = ['campaign_start', 'campaign_deadline'];
const WORKFLOW_ENTRIES = ['workflow_started', 'workflow_completed', 'workflow_failed', 'step_timeout'];

const COLUMNS = `id uuid, org_id uuid, campaign_id uuid, content_id uuid, workflow_id uuid, event_type text, title text,
  scheduled_datetime timestamptz, status text, created_at timestamptz, updated_at timestamptz`;
const NAMES = 'id, org_id, campaign_id, content_id, workflow_id, event_type, title, scheduled_datetime, status, created_at, updated_at';

/** A calendar row in one spelling whatever its source (instants as UTC ISO), to tell a changed entry from an unchanged one. */
const normalized = (row: CalendarRow): string =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(row)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => [key, key.endsWith('_at') || key === 'scheduled_datetime' ? new Date(value as string).toISOString() : value]),
    ),
  );

/**
 * Keeps seed 000's campaign_calendar in step with the rows it is derived from
 * (campaign-calendar.projector.ts): after a batch, the entries of every campaign, content and
 * workflow it changed are derived again from their rows as written; changed entries are
 * written, entries whose date is gone are deleted. A deleted owner's entries went by CASCADE.
 */
export class CalendarWriter {
  private readonly s: string;

  constructor(schema: string) {
    this.s = quoteIdent(schema);
  }

  async sync(client: PoolClient, owners: CalendarOwners): Promise<void> {
    const [campaigns, contents, workflows] = [[...owners.campaigns], [...owners.contents], [...owners.workflows]];
    if (campaigns.length + contents.length + workflows.length === 0) return;
    const wanted = [
      ...(await this.rowsOf<CampaignRow>(client, 'campaigns', 'id', campaigns)).flatMap(campaignCalendar),
      ...(await this.rowsOf<ContentRow>(client, 'campaign_content', 'id', contents)).flatMap(contentCalendar),
      ...(await this.workflowEntries(client, workflows)),
    ];
    const { rows } = await client.query<{ row: CalendarRow }>(
      `SELECT to_jsonb(c) AS row FROM ${this.s}.campaign_calendar c
        WHERE (c.campaign_id = ANY($1::uuid[]) AND c.event_type = ANY($2)) OR c.content_id = ANY($3::uuid[])
           OR (c.workflow_id = ANY($4::uuid[]) AND c.event_type = ANY($5))`,
      [campaigns, CAMPAIGN_ENTRIES, contents, workflows, WORKFLOW_ENTRIES],
    );
    const existing = new Map(rows.map(({ row }) => [row.id, normalized(row)]));
    const changed = wanted.filter((row) => existing.get(row.id) !== normalized(row));
    const wantedIds = new Set(wanted.map((row) => row.id));
    const stale = [...existing.keys()].filter((id) => !wantedIds.has(id));
    if (changed.length > 0) {
      await client.query(
        `INSERT INTO ${this.s}.campaign_calendar (${NAMES}) SELECT ${NAMES} FROM jsonb_to_recordset($1::jsonb) AS r(${COLUMNS})
         ON CONFLICT (id) DO UPDATE SET scheduled_datetime = EXCLUDED.scheduled_datetime, title = EXCLUDED.title, status = EXCLUDED.status,
           workflow_id = EXCLUDED.workflow_id, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`,
        [JSON.stringify(changed)],
      );
    }
    if (stale.length > 0) await client.query(`DELETE FROM ${this.s}.campaign_calendar WHERE id = ANY($1::uuid[])`, [stale]);
  }

  private async rowsOf<R>(client: PoolClient, table: string, column: string, ids: readonly string[]): Promise<R[]> {
    if (ids.length === 0) return [];
    const { rows } = await client.query<{ row: R }>(`SELECT to_jsonb(t) AS row FROM ${this.s}.${table} t WHERE t.${column} = ANY($1::uuid[])`, [ids]);
    return rows.map(({ row }) => row);
  }

  private async workflowEntries(client: PoolClient, ids: readonly string[]): Promise<CalendarRow[]> {
    const workflows = await this.rowsOf<WorkflowRow>(client, 'campaign_workflows', 'id', ids);
    const steps = await this.rowsOf<StepRow>(client, 'campaign_workflow_steps', 'workflow_id', ids);
    return workflows.flatMap((workflow) =>
      workflowCalendar(
        workflow,
        steps.filter((step) => step.workflow_id === workflow.id),
      ),
    );
  }
}
