/**
 * The commerce tables of marketing (segments, campaigns, content, email lists) and of the shop's
 * work (workflows, KPIs, reports, system events), as commerce.tables.ts lists the others: in
 * foreign-key order, each with its projector, the rows an event reads, the columns written and
 * what a row whose parent is missing becomes. They reference agents, goals and customers, and
 * revenue_attribution references campaigns: splice them after customer_interactions, before
 * orders. customer_segment_members is not here: segment-membership.ts keeps it.
 */
import type { EventEnvelope } from '@campaign/contracts';
import type { commerce } from '@campaign/domain';
import { campaignsProjector } from './campaigns.projector';
import type { PartitionedRow } from './commerce.views';
import { type Columns, type Parent, text, ts, typed, uuid } from '../shared/row-writing';
import type { RowTable } from './commerce.writer';
import { contentProjector } from './content.projector';
import { emailListsProjector, emailSubscribersProjector } from './email-lists.projector';
import { kpiMeasurementsProjector, kpisProjector } from './kpis.projector';
import { reportsProjector } from './reports.projector';
import { segmentsProjector } from './segments.projector';
import { systemEventsProjector } from './system-events.projector';
import { tasksProjector, workflowDeletionsProjector, workflowExecutionsProjector, workflowsProjector } from './workflows.projector';
import { agent, ids, one, parent, stamps } from './commerce.columns';

/** The events these tables read (libs/domain/src/commerce), not yet part of CommerceEvent. */
export type MoreEvent =
  | commerce.SegmentEvent
  | commerce.CampaignEvent
  | commerce.ContentEvent
  | commerce.EmailListEvent
  | commerce.WorkflowEvent
  | commerce.KpiEvent
  | commerce.ReportEvent
  | commerce.SystemEventEvent;

/** An event of `E` in its envelope, as the projection receives it. */
export type MoreEnvelopeOf<E extends MoreEvent> = E extends MoreEvent ? EventEnvelope<E['data']> & { readonly type: E['type'] } : never;

// Goals are archived, never deleted: one missing is one not projected yet.
const goal = (column: string): Parent => parent(column, 'goals', 'null');

const WORKFLOW_COLUMNS: Columns = [
  ...ids,
  ...text('name', 'description'),
  ...uuid('goal_id', 'owner_agent_id'),
  ['status', 'text'],
  ['definition', 'jsonb'],
  ...stamps,
];

export const MORE_ROW_TABLES: readonly RowTable[] = [
  {
    projector: segmentsProjector,
    groupBy: 'id',
    groupsOf: one('segmentId'),
    columns: [...ids, ...text('name', 'description', 'kind'), ['rules', 'jsonb'], ...stamps],
    parents: [],
    // Campaigns of other streams target segments.
    tombstone: 'segment',
  },
  {
    projector: campaignsProjector,
    groupBy: 'id',
    groupsOf: one('campaignId'),
    columns: [
      ...ids,
      ['name', 'text'],
      ...uuid('goal_id', 'owner_agent_id', 'target_segment_id'),
      ...text('status', 'channel'),
      ['budget', 'numeric'],
      ['currency', 'text'],
      ...ts('starts_at', 'ends_at'),
      ...stamps,
    ],
    // seed 001: "All relationships optional. Campaigns can exist independently" (SET NULL).
    parents: [goal('goal_id'), agent('owner_agent_id'), parent('target_segment_id', 'customer_segments', 'null')],
    tombstone: 'campaign',
  },
  {
    projector: contentProjector,
    groupBy: 'id',
    groupsOf: one('contentId'),
    columns: [
      ...ids,
      ...uuid('campaign_id', 'created_by_agent_id'),
      ...text('title', 'body', 'content_type', 'status'),
      ['published_at', 'timestamptz'],
      ...stamps,
    ],
    // seed 001: "Content preserved if campaign deleted" (SET NULL).
    parents: [parent('campaign_id', 'campaigns', 'null'), agent('created_by_agent_id')],
  },
  {
    projector: emailListsProjector,
    groupBy: 'id',
    groupsOf: one('listId'),
    columns: [...ids, ...text('name', 'description'), ['created_at', 'timestamptz']],
    parents: [],
    // Subscribers are streams of their own.
    tombstone: 'email_list',
  },
  {
    projector: emailSubscribersProjector,
    groupBy: 'list_id',
    groupsOf: one('listId'),
    grouped: true,
    columns: [['email', 'text'], ...uuid('subscriber_id', 'list_id', 'org_id', 'customer_id'), ['status', 'text'], ...ts('subscribed_at', 'unsubscribed_at')],
    key: 'email, list_id',
    // seed 001: "Subscriber deleted if list deleted"; "Preserve subscription if customer deleted" (SET NULL).
    parents: [parent('list_id', 'email_lists', 'skip'), parent('customer_id', 'customers', 'null')],
  },
  {
    projector: kpisProjector,
    groupBy: 'id',
    groupsOf: one('kpiId'),
    columns: [...ids, ...text('name', 'description', 'unit'), ['target_value', 'numeric'], ['direction', 'text'], ['owner_agent_id', 'uuid'], ...stamps],
    parents: [agent('owner_agent_id')],
  },
  {
    projector: kpiMeasurementsProjector,
    groupBy: 'id',
    groupsOf: one('measurementId'),
    columns: [...ids, ['kpi_id', 'uuid'], ['measured_at', 'timestamptz'], ['value', 'numeric'], ['created_at', 'timestamptz']],
    // seed 001: "Measurements deleted with KPI": the KPI's own stream deleted it before.
    parents: [parent('kpi_id', 'kpis', 'skip', false)],
  },
  {
    projector: reportsProjector,
    groupBy: 'id',
    groupsOf: one('reportId'),
    columns: [
      ...ids,
      ['created_by_agent_id', 'uuid'],
      ...text('title', 'report_type'),
      ...typed('date', 'period_start', 'period_end'),
      ['content', 'jsonb'],
      ['created_at', 'timestamptz'],
    ],
    parents: [agent('created_by_agent_id')],
  },
  {
    projector: workflowsProjector,
    groupBy: 'id',
    groupsOf: one('workflowId'),
    columns: WORKFLOW_COLUMNS,
    parents: [goal('goal_id'), agent('owner_agent_id')],
  },
  {
    projector: workflowExecutionsProjector,
    groupBy: 'id',
    groupsOf: one('executionId'),
    columns: [
      ...ids,
      ['workflow_id', 'uuid'],
      ['status', 'text'],
      ...ts('started_at', 'completed_at'),
      ['result', 'jsonb'],
      ['error', 'text'],
      ['created_at', 'timestamptz'],
    ],
    key: 'id, created_at',
    parents: [parent('workflow_id', 'workflows', 'skip', false)],
  },
  {
    projector: tasksProjector,
    groupBy: 'id',
    groupsOf: one('taskId'),
    columns: [
      ...ids,
      ['workflow_execution_id', 'uuid'],
      ['execution_created_at', 'timestamptz'],
      ['assigned_agent_id', 'uuid'],
      ...text('title', 'description', 'status'),
      ['priority', 'integer'],
      ...ts('due_at', 'completed_at'),
      ...stamps,
    ],
    // seed 001: "Tasks deleted with execution": a task of an execution deleted earlier in the batch is not written.
    parents: [parent('workflow_execution_id', 'workflow_executions', 'skip', false), agent('assigned_agent_id')],
  },
  {
    // seed 001 workflow_executions ON DELETE RESTRICT: a workflow goes after its executions did.
    projector: workflowDeletionsProjector,
    groupBy: 'id',
    groupsOf: one('workflowId'),
    columns: WORKFLOW_COLUMNS,
    parents: [],
  },
  {
    projector: systemEventsProjector,
    groupBy: 'id',
    groupsOf: one('systemEventId'),
    columns: [...ids, ['source_agent_id', 'uuid'], ...text('event_type', 'severity'), ['payload', 'jsonb'], ['created_at', 'timestamptz']],
    key: 'id, created_at',
    parents: [agent('source_agent_id')],
  },
];

/**
 * seed 001 "Partition Large Tables": the workflow_executions and system_events rows a batch
 * writes, by their partition key (an execution's startedAt, an event's recordedAt), for `prepare`.
 */
export const moreRowsToPartition = (events: readonly EventEnvelope[]): PartitionedRow[] =>
  (events as readonly MoreEnvelopeOf<MoreEvent>[]).flatMap((event): PartitionedRow[] => {
    if (event.type === 'WorkflowExecutionStarted') return [{ table: 'workflow_executions', at: event.data.startedAt }];
    if (event.type === 'SystemEventRecorded') return [{ table: 'system_events', at: event.data.recordedAt }];
    return [];
  });
