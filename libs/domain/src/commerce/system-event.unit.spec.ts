import type { CommandMetadata } from '../shared/decider';
import { given, unchecked } from '../testing';
import type { AgentEvent } from './agents';
import { agentsDecider } from './agents.decide';
import { type RecordSystemEvent, SYSTEM_EVENT_SEVERITIES, systemEventDecider, type SystemEventEvent } from './system-event';
import { AS_SERVICE, AS_VIEWER, agentId, command, decided, METADATA, NOW, ORG_ID, registryOf } from './testing';

const systemEventId = (n: number) => `f7000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const recordEvent = (data: Partial<RecordSystemEvent['data']> = {}, metadata: Partial<CommandMetadata> = {}): RecordSystemEvent => ({
  type: 'RecordSystemEvent',
  data: { systemEventId: systemEventId(1), eventType: 'stock.sync_failed', severity: 'error', payload: { location: 'main' }, ...data },
  metadata: { ...METADATA, ...AS_SERVICE, ...metadata },
});

const registry: (AgentEvent | SystemEventEvent)[] = decided(
  agentsDecider,
  registryOf(2),
  command.changeAgentStatus({ agentId: agentId(2), status: 'archived' }),
);

describe('when the event is not recorded', () => {
  it('RecordSystemEvent records SystemEventRecorded with its source, type, severity and payload', () => {
    given(systemEventDecider, registry)
      .when(recordEvent({ sourceAgentId: agentId(1) }))
      .then([
        {
          type: 'SystemEventRecorded',
          data: {
            orgId: ORG_ID,
            systemEventId: systemEventId(1),
            sourceAgentId: agentId(1),
            eventType: 'stock.sync_failed',
            severity: 'error',
            payload: { location: 'main' },
            recordedAt: NOW,
          },
        },
      ]);
  });

  it("severity is one of the seed's: info, warning, error, critical", () => {
    // seed 001 (read model): CHECK (severity IN ('info', 'warning', 'error', 'critical'))
    for (const severity of SYSTEM_EVENT_SEVERITIES)
      given(systemEventDecider, registry)
        .when(recordEvent({ severity }))
        .then([expect.objectContaining({ data: expect.objectContaining({ severity }) })]);
    given(systemEventDecider, registry)
      .when(recordEvent({ severity: 'fatal' }))
      .thenRejects('SYSTEM_EVENT_INVALID', { details: { field: 'severity' } });
  });

  it('"Track event source": a source is a registered agent, archived ones included; none is allowed', () => {
    // seed 001: system_events.source_agent_id REFERENCES agents(id); "Events preserved if agent deleted"
    given(systemEventDecider, registry)
      .when(recordEvent({ sourceAgentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND', { details: { field: 'sourceAgentId' } });
    given(systemEventDecider, registry)
      .when(recordEvent({ sourceAgentId: agentId(2) }))
      .then([expect.objectContaining({ type: 'SystemEventRecorded' })]);
    given(systemEventDecider, registry)
      .when(recordEvent({ sourceAgentId: null }))
      .then([expect.objectContaining({ data: expect.objectContaining({ sourceAgentId: null }) })]);
  });

  it('the type is text of 1 to 100 characters and the payload a JSON object', () => {
    given(systemEventDecider, registry)
      .when(recordEvent({ eventType: 'x'.repeat(101) }))
      .thenRejects('SYSTEM_EVENT_INVALID', { details: { field: 'eventType' } });
    given(systemEventDecider, registry)
      .when(recordEvent({ payload: unchecked('boom') }))
      .thenRejects('SYSTEM_EVENT_INVALID', { details: { field: 'payload' } });
  });

  it('a viewer may not record a system event', () => {
    given(systemEventDecider, registry).when(recordEvent({}, AS_VIEWER)).thenRejects('COMMERCE_ROLE_REQUIRED');
  });
});

describe('when the event is recorded', () => {
  it('recording it again is SYSTEM_EVENT_ALREADY_EXISTS', () => {
    given(systemEventDecider, decided(systemEventDecider, registry, recordEvent()))
      .when(recordEvent())
      .thenRejects('SYSTEM_EVENT_ALREADY_EXISTS');
  });
});
