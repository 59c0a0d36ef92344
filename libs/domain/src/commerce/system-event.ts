/**
 * System events (seed 001 "System": system_events): what happened in the shop's machinery, one
 * stream per event, written once. The source, when named, is a registered agent ("Track event
 * source"); archived agents still appear as sources ("Events preserved if agent deleted").
 * Configuration changes record their agent in configuration.ts, not here.
 */
import { assertNever, type Command, type Decider, type Decision, type Event } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { type AgentEvent, agentsStreamId, evolvingWithAgents, initialAgentsState, type WithAgents } from './agents';
import { jsonObject, optionalUuid, requiredText, uuidField } from './values';
import { CommerceWorkErrorCode as Code, rejectWork, unknownAgent } from './work.errors';

export const systemEventStreamId = (orgId: string, systemEventId: string): string => `commerce-system-event-${orgId}-${systemEventId}`;

// seed 001 (read model): CHECK (severity IN ('info', 'warning', 'error', 'critical')).
export const SYSTEM_EVENT_SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
export type SystemEventSeverity = (typeof SYSTEM_EVENT_SEVERITIES)[number];

export type SystemEventRecorded = Event<
  'SystemEventRecorded',
  {
    readonly orgId: string;
    readonly systemEventId: string;
    readonly sourceAgentId: string | null;
    readonly eventType: string;
    readonly severity: SystemEventSeverity;
    readonly payload: Readonly<Record<string, unknown>>;
    readonly recordedAt: string;
  }
>;
export type SystemEventEvent = SystemEventRecorded;
export const SYSTEM_EVENT_EVENT_TYPES: readonly SystemEventEvent['type'][] = ['SystemEventRecorded'];

export type RecordSystemEvent = Command<
  'RecordSystemEvent',
  {
    readonly systemEventId: string;
    readonly sourceAgentId?: string | null;
    readonly eventType: string;
    readonly severity: string;
    readonly payload: Readonly<Record<string, unknown>>;
  }
>;
export type SystemEventCommand = RecordSystemEvent;
export const SYSTEM_EVENT_COMMAND_TYPES: readonly SystemEventCommand['type'][] = ['RecordSystemEvent'];

const invalid = (field: string, message: string) => rejectWork(Code.SYSTEM_EVENT_INVALID, message, { field });

export const decideSystemEvent = (command: SystemEventCommand, state: WithAgents<boolean>): Decision<SystemEventEvent> => {
  switch (command.type) {
    case 'RecordSystemEvent': {
      const { systemEventId, sourceAgentId = null, eventType, severity, payload } = command.data;
      const wrong =
        writerRequired(command) ??
        uuidField(invalid, 'systemEventId', systemEventId) ??
        optionalUuid(invalid, 'sourceAgentId', sourceAgentId) ??
        requiredText(invalid, 'eventType', eventType, 100) ??
        (SYSTEM_EVENT_SEVERITIES.includes(severity as SystemEventSeverity)
          ? null
          : invalid('severity', `severity is one of ${SYSTEM_EVENT_SEVERITIES.join(', ')}`)) ??
        jsonObject(invalid, 'payload', payload) ??
        // seed 001 system_events.source_agent_id REFERENCES agents(id): "Track event source".
        unknownAgent(state.agents, sourceAgentId, 'sourceAgentId');
      if (wrong) return wrong;
      if (state.own) return rejectWork(Code.SYSTEM_EVENT_ALREADY_EXISTS, `System event ${systemEventId} exists`, { systemEventId });
      const data = {
        orgId: tenantOf(command),
        systemEventId,
        sourceAgentId,
        eventType,
        severity: severity as SystemEventSeverity,
        payload,
        recordedAt: nowIsoOf(command),
      };
      return [{ type: 'SystemEventRecorded', data }];
    }
    default:
      return assertNever(command.type);
  }
};

export const systemEventDecider: Decider<SystemEventCommand, SystemEventEvent | AgentEvent, WithAgents<boolean>> = {
  initialState: () => ({ agents: initialAgentsState(), own: false }),
  decide: decideSystemEvent,
  evolve: evolvingWithAgents((_recorded: boolean, _event: SystemEventEvent) => true),
  streamIdOf: (command) => systemEventStreamId(tenantOf(command), command.data.systemEventId),
  alsoReads: (command) => [agentsStreamId(tenantOf(command))],
};
