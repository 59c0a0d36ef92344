import { randomUUID } from 'node:crypto';
import {
  type CommandEnvelope,
  type CommandResult,
  decodeCommand,
  encodeCommandResult,
  encodeEvent,
  orchestration as orchestrationWire,
  partitionKeyOf,
  topicsFor,
} from '@campaign/contracts';
import { serviceToken, testKafka, testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import type { Consumer, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { type SchedulerUnderTest, startScheduler } from '../testing';
import { contentGraphOf, type Recorded, workflowOf } from './testing';

interface Sent {
  readonly command: CommandEnvelope;
  readonly key: string;
}

/** docs/orchestration.md "Timers": the whole scheduler, the orchestration events and commands on Kafka, a stand-in campaign-command. */
describe('timer-scheduler: orchestration timers over Kafka', () => {
  let scheduler: SchedulerUnderTest;
  let pool: Pool;
  let producer: Producer;
  let consumer: Consumer;
  const sent: Sent[] = [];
  const kafka = testKafka();
  let topics: ReturnType<typeof topicsFor>;

  beforeAll(async () => {
    scheduler = await startScheduler();
    topics = topicsFor('orchestration', scheduler.config.TOPIC_PREFIX);
    pool = testPool(2);
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    consumer = kafka.consumer({ groupId: `campaign-command-${uniqueSuffix()}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.commands], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const command = decodeCommand(message.value as Buffer);
        sent.push({ command, key: message.key?.toString() ?? '' });
        const result: CommandResult = {
          status: 'ACCEPTED',
          streamId: null,
          streamVersion: 1,
          code: null,
          message: null,
          details: null,
          commandId: command.commandId,
          context: 'orchestration',
          processedAt: new Date().toISOString(),
        };
        await producer.send({ topic: topics.commandResults, acks: -1, messages: [{ key: command.commandId, value: encodeCommandResult(result) }] });
      },
    });
  }, 90_000);
  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await scheduler?.app.close();
    const config = scheduler.config as unknown as Record<string, string>;
    for (const name of Object.keys(config).filter((key) => key.endsWith('_TIMER_SCHEMA'))) await pool.query(`DROP SCHEMA IF EXISTS ${config[name]} CASCADE`);
    await pool.end();
  });

  /** Publishes events as campaign-command's relay would: keyed by stream, the org as tenant. */
  const publish = async (...recorded: Recorded[]) => {
    const messages = recorded.map(({ streamId, streamVersion, event }) => {
      const envelope = {
        eventId: randomUUID(),
        type: event.type,
        schemaVersion: 1,
        context: 'orchestration',
        streamId,
        streamVersion,
        globalPosition: '0',
        occurredAt: new Date().toISOString(),
        correlationId: randomUUID(),
        causationId: null,
        actor: 'service:test',
        tenant: (event.data as { orgId: string }).orgId,
        data: event.data,
      };
      return { key: partitionKeyOf(streamId), value: encodeEvent(envelope) };
    });
    await producer.send({ topic: topics.events, acks: -1, messages });
  };
  const sentOf = (type: string, match: (data: Record<string, unknown>) => boolean) =>
    waitFor(`a ${type}`, async () => sent.find((s) => s.command.type === type && match(s.command.data as Record<string, unknown>)));
  const soon = () => Date.now() + 300;
  const activeOf = async (campaignId: string) => {
    const listing = await fetch(`${scheduler.url}/v1/timers?campaignId=${campaignId}&context=orchestration`, {
      headers: { authorization: `Bearer ${serviceToken(['timers:read'])}` },
    });
    return ((await listing.json()) as { orchestration: { active: { timer_type: string; payload: { command: { data: { stepKey?: string } } } }[] } })
      .orchestration.active;
  };

  it('STEP_TIMEOUT and STEP_RETRY: an attempt not answered in time is timed out, a failed one retried when due — each in its org', async () => {
    const w = workflowOf();
    await publish(w.dispatched('research', 1, soon()), w.dispatched('draft', 1, Date.now() + 1_500), w.failed('draft', 1, soon()));
    const timeout = await sentOf('TimeOutStep', (data) => data.workflowId === w.workflowId);
    expect(timeout).toMatchObject({
      key: w.streamId,
      command: { context: 'orchestration', tenant: w.orgId, commandId: expect.stringMatching(/^timer-/), data: { stepKey: 'research', attempt: 1 } },
    });
    const retry = await sentOf('RetryStep', (data) => data.workflowId === w.workflowId);
    expect(retry).toMatchObject({ key: w.streamId, command: { tenant: w.orgId, data: { stepKey: 'draft', attempt: 1 } } });
    // The failed attempt's own timeout (due 1.5 s after its dispatch) was cancelled by its failure: past it, it has not fired.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(sent.filter((s) => s.command.type === 'TimeOutStep' && (s.command.data as { workflowId: string }).workflowId === w.workflowId)).toHaveLength(1);
  });

  it('STEP_CONTENT and WORKFLOW_RELEASE: a step’s content is created after the step, derived from its step; the finished workflow is released', async () => {
    const w = workflowOf();
    const content = { title: 'Launch post', contentType: 'blog_post', platform: 'website', contentMarkdown: '# Launch', derivedFromStep: 'research' };
    await publish(w.dispatched('draft', 1, Date.now() + 600_000), w.completed('draft', 1, { content }), w.workflowCompleted());
    const created = await sentOf('CreateContent', (data) => data.workflowId === w.workflowId);
    // A campaign's listing shows its steps' timers (their subjects are the steps' attempts).
    await publish(w.dispatched('review', 1, Date.now() + 600_000));
    const review = await waitFor('the review step’s timeout listed under its campaign', async () =>
      (await activeOf(w.campaignId)).find((t) => t.payload.command.data.stepKey === 'review'),
    );
    expect(review).toMatchObject({ timer_type: 'STEP_TIMEOUT' });
    expect(created).toMatchObject({
      key: `orchestration-content-${w.orgId}-${w.campaignId}`,
      command: {
        tenant: w.orgId,
        data: {
          campaignId: w.campaignId,
          contentId: orchestrationWire.stepContentId(w.workflowId, 'draft'),
          parentContentId: orchestrationWire.stepContentId(w.workflowId, 'research'),
          stepKey: 'draft',
          title: 'Launch post',
        },
      },
    });
    const released = await sentOf('ReleaseWorkflow', (data) => data.workflowId === w.workflowId);
    expect(released).toMatchObject({
      key: `orchestration-orchestrator-${w.orgId}-${w.orchestratorId}`,
      command: { data: { orchestratorId: w.orchestratorId } },
    });
  });

  it('CONTENT_PUBLISH: scheduled content is published when due; deleted content never is', async () => {
    const c = contentGraphOf();
    const [kept, dropped] = [randomUUID(), randomUUID()];
    await publish(c.created(kept, null), c.scheduled(kept, soon()), c.created(dropped, Date.now() + 1_500), c.deleted(dropped));
    const published = await sentOf('PublishContent', (data) => data.contentId === kept);
    expect(published).toMatchObject({ key: c.streamId, command: { tenant: c.orgId, data: { campaignId: c.campaignId, contentId: kept } } });
    // The deleted content's timer was due 1.5 s after its creation: wait past it, then no publish of it was sent.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(sent.filter((s) => (s.command.data as { contentId?: string }).contentId === dropped)).toEqual([]);
  });
});
