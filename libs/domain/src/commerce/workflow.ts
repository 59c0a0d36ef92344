/**
 * The shop's workflows (seed 001 "Goals and Workflows"): one stream per workflow holds the
 * workflow, its executions and their tasks, because the rules between them are the seed's foreign
 * keys — executions RESTRICT the workflow's deletion ("preserve execution history"), tasks go
 * with their execution (ON DELETE CASCADE). Task events carry the execution's `startedAt` as
 * `executionStartedAt`: workflow_executions is partitioned by created_at, so the tasks' foreign
 * key names (workflow_execution_id, execution_created_at). Execution and task ids are claimed
 * across streams (the read model's primary keys span workflows) and never reused.
 */
import type { Event, Guard } from '../shared/decider';
import { evolveGoals, GOAL_EVENT_TYPES, type GoalEvent, type GoalsState, initialGoalsState } from './goals';
import { CommerceWorkErrorCode as Code } from './work.errors';

// seed 001: CHECK (status IN ('active', 'inactive', 'archived'))
export const WORKFLOW_STATUSES = ['active', 'inactive', 'archived'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];
export const EXECUTION_OUTCOMES = ['completed', 'failed', 'cancelled'] as const;
export type ExecutionOutcome = (typeof EXECUTION_OUTCOMES)[number];
export type ExecutionStatus = 'running' | ExecutionOutcome;
export const TASK_STATUSES = ['pending', 'in_progress', 'completed', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const workflowStreamId = (orgId: string, workflowId: string): string => `commerce-workflow-${orgId}-${workflowId}`;

type Json = Readonly<Record<string, unknown>>;

export interface WorkflowFields {
  readonly name: string;
  readonly description: string | null;
  readonly goalId: string | null;
  readonly ownerAgentId: string;
  readonly definition: Json;
}

type WorkflowRef = { readonly orgId: string; readonly workflowId: string };
type ExecutionRef = WorkflowRef & { readonly executionId: string };
type TaskRef = ExecutionRef & { readonly executionStartedAt: string; readonly taskId: string };

export type WorkflowDefined = Event<'WorkflowDefined', WorkflowRef & WorkflowFields & { readonly status: WorkflowStatus; readonly definedAt: string }>;
export type WorkflowUpdated = Event<'WorkflowUpdated', WorkflowRef & { readonly changes: Partial<WorkflowFields>; readonly updatedAt: string }>;
export type WorkflowStatusChanged = Event<
  'WorkflowStatusChanged',
  WorkflowRef & { readonly from: WorkflowStatus; readonly to: WorkflowStatus; readonly changedAt: string }
>;
export type WorkflowDeleted = Event<'WorkflowDeleted', WorkflowRef & { readonly deletedAt: string }>;
export type WorkflowExecutionStarted = Event<'WorkflowExecutionStarted', ExecutionRef & { readonly startedAt: string }>;
export type WorkflowExecutionFinished = Event<
  'WorkflowExecutionFinished',
  ExecutionRef & {
    readonly startedAt: string;
    readonly status: ExecutionOutcome;
    readonly result: Json | null;
    readonly error: string | null;
    readonly finishedAt: string;
  }
>;
export type WorkflowExecutionDeleted = Event<
  'WorkflowExecutionDeleted',
  ExecutionRef & { readonly startedAt: string; readonly taskIds: readonly string[]; readonly deletedAt: string }
>;
export type TaskAssigned = Event<
  'TaskAssigned',
  TaskRef & {
    readonly agentId: string;
    readonly title: string;
    readonly description: string | null;
    readonly priority: number;
    readonly dueAt: string | null;
    readonly status: TaskStatus;
    readonly assignedAt: string;
  }
>;
export type TaskStatusChanged = Event<'TaskStatusChanged', TaskRef & { readonly from: TaskStatus; readonly to: TaskStatus; readonly changedAt: string }>;

export type WorkflowEvent =
  | WorkflowDefined
  | WorkflowUpdated
  | WorkflowStatusChanged
  | WorkflowDeleted
  | WorkflowExecutionStarted
  | WorkflowExecutionFinished
  | WorkflowExecutionDeleted
  | TaskAssigned
  | TaskStatusChanged;

export const WORKFLOW_EVENT_TYPES: readonly WorkflowEvent['type'][] = [
  'WorkflowDefined',
  'WorkflowUpdated',
  'WorkflowStatusChanged',
  'WorkflowDeleted',
  'WorkflowExecutionStarted',
  'WorkflowExecutionFinished',
  'WorkflowExecutionDeleted',
  'TaskAssigned',
  'TaskStatusChanged',
];

export interface Execution {
  readonly executionId: string;
  readonly startedAt: string;
  readonly status: ExecutionStatus;
}

export interface Task {
  readonly taskId: string;
  readonly executionId: string;
  readonly executionStartedAt: string;
  readonly status: TaskStatus;
}

export interface Workflow extends WorkflowFields {
  readonly workflowId: string;
  readonly status: WorkflowStatus;
}

export interface WorkflowState {
  /** Null before WorkflowDefined and after WorkflowDeleted (`deleted` tells which). */
  readonly workflow: Workflow | null;
  readonly deleted: boolean;
  readonly executions: ReadonlyMap<string, Execution>;
  readonly tasks: ReadonlyMap<string, Task>;
  /** Every execution and task id this workflow ever used, deleted ones included: ids are not reused. */
  readonly usedExecutionIds: ReadonlySet<string>;
  readonly usedTaskIds: ReadonlySet<string>;
}

export const initialWorkflowState = (): WorkflowState => ({
  workflow: null,
  deleted: false,
  executions: new Map(),
  tasks: new Map(),
  usedExecutionIds: new Set(),
  usedTaskIds: new Set(),
});

const withWorkflow = (state: WorkflowState, change: (workflow: Workflow) => Workflow): WorkflowState =>
  state.workflow ? { ...state, workflow: change(state.workflow) } : state;

const withExecution = (state: WorkflowState, execution: Execution): WorkflowState => ({
  ...state,
  executions: new Map(state.executions).set(execution.executionId, execution),
  usedExecutionIds: new Set(state.usedExecutionIds).add(execution.executionId),
});

const withTask = (state: WorkflowState, task: Task): WorkflowState => ({
  ...state,
  tasks: new Map(state.tasks).set(task.taskId, task),
  usedTaskIds: new Set(state.usedTaskIds).add(task.taskId),
});

// seed 001 tasks ON DELETE CASCADE: "Tasks deleted with execution".
const withoutExecution = (state: WorkflowState, executionId: string): WorkflowState => {
  const executions = new Map(state.executions);
  executions.delete(executionId);
  return { ...state, executions, tasks: new Map([...state.tasks].filter(([, task]) => task.executionId !== executionId)) };
};

export const evolveWorkflow = (state: WorkflowState, event: WorkflowEvent): WorkflowState => {
  switch (event.type) {
    case 'WorkflowDefined': {
      const { orgId: _org, definedAt: _at, ...workflow } = event.data;
      return { ...state, workflow };
    }
    case 'WorkflowUpdated':
      return withWorkflow(state, (workflow) => ({ ...workflow, ...event.data.changes }));
    case 'WorkflowStatusChanged':
      return withWorkflow(state, (workflow) => ({ ...workflow, status: event.data.to }));
    case 'WorkflowDeleted':
      return { ...state, workflow: null, deleted: true };
    case 'WorkflowExecutionStarted':
      return withExecution(state, { executionId: event.data.executionId, startedAt: event.data.startedAt, status: 'running' });
    case 'WorkflowExecutionFinished':
      return withExecution(state, { executionId: event.data.executionId, startedAt: event.data.startedAt, status: event.data.status });
    case 'WorkflowExecutionDeleted':
      return withoutExecution(state, event.data.executionId);
    case 'TaskAssigned':
    case 'TaskStatusChanged': {
      const { taskId, executionId, executionStartedAt } = event.data;
      return withTask(state, { taskId, executionId, executionStartedAt, status: event.type === 'TaskAssigned' ? event.data.status : event.data.to });
    }
  }
};

/** The read model keys executions and tasks by id alone, so an id is held by one workflow for good. */
export const workflowGuards = (event: WorkflowEvent): readonly Guard[] => {
  if (event.type === 'WorkflowExecutionStarted')
    return [
      {
        kind: 'claim',
        key: `workflow-execution:${event.data.executionId}`,
        code: Code.EXECUTION_ALREADY_EXISTS,
        message: `Execution ${event.data.executionId} belongs to another workflow`,
      },
    ];
  if (event.type === 'TaskAssigned')
    return [
      { kind: 'claim', key: `task:${event.data.taskId}`, code: Code.TASK_ALREADY_EXISTS, message: `Task ${event.data.taskId} belongs to another workflow` },
    ];
  return [];
};

/** What a workflow's decisions fold besides the registry (WithAgents): its own stream and the goal tree it links to. */
export interface WorkflowReads {
  readonly goals: GoalsState;
  readonly workflow: WorkflowState;
}

export const initialWorkflowReads = (): WorkflowReads => ({ goals: initialGoalsState(), workflow: initialWorkflowState() });

const GOAL_EVENTS = new Set<string>(GOAL_EVENT_TYPES);

export const evolveWorkflowReads = (reads: WorkflowReads, event: GoalEvent | WorkflowEvent): WorkflowReads =>
  GOAL_EVENTS.has(event.type)
    ? { ...reads, goals: evolveGoals(reads.goals, event as GoalEvent) }
    : { ...reads, workflow: evolveWorkflow(reads.workflow, event as WorkflowEvent) };
