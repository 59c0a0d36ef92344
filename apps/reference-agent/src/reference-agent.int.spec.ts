import { randomUUID } from 'node:crypto';
import {
  type CommandEnvelope,
  decodeCommand,
  encodeCommandResult,
  encodeEvent,
  type EventEnvelope,
  partitionKeyOf,
  topicSpecs,
  topicsFor,
} from '@campaign/contracts';
import { ensureTopicsOf } from '@campaign/messaging';
import { authConfigSchema, createHttpApp, createTokenVerifier, JsonLogger, type Principal } from '@campaign/runtime';
import { collectMessages, TEST_JWT_SECRET, testKafka, uniqueSuffix, waitFor } from '@campaign/testing';
import type { INestApplication } from '@nestjs/common';
import type { Consumer, Producer } from 'kafkajs';
import { ReferenceAgentModule } from './app.module';
import { configSchema } from './config';

/** A report as it arrived on the commands topic: the command, its key and who signed it. */
interface Arrived {
  readonly key: string;
  readonly command: CommandEnvelope;
  readonly signer: Principal;
}

describe('reference-agent: StepDispatched on <prefix>orchestration.events → its report on <prefix>orchestration.commands', () => {
  const prefix = `t${uniqueSuffix()}.`;
  const topics = topicsFor('orchestration', prefix);
  const kafka = testKafka();
  const verifier = createTokenVerifier(authConfigSchema.parse({ JWT_SECRET: TEST_JWT_SECRET }));
  const arrived: Arrived[] = [];
  let app: INestApplication;
  let producer: Producer;
  let door: Consumer;

  /**
   * Stands where campaign-command's Kafka door stands: reads each report, checks its signature
   * against its bytes, and answers ACCEPTED on the results topic, as the door answers a command.
   */
  const startDoor = async () => {
    door = kafka.consumer({ groupId: `door-${uniqueSuffix()}` });
    await door.connect();
    await door.subscribe({ topics: [topics.commands], fromBeginning: true });
    await door.run({
      eachMessage: async ({ message }) => {
        const command = decodeCommand(message.value!);
        const signer = await verifier.verify(String(message.headers!.authorization), { bindTo: message.value! });
        arrived.push({ key: String(message.key), command, signer });
        const result = { commandId: command.commandId, context: 'orchestration', status: 'ACCEPTED' as const, streamId: null, streamVersion: null };
        const answer = encodeCommandResult({ ...result, code: null, message: null, details: null, processedAt: new Date().toISOString() });
        await producer.send({ topic: topics.commandResults, messages: [{ key: command.commandId, value: answer }] });
      },
    });
  };

  beforeAll(async () => {
    await ensureTopicsOf(kafka, topicSpecs('orchestration', prefix));
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await startDoor();
    const config = configSchema.parse({
      ...process.env,
      HTTP_PORT: '0',
      LOG_LEVEL: 'error',
      TOPIC_PREFIX: prefix,
      JWT_SECRET: TEST_JWT_SECRET,
      AGENT_GROUP: `agent-${uniqueSuffix()}`,
      AGENT_TYPES: 'writer',
      AGENT_DELAY_MS: '20',
    });
    const logger = new JsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);
    app = await createHttpApp(ReferenceAgentModule.forRoot(config, logger), logger);
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await door?.disconnect();
    await producer?.disconnect();
  });

  const orgId = randomUUID();
  const dispatched = (workflowId: string, stepKey: string, agentType: string, attempt: number, input: object, eventId = randomUUID()): EventEnvelope => ({
    eventId,
    type: 'StepDispatched',
    schemaVersion: 1,
    context: 'orchestration',
    streamId: `orchestration-workflow-${orgId}-${workflowId}`,
    streamVersion: attempt + 1,
    globalPosition: '1',
    occurredAt: '2026-04-01T09:00:00.000Z',
    correlationId: `start-${workflowId}`,
    causationId: null,
    actor: 'user:test',
    tenant: orgId,
    data: {
      orgId,
      workflowId,
      campaignId: randomUUID(),
      stepKey,
      stepName: `Step ${stepKey}`,
      agentType,
      attempt,
      input,
      dependencyOutputs: {},
      dispatchedAt: '2026-04-01T09:00:00.000Z',
      timeoutAt: '2026-04-01T09:05:00.000Z',
    },
  });

  const publish = (...events: EventEnvelope[]) =>
    producer.send({ topic: topics.events, acks: -1, messages: events.map((e) => ({ key: partitionKeyOf(e.streamId), value: encodeEvent(e) })) });

  const reportsOf = (workflowId: string) => arrived.filter((a) => (a.command.data as { workflowId: string }).workflowId === workflowId);

  it("answers a writer's step with CompleteStep carrying the produced content, as the org, signed orchestration:agent; another agent type's step is not its to answer", async () => {
    const workflowId = randomUUID();
    const produce = { title: 'Spring launch', contentType: 'blog_post' };
    // The editor's dispatch goes first on the same stream (one partition, in order): once the
    // writer's report is in, the editor's dispatch was read and left alone.
    await publish(dispatched(workflowId, 'review', 'editor', 1, {}), dispatched(workflowId, 'draft', 'writer', 1, { produce }));
    const [report] = await waitFor('the report of the draft', async () => reportsOf(workflowId).length > 0 && reportsOf(workflowId));
    expect(report.key).toBe(`orchestration-workflow-${orgId}-${workflowId}`);
    expect(report.signer).toMatchObject({ subject: 'reference-agent', scopes: new Set(['orchestration:agent']) });
    expect(report.command).toMatchObject({
      commandId: `agent-${workflowId}-draft-1`,
      type: 'CompleteStep',
      context: 'orchestration',
      tenant: orgId,
      correlationId: `start-${workflowId}`,
      data: {
        workflowId,
        stepKey: 'draft',
        attempt: 1,
        output: {
          content: { title: 'Spring launch', contentType: 'blog_post', platform: 'website', contentMarkdown: expect.stringContaining('# Spring launch') },
        },
        durationMs: 20,
      },
    });
    expect(reportsOf(workflowId).map((r) => (r.command.data as { stepKey: string }).stepKey)).toEqual(['draft']);
  });

  it('fails attempt 1 retryable when the input says failAttempts: 1, and completes attempt 2', async () => {
    const workflowId = randomUUID();
    await publish(dispatched(workflowId, 'draft', 'writer', 1, { failAttempts: 1 }), dispatched(workflowId, 'draft', 'writer', 2, { failAttempts: 1 }));
    const reports = await waitFor('both attempts reported', async () => reportsOf(workflowId).length >= 2 && reportsOf(workflowId));
    const byAttempt = Object.fromEntries(reports.map((r) => [(r.command.data as { attempt: number }).attempt, r.command]));
    expect(byAttempt[1]).toMatchObject({ type: 'FailStep', data: { attempt: 1, retryable: true, error: expect.stringContaining('fails on purpose') } });
    expect(byAttempt[2]).toMatchObject({ type: 'CompleteStep', data: { attempt: 2 } });
  });

  it('sends a redelivered StepDispatched the same report under the same command id (the command side writes it once)', async () => {
    const workflowId = randomUUID();
    const event = dispatched(workflowId, 'draft', 'writer', 1, { produce: { title: 'Again' } });
    await publish(event);
    await waitFor('the first report', async () => reportsOf(workflowId).length === 1);
    await publish(event);
    const [first, second] = await waitFor('the second report', async () => reportsOf(workflowId).length === 2 && reportsOf(workflowId));
    expect(second.command.commandId).toBe(first.command.commandId);
    expect(second.command.data).toEqual(first.command.data);
  });

  it('sets a dispatch it cannot serve aside to the dead-letter topic, and answers the next one on the partition', async () => {
    const workflowId = randomUUID();
    const unservable = dispatched(workflowId, 'draft', 'writer', 0, {});
    const key = partitionKeyOf(unservable.streamId);
    await producer.send({
      topic: topics.events,
      acks: -1,
      messages: [
        { key, value: Buffer.from('not an event') },
        { key, value: encodeEvent(unservable) },
        { key, value: encodeEvent(dispatched(workflowId, 'draft', 'writer', 1, {})) },
      ],
    });
    const [report] = await waitFor('the report of the readable dispatch', async () => reportsOf(workflowId).length > 0 && reportsOf(workflowId));
    expect(report.command).toMatchObject({ type: 'CompleteStep', data: { attempt: 1 } });
    const letters = await collectMessages(kafka, topics.deadLetter, (found) => found.filter((f) => String(f.message.key) === key).length >= 2, 30_000);
    const errors = letters.filter((l) => String(l.message.key) === key).map((l) => String(l.message.headers!.error));
    expect(errors).toEqual([expect.stringMatching(/format byte|not a campaign-platform message/), expect.stringContaining('attempt')]);
  });
});
