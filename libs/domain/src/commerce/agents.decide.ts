/**
 * Agent registry commands (seed 001 "Agent System"). Rules: a name is unique (idx_agents_name),
 * a type and status from the seed's CHECKs, a parent that exists, no cycle of any length in the
 * parent chain, an agent with live children is not archived silently (parent_id NO ACTION),
 * capabilities scored 0–100 (CHECK (score BETWEEN 0 AND 100)), collaborations between two
 * distinct registered agents. In an update, a field left out or null keeps its value.
 */
import { assertNever, type Command, type Decider, type Decision, type DomainError } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import {
  AGENT_STATUSES,
  AGENT_TYPES,
  type AgentEvent,
  type AgentFields,
  type AgentStatus,
  type AgentsState,
  type AgentType,
  agentsStreamId,
  ancestryOf,
  collaborationKey,
  evolveAgents,
  initialAgentsState,
  liveChildrenOf,
} from './agents';
import { CommerceErrorCode as Code, reject } from './errors';
import { changedFields, COMMERCE_LIMITS as LIMITS, jsonObject, optionalText, optionalUuid, requiredText, uuidField } from './values';

type Settings = Readonly<Record<string, unknown>>;
export type RegisterAgent = Command<
  'RegisterAgent',
  {
    readonly agentId: string;
    readonly name: string;
    readonly type: string;
    readonly parentId?: string | null;
    readonly description?: string | null;
    readonly settings?: Settings | null;
  }
>;
export type UpdateAgent = Command<
  'UpdateAgent',
  { readonly agentId: string; readonly name?: string | null; readonly description?: string | null; readonly settings?: Settings | null }
>;
export type MoveAgent = Command<'MoveAgent', { readonly agentId: string; readonly parentId: string | null }>;
export type ChangeAgentStatus = Command<'ChangeAgentStatus', { readonly agentId: string; readonly status: string }>;
export type GrantAgentCapability = Command<'GrantAgentCapability', { readonly agentId: string; readonly capability: string; readonly score?: number | null }>;
export type RevokeAgentCapability = Command<'RevokeAgentCapability', { readonly agentId: string; readonly capability: string }>;
type CollaborationData = { readonly requestingAgentId: string; readonly respondingAgentId: string; readonly collaborationType: string };
export type AllowAgentCollaboration = Command<'AllowAgentCollaboration', CollaborationData>;
export type RevokeAgentCollaboration = Command<'RevokeAgentCollaboration', CollaborationData>;

export type AgentCommand =
  | RegisterAgent
  | UpdateAgent
  | MoveAgent
  | ChangeAgentStatus
  | GrantAgentCapability
  | RevokeAgentCapability
  | AllowAgentCollaboration
  | RevokeAgentCollaboration;

export const AGENT_COMMAND_TYPES: readonly AgentCommand['type'][] = [
  'RegisterAgent',
  'UpdateAgent',
  'MoveAgent',
  'ChangeAgentStatus',
  'GrantAgentCapability',
  'RevokeAgentCapability',
  'AllowAgentCollaboration',
  'RevokeAgentCollaboration',
];

const invalid = (field: string, message: string) => reject(Code.AGENT_INVALID, message, { field });
const notFound = (agentId: string) => reject(Code.AGENT_NOT_FOUND, `Agent ${agentId} does not exist`, { agentId });

const fieldsError = (fields: AgentFields): DomainError | null =>
  requiredText(invalid, 'name', fields.name, LIMITS.name) ??
  optionalText(invalid, 'description', fields.description, LIMITS.text) ??
  jsonObject(invalid, 'settings', fields.settings);

// seed 001 idx_agents_name: one agent per name.
const nameTaken = (state: AgentsState, name: string, agentId: string): DomainError | null => {
  const holder = state.names.get(name);
  return holder !== undefined && holder !== agentId ? reject(Code.AGENT_NAME_TAKEN, `An agent named ${name} exists`, { name, agentId: holder }) : null;
};

// seed 001 agents.parent_id: a hierarchy — the parent exists and the chain never loops back.
const parentError = (state: AgentsState, agentId: string, parentId: string | null): DomainError | null => {
  if (parentId === null) return null;
  const parent = state.agents.get(parentId);
  if (!parent) return reject(Code.AGENT_NOT_FOUND, `Parent agent ${parentId} does not exist`, { agentId: parentId, field: 'parentId' });
  // An archived agent leads no one: archiving required its children to go first (AGENT_HAS_CHILDREN).
  if (parent.status === 'archived') return reject(Code.AGENT_NOT_ACTIVE, `Parent agent ${parentId} is archived`, { agentId: parentId, field: 'parentId' });
  const { cycle, path } = ancestryOf(state, agentId, parentId);
  return cycle ? reject(Code.AGENT_HIERARCHY_CYCLE, `Moving ${agentId} under ${parentId} would make it its own ancestor`, { cycle: path.join(' → ') }) : null;
};

const register = (command: RegisterAgent, state: AgentsState): Decision<AgentEvent> => {
  const { agentId, name, type, parentId = null, description = null, settings = null } = command.data;
  const fields: AgentFields = { name, description, settings: settings ?? {} };
  const wrong =
    uuidField(invalid, 'agentId', agentId) ??
    optionalUuid(invalid, 'parentId', parentId) ??
    // seed 001: CHECK (type IN ('orchestrator', 'director', 'specialist'))
    (AGENT_TYPES.includes(type as AgentType) ? null : invalid('type', `type is one of ${AGENT_TYPES.join(', ')}`)) ??
    fieldsError(fields);
  if (wrong) return wrong;
  if (state.agents.has(agentId)) return reject(Code.AGENT_ALREADY_EXISTS, `Agent ${agentId} exists`, { agentId });
  const refused = nameTaken(state, name, agentId) ?? parentError(state, agentId, parentId);
  if (refused) return refused;
  const data = { orgId: tenantOf(command), agentId, ...fields, type: type as AgentType, parentId, status: 'active' as const, registeredAt: nowIsoOf(command) };
  return [{ type: 'AgentRegistered', data }];
};

const update = (command: UpdateAgent, state: AgentsState): Decision<AgentEvent> => {
  const { agentId, name, description, settings } = command.data;
  const agent = state.agents.get(agentId);
  if (!agent) return notFound(agentId);
  const before: AgentFields = { name: agent.name, description: agent.description, settings: agent.settings };
  const after: AgentFields = { name: name ?? before.name, description: description ?? before.description, settings: settings ?? before.settings };
  const wrong = fieldsError(after) ?? nameTaken(state, after.name, agentId);
  if (wrong) return wrong;
  const changes = changedFields(before, after);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'AgentUpdated', data: { orgId: tenantOf(command), agentId, changes, updatedAt: nowIsoOf(command) } }];
};

const move = (command: MoveAgent, state: AgentsState): Decision<AgentEvent> => {
  const { agentId, parentId } = command.data;
  const agent = state.agents.get(agentId);
  if (!agent) return notFound(agentId);
  const wrong = optionalUuid(invalid, 'parentId', parentId) ?? parentError(state, agentId, parentId);
  if (wrong) return wrong;
  if (agent.parentId === parentId) return [];
  return [{ type: 'AgentMoved', data: { orgId: tenantOf(command), agentId, fromParentId: agent.parentId, parentId, movedAt: nowIsoOf(command) } }];
};

const changeStatus = (command: ChangeAgentStatus, state: AgentsState): Decision<AgentEvent> => {
  const { agentId, status } = command.data;
  const agent = state.agents.get(agentId);
  if (!agent) return notFound(agentId);
  if (!AGENT_STATUSES.includes(status as AgentStatus)) return invalid('status', `status is one of ${AGENT_STATUSES.join(', ')}`);
  if (agent.status === status) return [];
  // seed 001: parent_id NO ACTION ("handle hierarchy manually") — children move or go first.
  const children = liveChildrenOf(state, agentId);
  if (status === 'archived' && children.length > 0)
    return reject(Code.AGENT_HAS_CHILDREN, `Agent ${agentId} still leads ${children.length} agent(s): move or archive them first`, {
      agentId,
      children: children.length,
    });
  return [
    { type: 'AgentStatusChanged', data: { orgId: tenantOf(command), agentId, from: agent.status, to: status as AgentStatus, changedAt: nowIsoOf(command) } },
  ];
};

const grant = (command: GrantAgentCapability, state: AgentsState): Decision<AgentEvent> => {
  const { agentId, capability, score = null } = command.data;
  const agent = state.agents.get(agentId);
  if (!agent) return notFound(agentId);
  const value = score ?? 50;
  const wrong =
    requiredText(invalid, 'capability', capability, LIMITS.name) ??
    // seed 001: CHECK (score BETWEEN 0 AND 100)
    (Number.isInteger(value) && value >= 0 && value <= 100 ? null : invalid('score', 'score is a whole number from 0 to 100'));
  if (wrong) return wrong;
  if (agent.capabilities[capability] === value) return [];
  return [{ type: 'AgentCapabilityGranted', data: { orgId: tenantOf(command), agentId, capability, score: value, grantedAt: nowIsoOf(command) } }];
};

const revoke = (command: RevokeAgentCapability, state: AgentsState): Decision<AgentEvent> => {
  const { agentId, capability } = command.data;
  const agent = state.agents.get(agentId);
  if (!agent) return notFound(agentId);
  if (!(capability in agent.capabilities)) return [];
  return [{ type: 'AgentCapabilityRevoked', data: { orgId: tenantOf(command), agentId, capability, revokedAt: nowIsoOf(command) } }];
};

const collaboration = (command: AllowAgentCollaboration | RevokeAgentCollaboration, state: AgentsState): Decision<AgentEvent> => {
  const { requestingAgentId, respondingAgentId, collaborationType } = command.data;
  const wrong = requiredText((field, message) => reject(Code.COLLABORATION_INVALID, message, { field }), 'collaborationType', collaborationType, 50);
  if (wrong) return wrong;
  for (const agentId of [requestingAgentId, respondingAgentId]) if (!state.agents.has(agentId)) return notFound(agentId);
  if (requestingAgentId === respondingAgentId)
    return reject(Code.COLLABORATION_INVALID, 'An agent does not collaborate with itself', { field: 'respondingAgentId' });
  const data = { orgId: tenantOf(command), requestingAgentId, respondingAgentId, collaborationType };
  const allowed = state.collaborations.has(collaborationKey(data));
  const at = nowIsoOf(command);
  if (command.type === 'AllowAgentCollaboration') return allowed ? [] : [{ type: 'AgentCollaborationAllowed', data: { ...data, allowedAt: at } }];
  return allowed ? [{ type: 'AgentCollaborationRevoked', data: { ...data, revokedAt: at } }] : [];
};

export const decideAgents = (command: AgentCommand, state: AgentsState): Decision<AgentEvent> => {
  const denied = writerRequired(command);
  if (denied) return denied;
  switch (command.type) {
    case 'RegisterAgent':
      return register(command, state);
    case 'UpdateAgent':
      return update(command, state);
    case 'MoveAgent':
      return move(command, state);
    case 'ChangeAgentStatus':
      return changeStatus(command, state);
    case 'GrantAgentCapability':
      return grant(command, state);
    case 'RevokeAgentCapability':
      return revoke(command, state);
    case 'AllowAgentCollaboration':
    case 'RevokeAgentCollaboration':
      return collaboration(command, state);
    default:
      return assertNever(command);
  }
};

export const agentsDecider: Decider<AgentCommand, AgentEvent, AgentsState> = {
  initialState: initialAgentsState,
  decide: decideAgents,
  evolve: evolveAgents,
  streamIdOf: (command) => agentsStreamId(tenantOf(command)),
};
