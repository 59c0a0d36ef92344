import { randomUUID } from 'node:crypto';
import type { CommandEnvelope } from '@campaign/contracts';
import type { Sender } from '../shared/context-commands.consumer';
import { derivedId } from '../shared/derived-id';
import { orchestrationDataOf } from './orchestration-kafka-door';
import { kafkaRefusal } from './orchestration-scopes';

const orgId = randomUUID();
const envelope = (type: string, data: Record<string, unknown>): CommandEnvelope => ({
  commandId: randomUUID(),
  type,
  schemaVersion: 1,
  context: 'orchestration',
  issuedAt: new Date().toISOString(),
  actor: 'service:forged',
  correlationId: null,
  causationId: null,
  tenant: orgId,
  data,
});
const service: Sender = { actor: 'service:timer-scheduler', tenant: orgId, role: undefined, service: true, scopes: new Set(['orchestration:service']) };
const person: Sender = { actor: 'user:x', tenant: orgId, role: 'editor', service: false, scopes: new Set<string>() };

describe('the orchestration Kafka door: whose ids a command carries (docs/orchestration.md "Streams")', () => {
  it('a service names the ids of what it creates (the step reactor names a step’s content after the step)', () => {
    const [campaignId, contentId] = [randomUUID(), randomUUID()];
    const command = envelope('CreateContent', { campaignId, contentId, title: 't', contentType: 'post', platform: 'web', status: null });
    expect(orchestrationDataOf(command, service)).toEqual({ campaignId, contentId, title: 't', contentType: 'post', platform: 'web' });
  });

  it('a person names none: each create’s id is derived from the org, the command id and what it creates', () => {
    for (const [type, field, label] of [
      ['CreateStrategy', 'strategyId', 'strategy'],
      ['CreateOrchestrator', 'orchestratorId', 'orchestrator'],
      ['CreateCampaign', 'campaignId', 'campaign'],
      ['StartWorkflow', 'workflowId', 'workflow'],
      ['CreateContent', 'contentId', 'content'],
    ]) {
      const command = envelope(type, { [field]: randomUUID() });
      expect(orchestrationDataOf(command, person)).toEqual({ [field]: derivedId(orgId, command.commandId, label) });
    }
  });

  it('ids that name existing things are the sender’s: a person’s UpdateCampaign keeps its campaignId', () => {
    const campaignId = randomUUID();
    expect(orchestrationDataOf(envelope('UpdateCampaign', { campaignId, name: 'x', deadline: null }), person)).toEqual({ campaignId, name: 'x' });
  });
});

describe('the orchestration Kafka door: what each scope may send (docs/orchestration.md "Scopes")', () => {
  const scopes = (...granted: string[]) => new Set(granted);
  it('agents send step reports only; write doors anything but the services’ own commands; the service scope anything', () => {
    for (const type of ['ReportStepStarted', 'CompleteStep', 'FailStep']) expect(kafkaRefusal(type, scopes('orchestration:agent'))).toBeNull();
    expect(kafkaRefusal('CreateCampaign', scopes('orchestration:agent'))).toContain('step reports only');
    for (const type of ['TimeOutStep', 'RetryStep', 'ReleaseWorkflow']) {
      expect(kafkaRefusal(type, scopes('orchestration:write'))).toContain('orchestration:service');
      expect(kafkaRefusal(type, scopes('orchestration:service'))).toBeNull();
    }
    expect(kafkaRefusal('CreateCampaign', scopes('orchestration:write'))).toBeNull();
    expect(kafkaRefusal('CompleteStep', scopes('orchestration:write', 'orchestration:agent'))).toBeNull();
  });
});
