/**
 * The tables the event projectors keep, in foreign-key order (a referenced table before the
 * tables that reference it): for each, its projector, the rows an event reads, the columns
 * written with their SQL types, and what a row whose parent is missing becomes.
 */
import type { Projector } from '../shared/projector';
import { agentOrchestrationPerformanceProjector, attemptKeyOf } from './agent-orchestration-performance.projector';
import { analyticsKeyOf, campaignAnalyticsProjector } from './campaign-analytics.projector';
import { campaignContentProjector } from './campaign-content.projector';
import { campaignContentRelationshipsProjector, relationshipKeyOf } from './campaign-content-relationships.projector';
import { campaignOrchestratorsProjector } from './campaign-orchestrators.projector';
import { campaignStrategiesProjector } from './campaign-strategies.projector';
import { campaignWorkflowStepsProjector } from './campaign-workflow-steps.projector';
import { campaignWorkflowsProjector } from './campaign-workflows.projector';
import { campaignsProjector } from './campaigns.projector';
import type { OrchestrationEnvelope } from './orchestration.events';
import { type Columns, type Parent, text, ts, typed, uuid } from '../shared/row-writing';

export interface RowTable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projector: Projector<any, any, any>;
  /** The column a group of rows is read by: the row's id, or the workflow whose steps the projector folds together. */
  readonly groupBy: string;
  readonly groupOf: (event: OrchestrationEnvelope) => string;
  /** The projector folds a list of rows (a workflow's steps) instead of one row or nothing. */
  readonly grouped?: boolean;
  readonly columns: Columns;
  readonly parents: readonly Parent[];
}

const data = (event: OrchestrationEnvelope) => event.data as unknown as Record<string, string>;
const ids = uuid('id', 'org_id');

const parent = (column: string, table: string, whenGone: Parent['whenGone'], otherStream: boolean): Parent => ({ column, table, whenGone, otherStream });

export const ROW_TABLES: readonly RowTable[] = [
  {
    projector: campaignStrategiesProjector,
    groupBy: 'id',
    groupOf: (e) => data(e).strategyId,
    columns: [...ids, ...text('name', 'strategy_type', 'description'), ['settings', 'jsonb'], ...ts('created_at', 'updated_at')],
    parents: [],
  },
  {
    projector: campaignOrchestratorsProjector,
    groupBy: 'id',
    groupOf: (e) => data(e).orchestratorId,
    columns: [...ids, ...text('name', 'description'), ['template_version', 'integer'], ['template', 'jsonb'], ...ts('created_at', 'updated_at', 'deleted_at')],
    parents: [],
  },
  {
    projector: campaignsProjector,
    groupBy: 'id',
    groupOf: (e) => data(e).campaignId,
    columns: [
      ...ids,
      ...text('name', 'description'),
      ...uuid('strategy_id', 'orchestrator_id'),
      ['status', 'text'],
      ['priority', '%s.campaign_priority'],
      ...ts('scheduled_start', 'actual_start', 'deadline'),
      ['progress_percentage', 'integer'],
      ['progress_at', 'timestamptz'],
      ['budget', 'numeric'],
      ['target_audience', 'jsonb'],
      ...ts('created_at', 'updated_at'),
    ],
    // seed 000: fk_campaigns_strategy, fk_campaigns_orchestrator — ON DELETE SET NULL.
    parents: [parent('strategy_id', 'campaign_strategies', 'null', true), parent('orchestrator_id', 'campaign_orchestrators', 'null', true)],
  },
  {
    projector: campaignWorkflowsProjector,
    groupBy: 'id',
    groupOf: (e) => data(e).workflowId,
    columns: [
      ...ids,
      ...uuid('campaign_id', 'orchestrator_id'),
      ['template_version', 'integer'],
      ...text('variant', 'status'),
      ['progress_percentage', 'integer'],
      ...text('failed_step_key', 'error'),
      ...ts('started_at', 'completed_at', 'created_at', 'updated_at'),
    ],
    // A workflow of a deleted campaign writes nothing (seed 000 fk_workflows_campaign CASCADE would remove it).
    parents: [parent('campaign_id', 'campaigns', 'skip', true), parent('orchestrator_id', 'campaign_orchestrators', 'skip', true)],
  },
  {
    projector: campaignWorkflowStepsProjector,
    groupBy: 'workflow_id',
    groupOf: (e) => data(e).workflowId,
    grouped: true,
    columns: [
      ...ids,
      ['workflow_id', 'uuid'],
      ...text('step_key', 'name', 'agent_type'),
      ['depends_on', 'text[]'],
      ['step_order', 'integer'],
      ['status', 'text'],
      ...typed('integer', 'attempts', 'max_attempts', 'timeout_ms'),
      ...typed('jsonb', 'input', 'output'),
      ['error', 'text'],
      ...ts('timeout_at', 'next_retry_at', 'started_at', 'completed_at', 'created_at', 'updated_at'),
    ],
    parents: [parent('workflow_id', 'campaign_workflows', 'skip', false)],
  },
  {
    projector: agentOrchestrationPerformanceProjector,
    groupBy: 'id',
    groupOf: (e) => attemptKeyOf(e as Parameters<typeof attemptKeyOf>[0]),
    columns: [
      ...ids,
      ...uuid('workflow_id', 'step_id'),
      ['step_key', 'text'],
      ['attempt', 'integer'],
      ...text('agent_type', 'status'),
      ...ts('started_at', 'completed_at'),
      ...typed('bigint', 'duration_ms', 'cost_cents', 'tokens'),
      ['quality_score', 'numeric'],
      ['error', 'text'],
    ],
    parents: [parent('workflow_id', 'campaign_workflows', 'skip', false), parent('step_id', 'campaign_workflow_steps', 'skip', false)],
  },
  {
    projector: campaignContentProjector,
    groupBy: 'id',
    groupOf: (e) => data(e).contentId,
    columns: [
      ...ids,
      ...uuid('campaign_id', 'workflow_id'),
      ['step_key', 'text'],
      ['parent_content_id', 'uuid'],
      ...text('title', 'content_type', 'platform', 'content_markdown', 'status'),
      ['is_active', 'boolean'],
      ...ts('scheduled_publish_at', 'published_at', 'review_deadline', 'created_at', 'updated_at'),
    ],
    // seed 000: fk_content_campaign CASCADE, fk_content_workflow SET NULL, fk_content_parent SET NULL.
    parents: [
      parent('campaign_id', 'campaigns', 'skip', true),
      parent('workflow_id', 'campaign_workflows', 'null', true),
      parent('parent_content_id', 'campaign_content', 'null', false),
    ],
  },
  {
    projector: campaignContentRelationshipsProjector,
    groupBy: 'id',
    groupOf: (e) => relationshipKeyOf(e as Parameters<typeof relationshipKeyOf>[0]),
    columns: [...ids, ...uuid('campaign_id', 'source_content_id', 'target_content_id'), ['relationship_type', 'text'], ['created_at', 'timestamptz']],
    parents: [parent('source_content_id', 'campaign_content', 'skip', false), parent('target_content_id', 'campaign_content', 'skip', false)],
  },
  {
    projector: campaignAnalyticsProjector,
    groupBy: 'id',
    groupOf: (e) => analyticsKeyOf(e as Parameters<typeof analyticsKeyOf>[0]),
    columns: [
      ...ids,
      ...uuid('campaign_id', 'content_id'),
      ['measurement_date', 'date'],
      ['platform', 'text'],
      ...typed('bigint', 'views', 'clicks', 'conversions', 'engagements', 'shares'),
      ['revenue', 'numeric'],
      ['recorded_at', 'timestamptz'],
    ],
    // seed 000: fk_analytics_campaign, fk_analytics_content — CASCADE: a deleted one's measurements go with it.
    parents: [parent('campaign_id', 'campaigns', 'skip', true), parent('content_id', 'campaign_content', 'skip', false)],
  },
];

/** The events whose parent id stays deleted for good (projection_tombstones), with the kind recorded. */
export const TOMBSTONES: Readonly<Record<string, { readonly kind: string; readonly idOf: (e: OrchestrationEnvelope) => string }>> = {
  StrategyDeleted: { kind: 'strategy', idOf: (e) => data(e).strategyId },
  OrchestratorDeleted: { kind: 'orchestrator', idOf: (e) => data(e).orchestratorId },
  CampaignDeleted: { kind: 'campaign', idOf: (e) => data(e).campaignId },
};
