import { randomUUID } from 'node:crypto';
import { type CommandEnvelope, type CommandResult, decodeCommand, encodeCommandResult, encodeEvent, partitionKeyOf, topicsFor } from '@campaign/contracts';
import type { ads } from '@campaign/domain';
import { serviceToken, testKafka, testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import type { Consumer, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { type SchedulerUnderTest, startScheduler } from '../testing';

interface ListedTimer {
  id: string;
  timer_type: string;
  due_at: string;
}

/** seed 003 data flow: "15min sync" — the whole scheduler, the ads events and commands on Kafka, a stand-in campaign-command. */
describe('timer-scheduler: ads account syncs over Kafka (seed 003)', () => {
  let scheduler: SchedulerUnderTest;
  let pool: Pool;
  let producer: Producer;
  let consumer: Consumer;
  const commands: CommandEnvelope[] = [];
  const kafka = testKafka();
  const orgId = randomUUID();
  let topics: ReturnType<typeof topicsFor>;

  beforeAll(async () => {
    scheduler = await startScheduler();
    topics = topicsFor('ads', scheduler.config.TOPIC_PREFIX);
    pool = testPool(2);
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    consumer = kafka.consumer({ groupId: `campaign-command-${uniqueSuffix()}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.commands], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const command = decodeCommand(message.value as Buffer);
        commands.push(command);
        const result: CommandResult = {
          status: 'ACCEPTED',
          streamId: null,
          streamVersion: 2,
          code: null,
          message: null,
          details: null,
          commandId: command.commandId,
          context: 'ads',
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
    for (const schema of [scheduler.config.ADS_TIMER_SCHEMA, scheduler.config.OUTREACH_TIMER_SCHEMA, scheduler.config.LIFECYCLE_TIMER_SCHEMA])
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  const operator = { authorization: `Bearer ${serviceToken(['timers:read', 'timers:operate'])}` };
  const activeOf = async (accountId: string): Promise<ListedTimer[]> => {
    const listing = (await (await fetch(`${scheduler.url}/v1/timers?campaignId=${accountId}&context=ads`, { headers: operator })).json()) as {
      ads: { active: ListedTimer[] };
    };
    return listing.ads.active;
  };

  const account = () => {
    const accountId = randomUUID();
    let version = 0;
    const publish = async (event: ads.AdAccountEvent, causationId: string | null = null) => {
      const envelope = {
        eventId: randomUUID(),
        type: event.type,
        schemaVersion: 1,
        context: 'ads',
        streamId: `ads-account-${accountId}`,
        streamVersion: ++version,
        globalPosition: '0',
        occurredAt: new Date().toISOString(),
        correlationId: randomUUID(),
        causationId,
        actor: 'user:admin',
        tenant: orgId,
        data: event.data,
      };
      await producer.send({ topic: topics.events, acks: -1, messages: [{ key: partitionKeyOf(envelope.streamId), value: encodeEvent(envelope) }] });
    };
    const base = { accountId, orgId, platform: 'google', platformAccountId: `pa-${accountId}` };
    return {
      accountId,
      connected: () =>
        publish({ type: 'AdAccountConnected', data: { ...base, name: 'Acme', currency: 'EUR', timeZone: 'UTC', connectedAt: new Date().toISOString() } }),
      requested: (syncId: string, requestedAt: string, causationId: string) =>
        publish({ type: 'AdAccountSyncRequested', data: { ...base, syncId, requestedAt, windowStart: requestedAt, windowEnd: requestedAt } }, causationId),
      disconnected: () => publish({ type: 'AdAccountDisconnected', data: { accountId, disconnectedAt: new Date().toISOString() } }),
    };
  };

  it('sync timer every 15 minutes: a connected account is synced at once in its org, then 15 minutes after each request; cancelled on disconnect', async () => {
    const a = account();
    await a.connected();
    const sent = await waitFor('the first sync command', async () => commands.find((c) => (c.data as { accountId?: string }).accountId === a.accountId));
    expect(sent).toMatchObject({
      type: 'RequestAdAccountSync',
      context: 'ads',
      tenant: orgId,
      commandId: expect.stringMatching(/^timer-/),
      data: { accountId: a.accountId, windowDays: null },
    });
    // What campaign-command records for that command: the sync, caused by the timer's command.
    const requestedAt = new Date().toISOString();
    await a.requested((sent.data as { syncId: string }).syncId, requestedAt, sent.commandId);
    const next = await waitFor('the next sync', async () => (await activeOf(a.accountId)).find((t) => Date.parse(t.due_at) > Date.now() + 60_000));
    expect(next).toMatchObject({ timer_type: 'SYNC_AD_ACCOUNT', due_at: new Date(Date.parse(requestedAt) + 15 * 60_000).toISOString() });

    await a.disconnected();
    await waitFor('the sync to be cancelled', async () => (await activeOf(a.accountId)).length === 0 || undefined);
  });
});
