/**
 * seed 001 `goals`: a goal as created, its changes (a null in `changes` clears the field: the
 * domain's changedFields), moves in the goal tree, status and progress (current_value).
 */
import { projector } from '../shared/projector';
import { columnsOf, type EnvelopeOf, patched } from './commerce.events';

export interface GoalRow {
  readonly id: string;
  readonly org_id: string;
  readonly title: string;
  readonly description: string | null;
  readonly owner_agent_id: string | null;
  readonly parent_goal_id: string | null;
  readonly target_value: string | number | null;
  readonly current_value: string | number;
  readonly unit: string | null;
  readonly due_date: string | null;
  readonly status: string;
  readonly created_at: string;
  readonly updated_at: string;
}

type GoalEnvelope = EnvelopeOf<'GoalCreated' | 'GoalUpdated' | 'GoalMoved' | 'GoalStatusChanged' | 'GoalProgressRecorded'>;

const COLUMNS = {
  title: 'title',
  description: 'description',
  ownerAgentId: 'owner_agent_id',
  targetValue: 'target_value',
  unit: 'unit',
  dueDate: 'due_date',
};

const created = (d: EnvelopeOf<'GoalCreated'>['data']): GoalRow => ({
  id: d.goalId,
  org_id: d.orgId,
  ...(columnsOf(d, COLUMNS) as Pick<GoalRow, 'title' | 'description' | 'owner_agent_id' | 'target_value' | 'unit' | 'due_date'>),
  parent_goal_id: d.parentGoalId,
  current_value: '0.00',
  status: d.status,
  created_at: d.createdAt,
  updated_at: d.createdAt,
});

const projectGoal = (row: GoalRow | null, event: GoalEnvelope): GoalRow | null => {
  switch (event.type) {
    case 'GoalCreated':
      return row ?? created(event.data);
    case 'GoalUpdated':
      return row && patched(row, columnsOf(event.data.changes, COLUMNS), { updated_at: event.data.updatedAt });
    case 'GoalMoved':
      return row && patched(row, { parent_goal_id: event.data.parentGoalId }, { updated_at: event.data.movedAt });
    case 'GoalStatusChanged':
      return row && patched(row, { status: event.data.to }, { updated_at: event.data.changedAt });
    case 'GoalProgressRecorded':
      return row && patched(row, { current_value: event.data.currentValue }, { updated_at: event.data.recordedAt });
  }
};

export const goalsProjector = projector({
  table: 'goals',
  eventTypes: ['GoalCreated', 'GoalUpdated', 'GoalMoved', 'GoalStatusChanged', 'GoalProgressRecorded'],
  project: projectGoal,
});
