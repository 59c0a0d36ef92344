import { createHash, randomUUID } from 'node:crypto';
import type { CommandEnvelope } from '@campaign/contracts';
import { KafkaCommandClient } from '@campaign/messaging';
import { JsonLogger, signJwt } from '@campaign/runtime';
import { TEST_JWT_SECRET, testCommandSigner, testKafka } from '@campaign/testing';
import { derivedId } from '../shared/derived-id';
import { type CommandApp, startCommandApp } from '../testing';
import { idOf, newOrg, orchestrationClient, streams, typesOf } from './testing';

type Signer = { sign(value: Buffer): Promise<string> };

/** A person's token bound to one command's bytes (a user sending over Kafka acts in its own org, with its role). */
const personSigner = (orgId: string, role: string): Signer => ({
  sign: async (value) =>
    signJwt(
      { sub: randomUUID(), org_id: orgId, role, msg: createHash('sha256').update(value).digest('base64url'), exp: Math.floor(Date.now() / 1000) + 60 },
      TEST_JWT_SECRET,
    ),
});

/** The Kafka door `<prefix>orchestration.commands` → `<prefix>orchestration.command-results`. */
describe('orchestration over Kafka: who may send what', () => {
  let app: CommandApp;
  const org = newOrg();
  const clients: KafkaCommandClient[] = [];
  let service: KafkaCommandClient;
  let person: KafkaCommandClient;

  const clientAs = async (signer: Signer): Promise<KafkaCommandClient> => {
    const options = {
      context: 'orchestration',
      topicPrefix: app.config.TOPIC_PREFIX,
      instanceId: randomUUID(),
      clientName: 'orchestration-test',
      timeoutMs: 60_000,
      signer,
    };
    const client = new KafkaCommandClient(testKafka(), options, new JsonLogger('test', 'error'));
    await client.start();
    clients.push(client);
    return client;
  };
  const envelope = (type: string, data: Record<string, unknown>, tenant: string | null): CommandEnvelope => ({
    commandId: randomUUID(),
    type,
    schemaVersion: 1,
    context: 'orchestration',
    issuedAt: new Date().toISOString(),
    actor: 'service:forged-name',
    correlationId: null,
    causationId: null,
    tenant,
    data,
  });
  const strategy = (strategyId: string) => ({ strategyId, name: 'Evergreen', strategyType: 'content', description: null, settings: null });

  beforeAll(async () => {
    app = await startCommandApp();
    [service, person] = await Promise.all([clientAs(testCommandSigner(['orchestration:service'])), clientAs(personSigner(org.orgId, 'editor'))]);
  });
  afterAll(async () => {
    for (const client of clients) await client.stop();
    await app?.stop();
  });

  it('a service granted orchestration:service acts for the envelope’s org with the ids it names; without a tenant it is TENANT_REQUIRED', async () => {
    const strategyId = randomUUID();
    const stream = streams.strategy(org.orgId, strategyId);
    expect(await service.send(envelope('CreateStrategy', strategy(strategyId), org.orgId), stream)).toMatchObject({ status: 'ACCEPTED', streamId: stream });
    expect(await service.send(envelope('CreateStrategy', strategy(randomUUID()), null), stream)).toMatchObject({ status: 'REJECTED', code: 'TENANT_REQUIRED' });
  });

  it('a template sent over Kafka reads as over HTTP: a service’s CreateOrchestrator and ReviseOrchestratorTemplate are accepted (nested Avro records are plain data to the rules)', async () => {
    const orchestratorId = randomUUID();
    const stream = streams.orchestrator(org.orgId, orchestratorId);
    const backoff = { initialDelayMs: 500, multiplier: 2, maxDelayMs: 5_000 };
    const step = (key: string, dependsOn: string[]) => ({
      key,
      name: key,
      agentType: 'writer',
      dependsOn,
      timeoutMs: 30_000,
      maxAttempts: 3,
      backoff,
      input: { topic: key },
    });
    const steps = [step('draft', []), step('edit', ['draft'])];
    const created = await service.send(envelope('CreateOrchestrator', { orchestratorId, name: 'Pipeline', description: null, steps }, org.orgId), stream);
    expect(created).toMatchObject({ status: 'ACCEPTED', streamId: stream });
    const revised = await service.send(
      envelope('ReviseOrchestratorTemplate', { orchestratorId, steps: [...steps, step('publish', ['edit'])] }, org.orgId),
      stream,
    );
    expect(revised).toMatchObject({ status: 'ACCEPTED', streamId: stream });
    expect(await typesOf(app, stream)).toEqual(['OrchestratorCreated', 'OrchestratorTemplateRevised']);
  });

  it('only services time out steps: a service’s TimeOutStep reaches the rules, a person’s is ORCHESTRATION_ROLE_REQUIRED', async () => {
    const client = orchestrationClient(app);
    const orchestratorId = idOf(await client.createOrchestrator(org.admin), 'orchestratorId');
    const workflowId = idOf(await client.startWorkflow(org.editor, orchestratorId, idOf(await client.createCampaign(org.editor), 'campaignId')), 'workflowId');
    const timeOut = () => envelope('TimeOutStep', { workflowId, stepKey: 'research', attempt: 1 }, org.orgId);
    const stream = streams.workflow(org.orgId, workflowId);
    // Dispatched a moment ago with a 60 s timeout: the decider's own rule answers.
    expect(await service.send(timeOut(), stream)).toMatchObject({ status: 'REJECTED', code: 'WORKFLOW_STEP_NOT_TIMED_OUT' });
    expect(await person.send(timeOut(), stream)).toMatchObject({ status: 'REJECTED', code: 'ORCHESTRATION_ROLE_REQUIRED' });
  });

  it('a person names no ids: the id in its CreateStrategy is replaced by the one derived from its org and command id', async () => {
    const chosen = randomUUID();
    const command = envelope('CreateStrategy', strategy(chosen), org.orgId);
    const derived = derivedId(org.orgId, command.commandId, 'strategy');
    expect(await person.send(command, streams.strategy(org.orgId, chosen))).toMatchObject({
      status: 'ACCEPTED',
      streamId: streams.strategy(org.orgId, derived),
    });
    expect(await typesOf(app, streams.strategy(org.orgId, chosen))).toEqual([]);
    expect(await typesOf(app, streams.strategy(org.orgId, derived))).toEqual(['StrategyCreated']);
  });

  it('agents send step reports only: an agent’s report is accepted for the envelope’s org, anything else is FORBIDDEN and writes nothing', async () => {
    const agent = await clientAs(testCommandSigner(['orchestration:agent']));
    const client = orchestrationClient(app);
    const orchestratorId = idOf(await client.createOrchestrator(org.admin), 'orchestratorId');
    const workflowId = idOf(await client.startWorkflow(org.editor, orchestratorId, idOf(await client.createCampaign(org.editor), 'campaignId')), 'workflowId');
    const report = envelope('ReportStepStarted', { workflowId, stepKey: 'research', attempt: 1 }, org.orgId);
    expect(await agent.send(report, streams.workflow(org.orgId, workflowId))).toMatchObject({ status: 'ACCEPTED' });
    const strategyId = randomUUID();
    const stream = streams.strategy(org.orgId, strategyId);
    expect(await agent.send(envelope('CreateStrategy', strategy(strategyId), org.orgId), stream)).toMatchObject({ status: 'REJECTED', code: 'FORBIDDEN' });
    expect(await typesOf(app, stream)).toEqual([]);
  });

  it('a write door (orchestration:write) names no ids and may not send what only the platform’s services send', async () => {
    const door = await clientAs(testCommandSigner(['orchestration:write']));
    const command = envelope('CreateStrategy', strategy(randomUUID()), org.orgId);
    const derived = derivedId(org.orgId, command.commandId, 'strategy');
    expect(await door.send(command, 'any-key')).toMatchObject({ status: 'ACCEPTED', streamId: streams.strategy(org.orgId, derived) });
    const release = envelope('ReleaseWorkflow', { orchestratorId: randomUUID(), workflowId: randomUUID() }, org.orgId);
    expect(await door.send(release, 'any-key')).toMatchObject({ status: 'REJECTED', code: 'FORBIDDEN' });
  });
});
