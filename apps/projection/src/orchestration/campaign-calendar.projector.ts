/**
 * seed 000 `campaign_calendar` ("campaign deadlines and milestones", "content publishing
 * schedules, review and approval deadlines", "workflow execution milestones, step completion
 * deadlines"): derived from the rows the events keep — a campaign's scheduled start and
 * deadline, a content's publish and review dates, a workflow's start and end and its steps'
 * timeouts. Derived from the rows rather than from each event, the calendar moves or loses an
 * entry whenever the fact it shows changes, whatever event changed it, and a rebuild (which sees
 * only the final rows) writes the same entries, times included (each entry carries its source
 * row's created_at and updated_at).
 */
import { calendarRowId } from './orchestration.ids';
import type { CampaignRow } from './campaigns.projector';
import type { ContentRow } from './campaign-content.projector';
import type { StepRow } from './campaign-workflow-steps.projector';
import type { WorkflowRow } from './campaign-workflows.projector';

export interface CalendarRow {
  readonly id: string;
  readonly org_id: string;
  readonly campaign_id: string;
  readonly content_id: string | null;
  readonly workflow_id: string | null;
  readonly event_type: string;
  readonly title: string;
  readonly scheduled_datetime: string;
  readonly status: 'scheduled' | 'done' | 'cancelled';
  readonly created_at: string;
  readonly updated_at: string;
}

/** seed 000 leaves the title's size open; 500 characters, as a content's own title. */
const TITLE_MAX = 500;

type Owner = Pick<CalendarRow, 'org_id' | 'campaign_id' | 'content_id' | 'workflow_id'>;
type Source = { readonly created_at: string; readonly updated_at: string };

const entry = (
  owner: Owner,
  ownerId: string,
  source: Source,
  type: string,
  at: string | null,
  title: string,
  status: CalendarRow['status'],
  stepKey?: string,
) =>
  at === null
    ? []
    : [
        {
          id: calendarRowId(type, ownerId, stepKey),
          ...owner,
          event_type: type,
          title: title.slice(0, TITLE_MAX),
          scheduled_datetime: at,
          status,
          created_at: source.created_at,
          updated_at: source.updated_at,
        },
      ];

/** A campaign's scheduled start (done once it started) and deadline (done once completed). */
export const campaignCalendar = (c: CampaignRow): CalendarRow[] => {
  const owner = { org_id: c.org_id, campaign_id: c.id, content_id: null, workflow_id: null };
  const cancelled = c.status === 'cancelled';
  return [
    ...entry(owner, c.id, c, 'campaign_start', c.scheduled_start, `Start: ${c.name}`, c.actual_start ? 'done' : cancelled ? 'cancelled' : 'scheduled'),
    ...entry(owner, c.id, c, 'campaign_deadline', c.deadline, `Deadline: ${c.name}`, c.status === 'completed' ? 'done' : cancelled ? 'cancelled' : 'scheduled'),
  ];
};

const REVIEWED = new Set(['approved', 'scheduled', 'published', 'archived']);

/** A content's publication (scheduled, or done when it happened) and its review deadline. */
export const contentCalendar = (c: ContentRow): CalendarRow[] => {
  const owner = { org_id: c.org_id, campaign_id: c.campaign_id, content_id: c.id, workflow_id: null };
  const publish = c.published_at ? 'done' : c.is_active ? 'scheduled' : 'cancelled';
  return [
    ...entry(owner, c.id, c, 'content_publish', c.scheduled_publish_at ?? c.published_at, `Publish: ${c.title}`, publish),
    ...entry(owner, c.id, c, 'content_review', c.review_deadline, `Review due: ${c.title}`, REVIEWED.has(c.status) ? 'done' : 'scheduled'),
  ];
};

/** A workflow's start and end milestones, and the deadline of each attempt still running (its timeout). */
export const workflowCalendar = (w: WorkflowRow, steps: readonly StepRow[]): CalendarRow[] => {
  const owner = { org_id: w.org_id, campaign_id: w.campaign_id, content_id: null, workflow_id: w.id };
  const end = w.status === 'failed' ? 'workflow_failed' : 'workflow_completed';
  return [
    ...entry(owner, w.id, w, 'workflow_started', w.started_at, `Workflow started (${w.variant})`, 'done'),
    ...entry(owner, w.id, w, end, w.status === 'running' ? null : w.completed_at, `Workflow ${w.status} (${w.variant})`, 'done'),
    ...[...steps]
      .sort((a, b) => a.step_order - b.step_order || a.step_key.localeCompare(b.step_key))
      .flatMap((step) =>
        entry(owner, w.id, step, 'step_timeout', step.timeout_at, `Step due: ${step.name} (attempt ${step.attempts})`, 'scheduled', step.step_key),
      ),
  ];
};
