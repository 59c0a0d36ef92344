import { randomUUID } from 'node:crypto';
import { outreach } from '@campaign/domain';
import { LOG_START, type LogPosition, PostgresEventStore } from '@campaign/eventstore';
import { envelopeOf } from '@campaign/messaging';
import { testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { Counter, Histogram, Registry } from 'prom-client';
import { EMPTY_REPORT } from '../completion-reports';
import { ExecuteContextCommandHandler } from '../../shared/execute-context-command.handler';
import { outreachBusCommand } from '../outreach-door';
import { OutreachExecutor, outreachExecutors } from '../outreach.executor';
import { sendRulesWith } from './dispatch.config';
import { DispatchStateStore } from './dispatch-state.store';
import { Dispatcher } from './dispatcher';
import { type CommandOf, dispatcherCommand, type OutreachCommands } from './outreach-commands';
import { SendWindowLimiter } from './send-window.limiter';

const NOW = new Date();
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** The command side as campaign-command runs it (deciders, event store), minus HTTP and Kafka. */
const commandSide = (store: PostgresEventStore): OutreachCommands => {
  const registry = new Registry();
  const handler = new ExecuteContextCommandHandler(
    new Map([['outreach', new OutreachExecutor(outreachExecutors(store), { reportFor: async () => EMPTY_REPORT })]]),
    {
      commands: new Counter({ name: 'c', help: 'c', labelNames: ['context', 'type', 'status'], registers: [registry] }),
      duration: new Histogram({ name: 'd', help: 'd', labelNames: ['context', 'type'], registers: [registry] }),
    },
  );
  return { execute: (command) => handler.execute(outreachBusCommand(command)) };
};

describe('the dispatcher (real Postgres, Redis and command side)', () => {
  let pool: Pool;
  let redis: Redis;
  let events: PostgresEventStore;
  let state: DispatchStateStore;
  let commands: OutreachCommands;
  let position: LogPosition = LOG_START;
  const orgId = randomUUID();
  const ownerId = randomUUID();

  const run = async <T extends outreach.OutreachCommand['type']>(type: T, data: CommandOf<T>['data']) => {
    const { outcome } = await commands.execute(dispatcherCommand(type, data, orgId, NOW));
    if (outcome.status !== 'ACCEPTED') throw new Error(`${type} refused: ${outcome.code} ${outcome.message}`);
  };

  /**
   * What the events consumer does, fed straight from the event store: the state catches up with
   * every event appended so far (read as the relay reads: a transaction still running elsewhere
   * on the database may hold later ones back for a moment).
   */
  let applied = 0;
  const catchUp = async () => {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${events.schema}.events WHERE context = 'outreach'`);
    await waitFor('the state to catch up with the event store', async () => {
      const stored = await events.readCommitted(position, 10_000, 'outreach');
      const last = stored[stored.length - 1];
      if (last) {
        position = { transactionId: last.transactionId, globalPosition: last.globalPosition };
        await state.applyBatch(stored.map(envelopeOf));
        applied += stored.length;
      }
      return applied >= rows[0].n;
    });
  };

  const newCampaign = async (emails: readonly string[]) => {
    const campaignId = randomUUID();
    await run('CreateCampaign', {
      campaignId,
      name: `Dispatch test ${uniqueSuffix()}`,
      channel: 'email',
      campaignType: 'talent_sourcing',
      ownerId,
      createdBy: ownerId,
    });
    const contacts = emails.map((email) => ({ contactId: randomUUID(), email, firstName: 'Ada', lastName: 'Lovelace', contactType: 'candidate' }));
    await run('AddContacts', { campaignId, contacts });
    await run('ActivateCampaign', { campaignId });
    return { campaignId, contactIds: contacts.map((c) => c.contactId) };
  };

  const dispatcher = (rules = sendRulesWith({ email: { minIntervalMs: 0 } })) => {
    const registry = new Registry();
    const limiter = new SendWindowLimiter(redis, rules, `test-${uniqueSuffix()}:`);
    return new Dispatcher(
      state,
      limiter,
      commands,
      quiet,
      {
        dispatches: new Counter({ name: 'x', help: 'x', labelNames: ['outcome'], registers: [registry] }),
        limitHits: new Counter({ name: 'y', help: 'y', labelNames: ['limit'], registers: [registry] }),
      },
      { batchSize: 200 },
    );
  };

  const statusesOf = async (contactIds: readonly string[]) => Promise.all(contactIds.map(async (id) => (await state.contact(id))?.status));

  beforeAll(async () => {
    pool = testPool();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const suffix = uniqueSuffix();
    events = new PostgresEventStore(pool, `es_${suffix}`);
    await events.migrate();
    state = new DispatchStateStore(pool, `dispatch_${suffix}`);
    await state.migrate();
    commands = commandSide(events);
    await run('RegisterOrganization', { orgId, name: 'Dispatch Org' });
    await run('RegisterUserProfile', { userId: ownerId, email: `owner-${suffix}@example.com`, fullName: 'Olive Owner', role: 'recruiter' });
  });

  afterAll(async () => {
    await redis.quit();
    await pool.end();
  });

  it('dispatches the due contacts of an active campaign, once each', async () => {
    const { contactIds } = await newCampaign(['a@example.com', 'b@example.com', 'c@example.com']);
    await catchUp();
    const loop = dispatcher();
    expect(await loop.tick(NOW)).toMatchObject({ requested: 3 });
    // Claimed at once: the next pass finds nothing due, even before the events come back.
    expect(await loop.tick(NOW)).toEqual({});
    await catchUp();
    const rows = await Promise.all(contactIds.map((id) => state.contact(id)));
    expect(rows.map((row) => [row?.status, row?.sends, row?.outstanding_dispatch_id === row?.last_dispatch_id])).toEqual([
      ['pending', 1, true],
      ['pending', 1, true],
      ['pending', 1, true],
    ]);
  });

  // seed 004: active → paused "Stops all scheduled outreach"
  it('dispatches nothing for a paused campaign', async () => {
    const { campaignId, contactIds } = await newCampaign(['p@example.com']);
    await run('PauseCampaign', { campaignId });
    await catchUp();
    expect(await dispatcher().tick(NOW)).toEqual({});
    expect(await statusesOf(contactIds)).toEqual(['pending']);
    expect((await state.contact(contactIds[0]))?.outstanding_dispatch_id).toBeNull();
  });

  // seed 004: Unsubscribe applies globally (all campaigns); suppression list checked before every send
  it('does not dispatch to an address unsubscribed in another campaign, and marks it unsubscribed', async () => {
    const first = await newCampaign(['gone@example.com']);
    await run('UnsubscribeContact', { campaignId: first.campaignId, contactId: first.contactIds[0], reason: 'one-click' });
    const second = await newCampaign(['Gone@Example.com', 'stays@example.com']);
    await catchUp();
    expect(await dispatcher().tick(NOW)).toMatchObject({ suppressed: 1, requested: 1 });
    await catchUp();
    expect(await statusesOf(second.contactIds)).toEqual(['unsubscribed', 'pending']);
    const stored = await events.readStream(outreach.contactStreamId(orgId, second.contactIds[0]));
    expect(stored.events.map((e) => e.type)).toEqual(['ContactAdded', 'ContactUnsubscribed']);
    expect(stored.events[1].data).toMatchObject({ reason: 'suppressed: unsubscribed from the organization' });
  });

  // seed 004: CONTACT_BOUNCED "Email previously bounced"
  it('does not dispatch to an address that bounced before, and marks it bounced', async () => {
    const first = await newCampaign(['bad@example.com']);
    await run('RecordBounce', { campaignId: first.campaignId, contactId: first.contactIds[0], bounceType: 'hard', bounceReason: 'no such mailbox' });
    const second = await newCampaign(['bad@example.com']);
    await catchUp();
    expect(await dispatcher().tick(NOW)).toMatchObject({ bounced: 1 });
    await catchUp();
    expect(await statusesOf(second.contactIds)).toEqual(['bounced']);
  });

  const dispatchesOf = async (contactId: string) =>
    (await events.readStream(outreach.contactStreamId(orgId, contactId))).events
      .filter((e) => e.type === 'ContactDispatchRequested')
      .map((e) => e.data as outreach.ContactDispatchRequested['data']);
  const minutesLater = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

  it('a dispatch the sender adapter could not send (retryably) is dispatched again once its 5-minute back-off is over', async () => {
    const {
      campaignId,
      contactIds: [contactId],
    } = await newCampaign(['flaky@example.com']);
    await catchUp();
    const loop = dispatcher();
    await loop.tick(NOW);
    await catchUp();
    const [first] = await dispatchesOf(contactId);
    await run('RecordDispatchFailed', { campaignId, contactId, dispatchId: first.dispatchId, reason: 'SMTP 421 service not available', retryable: true });
    await catchUp();
    expect(await state.contact(contactId)).toMatchObject({ status: 'pending', outstanding_dispatch_id: null, failed_dispatches: 1 });
    await loop.tick(minutesLater(4));
    expect(await dispatchesOf(contactId)).toHaveLength(1);
    await loop.tick(minutesLater(5));
    const again = await dispatchesOf(contactId);
    expect(again).toHaveLength(2);
    expect(again[1]).toMatchObject({ attempt: 1, requestedAt: minutesLater(5).toISOString() });
    expect(again[1].dispatchId).not.toBe(first.dispatchId);
  });

  it('a dispatch that failed for good ends the contact bounced (dispatch failed: <reason>), and its campaign completes', async () => {
    const {
      campaignId,
      contactIds: [contactId],
    } = await newCampaign(['doomed@example.com']);
    await catchUp();
    const loop = dispatcher();
    await loop.tick(NOW);
    await catchUp();
    const [first] = await dispatchesOf(contactId);
    await run('RecordDispatchFailed', {
      campaignId,
      contactId,
      dispatchId: first.dispatchId,
      reason: 'recipient rejected',
      retryable: false,
      recipientRejected: true,
    });
    await catchUp();
    expect(await loop.tick(NOW)).toMatchObject({ undeliverable: 1 });
    await catchUp();
    expect(await statusesOf([contactId])).toEqual(['bounced']);
    const stored = await events.readStream(outreach.contactStreamId(orgId, contactId));
    expect(stored.events.map((e) => e.type)).toEqual(['ContactAdded', 'ContactDispatchRequested', 'ContactDispatchFailed', 'EmailBounced']);
    expect(stored.events[3].data).toMatchObject({
      bounceType: 'hard',
      bounceReason: 'dispatch failed: recipient rejected',
      final: true,
      addressRejected: true,
    });
    // The refused address is one that "previously bounced" for the whole org.
    expect(await state.suppressionsOf(orgId, ['doomed@example.com'])).toEqual(new Map([['doomed@example.com', new Set(['bounced'])]]));
    // seed 004: Auto-Complete Trigger 3 — all contacts processed
    await loop.tick(NOW);
    await catchUp();
    expect((await state.campaign(campaignId))?.status).toBe('completed');
  });

  it('a dispatch that failed for good over its message ends that contact only: the address is not suppressed', async () => {
    const first = await newCampaign(['fine@example.com']);
    await catchUp();
    const loop = dispatcher();
    await loop.tick(NOW);
    await catchUp();
    const [dispatch] = await dispatchesOf(first.contactIds[0]);
    await run('RecordDispatchFailed', {
      campaignId: first.campaignId,
      contactId: first.contactIds[0],
      dispatchId: dispatch.dispatchId,
      reason: 'template rejected by provider',
      retryable: false,
    });
    await catchUp();
    expect(await loop.tick(NOW)).toMatchObject({ undeliverable: 1 });
    await catchUp();
    expect(await statusesOf(first.contactIds)).toEqual(['bounced']);
    const stored = await events.readStream(outreach.contactStreamId(orgId, first.contactIds[0]));
    expect(stored.events[3].data).toMatchObject({ bounceReason: 'dispatch failed: template rejected by provider', final: true, addressRejected: false });
    expect(await state.suppressionsOf(orgId, ['fine@example.com'])).toEqual(new Map());
    // The same address in another campaign is still sent to.
    const second = await newCampaign(['fine@example.com']);
    await catchUp();
    await loop.tick(minutesLater(1));
    expect(await dispatchesOf(second.contactIds[0])).toHaveLength(1);
    await catchUp();
    expect(await statusesOf(second.contactIds)).toEqual(['pending']);
  });

  // seed 004: Maximum 1000 emails per day per sender — CAMPAIGN_SEND_LIMIT_EXCEEDED
  it('a sender whose window is full gets one recorded hold and rests', async () => {
    const { campaignId, contactIds } = await newCampaign(['l1@example.com', 'l2@example.com', 'l3@example.com']);
    await catchUp();
    const loop = dispatcher(sendRulesWith({ email: { minIntervalMs: 0, windows: { email_per_day: 1 } } }));
    expect(await loop.tick(NOW)).toEqual({ requested: 1, limited: 1 });
    expect(await loop.tick(NOW)).toEqual({});
    await catchUp();
    const sends = await Promise.all(contactIds.map(async (id) => (await state.contact(id))?.sends));
    expect(sends.sort()).toEqual([0, 0, 1]);
    // The wait is recorded once, on the contact that was next: which window, until when (issue 11).
    const { rows } = await pool.query(`SELECT data FROM ${events.schema}.events WHERE event_type = 'ContactDispatchHeld' AND data->>'campaignId' = $1`, [
      campaignId,
    ]);
    expect(rows.map((row) => row.data)).toEqual([
      expect.objectContaining({ limit: 'email_per_day', max: 1, heldUntil: new Date(NOW.getTime() + 86_400_000).toISOString() }),
    ]);
  });

  // seed 004: Auto-Complete Trigger 3 — all contacts processed (status != 'pending')
  it('completes a campaign once none of its contacts is pending, with the report of its counters', async () => {
    const { campaignId, contactIds } = await newCampaign(['done1@example.com', 'done2@example.com']);
    await catchUp();
    const loop = dispatcher();
    await loop.tick(NOW);
    await catchUp();
    for (const contactId of contactIds) {
      const dispatchId = (await state.contact(contactId))?.outstanding_dispatch_id as string;
      await run('RecordMessageSent', { campaignId, contactId, dispatchId, provider: 'smtp' });
    }
    await catchUp();
    expect(await state.campaign(campaignId)).toMatchObject({ status: 'active', total: 2, pending: 0, reached: 2, emails_sent: 2 });
    await loop.tick(NOW);
    await catchUp();
    expect((await state.campaign(campaignId))?.status).toBe('completed');
    const stream = await events.readStream(outreach.campaignStreamId(orgId, campaignId));
    const reported = stream.events.find((e) => e.type === 'CampaignCompletionReported');
    expect(reported?.data).toMatchObject({
      reason: 'all_contacts_processed',
      report: { totalContacts: 2, contactsReached: 2, emailsSent: 2, linkedinMessagesSent: 0, responsesReceived: 0, conversions: 0, responseRate: 0 },
    });
  });
});
