import type { EventEnvelope } from '@campaign/contracts';
import { dispatchOf, UnreadableDispatchError } from './step-dispatch';

const org = '0b6f3c52-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

const event = (data: Record<string, unknown>, overrides: Partial<EventEnvelope> = {}): EventEnvelope => ({
  eventId: 'e-1',
  type: 'StepDispatched',
  schemaVersion: 1,
  context: 'orchestration',
  streamId: `orchestration-workflow-${org}-w1`,
  streamVersion: 2,
  globalPosition: '10',
  occurredAt: '2026-04-01T09:00:00.000Z',
  correlationId: 'c-1',
  causationId: null,
  actor: 'user:u1',
  tenant: org,
  data: {
    orgId: org,
    workflowId: 'w1',
    campaignId: 'c1',
    stepKey: 'draft',
    stepName: 'Draft',
    agentType: 'writer',
    attempt: 1,
    input: { produce: { title: 'T' } },
    dependencyOutputs: {},
    dispatchedAt: '2026-04-01T09:00:00.000Z',
    timeoutAt: '2026-04-01T09:05:00.000Z',
    ...data,
  },
  ...overrides,
});

describe('which events the agent serves', () => {
  it('takes a StepDispatched of a type it serves, with the tenant, stream and ids of its envelope', () => {
    expect(dispatchOf(event({}), ['writer'])).toEqual({
      orgId: org,
      streamId: `orchestration-workflow-${org}-w1`,
      eventId: 'e-1',
      correlationId: 'c-1',
      workflowId: 'w1',
      campaignId: 'c1',
      stepKey: 'draft',
      stepName: 'Draft',
      agentType: 'writer',
      attempt: 1,
      input: { produce: { title: 'T' } },
      dependencyOutputs: {},
    });
  });

  it('serves every agent type when AGENT_TYPES names none', () => {
    expect(dispatchOf(event({ agentType: 'anything' }), null)).toMatchObject({ agentType: 'anything' });
  });

  it('leaves the dispatches of other agent types, and every other event, to others', () => {
    expect(dispatchOf(event({ agentType: 'editor' }), ['writer'])).toBeNull();
    expect(dispatchOf(event({}, { type: 'StepCompleted' }), null)).toBeNull();
  });

  it('reads input and dependency outputs sent as JSON text as it reads them sent as objects', () => {
    const dispatch = dispatchOf(event({ input: '{"failAttempts":1}', dependencyOutputs: '{"draft":{"content":{"title":"P"}}}' }), null);
    expect(dispatch).toMatchObject({ input: { failAttempts: 1 }, dependencyOutputs: { draft: { content: { title: 'P' } } } });
  });

  it('refuses a dispatch without an attempt or an org: no report could name them', () => {
    expect(() => dispatchOf(event({ attempt: 0 }), null)).toThrow(UnreadableDispatchError);
    expect(() => dispatchOf(event({ orgId: undefined }, { tenant: null }), null)).toThrow(/names the org/);
  });
});
