/**
 * The shop's goals (seed 001 "Goals and Workflows"): one goal tree per tenant, because its rule
 * spans goals — parent_goal_id is a hierarchy, so a move may not close a cycle of any length.
 * Goals may exist without owners (company-wide). Like agents, goals are archived, not deleted:
 * workflows and campaigns keep naming them.
 */
import type { Event } from '../shared/decider';
import { ancestry } from './hierarchy';

export const GOAL_STATUSES = ['active', 'achieved', 'abandoned', 'archived'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const goalsStreamId = (orgId: string): string => `commerce-goals-${orgId}`;

export interface GoalFields {
  readonly title: string;
  readonly description: string | null;
  readonly ownerAgentId: string | null;
  /** DECIMAL(15,2) as text. */
  readonly targetValue: string | null;
  readonly unit: string | null;
  /** YYYY-MM-DD. */
  readonly dueDate: string | null;
}

type GoalRef = { readonly orgId: string; readonly goalId: string };

export type GoalCreated = Event<
  'GoalCreated',
  GoalRef & GoalFields & { readonly parentGoalId: string | null; readonly status: GoalStatus; readonly createdAt: string }
>;
export type GoalUpdated = Event<'GoalUpdated', GoalRef & { readonly changes: Partial<GoalFields>; readonly updatedAt: string }>;
export type GoalMoved = Event<
  'GoalMoved',
  GoalRef & { readonly fromParentGoalId: string | null; readonly parentGoalId: string | null; readonly movedAt: string }
>;
export type GoalStatusChanged = Event<'GoalStatusChanged', GoalRef & { readonly from: GoalStatus; readonly to: GoalStatus; readonly changedAt: string }>;
export type GoalProgressRecorded = Event<'GoalProgressRecorded', GoalRef & { readonly currentValue: string; readonly recordedAt: string }>;

export type GoalEvent = GoalCreated | GoalUpdated | GoalMoved | GoalStatusChanged | GoalProgressRecorded;

export const GOAL_EVENT_TYPES: readonly GoalEvent['type'][] = ['GoalCreated', 'GoalUpdated', 'GoalMoved', 'GoalStatusChanged', 'GoalProgressRecorded'];

export interface Goal extends GoalFields {
  readonly goalId: string;
  readonly parentGoalId: string | null;
  readonly status: GoalStatus;
  readonly currentValue: string;
}

export type GoalsState = ReadonlyMap<string, Goal>;

export const initialGoalsState = (): GoalsState => new Map();

const withGoal = (state: GoalsState, goalId: string, change: (goal: Goal) => Goal): GoalsState => {
  const goal = state.get(goalId);
  return goal ? new Map(state).set(goalId, change(goal)) : state;
};

export const evolveGoals = (state: GoalsState, event: GoalEvent): GoalsState => {
  switch (event.type) {
    case 'GoalCreated': {
      const { orgId: _org, createdAt: _at, ...goal } = event.data;
      return new Map(state).set(goal.goalId, { ...goal, currentValue: '0.00' });
    }
    case 'GoalUpdated':
      return withGoal(state, event.data.goalId, (goal) => ({ ...goal, ...event.data.changes }));
    case 'GoalMoved':
      return withGoal(state, event.data.goalId, (goal) => ({ ...goal, parentGoalId: event.data.parentGoalId }));
    case 'GoalStatusChanged':
      return withGoal(state, event.data.goalId, (goal) => ({ ...goal, status: event.data.to }));
    case 'GoalProgressRecorded':
      return withGoal(state, event.data.goalId, (goal) => ({ ...goal, currentValue: event.data.currentValue }));
  }
};

/** Moving `goalId` under `parentGoalId`: the chain above, and whether it loops back (hierarchy.ts). */
export const goalAncestry = (state: GoalsState, goalId: string, parentGoalId: string) =>
  ancestry((id) => state.get(id)?.parentGoalId ?? null, goalId, parentGoalId);

export const liveSubGoalsOf = (state: GoalsState, goalId: string): readonly string[] =>
  [...state.values()].filter((goal) => goal.parentGoalId === goalId && goal.status !== 'archived').map((goal) => goal.goalId);
