/**
 * seed 001 `workflows`, `workflow_executions` and `tasks`, from one stream per workflow. An
 * execution's created_at is its startedAt: the table is partitioned by created_at and a rebuild
 * must file it under the same month; a task carries that instant as execution_created_at, the
 * second column of its foreign key. Deleting an execution deletes its tasks (ON DELETE CASCADE);
 * a workflow is deleted only once its executions are (ON DELETE RESTRICT, the decider's
 * WORKFLOW_HAS_EXECUTIONS) — so its deletion is a projector of its own, which the writer runs
 * after the executions' (commerce-more.tables.ts), a batch holding both deletions included.
 */
import type { commerce } from '@campaign/domain';
import { projector } from '../shared/projector';
import { columnsOf, patched } from './commerce.events';
import type { MoreEnvelopeOf } from './commerce-more.tables';

export interface WorkflowRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly description: string | null;
  readonly goal_id: string | null;
  readonly owner_agent_id: string;
  readonly status: commerce.WorkflowStatus;
  readonly definition: object;
  readonly created_at: string;
  readonly updated_at: string;
}

const COLUMNS = { name: 'name', description: 'description', goalId: 'goal_id', ownerAgentId: 'owner_agent_id', definition: 'definition' };

type WorkflowEnvelope = MoreEnvelopeOf<commerce.WorkflowDefined | commerce.WorkflowUpdated | commerce.WorkflowStatusChanged>;

const defined = (d: commerce.WorkflowDefined['data']): WorkflowRow => ({
  id: d.workflowId,
  org_id: d.orgId,
  ...(columnsOf(d, COLUMNS) as Pick<WorkflowRow, 'name' | 'description' | 'goal_id' | 'owner_agent_id' | 'definition'>),
  status: d.status,
  created_at: d.definedAt,
  updated_at: d.definedAt,
});

const projectWorkflow = (row: WorkflowRow | null, event: WorkflowEnvelope): WorkflowRow | null => {
  switch (event.type) {
    case 'WorkflowDefined':
      return row ?? defined(event.data);
    case 'WorkflowUpdated':
      return row && patched(row, columnsOf(event.data.changes, COLUMNS), { updated_at: event.data.updatedAt });
    case 'WorkflowStatusChanged':
      return row && patched(row, { status: event.data.to }, { updated_at: event.data.changedAt });
  }
};

export const workflowsProjector = projector({
  table: 'workflows',
  eventTypes: ['WorkflowDefined', 'WorkflowUpdated', 'WorkflowStatusChanged'],
  project: projectWorkflow,
});

/** WorkflowDeleted alone: run after workflow_executions, whose rows RESTRICT the deletion. */
export const workflowDeletionsProjector = projector({
  table: 'workflows',
  eventTypes: ['WorkflowDeleted'],
  project: (_row: WorkflowRow | null, _event: MoreEnvelopeOf<commerce.WorkflowDeleted>): WorkflowRow | null => null,
});

export interface ExecutionRow {
  readonly id: string;
  readonly org_id: string;
  readonly workflow_id: string;
  readonly status: commerce.ExecutionStatus;
  readonly started_at: string;
  readonly completed_at: string | null;
  readonly result: object | null;
  readonly error: string | null;
  readonly created_at: string;
}

type ExecutionEnvelope = MoreEnvelopeOf<commerce.WorkflowExecutionStarted | commerce.WorkflowExecutionFinished | commerce.WorkflowExecutionDeleted>;

const projectExecution = (row: ExecutionRow | null, event: ExecutionEnvelope): ExecutionRow | null => {
  const d = event.data;
  switch (event.type) {
    case 'WorkflowExecutionStarted': {
      const started = { id: d.executionId, org_id: d.orgId, workflow_id: d.workflowId, started_at: d.startedAt, created_at: d.startedAt };
      return row ?? { ...started, status: 'running', completed_at: null, result: null, error: null };
    }
    case 'WorkflowExecutionFinished': {
      const { status, result, error, finishedAt } = event.data;
      return row && patched(row, { status, result, error, completed_at: finishedAt });
    }
    case 'WorkflowExecutionDeleted':
      return null;
  }
};

export const workflowExecutionsProjector = projector({
  table: 'workflow_executions',
  eventTypes: ['WorkflowExecutionStarted', 'WorkflowExecutionFinished', 'WorkflowExecutionDeleted'],
  project: projectExecution,
});

export interface TaskRow {
  readonly id: string;
  readonly org_id: string;
  readonly workflow_execution_id: string;
  readonly execution_created_at: string;
  readonly assigned_agent_id: string;
  readonly title: string;
  readonly description: string | null;
  readonly status: commerce.TaskStatus;
  readonly priority: number;
  readonly due_at: string | null;
  readonly completed_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

const assigned = (d: commerce.TaskAssigned['data']): TaskRow => ({
  id: d.taskId,
  org_id: d.orgId,
  workflow_execution_id: d.executionId,
  execution_created_at: d.executionStartedAt,
  assigned_agent_id: d.agentId,
  title: d.title,
  description: d.description,
  status: d.status,
  priority: d.priority,
  due_at: d.dueAt,
  completed_at: d.status === 'completed' ? d.assignedAt : null,
  created_at: d.assignedAt,
  updated_at: d.assignedAt,
});

/** completed_at: when the task was completed; a task reopened after that is no longer completed. */
const projectTask = (row: TaskRow | null, event: MoreEnvelopeOf<commerce.TaskAssigned | commerce.TaskStatusChanged>): TaskRow | null => {
  if (event.type === 'TaskAssigned') return row ?? assigned(event.data);
  const { to, changedAt } = event.data;
  return row && patched(row, { status: to }, { completed_at: to === 'completed' ? changedAt : null, updated_at: changedAt });
};

export const tasksProjector = projector({
  table: 'tasks',
  eventTypes: ['TaskAssigned', 'TaskStatusChanged'],
  project: projectTask,
});
