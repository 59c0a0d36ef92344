/**
 * seed 001 "Agent System": `agents` (registration, changes, moves in the hierarchy, status),
 * `agent_capabilities` (one row per agent and capability, its score the latest grant's; a
 * revocation deletes it) and `agent_collaborations` (one row per allowed pattern; a revocation
 * keeps the row with is_allowed false). Agents are archived, never deleted.
 */
import { projector } from '../shared/projector';
import { collaborationRowId, capabilityRowId } from './commerce.ids';
import { columnsOf, type EnvelopeOf, patched } from './commerce.events';

export interface AgentRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly type: string;
  readonly parent_id: string | null;
  readonly status: string;
  readonly description: string | null;
  readonly settings: object;
  readonly created_at: string;
  readonly updated_at: string;
}

type AgentEnvelope = EnvelopeOf<'AgentRegistered' | 'AgentUpdated' | 'AgentMoved' | 'AgentStatusChanged'>;

const projectAgent = (row: AgentRow | null, event: AgentEnvelope): AgentRow | null => {
  switch (event.type) {
    case 'AgentRegistered': {
      const d = event.data;
      const base = { id: d.agentId, org_id: d.orgId, name: d.name, type: d.type, parent_id: d.parentId, status: d.status };
      return row ?? { ...base, description: d.description, settings: d.settings, created_at: d.registeredAt, updated_at: d.registeredAt };
    }
    case 'AgentUpdated': {
      const patch = columnsOf(event.data.changes, { name: 'name', description: 'description', settings: 'settings' });
      return row && patched(row, patch, { updated_at: event.data.updatedAt });
    }
    case 'AgentMoved':
      return row && patched(row, { parent_id: event.data.parentId }, { updated_at: event.data.movedAt });
    case 'AgentStatusChanged':
      return row && patched(row, { status: event.data.to }, { updated_at: event.data.changedAt });
  }
};

export const agentsProjector = projector({
  table: 'agents',
  eventTypes: ['AgentRegistered', 'AgentUpdated', 'AgentMoved', 'AgentStatusChanged'],
  project: projectAgent,
});

export interface CapabilityRow {
  readonly id: string;
  readonly org_id: string;
  readonly agent_id: string;
  readonly capability: string;
  readonly score: number;
  readonly created_at: string;
}

type CapabilityEnvelope = EnvelopeOf<'AgentCapabilityGranted' | 'AgentCapabilityRevoked'>;

export const capabilityKeyOf = (event: CapabilityEnvelope): string => capabilityRowId(event.data.agentId, event.data.capability);

const projectCapability = (row: CapabilityRow | null, event: CapabilityEnvelope): CapabilityRow | null => {
  if (event.type === 'AgentCapabilityRevoked') return null;
  const { orgId, agentId, capability, score, grantedAt } = event.data;
  // A new grant of a held capability changes its score; the row keeps when it was first granted.
  if (row) return patched(row, { score });
  return { id: capabilityKeyOf(event), org_id: orgId, agent_id: agentId, capability, score, created_at: grantedAt };
};

export const agentCapabilitiesProjector = projector({
  table: 'agent_capabilities',
  eventTypes: ['AgentCapabilityGranted', 'AgentCapabilityRevoked'],
  project: projectCapability,
});

export interface CollaborationRow {
  readonly id: string;
  readonly org_id: string;
  readonly requesting_agent_id: string;
  readonly responding_agent_id: string;
  readonly collaboration_type: string;
  readonly is_allowed: boolean;
  readonly created_at: string;
}

type CollaborationEnvelope = EnvelopeOf<'AgentCollaborationAllowed' | 'AgentCollaborationRevoked'>;

export const collaborationKeyOf = (event: CollaborationEnvelope): string =>
  collaborationRowId(event.data.requestingAgentId, event.data.respondingAgentId, event.data.collaborationType);

const projectCollaboration = (row: CollaborationRow | null, event: CollaborationEnvelope): CollaborationRow | null => {
  if (event.type === 'AgentCollaborationRevoked') return row && patched(row, { is_allowed: false });
  if (row) return patched(row, { is_allowed: true });
  const d = event.data;
  return {
    id: collaborationKeyOf(event),
    org_id: d.orgId,
    requesting_agent_id: d.requestingAgentId,
    responding_agent_id: d.respondingAgentId,
    collaboration_type: d.collaborationType,
    is_allowed: true,
    created_at: d.allowedAt,
  };
};

export const agentCollaborationsProjector = projector({
  table: 'agent_collaborations',
  eventTypes: ['AgentCollaborationAllowed', 'AgentCollaborationRevoked'],
  project: projectCollaboration,
});
