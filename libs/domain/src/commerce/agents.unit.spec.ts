import { accepted, given, unchecked } from '../testing';
import { AGENT_STATUSES, AGENT_TYPES, type AgentEvent } from './agents';
import { agentsDecider } from './agents.decide';
import { agentId, AS_EDITOR, AS_SERVICE, AS_VIEWER, command, decided, NOW, ORG_ID, recordedTypes, registryOf } from './testing';

/** 1 ← 2 ← 3 ← 4: each agent under the one before. */
const chain = decided(
  agentsDecider,
  [],
  command.registerAgent(),
  command.registerAgent({ agentId: agentId(2), name: 'Director', type: 'director', parentId: agentId(1) }),
  command.registerAgent({ agentId: agentId(3), name: 'Writer', type: 'specialist', parentId: agentId(2) }),
  command.registerAgent({ agentId: agentId(4), name: 'Editor', type: 'specialist', parentId: agentId(3) }),
);
const path = (...ns: number[]) => ns.map(agentId).join(' → ');
const archive = (n: number) => command.changeAgentStatus({ agentId: agentId(n), status: 'archived' });

describe('when the registry is empty', () => {
  it('RegisterAgent records AgentRegistered, active, at the top level', () => {
    given(agentsDecider)
      .when(command.registerAgent({ description: 'Runs the shop' }))
      .then([
        {
          type: 'AgentRegistered',
          data: {
            orgId: ORG_ID,
            agentId: agentId(1),
            name: 'Orchestrator',
            description: 'Runs the shop',
            settings: {},
            type: 'orchestrator',
            parentId: null,
            status: 'active',
            registeredAt: NOW,
          },
        },
      ]);
  });

  // seed 001 (line 357): CHECK (type IN ('orchestrator', 'director', 'specialist'))
  it("CHECK type: the agent types are the seed's three, each accepted", () => {
    expect(AGENT_TYPES).toEqual(['orchestrator', 'director', 'specialist']);
    for (const type of AGENT_TYPES) expect(accepted(given(agentsDecider).when(command.registerAgent({ type })))[0].data).toMatchObject({ type });
  });

  // seed 001 (line 357): CHECK (type IN ('orchestrator', 'director', 'specialist'))
  it.each(['manager', 'Orchestrator', '', unchecked<string>(null)])('CHECK type: %p is refused as AGENT_INVALID', (type) => {
    given(agentsDecider)
      .when(command.registerAgent({ type }))
      .thenRejects('AGENT_INVALID', { details: { field: 'type' } });
  });

  // seed 001 (line 75): FOREIGN KEY (parent_id) REFERENCES agents(id)
  it('parent_id references agents: an unknown parent is refused as AGENT_NOT_FOUND', () => {
    given(agentsDecider)
      .when(command.registerAgent({ parentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND', { details: { agentId: agentId(9), field: 'parentId' } });
  });

  it('a viewer may not write: COMMERCE_ROLE_REQUIRED', () => {
    given(agentsDecider)
      .when(command.registerAgent({}, AS_VIEWER))
      .thenRejects('COMMERCE_ROLE_REQUIRED', { details: { role: 'viewer' } });
  });

  it('an editor and a service (no role) may register agents', () => {
    expect(accepted(given(agentsDecider).when(command.registerAgent({}, AS_EDITOR)))).toHaveLength(1);
    expect(accepted(given(agentsDecider).when(command.registerAgent({}, AS_SERVICE)))).toHaveLength(1);
  });
});

describe('when the registry has agents', () => {
  const three = registryOf(3);

  // seed 001 (line 348): CREATE UNIQUE INDEX idx_agents_name ON agents(name)
  it('idx_agents_name: registering a second agent with a taken name is refused as AGENT_NAME_TAKEN', () => {
    given(agentsDecider, three)
      .when(command.registerAgent({ agentId: agentId(4), name: 'Agent 2' }))
      .thenRejects('AGENT_NAME_TAKEN', { details: { name: 'Agent 2', agentId: agentId(2) } });
  });

  // seed 001 (line 348): idx_agents_name
  it('idx_agents_name: renaming an agent to another agent’s name is refused as AGENT_NAME_TAKEN', () => {
    given(agentsDecider, three)
      .when(command.updateAgent({ agentId: agentId(1), name: 'Agent 3' }))
      .thenRejects('AGENT_NAME_TAKEN', { details: { name: 'Agent 3', agentId: agentId(3) } });
  });

  // seed 001 (line 348): idx_agents_name — a rename lets the old name go
  it('idx_agents_name: after a rename the old name is free and the new one taken', () => {
    const renamed = decided(agentsDecider, three, command.updateAgent({ agentId: agentId(1), name: 'Chief' }));
    expect(accepted(given(agentsDecider, renamed).when(command.registerAgent({ agentId: agentId(4), name: 'Agent 1' })))).toHaveLength(1);
    given(agentsDecider, renamed)
      .when(command.registerAgent({ agentId: agentId(4), name: 'Chief' }))
      .thenRejects('AGENT_NAME_TAKEN');
  });

  it('renaming an agent to its own name records nothing', () => {
    given(agentsDecider, three)
      .when(command.updateAgent({ agentId: agentId(2), name: 'Agent 2' }))
      .thenNothing();
  });

  it('registering an id twice is refused as AGENT_ALREADY_EXISTS', () => {
    given(agentsDecider, three)
      .when(command.registerAgent({ agentId: agentId(2), name: 'Other' }))
      .thenRejects('AGENT_ALREADY_EXISTS');
  });

  // seed 001 (line 360): CHECK (score BETWEEN 0 AND 100)
  it.each([0, 100, 37])('CHECK score BETWEEN 0 AND 100: a capability scored %p is granted', (score) => {
    given(agentsDecider, three)
      .when(command.grantCapability({ score }))
      .then([{ type: 'AgentCapabilityGranted', data: { orgId: ORG_ID, agentId: agentId(1), capability: 'copywriting', score, grantedAt: NOW } }]);
  });

  // seed 001 (line 360): CHECK (score BETWEEN 0 AND 100)
  it.each([-1, 101, 50.5, unchecked<number>('80')])('CHECK score BETWEEN 0 AND 100: a score of %p is refused as AGENT_INVALID', (score) => {
    given(agentsDecider, three)
      .when(command.grantCapability({ score }))
      .thenRejects('AGENT_INVALID', { details: { field: 'score' } });
  });

  // seed 001 (line 89–90): agent_collaborations between two agents
  it('a collaboration is between two registered, distinct agents', () => {
    given(agentsDecider, three)
      .when(command.allowCollaboration({ respondingAgentId: agentId(1) }))
      .thenRejects('COLLABORATION_INVALID');
    given(agentsDecider, three)
      .when(command.allowCollaboration({ respondingAgentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND');
    const allowed = decided(agentsDecider, three, command.allowCollaboration());
    given(agentsDecider, allowed).when(command.allowCollaboration()).thenNothing();
    expect(accepted(given(agentsDecider, allowed).when(command.revokeCollaboration()))[0].type).toBe('AgentCollaborationRevoked');
  });
});

describe('when agents form a chain 1 ← 2 ← 3 ← 4', () => {
  // seed 001 (line 12, 75): agents.parent_id is a hierarchy — no agent is its own ancestor
  it('hierarchy: moving an agent under itself (a cycle of 1) is refused with the cycle path', () => {
    given(agentsDecider, chain)
      .when(command.moveAgent({ agentId: agentId(2), parentId: agentId(2) }))
      .thenRejects('AGENT_HIERARCHY_CYCLE', { details: { cycle: path(2, 2) } });
  });

  // seed 001 (line 12, 75): agents.parent_id is a hierarchy
  it('hierarchy: moving an agent under its child (a cycle of 2) is refused with the cycle path', () => {
    given(agentsDecider, chain)
      .when(command.moveAgent({ agentId: agentId(2), parentId: agentId(3) }))
      .thenRejects('AGENT_HIERARCHY_CYCLE', { details: { cycle: path(2, 3, 2) } });
  });

  // seed 001 (line 12, 75): agents.parent_id is a hierarchy
  it('hierarchy: longer cycles (3 and 4 agents) are refused with the cycle path', () => {
    given(agentsDecider, chain)
      .when(command.moveAgent({ agentId: agentId(1), parentId: agentId(4) }))
      .thenRejects('AGENT_HIERARCHY_CYCLE', { details: { cycle: path(1, 4, 3, 2, 1) } });
    given(agentsDecider, chain)
      .when(command.moveAgent({ agentId: agentId(2), parentId: agentId(4) }))
      .thenRejects('AGENT_HIERARCHY_CYCLE', { details: { cycle: path(2, 4, 3, 2) } });
  });

  it('a move that closes no cycle records AgentMoved from the old parent', () => {
    given(agentsDecider, chain)
      .when(command.moveAgent({ agentId: agentId(4), parentId: agentId(1) }))
      .then([{ type: 'AgentMoved', data: { orgId: ORG_ID, agentId: agentId(4), fromParentId: agentId(3), parentId: agentId(1), movedAt: NOW } }]);
  });

  // seed 001 (line 75): FOREIGN KEY (parent_id) REFERENCES agents(id)
  it('parent_id references agents: moving under an unknown agent is refused as AGENT_NOT_FOUND', () => {
    given(agentsDecider, chain)
      .when(command.moveAgent({ agentId: agentId(4), parentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND', { details: { field: 'parentId' } });
  });

  // seed 001 (line 358): CHECK (status IN ('active', 'inactive', 'archived'))
  it("CHECK status: the statuses are the seed's three; another is refused as AGENT_INVALID", () => {
    expect(AGENT_STATUSES).toEqual(['active', 'inactive', 'archived']);
    given(agentsDecider, chain)
      .when(command.changeAgentStatus({ agentId: agentId(4), status: 'retired' }))
      .thenRejects('AGENT_INVALID', {
        details: { field: 'status' },
      });
    given(agentsDecider, chain)
      .when(command.changeAgentStatus({ agentId: agentId(4), status: 'active' }))
      .thenNothing();
  });

  // seed 001 (line 321): parent_id in agents — NO ACTION, "handle hierarchy manually"
  it('parent_id NO ACTION: archiving an agent with a live child is refused as AGENT_HAS_CHILDREN', () => {
    given(agentsDecider, chain)
      .when(archive(3))
      .thenRejects('AGENT_HAS_CHILDREN', { details: { agentId: agentId(3), children: 1 } });
  });

  // seed 001 (line 321): parent_id NO ACTION — the children are handled first
  it('parent_id NO ACTION: once its children are archived, the agent may be archived', () => {
    const childArchived = decided(agentsDecider, chain, archive(4));
    given(agentsDecider, childArchived)
      .when(archive(3))
      .then([{ type: 'AgentStatusChanged', data: { orgId: ORG_ID, agentId: agentId(3), from: 'active', to: 'archived', changedAt: NOW } }]);
  });

  // seed 001 (line 321): parent_id NO ACTION — the children are handled first
  it('parent_id NO ACTION: once its children are moved away, the agent may be archived', () => {
    const childMoved = decided(agentsDecider, chain, command.moveAgent({ agentId: agentId(4), parentId: agentId(1) }));
    expect(accepted(given(agentsDecider, childMoved).when(archive(3)))).toHaveLength(1);
  });

  it('deactivating an agent with children is not archiving it: accepted', () => {
    expect(accepted(given(agentsDecider, chain).when(command.changeAgentStatus({ agentId: agentId(2), status: 'inactive' })))).toHaveLength(1);
  });

  it('the folded registry keeps the chain', () => {
    const state = given(agentsDecider, chain as AgentEvent[]).state();
    expect([...state.agents.values()].map((a) => a.parentId)).toEqual([null, agentId(1), agentId(2), agentId(3)]);
  });
});

describe('when an agent is archived', () => {
  const archived = decided(agentsDecider, chain, archive(4));

  // seed 001 (line 321): parent_id NO ACTION — the rule AGENT_HAS_CHILDREN keeps: an archived agent leads no live agent
  it('parent_id NO ACTION: a live agent is not registered or moved under an archived one', () => {
    const register = command.registerAgent({ agentId: agentId(5), name: 'New', type: 'specialist', parentId: agentId(4) });
    expect(recordedTypes(given(agentsDecider, archived).when(register))).toEqual([]);
    const topLevel = decided(agentsDecider, archived, command.registerAgent({ agentId: agentId(5), name: 'New', type: 'specialist' }));
    expect(recordedTypes(given(agentsDecider, topLevel).when(command.moveAgent({ agentId: agentId(5), parentId: agentId(4) })))).toEqual([]);
  });
});
