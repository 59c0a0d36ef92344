/**
 * The orchestration read models (seed 000), in a schema whose name is a parameter so that a
 * rebuild can fill a shadow copy. The seed prints no CREATE TABLE: only its foreign keys, CHECKs,
 * indexes and queries. Every one of those is here with its exact name and ON DELETE rule; the
 * columns are designed from what they, the queries, the legacy INSERT and the events name.
 *
 * Design and departures, each with its reason:
 * - Every table has `org_id UUID NOT NULL`: the query API answers each org with its own rows
 *   only (orchestration.rls.ts). Ids stay global UUIDs, as the seed prints them; row ids the
 *   events do not carry are name-based (orchestration.ids.ts), so a rebuild reproduces them.
 * - The seed's summary does not match its own DDL: it counts "8 core tables" (it defines 10),
 *   "12 foreign key relationships" (it prints 15), "3 self-referencing" (1: content's parent)
 *   and "5 many-to-many" (1: campaign_content_relationships). The DDL wins.
 * - priority is the enum campaign_priority declared low < medium < high < critical < urgent, so
 *   the seed's `ORDER BY c.priority DESC` ranks urgent first (on TEXT it sorts alphabetically);
 *   chk_campaign_priority stays as printed.
 * - fk_workflows_orchestrator is RESTRICT: a workflow row, even a finished one, blocks deleting
 *   its orchestrator, while the seed's text only means "active" workflows (the command side
 *   refuses while any workflow is bound). So OrchestratorDeleted deletes the row when no
 *   workflow row references it and otherwise marks it (deleted_at), keeping the finished
 *   workflows' history; a marked orchestrator goes as soon as its last workflow row does.
 * - The seed's CASCADE list names content, calendar and analytics for a campaign; its FK
 *   fk_workflows_campaign cascades the campaign's workflows too (and through them steps and
 *   performance rows): the FK is what runs.
 * - campaign_content_relationships gets foreign keys to both contents (ON DELETE CASCADE, not
 *   in the seed): a relation to a deleted content means nothing.
 * - campaign_workflows.completed_at is when the workflow finished (completed or failed, by status).
 * - campaign_analytics: one row per (campaign, content, date, platform), the latest measurement.
 * - campaign_calendar holds the dates of the rows it is derived from (campaign-calendar.projector.ts):
 *   campaign_start/campaign_deadline, content_publish/content_review, workflow_started/
 *   workflow_completed/workflow_failed and step_timeout; status scheduled, done or cancelled.
 * - Steps (step_key, name, agent_type, depends_on, max_attempts, timeout_ms, input) are the
 *   template's as the execution instantiated it; started_at is the first dispatch, attempts the
 *   last dispatched attempt, timeout_at the running attempt's deadline, next_retry_at a retry's.
 * - campaign_content.org_id is filled from its campaign when an INSERT leaves it out, so the
 *   seed's legacy INSERT (which names no org) runs as printed.
 * - projection_tombstones: ids of the strategies, orchestrators and campaigns deleted, so
 *   an event naming one that arrives late (another stream, another partition) writes nothing,
 *   while one naming a row not projected *yet* is retried (orchestration.writer.ts).
 * - Instants are TIMESTAMP WITH TIME ZONE, the events' own, so a rebuild reproduces each row.
 */
import { quoteIdent } from '@campaign/eventstore';
import { bookkeepingDdl } from '../shared/bookkeeping.schema';
import { contentDdl } from './orchestration-content.schema';

export const orchestrationDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
DO $$ BEGIN
  CREATE TYPE ${s}.campaign_priority AS ENUM ('low', 'medium', 'high', 'critical', 'urgent');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

CREATE TABLE IF NOT EXISTS ${s}.campaign_strategies (
    id UUID PRIMARY KEY,
    org_id UUID NOT NULL,
    name VARCHAR(200) NOT NULL,
    strategy_type VARCHAR(100) NOT NULL,
    description TEXT,
    settings JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS ${s}.campaign_orchestrators (
    id UUID PRIMARY KEY,
    org_id UUID NOT NULL,
    name VARCHAR(255) NOT NULL,
    description TEXT,
    template_version INTEGER NOT NULL,
    template JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    deleted_at TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS ${s}.campaigns (
    id UUID PRIMARY KEY,
    org_id UUID NOT NULL,
    name VARCHAR(255) NOT NULL,
    description TEXT,
    strategy_id UUID,
    orchestrator_id UUID,
    status VARCHAR(20) NOT NULL DEFAULT 'draft',
    priority ${s}.campaign_priority NOT NULL DEFAULT 'medium',
    scheduled_start TIMESTAMPTZ,
    actual_start TIMESTAMPTZ,
    deadline TIMESTAMPTZ,
    progress_percentage INTEGER NOT NULL DEFAULT 0,
    -- When progress_percentage last moved: the latest fact wins, in whatever order streams arrive.
    progress_at TIMESTAMPTZ,
    budget DECIMAL(12,2),
    target_audience JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT fk_campaigns_strategy FOREIGN KEY (strategy_id) REFERENCES ${s}.campaign_strategies(id) ON DELETE SET NULL,
    CONSTRAINT fk_campaigns_orchestrator FOREIGN KEY (orchestrator_id) REFERENCES ${s}.campaign_orchestrators(id) ON DELETE SET NULL,
    CONSTRAINT chk_campaign_timeline CHECK (
      deadline IS NULL OR
      (scheduled_start IS NULL OR deadline > scheduled_start) AND
      (actual_start IS NULL OR deadline > actual_start)
    ),
    CONSTRAINT chk_campaign_progress CHECK (progress_percentage BETWEEN 0 AND 100),
    CONSTRAINT chk_campaign_priority CHECK (priority IN ('low', 'medium', 'high', 'critical', 'urgent'))
);
CREATE INDEX IF NOT EXISTS idx_campaign_relationships ON ${s}.campaigns(status, priority, deadline);
CREATE INDEX IF NOT EXISTS idx_campaigns_org ON ${s}.campaigns(org_id);

CREATE TABLE IF NOT EXISTS ${s}.campaign_workflows (
    id UUID PRIMARY KEY,
    org_id UUID NOT NULL,
    campaign_id UUID NOT NULL,
    orchestrator_id UUID NOT NULL,
    template_version INTEGER NOT NULL,
    variant VARCHAR(50) NOT NULL DEFAULT 'default',
    status VARCHAR(20) NOT NULL DEFAULT 'running',
    progress_percentage INTEGER NOT NULL DEFAULT 0,
    failed_step_key VARCHAR(100),
    error TEXT,
    started_at TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT fk_workflows_campaign FOREIGN KEY (campaign_id) REFERENCES ${s}.campaigns(id) ON DELETE CASCADE,
    CONSTRAINT fk_workflows_orchestrator FOREIGN KEY (orchestrator_id) REFERENCES ${s}.campaign_orchestrators(id) ON DELETE RESTRICT,
    CONSTRAINT chk_workflow_timing CHECK (
      completed_at IS NULL OR
      started_at IS NULL OR
      completed_at > started_at
    )
);
CREATE INDEX IF NOT EXISTS idx_workflow_campaign_status ON ${s}.campaign_workflows(campaign_id, status);
-- Serves RESTRICT's check and "does any workflow row still name this orchestrator".
CREATE INDEX IF NOT EXISTS idx_workflows_orchestrator ON ${s}.campaign_workflows(orchestrator_id);

CREATE TABLE IF NOT EXISTS ${s}.campaign_workflow_steps (
    id UUID PRIMARY KEY,
    org_id UUID NOT NULL,
    workflow_id UUID NOT NULL,
    step_key VARCHAR(100) NOT NULL,
    name VARCHAR(200) NOT NULL,
    agent_type VARCHAR(100) NOT NULL,
    depends_on TEXT[] NOT NULL DEFAULT '{}',
    step_order INTEGER NOT NULL,
    status VARCHAR(20) NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    timeout_ms INTEGER NOT NULL,
    input JSONB,
    output JSONB,
    error TEXT,
    timeout_at TIMESTAMPTZ,
    next_retry_at TIMESTAMPTZ,
    started_at TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT uq_workflow_steps_key UNIQUE (workflow_id, step_key),
    CONSTRAINT fk_workflow_steps_workflow FOREIGN KEY (workflow_id) REFERENCES ${s}.campaign_workflows(id) ON DELETE CASCADE,
    CONSTRAINT chk_step_order CHECK (step_order > 0),
    CONSTRAINT chk_step_timing CHECK (
      completed_at IS NULL OR
      started_at IS NULL OR
      completed_at > started_at
    )
);
CREATE INDEX IF NOT EXISTS idx_workflow_steps_execution ON ${s}.campaign_workflow_steps(workflow_id, step_order, status);

${contentDdl(s)}
CREATE TABLE IF NOT EXISTS ${s}.agent_orchestration_performance (
    id UUID PRIMARY KEY,
    org_id UUID NOT NULL,
    workflow_id UUID NOT NULL,
    step_id UUID NOT NULL,
    step_key VARCHAR(100) NOT NULL,
    attempt INTEGER NOT NULL,
    agent_type VARCHAR(100) NOT NULL,
    status VARCHAR(20) NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    duration_ms BIGINT,
    cost_cents BIGINT,
    tokens BIGINT,
    quality_score DECIMAL(4,3),
    error TEXT,
    CONSTRAINT uq_performance_attempt UNIQUE (step_id, attempt),
    CONSTRAINT fk_performance_workflow FOREIGN KEY (workflow_id) REFERENCES ${s}.campaign_workflows(id) ON DELETE CASCADE,
    CONSTRAINT fk_performance_step FOREIGN KEY (step_id) REFERENCES ${s}.campaign_workflow_steps(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS idx_agent_performance_workflow ON ${s}.agent_orchestration_performance(workflow_id, started_at DESC);

-- Deleted parents, so a late event naming one writes nothing instead of waiting for it forever.
CREATE TABLE IF NOT EXISTS ${s}.projection_tombstones (
    id UUID PRIMARY KEY,
    kind VARCHAR(20) NOT NULL,
    deleted_at TIMESTAMPTZ NOT NULL
);

${bookkeepingDdl(s)}`;
};

/** Every read-model table in foreign-key order, for comparing two projections row by row. */
export const ORCHESTRATION_TABLES = [
  { table: 'campaign_strategies', orderBy: 'id' },
  { table: 'campaign_orchestrators', orderBy: 'id' },
  { table: 'campaigns', orderBy: 'id' },
  { table: 'campaign_workflows', orderBy: 'id' },
  { table: 'campaign_workflow_steps', orderBy: 'id' },
  { table: 'agent_orchestration_performance', orderBy: 'id' },
  { table: 'campaign_content', orderBy: 'id' },
  { table: 'campaign_content_relationships', orderBy: 'id' },
  { table: 'campaign_calendar', orderBy: 'id' },
  { table: 'campaign_analytics', orderBy: 'id' },
  { table: 'projection_tombstones', orderBy: 'id' },
] as const;
