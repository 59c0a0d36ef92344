/**
 * The shop's agents (seed 001 "Agent System"): one registry stream per tenant holds every agent,
 * its place in the hierarchy, its capabilities and the collaborations allowed between agents.
 * One stream because its rules span agents: a name is unique (idx_agents_name), and a move may
 * not close a cycle of any length in the parent chain (parent_id). Agents are archived, never
 * deleted: tasks, attributions and logs keep naming them (docs/commerce.md, "Agents").
 */
import type { Event } from '../shared/decider';
import { ancestry } from './hierarchy';

export const AGENT_TYPES = ['orchestrator', 'director', 'specialist'] as const;
export type AgentType = (typeof AGENT_TYPES)[number];
// seed 001: CHECK (status IN ('active', 'inactive', 'archived'))
export const AGENT_STATUSES = ['active', 'inactive', 'archived'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export const agentsStreamId = (orgId: string): string => `commerce-agents-${orgId}`;

export interface AgentFields {
  readonly name: string;
  readonly description: string | null;
  readonly settings: Readonly<Record<string, unknown>>;
}

type AgentRef = { readonly orgId: string; readonly agentId: string };

export type AgentRegistered = Event<
  'AgentRegistered',
  AgentRef & AgentFields & { readonly type: AgentType; readonly parentId: string | null; readonly status: AgentStatus; readonly registeredAt: string }
>;
export type AgentUpdated = Event<'AgentUpdated', AgentRef & { readonly changes: Partial<AgentFields>; readonly updatedAt: string }>;
export type AgentMoved = Event<'AgentMoved', AgentRef & { readonly fromParentId: string | null; readonly parentId: string | null; readonly movedAt: string }>;
export type AgentStatusChanged = Event<'AgentStatusChanged', AgentRef & { readonly from: AgentStatus; readonly to: AgentStatus; readonly changedAt: string }>;
export type AgentCapabilityGranted = Event<
  'AgentCapabilityGranted',
  AgentRef & { readonly capability: string; readonly score: number; readonly grantedAt: string }
>;
export type AgentCapabilityRevoked = Event<'AgentCapabilityRevoked', AgentRef & { readonly capability: string; readonly revokedAt: string }>;
type Collaboration = { readonly orgId: string; readonly requestingAgentId: string; readonly respondingAgentId: string; readonly collaborationType: string };
export type AgentCollaborationAllowed = Event<'AgentCollaborationAllowed', Collaboration & { readonly allowedAt: string }>;
export type AgentCollaborationRevoked = Event<'AgentCollaborationRevoked', Collaboration & { readonly revokedAt: string }>;

export type AgentEvent =
  | AgentRegistered
  | AgentUpdated
  | AgentMoved
  | AgentStatusChanged
  | AgentCapabilityGranted
  | AgentCapabilityRevoked
  | AgentCollaborationAllowed
  | AgentCollaborationRevoked;

export const AGENT_EVENT_TYPES: readonly AgentEvent['type'][] = [
  'AgentRegistered',
  'AgentUpdated',
  'AgentMoved',
  'AgentStatusChanged',
  'AgentCapabilityGranted',
  'AgentCapabilityRevoked',
  'AgentCollaborationAllowed',
  'AgentCollaborationRevoked',
];

export interface Agent extends AgentFields {
  readonly agentId: string;
  readonly type: AgentType;
  readonly parentId: string | null;
  readonly status: AgentStatus;
  readonly capabilities: Readonly<Record<string, number>>;
}

export interface AgentsState {
  readonly agents: ReadonlyMap<string, Agent>;
  /** Name → agent id: idx_agents_name. */
  readonly names: ReadonlyMap<string, string>;
  /** `requesting|responding|type` of every allowed collaboration. */
  readonly collaborations: ReadonlySet<string>;
}

export const initialAgentsState = (): AgentsState => ({ agents: new Map(), names: new Map(), collaborations: new Set() });

export const collaborationKey = (c: Omit<Collaboration, 'orgId'>): string => `${c.requestingAgentId}|${c.respondingAgentId}|${c.collaborationType}`;

const withAgent = (state: AgentsState, agentId: string, change: (agent: Agent) => Agent): AgentsState => {
  const agent = state.agents.get(agentId);
  return agent ? { ...state, agents: new Map(state.agents).set(agentId, change(agent)) } : state;
};

const renamed = (state: AgentsState, event: AgentUpdated): AgentsState => {
  const before = state.agents.get(event.data.agentId);
  const name = event.data.changes.name;
  const next = withAgent(state, event.data.agentId, (agent) => ({ ...agent, ...event.data.changes }));
  if (!before || name === undefined || name === before.name) return next;
  const names = new Map(state.names);
  names.delete(before.name);
  return { ...next, names: names.set(name, before.agentId) };
};

const withCollaboration = (state: AgentsState, key: string, allowed: boolean): AgentsState => {
  const collaborations = new Set(state.collaborations);
  if (allowed) collaborations.add(key);
  else collaborations.delete(key);
  return { ...state, collaborations };
};

export const evolveAgents = (state: AgentsState, event: AgentEvent): AgentsState => {
  switch (event.type) {
    case 'AgentRegistered': {
      const { agentId, name, description, settings, type, parentId, status } = event.data;
      const agent: Agent = { agentId, name, description, settings, type, parentId, status, capabilities: {} };
      return { ...state, agents: new Map(state.agents).set(agentId, agent), names: new Map(state.names).set(name, agentId) };
    }
    case 'AgentUpdated':
      return renamed(state, event);
    case 'AgentMoved':
      return withAgent(state, event.data.agentId, (agent) => ({ ...agent, parentId: event.data.parentId }));
    case 'AgentStatusChanged':
      return withAgent(state, event.data.agentId, (agent) => ({ ...agent, status: event.data.to }));
    case 'AgentCapabilityGranted':
      return withAgent(state, event.data.agentId, (agent) => ({
        ...agent,
        capabilities: { ...agent.capabilities, [event.data.capability]: event.data.score },
      }));
    case 'AgentCapabilityRevoked':
      return withAgent(state, event.data.agentId, (agent) => {
        const capabilities = { ...agent.capabilities };
        delete capabilities[event.data.capability];
        return { ...agent, capabilities };
      });
    case 'AgentCollaborationAllowed':
      return withCollaboration(state, collaborationKey(event.data), true);
    case 'AgentCollaborationRevoked':
      return withCollaboration(state, collaborationKey(event.data), false);
  }
};

/** Moving `agentId` under `parentId`: the chain above, and whether it loops back (hierarchy.ts). */
export const ancestryOf = (state: AgentsState, agentId: string, parentId: string) =>
  ancestry((id) => state.agents.get(id)?.parentId ?? null, agentId, parentId);

/** Agents whose parent is `agentId` and that are not archived. */
export const liveChildrenOf = (state: AgentsState, agentId: string): readonly string[] =>
  [...state.agents.values()].filter((agent) => agent.parentId === agentId && agent.status !== 'archived').map((agent) => agent.agentId);

/** An agent that may be given work (own goals, workflows, tasks, orders): registered and active. */
export const isActiveAgent = (state: AgentsState, agentId: string): boolean => state.agents.get(agentId)?.status === 'active';

/** The state of a decider that also reads the agent registry (goals, workflows, orders …). */
export interface WithAgents<S> {
  readonly agents: AgentsState;
  readonly own: S;
}

const AGENT_EVENTS = new Set<string>(AGENT_EVENT_TYPES);

export const isAgentEvent = (event: Event): event is AgentEvent => AGENT_EVENTS.has(event.type);

/** Folds the registry's events into `agents` and the decider's own into `own`. */
export const evolvingWithAgents =
  <S, E extends Event>(evolveOwn: (state: S, event: E) => S) =>
  (state: WithAgents<S>, event: E | AgentEvent): WithAgents<S> =>
    isAgentEvent(event) ? { ...state, agents: evolveAgents(state.agents, event) } : { ...state, own: evolveOwn(state.own, event as E) };
