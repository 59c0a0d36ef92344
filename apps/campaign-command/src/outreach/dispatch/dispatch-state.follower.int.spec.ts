import { randomUUID } from 'node:crypto';
import { encodeEvent, type EventEnvelope, partitionKeyOf, topicSpecs, topicsFor, outreach as outreachWire } from '@campaign/contracts';
import { type outreach } from '@campaign/domain';
import { LOG_START, type LogPosition, PostgresEventStore } from '@campaign/eventstore';
import { ensureTopics, envelopeOf, eventStoreSource, runBatchConsumer } from '@campaign/messaging';
import { collectMessages, testKafka, testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import { Redis } from 'ioredis';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { Counter, Histogram, Registry } from 'prom-client';
import { EMPTY_REPORT } from '../completion-reports';
import { ExecuteContextCommandHandler } from '../../shared/execute-context-command.handler';
import { outreachBusCommand } from '../outreach-door';
import { OutreachExecutor, outreachExecutors } from '../outreach.executor';
import { AutoCompleter } from './auto-completer';
import { sendRulesWith } from './dispatch.config';
import { DispatchStateFollower } from './dispatch-state.follower';
import { DispatchStateStore } from './dispatch-state.store';
import { Dispatcher } from './dispatcher';
import { type CommandOf, dispatcherCommand, type OutreachCommands } from './outreach-commands';
import { SendWindowLimiter } from './send-window.limiter';

const SECRET = 'tracking-secret-for-the-follower-test!';
const BASE_URL = 'http://track.test:3004';
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

const metricsIn = (registry: Registry) => ({
  commands: new Counter({ name: 'c', help: 'c', labelNames: ['context', 'type', 'status'], registers: [registry] }),
  duration: new Histogram({ name: 'd', help: 'd', labelNames: ['context', 'type'], registers: [registry] }),
  dispatches: new Counter({ name: 'x', help: 'x', labelNames: ['outcome'], registers: [registry] }),
  limitHits: new Counter({ name: 'y', help: 'y', labelNames: ['limit'], registers: [registry] }),
});

describe('the dispatch state follows outreach.events (real Kafka, Postgres, Redis)', () => {
  const prefix = `t${uniqueSuffix()}.`;
  const topics = topicsFor('outreach', prefix);
  const orgId = randomUUID();
  const ownerId = randomUUID();
  const campaignId = randomUUID();
  const contacts = [
    {
      contactId: randomUUID(),
      email: 'grace@example.com',
      firstName: 'Grace',
      lastName: 'Hopper',
      companyName: 'Navy',
      title: 'Admiral',
      contactType: 'candidate',
    },
    { contactId: randomUUID(), email: 'alan@example.com', firstName: 'Alan', lastName: 'Turing', companyName: null, title: null, contactType: 'candidate' },
  ];
  let pool: Pool;
  let redis: Redis;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: Consumer;
  let events: PostgresEventStore;
  let state: DispatchStateStore;
  let commands: OutreachCommands;
  let position: LogPosition = LOG_START;

  const run = async <T extends outreach.OutreachCommand['type']>(type: T, data: CommandOf<T>['data']) => {
    const { outcome } = await commands.execute(dispatcherCommand(type, data, orgId, new Date()));
    if (outcome.status !== 'ACCEPTED') throw new Error(`${type} refused: ${outcome.code} ${outcome.message}`);
  };

  /**
   * Plays the relay: every event appended since last time onto the topic, keyed as the relay
   * keys them, after `again` (a redelivery). Waits for events another transaction holds back.
   */
  let relayed = 0;
  const relay = async (again: readonly EventEnvelope[] = []): Promise<EventEnvelope[]> => {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${events.schema}.events WHERE context = 'outreach'`);
    const stored: EventEnvelope[] = [];
    await waitFor('every appended event', async () => {
      const committed = await events.readCommitted(position, 10_000, 'outreach');
      const last = committed[committed.length - 1];
      if (last) position = { transactionId: last.transactionId, globalPosition: last.globalPosition };
      stored.push(...committed.map(envelopeOf));
      relayed += committed.length;
      return relayed >= rows[0].n;
    });
    const batch = [...again, ...stored];
    await producer.send({ topic: topics.events, acks: -1, messages: batch.map((e) => ({ key: partitionKeyOf(e.streamId), value: encodeEvent(e) })) });
    return stored;
  };

  beforeAll(async () => {
    pool = testPool();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    kafka = testKafka();
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topicSpecs('outreach', prefix));
    await admin.disconnect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const suffix = uniqueSuffix();
    events = new PostgresEventStore(pool, `es_${suffix}`);
    await events.migrate();
    state = new DispatchStateStore(pool, `dispatch_${suffix}`);
    await state.migrate();
    const registry = new Registry();
    const handler = new ExecuteContextCommandHandler(
      new Map([['outreach', new OutreachExecutor(outreachExecutors(events), { reportFor: async () => EMPTY_REPORT })]]),
      metricsIn(registry),
    );
    commands = { execute: (command) => handler.execute(outreachBusCommand(command)) };
    const follower = new DispatchStateFollower(
      state,
      producer,
      new AutoCompleter(commands, quiet),
      {
        dispatchRequests: outreachWire.dispatchRequestsTopic(prefix),
        ownerNotifications: outreachWire.ownerNotificationsTopic(prefix),
        deadLetter: topics.deadLetter,
      },
      { secret: SECRET, baseUrl: BASE_URL },
      quiet,
    );
    consumer = kafka.consumer({ groupId: `dispatch-${suffix}` });
    await runBatchConsumer(consumer, { topics: [topics.events], handle: ({ messages }) => follower.handle(messages).then(() => undefined) }, quiet);
  });

  afterAll(async () => {
    await consumer.disconnect();
    await producer.disconnect();
    await redis.quit();
    await pool.end();
  });

  it('builds the campaign and its contacts, ignores redelivered events, and publishes dispatch requests with verifiable tokens', async () => {
    await run('RegisterOrganization', { orgId, name: 'Follower Org' });
    await run('RegisterUserProfile', { userId: ownerId, email: `owner-${uniqueSuffix()}@example.com`, fullName: 'Olive Owner', role: 'recruiter' });
    await run('CreateCampaign', { campaignId, name: 'Follower test', channel: 'email', campaignType: 'talent_sourcing', ownerId, createdBy: ownerId });
    await run('AddContacts', { campaignId, contacts });
    await run('ActivateCampaign', { campaignId });
    const first = await relay();
    await waitFor('the active campaign with its two pending contacts', async () => (await state.campaign(campaignId))?.status === 'active');
    expect(await state.campaign(campaignId)).toMatchObject({
      org_id: orgId,
      owner_id: ownerId,
      channel: 'email',
      activations: 1,
      total: 2,
      pending: 2,
      reached: 0,
    });

    const registry = new Registry();
    const limiter = new SendWindowLimiter(redis, sendRulesWith({ email: { minIntervalMs: 0 } }), `test-${uniqueSuffix()}:`);
    const dispatcher = new Dispatcher(state, limiter, commands, quiet, metricsIn(registry), { batchSize: 50 });
    expect(await dispatcher.tick(new Date())).toEqual({ requested: 2 });
    // Redelivery: everything sent so far comes again, ahead of the new events.
    await relay(first);

    const requests = (await collectMessages(kafka, outreachWire.dispatchRequestsTopic(prefix), (c) => c.length >= 2, 30_000)).map((c) => ({
      key: c.message.key?.toString(),
      request: outreachWire.decodeDispatchRequest(c.message.value as Buffer),
    }));
    expect(requests).toHaveLength(2);
    for (const { key, request } of requests) {
      const contact = contacts.find((c) => c.contactId === request.contactId);
      expect(key).toBe(`outreach-${orgId}`);
      expect(request).toMatchObject({ orgId, campaignId, channel: 'email', messageKind: 'email', senderId: ownerId, attempt: 1 });
      expect(request.recipient).toEqual({
        email: contact?.email,
        linkedinUrl: null,
        firstName: contact?.firstName,
        lastName: contact?.lastName,
        companyName: contact?.companyName,
        title: contact?.title,
      });
      expect(outreachWire.tracking.verifyTrackingToken(request.tracking.token, SECRET)).toEqual({ orgId, campaignId, contactId: request.contactId });
      expect(request.tracking).toEqual({
        token: request.tracking.token,
        openPixelUrl: `${BASE_URL}/v1/track/open/${request.tracking.token}.gif`,
        clickUrlTemplate: `${BASE_URL}/v1/track/click/${request.tracking.token}?url={url}&sig={sig}`,
        unsubscribeUrl: `${BASE_URL}/v1/track/unsubscribe/${request.tracking.token}`,
        clickLinkKey: outreachWire.tracking.clickLinkKey(request.tracking.token, SECRET),
      });
    }
    // The redelivered ContactAdded events counted nothing twice.
    await waitFor('both dispatches recorded', async () => (await state.contact(contacts[1].contactId))?.sends === 1);
    expect(await state.campaign(campaignId)).toMatchObject({ total: 2, pending: 2 });
  });

  // Issue 9: a consumer never skips a version — what the bus did not deliver is read from the log.
  it('versions the bus never delivered are read from the event store: the state ends as if all had come', async () => {
    const log = (await events.readCommitted(LOG_START, 10_000, 'outreach')).map(envelopeOf);
    const stream = log.find((e) => e.streamVersion === 2 && log.some((l) => l.streamId === e.streamId && l.streamVersion === 3)) as EventEnvelope;
    expect(stream).toBeDefined();
    const complete = new DispatchStateStore(pool, `dispatch_all_${uniqueSuffix()}`);
    const gapped = new DispatchStateStore(pool, `dispatch_gap_${uniqueSuffix()}`, undefined, eventStoreSource(events));
    for (const store of [complete, gapped]) await store.migrate();
    await complete.applyBatch(log);
    const applied = await gapped.applyBatch(log.filter((e) => e !== stream));
    expect(applied.fresh.map((e) => e.eventId).sort()).toEqual(log.map((e) => e.eventId).sort());
    expect(await gapped.campaign(campaignId)).toEqual(await complete.campaign(campaignId));
    for (const { contactId } of contacts) expect(await gapped.contact(contactId)).toEqual(await complete.contact(contactId));
    // With nothing to read the missing version from, the batch fails rather than skip it.
    const blind = new DispatchStateStore(pool, `dispatch_blind_${uniqueSuffix()}`);
    await blind.migrate();
    await expect(blind.applyBatch(log.filter((e) => e !== stream))).rejects.toThrow(/could not supply/);
    for (const store of [complete, gapped, blind]) await pool.query(`DROP SCHEMA ${store.schema} CASCADE`);
  });
});
