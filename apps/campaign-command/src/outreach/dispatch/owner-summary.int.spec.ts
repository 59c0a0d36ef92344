import { randomUUID } from 'node:crypto';
import { encodeEvent, type EventEnvelope, topicSpecs, topicsFor, outreach as outreachWire } from '@campaign/contracts';
import type { outreach } from '@campaign/domain';
import { LOG_START, type LogPosition, PostgresEventStore } from '@campaign/eventstore';
import { ensureTopics, envelopeOf, eventStoreSource } from '@campaign/messaging';
import { collectMessages, testKafka, testPool, uniqueSuffix } from '@campaign/testing';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { Counter, Histogram, Registry } from 'prom-client';
import { ExecuteContextCommandHandler } from '../../shared/execute-context-command.handler';
import { outreachBusCommand } from '../outreach-door';
import { OutreachExecutor, outreachExecutors } from '../outreach.executor';
import { AutoCompleter } from './auto-completer';
import { DispatchStateCompletionReports } from './completion-reports.source';
import { completionReportOf } from './dispatch-state';
import { DispatchStateFollower } from './dispatch-state.follower';
import { DispatchStateStore } from './dispatch-state.store';
import { type CommandOf, dispatcherCommand, type OutreachCommands } from './outreach-commands';
import { summaryNotificationId } from './owner-summary';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const MARKER = 'end-of-test';

/** As the consumer hands them over: the encoded events, in order. */
const asMessages = (events: readonly EventEnvelope[]): KafkaMessage[] =>
  events.map((e, i) => ({ key: null, value: encodeEvent(e), offset: String(i), timestamp: '0', attributes: 0, headers: {} }) as KafkaMessage);

describe('seed 004 On Completion: the summary email to the owner (real Kafka, Postgres)', () => {
  const prefix = `t${uniqueSuffix()}.`;
  const notificationsTopic = outreachWire.ownerNotificationsTopic(prefix);
  const orgId = randomUUID();
  const ownerId = randomUUID();
  const campaignId = randomUUID();
  const ownerEmail = `owner-${uniqueSuffix()}@example.com`;
  let pool: Pool;
  let kafka: Kafka;
  let producer: Producer;
  let events: PostgresEventStore;
  let state: DispatchStateStore;
  let follower: DispatchStateFollower;
  let commands: OutreachCommands;
  let position: LogPosition = LOG_START;

  const run = async <T extends outreach.OutreachCommand['type']>(type: T, data: CommandOf<T>['data']) => {
    const { outcome } = await commands.execute(dispatcherCommand(type, data, orgId, new Date()));
    if (outcome.status !== 'ACCEPTED') throw new Error(`${type} refused: ${outcome.code} ${outcome.message}`);
  };

  /** The events appended since the last call, as the relay would publish them. */
  const appended = async (): Promise<EventEnvelope[]> => {
    const committed = await events.readCommitted(position, 10_000, 'outreach');
    const last = committed[committed.length - 1];
    if (last) position = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    return committed.map(envelopeOf);
  };

  beforeAll(async () => {
    pool = testPool();
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
    state = new DispatchStateStore(pool, `dispatch_${suffix}`, undefined, eventStoreSource(events));
    await state.migrate();
    const registry = new Registry();
    const handler = new ExecuteContextCommandHandler(
      new Map([['outreach', new OutreachExecutor(outreachExecutors(events), new DispatchStateCompletionReports(state))]]),
      {
        commands: new Counter({ name: 'c', help: 'c', labelNames: ['context', 'type', 'status'], registers: [registry] }),
        duration: new Histogram({ name: 'd', help: 'd', labelNames: ['context', 'type'], registers: [registry] }),
      },
    );
    commands = { execute: (command) => handler.execute(outreachBusCommand(command)) };
    follower = new DispatchStateFollower(
      state,
      producer,
      new AutoCompleter(commands, quiet),
      {
        dispatchRequests: outreachWire.dispatchRequestsTopic(prefix),
        ownerNotifications: notificationsTopic,
        deadLetter: topicsFor('outreach', prefix).deadLetter,
      },
      { secret: 'tracking-secret-for-the-summary-test!', baseUrl: 'http://track.test' },
      quiet,
    );
  });

  afterAll(async () => {
    await producer.disconnect();
    await pool.query(`DROP SCHEMA ${state.schema} CASCADE`);
    await pool.query(`DROP SCHEMA ${events.schema} CASCADE`);
    await pool.end();
  });

  // seed 004 On Completion 5: "Send summary email to owner" — once per completion, whatever is redelivered
  it('sends the owner one summary email per completion, even when the completion is redelivered or its checkpoint is lost', async () => {
    await run('RegisterOrganization', { orgId, name: 'Summary Org' });
    await run('RegisterUserProfile', { userId: ownerId, email: ownerEmail, fullName: 'Olive Owner', role: 'recruiter' });
    await run('CreateCampaign', {
      campaignId,
      name: 'Q1 2026 Summary test',
      channel: 'email',
      campaignType: 'talent_sourcing',
      ownerId,
      createdBy: ownerId,
      targetResponseRate: 10,
      targetConversionCount: 5,
    });
    const contacts = [1, 2, 3].map((i) => ({ contactId: randomUUID(), email: `c${i}@example.com`, firstName: `C${i}`, contactType: 'candidate' }));
    await run('AddContacts', { campaignId, contacts });
    await run('ActivateCampaign', { campaignId });
    const before = await appended();
    await follower.handle(asMessages(before));

    // A manual completion carries the dispatcher's counters (the executor reads them the same way).
    await run('CompleteCampaign', { campaignId, reason: 'manual', report: completionReportOf(await state.campaign(campaignId)) });
    const completion = await appended();
    const reported = completion.find((e) => e.type === 'CampaignCompletionReported') as EventEnvelope;
    expect(reported).toBeDefined();
    const first = await follower.handle(asMessages(completion));
    expect(first.summaries).toHaveLength(1);

    // Redelivered: the checkpoint says it was applied.
    expect((await follower.handle(asMessages([...before, ...completion]))).summaries).toEqual([]);
    // The checkpoint lost (the state re-reads the stream from the event store): the summary stays claimed.
    await pool.query(`DELETE FROM ${state.schema}.stream_checkpoints WHERE stream_id = $1`, [reported.streamId]);
    const reread = await follower.handle(asMessages(completion));
    expect(reread.fresh.map((e) => e.eventId)).toContain(reported.eventId);
    expect(reread.summaries).toEqual([]);

    // A marker behind everything on every partition: once all are read, nothing published before is missed.
    const partitions = [...Array(outreachWire.OWNER_NOTIFICATION_PARTITIONS).keys()];
    await producer.send({ topic: notificationsTopic, messages: partitions.map((partition) => ({ partition, key: MARKER, value: Buffer.from(MARKER) })) });
    const isMarker = (m: { message: KafkaMessage }) => m.message.key?.toString() === MARKER;
    const published = await collectMessages(kafka, notificationsTopic, (all) => all.filter(isMarker).length === partitions.length, 30_000);
    const summaries = published
      .filter((m) => !isMarker(m))
      .map((m) => ({ key: m.message.key?.toString(), value: outreachWire.decodeOwnerNotification(m.message.value as Buffer) }));
    expect(summaries).toHaveLength(1);
    const [{ key, value: summary }] = summaries;
    expect(key).toBe(`outreach-${orgId}`);
    expect(summary).toMatchObject({
      notificationId: summaryNotificationId(reported.streamId, reported.streamVersion),
      kind: 'completion_summary',
      orgId,
      campaignId,
      channel: 'email',
      recipient: { userId: ownerId, email: ownerEmail, fullName: 'Olive Owner' },
      requestedAt: (reported.data as { reportedAt: string }).reportedAt,
    });
    expect(summary.subject).toBe('Campaign completed: Q1 2026 Summary test');
    expect(summary.text).toContain('Contacts: 3, reached: 0');
    // seed 004 Success Criteria: nobody reached, no conversion — both targets not met for good.
    expect(summary.text).toContain('Success criteria: not met');
    expect(summary.text).toContain('Conversions: not met (target 5, actual 0)');
  });
});
