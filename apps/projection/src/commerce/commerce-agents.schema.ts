/**
 * seed 001's agent system, goals and workflows: agents, their capabilities and collaborations,
 * goals, workflows, their (partitioned) executions and tasks. `s` is the quoted schema; the
 * design and departures are listed in commerce.schema.ts.
 */
const ACTIVE_INACTIVE_ARCHIVED = `('active', 'inactive', 'archived')`;

export const agentsDdl = (s: string): string => `
CREATE TABLE IF NOT EXISTS ${s}.agents (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    name VARCHAR(100) NOT NULL,
    type VARCHAR(20) NOT NULL,
    parent_id UUID,
    status VARCHAR(20) NOT NULL DEFAULT 'active',
    description TEXT,
    settings JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- seed 001: parent_id has no CASCADE: "preserve hierarchy", NO ACTION ("handle hierarchy manually").
    CONSTRAINT fk_agents_parent_id FOREIGN KEY (parent_id) REFERENCES ${s}.agents(id) ON DELETE NO ACTION,
    CONSTRAINT chk_agents_type CHECK (type IN ('orchestrator', 'director', 'specialist')),
    CONSTRAINT chk_agents_status CHECK (status IN ${ACTIVE_INACTIVE_ARCHIVED})
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_agents_name ON ${s}.agents(org_id, name);
CREATE INDEX IF NOT EXISTS idx_agents_parent_id ON ${s}.agents(parent_id);

CREATE TABLE IF NOT EXISTS ${s}.agent_capabilities (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    agent_id UUID NOT NULL,
    capability VARCHAR(100) NOT NULL,
    score INTEGER NOT NULL DEFAULT 50,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_agent_capabilities_capability UNIQUE (agent_id, capability),
    CONSTRAINT fk_agent_capabilities_agent_id FOREIGN KEY (agent_id) REFERENCES ${s}.agents(id) ON DELETE CASCADE,
    CONSTRAINT chk_agent_capabilities_score CHECK (score BETWEEN 0 AND 100)
);
CREATE INDEX IF NOT EXISTS idx_agent_capabilities_agent_id ON ${s}.agent_capabilities(agent_id);

CREATE TABLE IF NOT EXISTS ${s}.agent_collaborations (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    requesting_agent_id UUID NOT NULL,
    responding_agent_id UUID NOT NULL,
    collaboration_type VARCHAR(50) NOT NULL,
    is_allowed BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_agent_collaborations_pair UNIQUE (requesting_agent_id, responding_agent_id, collaboration_type),
    CONSTRAINT fk_agent_collaborations_requesting_agent_id FOREIGN KEY (requesting_agent_id) REFERENCES ${s}.agents(id) ON DELETE CASCADE,
    CONSTRAINT fk_agent_collaborations_responding_agent_id FOREIGN KEY (responding_agent_id) REFERENCES ${s}.agents(id) ON DELETE CASCADE,
    CONSTRAINT chk_agent_collaborations_not_self CHECK (requesting_agent_id <> responding_agent_id)
);
CREATE INDEX IF NOT EXISTS idx_agent_collaborations_requesting_agent_id ON ${s}.agent_collaborations(requesting_agent_id);
CREATE INDEX IF NOT EXISTS idx_agent_collaborations_responding_agent_id ON ${s}.agent_collaborations(responding_agent_id);

CREATE TABLE IF NOT EXISTS ${s}.goals (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    title VARCHAR(200) NOT NULL,
    description TEXT,
    owner_agent_id UUID,
    parent_goal_id UUID,
    target_value DECIMAL(15,2),
    current_value DECIMAL(15,2) NOT NULL DEFAULT 0,
    unit VARCHAR(50),
    due_date DATE,
    status VARCHAR(20) NOT NULL DEFAULT 'active',
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_goals_owner_agent_id FOREIGN KEY (owner_agent_id) REFERENCES ${s}.agents(id) ON DELETE NO ACTION,
    CONSTRAINT fk_goals_parent_goal_id FOREIGN KEY (parent_goal_id) REFERENCES ${s}.goals(id) ON DELETE NO ACTION,
    CONSTRAINT chk_goals_status CHECK (status IN ('active', 'achieved', 'abandoned', 'archived'))
);
CREATE INDEX IF NOT EXISTS idx_goals_owner_agent_id ON ${s}.goals(owner_agent_id);
CREATE INDEX IF NOT EXISTS idx_goals_parent_goal_id ON ${s}.goals(parent_goal_id);

CREATE TABLE IF NOT EXISTS ${s}.workflows (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    name VARCHAR(200) NOT NULL,
    description TEXT,
    goal_id UUID,
    owner_agent_id UUID NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'active',
    definition JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_workflows_goal_id FOREIGN KEY (goal_id) REFERENCES ${s}.goals(id) ON DELETE NO ACTION,
    CONSTRAINT fk_workflows_owner_agent_id FOREIGN KEY (owner_agent_id) REFERENCES ${s}.agents(id) ON DELETE NO ACTION,
    CONSTRAINT chk_workflows_status CHECK (status IN ${ACTIVE_INACTIVE_ARCHIVED})
);
CREATE INDEX IF NOT EXISTS idx_workflows_goal_id ON ${s}.workflows(goal_id);
CREATE INDEX IF NOT EXISTS idx_workflows_owner_agent_id ON ${s}.workflows(owner_agent_id);

-- seed 001: "Partition Large Tables: workflow_executions by created_at" (monthly, commerce.views.ts).
CREATE TABLE IF NOT EXISTS ${s}.workflow_executions (
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    workflow_id UUID NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'running',
    started_at TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    result JSONB,
    error TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (id, created_at),
    -- seed 001: ON DELETE RESTRICT, "preserve execution history".
    CONSTRAINT fk_workflow_executions_workflow_id FOREIGN KEY (workflow_id) REFERENCES ${s}.workflows(id) ON DELETE RESTRICT,
    CONSTRAINT chk_workflow_executions_status CHECK (status IN ('running', 'completed', 'failed', 'cancelled'))
) PARTITION BY RANGE (created_at);
CREATE TABLE IF NOT EXISTS ${s}.workflow_executions_default PARTITION OF ${s}.workflow_executions DEFAULT;
CREATE INDEX IF NOT EXISTS idx_workflow_executions_workflow_id ON ${s}.workflow_executions(workflow_id);

CREATE TABLE IF NOT EXISTS ${s}.tasks (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id UUID NOT NULL,
    workflow_execution_id UUID NOT NULL,
    execution_created_at TIMESTAMPTZ NOT NULL,
    assigned_agent_id UUID NOT NULL,
    title VARCHAR(200) NOT NULL,
    description TEXT,
    status VARCHAR(20) NOT NULL DEFAULT 'pending',
    priority INTEGER NOT NULL DEFAULT 0,
    due_at TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- seed 001: "Tasks deleted with execution".
    CONSTRAINT fk_tasks_workflow_execution_id FOREIGN KEY (workflow_execution_id, execution_created_at)
        REFERENCES ${s}.workflow_executions(id, created_at) ON DELETE CASCADE,
    CONSTRAINT fk_tasks_assigned_agent_id FOREIGN KEY (assigned_agent_id) REFERENCES ${s}.agents(id) ON DELETE NO ACTION,
    CONSTRAINT chk_tasks_status CHECK (status IN ('pending', 'in_progress', 'completed', 'failed', 'cancelled'))
);
CREATE INDEX IF NOT EXISTS idx_tasks_workflow_execution_id ON ${s}.tasks(workflow_execution_id, execution_created_at);
CREATE INDEX IF NOT EXISTS idx_tasks_assigned_agent_id ON ${s}.tasks(assigned_agent_id);
CREATE INDEX IF NOT EXISTS idx_tasks_agent_status ON ${s}.tasks(assigned_agent_id, status);
`;
