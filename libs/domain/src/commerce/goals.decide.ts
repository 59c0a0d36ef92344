/**
 * Goal commands (seed 001 "Goals and Workflows"). The tree's stream also reads the agent
 * registry: an owner, when given, is an active agent ("Goals can exist without owners").
 * parent_goal_id: the parent exists and no move closes a cycle of any length; a goal with live
 * sub-goals is not archived silently (NO ACTION). In an update, a field left out or null keeps
 * its value.
 */
import { assertNever, type Command, type Decider, type Decision, type DomainError } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { type AgentEvent, agentsStreamId, evolvingWithAgents, initialAgentsState, isActiveAgent, type WithAgents } from './agents';
import { CommerceErrorCode as Code, reject } from './errors';
import {
  evolveGoals,
  GOAL_STATUSES,
  type GoalEvent,
  type GoalFields,
  type GoalsState,
  type GoalStatus,
  goalAncestry,
  goalsStreamId,
  initialGoalsState,
  liveSubGoalsOf,
} from './goals';
import { changedFields, COMMERCE_LIMITS as LIMITS, optionalAmount, optionalDate, optionalText, optionalUuid, requiredText, uuidField } from './values';

type GoalData = {
  readonly title: string;
  readonly description?: string | null;
  readonly ownerAgentId?: string | null;
  readonly targetValue?: string | null;
  readonly unit?: string | null;
  readonly dueDate?: string | null;
};
export type CreateGoal = Command<'CreateGoal', GoalData & { readonly goalId: string; readonly parentGoalId?: string | null }>;
export type UpdateGoal = Command<'UpdateGoal', Partial<GoalData> & { readonly goalId: string }>;
export type MoveGoal = Command<'MoveGoal', { readonly goalId: string; readonly parentGoalId: string | null }>;
export type ChangeGoalStatus = Command<'ChangeGoalStatus', { readonly goalId: string; readonly status: string }>;
export type RecordGoalProgress = Command<'RecordGoalProgress', { readonly goalId: string; readonly currentValue: string }>;

export type GoalCommand = CreateGoal | UpdateGoal | MoveGoal | ChangeGoalStatus | RecordGoalProgress;

export const GOAL_COMMAND_TYPES: readonly GoalCommand['type'][] = ['CreateGoal', 'UpdateGoal', 'MoveGoal', 'ChangeGoalStatus', 'RecordGoalProgress'];

type State = WithAgents<GoalsState>;

const invalid = (field: string, message: string) => reject(Code.GOAL_INVALID, message, { field });
const notFound = (goalId: string) => reject(Code.GOAL_NOT_FOUND, `Goal ${goalId} does not exist`, { goalId });

/** The merged fields checked, the target normalized; the owner only when `ownerChanged` (it was checked when set). */
const checked = (state: State, fields: GoalFields, ownerChanged: boolean): GoalFields | DomainError => {
  const wrong =
    requiredText(invalid, 'title', fields.title, LIMITS.title) ??
    optionalText(invalid, 'description', fields.description, LIMITS.text) ??
    optionalText(invalid, 'unit', fields.unit, 50) ??
    optionalDate(invalid, 'dueDate', fields.dueDate) ??
    optionalUuid(invalid, 'ownerAgentId', fields.ownerAgentId);
  if (wrong) return wrong;
  if (ownerChanged && fields.ownerAgentId !== null && !isActiveAgent(state.agents, fields.ownerAgentId))
    return reject(Code.AGENT_NOT_FOUND, `Owner agent ${fields.ownerAgentId} is not an active agent`, { agentId: fields.ownerAgentId, field: 'ownerAgentId' });
  const targetValue = optionalAmount(invalid, 'targetValue', fields.targetValue);
  return typeof targetValue === 'object' && targetValue !== null ? targetValue : { ...fields, targetValue };
};

// seed 001 goals.parent_goal_id: hierarchical goal structure — the parent exists, the chain never loops.
const parentError = (goals: GoalsState, goalId: string, parentGoalId: string | null): DomainError | null => {
  if (parentGoalId === null) return null;
  const parent = goals.get(parentGoalId);
  if (!parent) return reject(Code.GOAL_NOT_FOUND, `Parent goal ${parentGoalId} does not exist`, { goalId: parentGoalId, field: 'parentGoalId' });
  // An archived goal has no sub-goals: archiving required them to go first (GOAL_HAS_CHILDREN).
  if (parent.status === 'archived')
    return reject(Code.GOAL_INVALID, `Parent goal ${parentGoalId} is archived`, { goalId: parentGoalId, field: 'parentGoalId' });
  const { cycle, path } = goalAncestry(goals, goalId, parentGoalId);
  return cycle ? reject(Code.GOAL_HIERARCHY_CYCLE, `Moving ${goalId} under ${parentGoalId} would make it its own ancestor`, { cycle: path.join(' → ') }) : null;
};

const create = (command: CreateGoal, state: State): Decision<GoalEvent> => {
  const { goalId, parentGoalId = null, title, description = null, ownerAgentId = null, targetValue = null, unit = null, dueDate = null } = command.data;
  const wrong = uuidField(invalid, 'goalId', goalId) ?? optionalUuid(invalid, 'parentGoalId', parentGoalId);
  if (wrong) return wrong;
  const fields = checked(state, { title, description, ownerAgentId, targetValue, unit, dueDate }, true);
  if ('code' in fields) return fields;
  if (state.own.has(goalId)) return reject(Code.GOAL_ALREADY_EXISTS, `Goal ${goalId} exists`, { goalId });
  const refused = parentError(state.own, goalId, parentGoalId);
  if (refused) return refused;
  return [{ type: 'GoalCreated', data: { orgId: tenantOf(command), goalId, ...fields, parentGoalId, status: 'active', createdAt: nowIsoOf(command) } }];
};

const update = (command: UpdateGoal, state: State): Decision<GoalEvent> => {
  const { goalId, ...given } = command.data;
  const goal = state.own.get(goalId);
  if (!goal) return notFound(goalId);
  const before: GoalFields = {
    title: goal.title,
    description: goal.description,
    ownerAgentId: goal.ownerAgentId,
    targetValue: goal.targetValue,
    unit: goal.unit,
    dueDate: goal.dueDate,
  };
  const merged = Object.fromEntries(Object.entries(before).map(([key, value]) => [key, given[key as keyof GoalFields] ?? value])) as unknown as GoalFields;
  const after = checked(state, merged, merged.ownerAgentId !== before.ownerAgentId);
  if ('code' in after) return after;
  const changes = changedFields(before, after);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'GoalUpdated', data: { orgId: tenantOf(command), goalId, changes, updatedAt: nowIsoOf(command) } }];
};

const move = (command: MoveGoal, state: State): Decision<GoalEvent> => {
  const { goalId, parentGoalId } = command.data;
  const goal = state.own.get(goalId);
  if (!goal) return notFound(goalId);
  const wrong = optionalUuid(invalid, 'parentGoalId', parentGoalId) ?? parentError(state.own, goalId, parentGoalId);
  if (wrong) return wrong;
  if (goal.parentGoalId === parentGoalId) return [];
  return [{ type: 'GoalMoved', data: { orgId: tenantOf(command), goalId, fromParentGoalId: goal.parentGoalId, parentGoalId, movedAt: nowIsoOf(command) } }];
};

const changeStatus = (command: ChangeGoalStatus, state: State): Decision<GoalEvent> => {
  const { goalId, status } = command.data;
  const goal = state.own.get(goalId);
  if (!goal) return notFound(goalId);
  if (!GOAL_STATUSES.includes(status as GoalStatus)) return invalid('status', `status is one of ${GOAL_STATUSES.join(', ')}`);
  if (goal.status === status) return [];
  // seed 001: parent_goal_id NO ACTION — sub-goals are moved or archived first.
  const children = liveSubGoalsOf(state.own, goalId);
  if (status === 'archived' && children.length > 0)
    return reject(Code.GOAL_HAS_CHILDREN, `Goal ${goalId} still has ${children.length} sub-goal(s): move or archive them first`, {
      goalId,
      children: children.length,
    });
  return [{ type: 'GoalStatusChanged', data: { orgId: tenantOf(command), goalId, from: goal.status, to: status as GoalStatus, changedAt: nowIsoOf(command) } }];
};

const progress = (command: RecordGoalProgress, state: State): Decision<GoalEvent> => {
  const { goalId, currentValue } = command.data;
  if (!state.own.has(goalId)) return notFound(goalId);
  const value = optionalAmount(invalid, 'currentValue', currentValue);
  if (value === null || typeof value === 'object') return value ?? invalid('currentValue', 'currentValue is required');
  return [{ type: 'GoalProgressRecorded', data: { orgId: tenantOf(command), goalId, currentValue: value, recordedAt: nowIsoOf(command) } }];
};

export const decideGoals = (command: GoalCommand, state: State): Decision<GoalEvent> => {
  const denied = writerRequired(command);
  if (denied) return denied;
  switch (command.type) {
    case 'CreateGoal':
      return create(command, state);
    case 'UpdateGoal':
      return update(command, state);
    case 'MoveGoal':
      return move(command, state);
    case 'ChangeGoalStatus':
      return changeStatus(command, state);
    case 'RecordGoalProgress':
      return progress(command, state);
    default:
      return assertNever(command);
  }
};

export const goalsDecider: Decider<GoalCommand, GoalEvent | AgentEvent, State> = {
  initialState: () => ({ agents: initialAgentsState(), own: initialGoalsState() }),
  decide: decideGoals,
  evolve: evolvingWithAgents(evolveGoals),
  streamIdOf: (command) => goalsStreamId(tenantOf(command)),
  alsoReads: (command) => [agentsStreamId(tenantOf(command))],
};
