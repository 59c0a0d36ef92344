/**
 * Workflow commands (seed 001 "Goals and Workflows"). A workflow has an owner, an active agent
 * ("Workflows must have an owner"), and may name a goal of the tree ("Can be linked to goals");
 * both are checked when given or changed, so the stream also reads the registry and the goals.
 * Only an active workflow is started; a running execution takes tasks, each assigned to an active
 * agent ("Must be assigned to an agent"), and is finished once. A workflow with executions is not
 * deleted (ON DELETE RESTRICT); deleting an execution takes its tasks (ON DELETE CASCADE).
 * In an update, a field left out or null keeps its value.
 */
import { assertNever, type Command, type Decider, type Decision, type DomainError } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { type AgentEvent, agentsStreamId, evolvingWithAgents, initialAgentsState, type WithAgents } from './agents';
import { CommerceErrorCode, reject } from './errors';
import { type GoalEvent, goalsStreamId } from './goals';
import { changedFields, COMMERCE_LIMITS as LIMITS, jsonObject, optionalInstant, optionalText, optionalUuid, requiredText, uuidField } from './values';
import { CommerceWorkErrorCode as Code, notActiveAgent, rejectWork } from './work.errors';
import {
  EXECUTION_OUTCOMES,
  type ExecutionOutcome,
  evolveWorkflowReads,
  initialWorkflowReads,
  TASK_STATUSES,
  type TaskStatus,
  type Workflow,
  WORKFLOW_STATUSES,
  type WorkflowEvent,
  type WorkflowFields,
  type WorkflowReads,
  type WorkflowState,
  type WorkflowStatus,
  workflowGuards,
  workflowStreamId,
} from './workflow';

type Json = Readonly<Record<string, unknown>>;
type Nullable<T> = { readonly [K in keyof T]?: T[K] | null };
type Ref = { readonly workflowId: string };
type ExecutionRef = Ref & { readonly executionId: string };

export type DefineWorkflow = Command<
  'DefineWorkflow',
  Ref & Nullable<Omit<WorkflowFields, 'name' | 'ownerAgentId'>> & { readonly name: string; readonly ownerAgentId: string }
>;
export type UpdateWorkflow = Command<'UpdateWorkflow', Ref & Nullable<WorkflowFields>>;
export type ChangeWorkflowStatus = Command<'ChangeWorkflowStatus', Ref & { readonly status: string }>;
export type DeleteWorkflow = Command<'DeleteWorkflow', Ref>;
export type StartWorkflowExecution = Command<'StartWorkflowExecution', ExecutionRef>;
export type FinishWorkflowExecution = Command<
  'FinishWorkflowExecution',
  ExecutionRef & { readonly status: string; readonly result?: Json | null; readonly error?: string | null }
>;
export type DeleteWorkflowExecution = Command<'DeleteWorkflowExecution', ExecutionRef>;
export type AssignTask = Command<
  'AssignTask',
  ExecutionRef & { readonly taskId: string; readonly agentId: string; readonly title: string } & Nullable<{
      readonly description: string;
      readonly priority: number;
      readonly dueAt: string;
    }>
>;
export type ChangeTaskStatus = Command<'ChangeTaskStatus', Ref & { readonly taskId: string; readonly status: string }>;

export type WorkflowCommand =
  | DefineWorkflow
  | UpdateWorkflow
  | ChangeWorkflowStatus
  | DeleteWorkflow
  | StartWorkflowExecution
  | FinishWorkflowExecution
  | DeleteWorkflowExecution
  | AssignTask
  | ChangeTaskStatus;

export const WORKFLOW_COMMAND_TYPES: readonly WorkflowCommand['type'][] = [
  'DefineWorkflow',
  'UpdateWorkflow',
  'ChangeWorkflowStatus',
  'DeleteWorkflow',
  'StartWorkflowExecution',
  'FinishWorkflowExecution',
  'DeleteWorkflowExecution',
  'AssignTask',
  'ChangeTaskStatus',
];

type State = WithAgents<WorkflowReads>;

const invalid = (field: string, message: string) => rejectWork(Code.WORKFLOW_INVALID, message, { field });
const taskInvalid = (field: string, message: string) => rejectWork(Code.TASK_INVALID, message, { field });
const isInt32 = (value: number): boolean => Number.isInteger(value) && Math.abs(value) < 2 ** 31;
const oneOf = (values: readonly string[], value: string, wrong: (field: string, message: string) => DomainError) =>
  values.includes(value) ? null : wrong('status', `status is one of ${values.join(', ')}`);

/** The fields checked; the owner and the goal only when new (`before` null) or changed. */
const fieldsError = (state: State, fields: WorkflowFields, before: WorkflowFields | null): DomainError | null => {
  const wrong =
    requiredText(invalid, 'name', fields.name, LIMITS.title) ??
    optionalText(invalid, 'description', fields.description, LIMITS.text) ??
    // seed 001 workflows.owner_agent_id NOT NULL: "Workflows must have an owner".
    uuidField(invalid, 'ownerAgentId', fields.ownerAgentId) ??
    optionalUuid(invalid, 'goalId', fields.goalId) ??
    jsonObject(invalid, 'definition', fields.definition);
  if (wrong) return wrong;
  const { ownerAgentId, goalId } = fields;
  if (before?.ownerAgentId !== ownerAgentId) {
    const owner = notActiveAgent(state.agents, ownerAgentId, 'ownerAgentId');
    if (owner) return owner;
  }
  // seed 001 workflows.goal_id REFERENCES goals(id): a goal of the tree, when given.
  if (goalId === null || before?.goalId === goalId || state.own.goals.has(goalId)) return null;
  return reject(CommerceErrorCode.GOAL_NOT_FOUND, `Goal ${goalId} does not exist`, { goalId, field: 'goalId' });
};

const define = (command: DefineWorkflow, state: State): Decision<WorkflowEvent> => {
  const { workflowId, name, description = null, goalId = null, ownerAgentId, definition = null } = command.data;
  const fields: WorkflowFields = { name, description, goalId, ownerAgentId, definition: definition ?? {} };
  const wrong = uuidField(invalid, 'workflowId', workflowId) ?? fieldsError(state, fields, null);
  if (wrong) return wrong;
  const { workflow, deleted } = state.own.workflow;
  if (workflow || deleted) return rejectWork(Code.WORKFLOW_ALREADY_EXISTS, `Workflow ${workflowId} exists`, { workflowId });
  return [{ type: 'WorkflowDefined', data: { orgId: tenantOf(command), workflowId, ...fields, status: 'active', definedAt: nowIsoOf(command) } }];
};

const update = (command: UpdateWorkflow, state: State, workflow: Workflow): Decision<WorkflowEvent> => {
  const { workflowId, status: _status, ...before } = workflow;
  const after = Object.fromEntries(
    Object.entries(before).map(([key, value]) => [key, command.data[key as keyof WorkflowFields] ?? value]),
  ) as unknown as WorkflowFields;
  const wrong = fieldsError(state, after, before);
  if (wrong) return wrong;
  const changes = changedFields(before, after);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'WorkflowUpdated', data: { orgId: tenantOf(command), workflowId, changes, updatedAt: nowIsoOf(command) } }];
};

const changeStatus = (command: ChangeWorkflowStatus, workflow: Workflow): Decision<WorkflowEvent> => {
  const { workflowId, status } = command.data;
  const wrong = oneOf(WORKFLOW_STATUSES, status, invalid);
  if (wrong) return wrong;
  if (workflow.status === status) return [];
  const data = { orgId: tenantOf(command), workflowId, from: workflow.status, to: status as WorkflowStatus, changedAt: nowIsoOf(command) };
  return [{ type: 'WorkflowStatusChanged', data }];
};

// seed 001 workflow_executions ON DELETE RESTRICT: "preserve execution history".
const remove = (command: DeleteWorkflow, state: WorkflowState): Decision<WorkflowEvent> => {
  const { workflowId } = command.data;
  const executions = state.executions.size;
  if (executions > 0)
    return rejectWork(Code.WORKFLOW_HAS_EXECUTIONS, `Workflow ${workflowId} has ${executions} execution(s): its history is kept`, { workflowId, executions });
  return [{ type: 'WorkflowDeleted', data: { orgId: tenantOf(command), workflowId, deletedAt: nowIsoOf(command) } }];
};

const start = (command: StartWorkflowExecution, state: WorkflowState, workflow: Workflow): Decision<WorkflowEvent> => {
  const { workflowId, executionId } = command.data;
  const wrong = uuidField((field, message) => rejectWork(Code.EXECUTION_INVALID, message, { field }), 'executionId', executionId);
  if (wrong) return wrong;
  if (workflow.status !== 'active')
    return rejectWork(Code.WORKFLOW_NOT_ACTIVE, `Workflow ${workflowId} is ${workflow.status}, not active`, { workflowId, status: workflow.status });
  if (state.usedExecutionIds.has(executionId)) return rejectWork(Code.EXECUTION_ALREADY_EXISTS, `Execution ${executionId} exists`, { executionId });
  return [{ type: 'WorkflowExecutionStarted', data: { orgId: tenantOf(command), workflowId, executionId, startedAt: nowIsoOf(command) } }];
};

const executionOf = (state: WorkflowState, executionId: string, running: boolean) => {
  const execution = state.executions.get(executionId);
  if (!execution) return rejectWork(Code.EXECUTION_NOT_FOUND, `Execution ${executionId} does not exist`, { executionId });
  if (running && execution.status !== 'running')
    return rejectWork(Code.EXECUTION_NOT_RUNNING, `Execution ${executionId} is ${execution.status}`, { executionId, status: execution.status });
  return execution;
};

const finish = (command: FinishWorkflowExecution, state: WorkflowState): Decision<WorkflowEvent> => {
  const { workflowId, executionId, status, result = null, error = null } = command.data;
  const executionInvalid = (field: string, message: string) => rejectWork(Code.EXECUTION_INVALID, message, { field });
  const wrong =
    oneOf(EXECUTION_OUTCOMES, status, executionInvalid) ??
    (result === null ? null : jsonObject(executionInvalid, 'result', result)) ??
    optionalText(executionInvalid, 'error', error, LIMITS.text);
  if (wrong) return wrong;
  const execution = executionOf(state, executionId, true);
  if ('code' in execution) return execution;
  const data = { orgId: tenantOf(command), workflowId, executionId, startedAt: execution.startedAt, status: status as ExecutionOutcome, result, error };
  return [{ type: 'WorkflowExecutionFinished', data: { ...data, finishedAt: nowIsoOf(command) } }];
};

// seed 001 tasks ON DELETE CASCADE: "Tasks deleted with execution".
const deleteExecution = (command: DeleteWorkflowExecution, state: WorkflowState): Decision<WorkflowEvent> => {
  const { workflowId, executionId } = command.data;
  if (!state.executions.has(executionId) && state.usedExecutionIds.has(executionId)) return [];
  const execution = executionOf(state, executionId, false);
  if ('code' in execution) return execution;
  const taskIds = [...state.tasks.values()].filter((task) => task.executionId === executionId).map((task) => task.taskId);
  const data = { orgId: tenantOf(command), workflowId, executionId, startedAt: execution.startedAt, taskIds, deletedAt: nowIsoOf(command) };
  return [{ type: 'WorkflowExecutionDeleted', data }];
};

const assign = (command: AssignTask, state: State): Decision<WorkflowEvent> => {
  const { workflowId, executionId, taskId, agentId, title, description = null, priority = null, dueAt = null } = command.data;
  const wrong =
    uuidField(taskInvalid, 'taskId', taskId) ??
    // seed 001 tasks.assigned_agent_id NOT NULL: "Must be assigned to an agent".
    uuidField(taskInvalid, 'agentId', agentId) ??
    requiredText(taskInvalid, 'title', title, LIMITS.title) ??
    optionalText(taskInvalid, 'description', description, LIMITS.text) ??
    (priority === null || isInt32(priority) ? null : taskInvalid('priority', 'priority is a whole number (INTEGER)'));
  if (wrong) return wrong;
  const due = optionalInstant(taskInvalid, 'dueAt', dueAt);
  if (typeof due === 'object' && due !== null) return due;
  const execution = executionOf(state.own.workflow, executionId, true);
  if ('code' in execution) return execution;
  const agent = notActiveAgent(state.agents, agentId, 'agentId');
  if (agent) return agent;
  if (state.own.workflow.usedTaskIds.has(taskId)) return rejectWork(Code.TASK_ALREADY_EXISTS, `Task ${taskId} exists`, { taskId });
  const ref = { orgId: tenantOf(command), workflowId, executionId, executionStartedAt: execution.startedAt, taskId };
  const task = { agentId, title, description, priority: priority ?? 0, dueAt: due, status: 'pending' as const, assignedAt: nowIsoOf(command) };
  return [{ type: 'TaskAssigned', data: { ...ref, ...task } }];
};

const changeTaskStatus = (command: ChangeTaskStatus, state: WorkflowState): Decision<WorkflowEvent> => {
  const { workflowId, taskId, status } = command.data;
  const task = state.tasks.get(taskId);
  if (!task) return rejectWork(Code.TASK_NOT_FOUND, `Task ${taskId} does not exist`, { taskId });
  const wrong = oneOf(TASK_STATUSES, status, taskInvalid);
  if (wrong) return wrong;
  if (task.status === status) return [];
  const { executionId, executionStartedAt } = task;
  const data = { orgId: tenantOf(command), workflowId, executionId, executionStartedAt, taskId, from: task.status, to: status as TaskStatus };
  return [{ type: 'TaskStatusChanged', data: { ...data, changedAt: nowIsoOf(command) } }];
};

const decideLive = (command: Exclude<WorkflowCommand, DefineWorkflow | DeleteWorkflow>, state: State, workflow: Workflow): Decision<WorkflowEvent> => {
  switch (command.type) {
    case 'UpdateWorkflow':
      return update(command, state, workflow);
    case 'ChangeWorkflowStatus':
      return changeStatus(command, workflow);
    case 'StartWorkflowExecution':
      return start(command, state.own.workflow, workflow);
    case 'FinishWorkflowExecution':
      return finish(command, state.own.workflow);
    case 'DeleteWorkflowExecution':
      return deleteExecution(command, state.own.workflow);
    case 'AssignTask':
      return assign(command, state);
    case 'ChangeTaskStatus':
      return changeTaskStatus(command, state.own.workflow);
    default:
      return assertNever(command);
  }
};

export const decideWorkflow = (command: WorkflowCommand, state: State): Decision<WorkflowEvent> => {
  const denied = writerRequired(command);
  if (denied) return denied;
  if (command.type === 'DefineWorkflow') return define(command, state);
  const { workflow, deleted } = state.own.workflow;
  if (command.type === 'DeleteWorkflow' && deleted) return [];
  const { workflowId } = command.data;
  if (!workflow) return rejectWork(Code.WORKFLOW_NOT_FOUND, `Workflow ${workflowId} does not exist`, { workflowId });
  return command.type === 'DeleteWorkflow' ? remove(command, state.own.workflow) : decideLive(command, state, workflow);
};

/** The registry and the goal tree are read only where an owner, a goal or an assignee is checked. */
const READS_REFERENCES: ReadonlySet<WorkflowCommand['type']> = new Set(['DefineWorkflow', 'UpdateWorkflow', 'AssignTask']);

export const workflowDecider: Decider<WorkflowCommand, WorkflowEvent | GoalEvent | AgentEvent, State> = {
  initialState: () => ({ agents: initialAgentsState(), own: initialWorkflowReads() }),
  decide: decideWorkflow,
  evolve: evolvingWithAgents(evolveWorkflowReads),
  streamIdOf: (command) => workflowStreamId(tenantOf(command), command.data.workflowId),
  alsoReads: (command) => (READS_REFERENCES.has(command.type) ? [agentsStreamId(tenantOf(command)), goalsStreamId(tenantOf(command))] : []),
  // Only the workflow's own events are ever decided here.
  guardsOf: (event) => workflowGuards(event as WorkflowEvent),
};
