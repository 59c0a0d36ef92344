import { accepted, given } from '../testing';
import { agentsDecider } from './agents.decide';
import type { AgentEvent } from './agents';
import type { GoalEvent } from './goals';
import { goalsDecider } from './goals.decide';
import { agentId, AS_SERVICE, AS_VIEWER, command, decided, goalId, NOW, ORG_ID, recordedTypes, registryOf } from './testing';

type Seen = GoalEvent | AgentEvent;

/** Agents 1–3 (3 inactive, 2 archived). */
const registry: Seen[] = decided(
  agentsDecider,
  registryOf(3),
  command.changeAgentStatus({ agentId: agentId(2), status: 'archived' }),
  command.changeAgentStatus({ agentId: agentId(3), status: 'inactive' }),
);
const create = (n: number, parent: number | null = null) =>
  command.createGoal({ goalId: goalId(n), title: `Goal ${n}`, parentGoalId: parent === null ? null : goalId(parent) });
/** 1 ← 2 ← 3 ← 4: each goal a sub-goal of the one before. */
const tree = decided(goalsDecider, registry, create(1), create(2, 1), create(3, 2), create(4, 3));
const path = (...ns: number[]) => ns.map(goalId).join(' → ');
const archive = (n: number) => command.changeGoalStatus({ goalId: goalId(n), status: 'archived' });

describe('when the shop has no goals', () => {
  it('CreateGoal records GoalCreated, active, the target normalized to two decimals', () => {
    given(goalsDecider, registry)
      .when(command.createGoal({ ownerAgentId: agentId(1), targetValue: '1500', unit: 'EUR', dueDate: '2026-12-31' }))
      .then([
        {
          type: 'GoalCreated',
          data: {
            orgId: ORG_ID,
            goalId: goalId(1),
            title: 'Grow revenue',
            description: null,
            ownerAgentId: agentId(1),
            targetValue: '1500.00',
            unit: 'EUR',
            dueDate: '2026-12-31',
            parentGoalId: null,
            status: 'active',
            createdAt: NOW,
          },
        },
      ]);
  });

  // seed 001 (line 102): "Goals can exist without owners (company-wide)"
  it('goals can exist without owners', () => {
    expect(accepted(given(goalsDecider, registry).when(command.createGoal()))[0].data).toMatchObject({ ownerAgentId: null });
  });

  // seed 001 (line 99): FOREIGN KEY (owner_agent_id) REFERENCES agents(id)
  it.each([
    ['unknown', 9],
    ['archived', 2],
    ['inactive', 3],
  ])('owner_agent_id: an %s owner is refused as AGENT_NOT_FOUND (the owner is an active agent)', (_, n) => {
    given(goalsDecider, registry)
      .when(command.createGoal({ ownerAgentId: agentId(n) }))
      .thenRejects('AGENT_NOT_FOUND', { details: { agentId: agentId(n), field: 'ownerAgentId' } });
  });

  // seed 001 (line 100): FOREIGN KEY (parent_goal_id) REFERENCES goals(id)
  it('parent_goal_id references goals: an unknown parent is refused as GOAL_NOT_FOUND', () => {
    given(goalsDecider, registry)
      .when(create(2, 1))
      .thenRejects('GOAL_NOT_FOUND', { details: { goalId: goalId(1), field: 'parentGoalId' } });
  });

  it('a viewer may not write (COMMERCE_ROLE_REQUIRED); a service may', () => {
    given(goalsDecider, registry).when(command.createGoal({}, AS_VIEWER)).thenRejects('COMMERCE_ROLE_REQUIRED');
    expect(accepted(given(goalsDecider, registry).when(command.createGoal({}, AS_SERVICE)))).toHaveLength(1);
  });
});

describe('when goals form a tree 1 ← 2 ← 3 ← 4', () => {
  // seed 001 (line 19, 100): goals.parent_goal_id is a hierarchy — no goal is its own ancestor
  it('hierarchy: moving a goal under itself (a cycle of 1) is refused with the cycle path', () => {
    given(goalsDecider, tree)
      .when(command.moveGoal({ goalId: goalId(3), parentGoalId: goalId(3) }))
      .thenRejects('GOAL_HIERARCHY_CYCLE', { details: { cycle: path(3, 3) } });
  });

  // seed 001 (line 19, 100): goals.parent_goal_id is a hierarchy
  it('hierarchy: moving a goal under its sub-goal (a cycle of 2) is refused with the cycle path', () => {
    given(goalsDecider, tree)
      .when(command.moveGoal({ goalId: goalId(3), parentGoalId: goalId(4) }))
      .thenRejects('GOAL_HIERARCHY_CYCLE', { details: { cycle: path(3, 4, 3) } });
  });

  // seed 001 (line 19, 100): goals.parent_goal_id is a hierarchy
  it('hierarchy: longer cycles (3 and 4 goals) are refused with the cycle path', () => {
    given(goalsDecider, tree)
      .when(command.moveGoal({ goalId: goalId(2), parentGoalId: goalId(4) }))
      .thenRejects('GOAL_HIERARCHY_CYCLE', { details: { cycle: path(2, 4, 3, 2) } });
    given(goalsDecider, tree)
      .when(command.moveGoal({ goalId: goalId(1), parentGoalId: goalId(4) }))
      .thenRejects('GOAL_HIERARCHY_CYCLE', { details: { cycle: path(1, 4, 3, 2, 1) } });
  });

  it('a move that closes no cycle records GoalMoved from the old parent', () => {
    given(goalsDecider, tree)
      .when(command.moveGoal({ goalId: goalId(4), parentGoalId: null }))
      .then([{ type: 'GoalMoved', data: { orgId: ORG_ID, goalId: goalId(4), fromParentGoalId: goalId(3), parentGoalId: null, movedAt: NOW } }]);
  });

  // seed 001 (line 100): FOREIGN KEY (parent_goal_id) REFERENCES goals(id)
  it('parent_goal_id references goals: moving under an unknown goal is refused as GOAL_NOT_FOUND', () => {
    given(goalsDecider, tree)
      .when(command.moveGoal({ goalId: goalId(4), parentGoalId: goalId(9) }))
      .thenRejects('GOAL_NOT_FOUND');
  });

  // seed 001 (line 100): parent_goal_id has no ON DELETE action — sub-goals are handled first
  it('parent_goal_id NO ACTION: archiving a goal with a live sub-goal is refused as GOAL_HAS_CHILDREN', () => {
    given(goalsDecider, tree)
      .when(archive(2))
      .thenRejects('GOAL_HAS_CHILDREN', { details: { goalId: goalId(2), children: 1 } });
  });

  // seed 001 (line 100): parent_goal_id NO ACTION
  it('parent_goal_id NO ACTION: once its sub-goals are archived or moved, the goal may be archived', () => {
    const subArchived = decided(goalsDecider, tree, archive(4));
    given(goalsDecider, subArchived)
      .when(archive(3))
      .then([{ type: 'GoalStatusChanged', data: { orgId: ORG_ID, goalId: goalId(3), from: 'active', to: 'archived', changedAt: NOW } }]);
    const subMoved = decided(goalsDecider, tree, command.moveGoal({ goalId: goalId(3), parentGoalId: goalId(1) }));
    expect(accepted(given(goalsDecider, subMoved).when(archive(2)))).toHaveLength(1);
  });

  // seed 001 (line 99): owner_agent_id — the owner is an active agent, on update as well
  it('owner_agent_id: reassigning a goal to an archived agent is refused; to an active one accepted', () => {
    given(goalsDecider, tree)
      .when(command.updateGoal({ goalId: goalId(2), ownerAgentId: agentId(2) }))
      .thenRejects('AGENT_NOT_FOUND');
    given(goalsDecider, tree)
      .when(command.updateGoal({ goalId: goalId(2), ownerAgentId: agentId(1) }))
      .then([{ type: 'GoalUpdated', data: { orgId: ORG_ID, goalId: goalId(2), changes: { ownerAgentId: agentId(1) }, updatedAt: NOW } }]);
  });

  it('a status outside active, achieved, abandoned, archived is refused as GOAL_INVALID', () => {
    given(goalsDecider, tree)
      .when(command.changeGoalStatus({ status: 'done' }))
      .thenRejects('GOAL_INVALID', { details: { field: 'status' } });
  });

  it('progress is a non-negative amount, kept with two decimals', () => {
    given(goalsDecider, tree)
      .when(command.recordGoalProgress({ currentValue: '12.5' }))
      .then([{ type: 'GoalProgressRecorded', data: { orgId: ORG_ID, goalId: goalId(1), currentValue: '12.50', recordedAt: NOW } }]);
    given(goalsDecider, tree)
      .when(command.recordGoalProgress({ currentValue: '-1' }))
      .thenRejects('GOAL_INVALID');
  });
});

describe('when a goal is archived', () => {
  const archived = decided(goalsDecider, tree, archive(4));

  // seed 001 (line 100): parent_goal_id NO ACTION — the rule GOAL_HAS_CHILDREN keeps: an archived goal has no live sub-goal
  it('parent_goal_id NO ACTION: a live goal is not created or moved under an archived one', () => {
    expect(recordedTypes(given(goalsDecider, archived).when(create(5, 4)))).toEqual([]);
    const topLevel = decided(goalsDecider, archived, create(5));
    expect(recordedTypes(given(goalsDecider, topLevel).when(command.moveGoal({ goalId: goalId(5), parentGoalId: goalId(4) })))).toEqual([]);
  });
});

describe('when the goal’s owner has since been deactivated', () => {
  const owned = decided(goalsDecider, registry, command.createGoal({ ownerAgentId: agentId(1) }));
  const agents = registry as AgentEvent[];
  const deactivated = decided(agentsDecider, agents, command.changeAgentStatus({ agentId: agentId(1), status: 'inactive' })).slice(agents.length);
  const ownerGone = [...owned, ...deactivated];

  // An owner is checked when it is set (as campaign.ts does: "references only where given names them").
  it('its title may still be edited: the owner it keeps is not checked again', () => {
    given(goalsDecider, ownerGone)
      .when(command.updateGoal({ title: 'Grow revenue 20%' }))
      .then([{ type: 'GoalUpdated', data: { orgId: ORG_ID, goalId: goalId(1), changes: { title: 'Grow revenue 20%' }, updatedAt: NOW } }]);
  });
});
