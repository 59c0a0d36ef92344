import { decodeEvent, topicsFor } from '@campaign/contracts';
import { outreach } from '@campaign/domain';
import { collectMessages, testKafka, waitFor } from '@campaign/testing';
import { type Actor, actor, call, type CommandApp, startCommandApp } from '../testing';

/**
 * Why a contact waits (issue 11), on the command side as it runs: the dispatcher finds its
 * sender's window full in Redis, the contact decider records ContactDispatchHeld (which window,
 * until when), and the relay publishes it on the events topic for the projection
 * (send-holds.projector.ts, shown by getById and the contacts listing). The deployment's window
 * is one email a day (SEND_LIMITS_OVERRIDE: "increase limit" works downwards too).
 */
describe('outreach: a sending window holds a campaign back', () => {
  let app: CommandApp;
  let admin: Actor;

  beforeAll(async () => {
    app = await startCommandApp({
      DISPATCH_INTERVAL_MS: '100',
      SEND_LIMITS_OVERRIDE: JSON.stringify({ email: { minIntervalMs: 0, windows: { email_per_day: 1 } } }),
    });
    admin = actor('admin');
    expect(await call(app, 'POST', '/v1/outreach/organizations', admin, { orgId: admin.orgId, name: 'Acme Talent' })).toMatchObject({ status: 201 });
    expect(
      await call(app, 'POST', '/v1/outreach/users', admin, { userId: admin.sub, email: 'owner@acme.test', fullName: 'Olivia Owner', role: 'admin' }),
    ).toMatchObject({ status: 201 });
  });
  afterAll(async () => {
    await app?.stop();
  });

  // seed 004: Maximum 1000 emails per day per sender — CAMPAIGN_SEND_LIMIT_EXCEEDED "Wait 24 hours or increase limit"
  it('a full daily window is recorded as the contact’s wait — which window, until when — and published for the read side', async () => {
    const created = await call(app, 'POST', '/v1/outreach/campaigns', admin, { name: 'Held back', campaign_type: 'talent_sourcing', channel: 'email' });
    const campaignId = created.body.campaignId as string;
    const added = await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/contacts`, admin, {
      contacts: [{ email: 'first@example.com' }, { email: 'second@example.com' }],
    });
    const contactIds = added.body.contactIds as string[];
    const activatedAt = Date.now();
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/activate`, admin)).toMatchObject({ status: 200 });

    const typesOf = async (contactId: string) =>
      (await app.store.readStream(outreach.contactStreamId(admin.orgId, contactId))).events.map((e) => ({ type: e.type, data: e.data }));
    const histories = await waitFor('one contact dispatched, the other held', async () => {
      const all = await Promise.all(contactIds.map(typesOf));
      const sent = all.find((h) => h.some((e) => e.type === 'ContactDispatchRequested'));
      const held = all.find((h) => h.some((e) => e.type === 'ContactDispatchHeld'));
      return sent && held ? { sent, held } : undefined;
    });
    const hold = histories.held.find((e) => e.type === 'ContactDispatchHeld')?.data as outreach.ContactDispatchHeld['data'];
    expect(hold).toMatchObject({ campaignId, senderId: admin.sub, limit: 'email_per_day', max: 1 });
    // The slot frees up a day after the one send.
    const until = Date.parse(hold.heldUntil);
    expect(until).toBeGreaterThanOrEqual(activatedAt + 86_400_000 - 1_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 86_400_000);
    // Recorded once: the sender rests until then instead of asking again every pass.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await typesOf(hold.contactId)).filter((e) => e.type === 'ContactDispatchHeld')).toHaveLength(1);

    const topic = topicsFor('outreach', app.config.TOPIC_PREFIX).events;
    const published = await collectMessages(testKafka(), topic, (all) =>
      all.some((m) => m.message.headers?.['event-type']?.toString() === 'ContactDispatchHeld'),
    );
    const event = published.map((m) => decodeEvent(m.message.value as Buffer)).find((e) => e.type === 'ContactDispatchHeld');
    expect(event).toMatchObject({ streamId: outreach.contactStreamId(admin.orgId, hold.contactId), tenant: admin.orgId, data: hold });
  });
});
