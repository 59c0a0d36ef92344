import { outreach } from '@campaign/domain';
import { waitFor } from '@campaign/testing';
import { type Actor, actor, call, type CommandApp, startCommandApp } from '../testing';

type Requested = outreach.ContactDispatchRequested['data'];

/**
 * The sender adapter's failure report end to end, through campaign-command as it runs: HTTP
 * door, decider, relay, the dispatcher following the events and its loop. The back-off is
 * shortened (500 ms instead of 5 minutes) and the email pacing lifted so the test is quick.
 */
describe('outreach HTTP door: a sender adapter reports a send it could not make', () => {
  let app: CommandApp;
  let admin: Actor;

  const streamOf = async (contactId: string) => (await app.store.readStream(outreach.contactStreamId(admin.orgId, contactId))).events;
  const dispatchesOf = async (contactId: string) =>
    (await streamOf(contactId)).filter((e) => e.type === 'ContactDispatchRequested').map((e) => e.data as Requested);
  const dispatched = (contactId: string, count: number) =>
    waitFor(`dispatch number ${count} of ${contactId}`, async () => {
      const dispatches = await dispatchesOf(contactId);
      return dispatches.length >= count && dispatches;
    });

  /** An active email campaign of one contact; the dispatcher picks the contact up by itself. */
  const activeContact = async (email: string) => {
    const created = await call(app, 'POST', '/v1/outreach/campaigns', admin, {
      name: `Send failures ${email.split('@')[0]}`,
      campaign_type: 'talent_sourcing',
      channel: 'email',
    });
    expect(created).toMatchObject({ status: 201, body: { status: 'ACCEPTED' } });
    const campaignId = created.body.campaignId as string;
    const added = await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/contacts`, admin, {
      contacts: [{ email, first_name: 'Ada', contact_type: 'candidate' }],
    });
    expect(added).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/activate`, admin)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    const contactId = (added.body.contactIds as string[])[0];
    return { campaignId, contactId, path: `/v1/outreach/campaigns/${campaignId}/contacts/${contactId}/send-failures` };
  };

  beforeAll(async () => {
    app = await startCommandApp({ DISPATCH_INTERVAL_MS: '100', DISPATCH_RETRY_BASE_MS: '500', SEND_LIMITS_OVERRIDE: '{"email":{"minIntervalMs":0}}' });
    admin = actor('admin');
    expect(await call(app, 'POST', '/v1/outreach/organizations', admin, { orgId: admin.orgId, name: 'Acme Talent' })).toMatchObject({ status: 201 });
    expect(
      await call(app, 'POST', '/v1/outreach/users', admin, { userId: admin.sub, email: 'owner@acme.test', fullName: 'Olivia Owner', role: 'admin' }),
    ).toMatchObject({ status: 201 });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('a dispatch that failed retryably is dispatched again after the back-off, with a new dispatch id', async () => {
    const { contactId, path } = await activeContact('flaky@example.com');
    const [first] = await dispatched(contactId, 1);
    const failure = { dispatchId: first.dispatchId, reason: 'SMTP 421 service not available', retryable: true };
    expect(await call(app, 'POST', path, admin, failure)).toMatchObject({ status: 200, body: { status: 'ACCEPTED', duplicate: false } });
    // A repeated report of the same failure (at-least-once delivery) records nothing more.
    expect(await call(app, 'POST', path, admin, failure)).toMatchObject({ status: 200, body: { status: 'ACCEPTED', eventIds: [] } });
    const [, second] = await dispatched(contactId, 2);
    expect(second).toMatchObject({ attempt: 1 });
    expect(second.dispatchId).not.toBe(first.dispatchId);
    expect(Date.parse(second.requestedAt)).toBeGreaterThanOrEqual(Date.parse(first.requestedAt) + 500);
    expect((await streamOf(contactId)).map((e) => e.type)).toEqual([
      'ContactAdded',
      'ContactDispatchRequested',
      'ContactDispatchFailed',
      'ContactDispatchRequested',
    ]);
  });

  it('a dispatch that failed for good ends the contact bounced, and the campaign completes (all contacts processed)', async () => {
    const { campaignId, contactId, path } = await activeContact('doomed@example.com');
    const [first] = await dispatched(contactId, 1);
    expect(
      await call(app, 'POST', path, admin, { dispatchId: first.dispatchId, reason: 'recipient rejected', retryable: false, recipientRejected: true }),
    ).toMatchObject({ status: 200 });
    const bounced = await waitFor('the contact recorded bounced', async () => (await streamOf(contactId)).find((e) => e.type === 'EmailBounced'));
    expect(bounced.data).toMatchObject({ bounceType: 'hard', bounceReason: 'dispatch failed: recipient rejected', final: true, addressRejected: true });
    const completed = await waitFor('the campaign completed', async () => {
      const { events } = await app.store.readStream(outreach.campaignStreamId(admin.orgId, campaignId));
      return events.find((e) => e.type === 'CampaignCompletionReported');
    });
    expect(completed.data).toMatchObject({ reason: 'all_contacts_processed' });
    expect(await dispatchesOf(contactId)).toHaveLength(1);
  });

  it('answers a failure report for a dispatch not under way with 409 CONTACT_INVALID_STATUS, and a malformed one with 400', async () => {
    const { contactId, path } = await activeContact('strict@example.com');
    await dispatched(contactId, 1);
    expect(await call(app, 'POST', path, admin, { dispatchId: 'not-this-one', reason: 'timeout', retryable: true })).toMatchObject({
      status: 409,
      body: { code: 'CONTACT_INVALID_STATUS' },
    });
    expect(await call(app, 'POST', path, admin, { dispatchId: 'x', reason: 'timeout' })).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect(await call(app, 'POST', path, admin, { dispatchId: 'x', reason: '', retryable: true })).toMatchObject({
      status: 422,
      body: { code: 'CONTACT_INVALID' },
    });
    expect(await call(app, 'POST', path, admin, { dispatchId: 'x', reason: 'timeout', retryable: true, recipientRejected: 'yes' })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_REQUEST' },
    });
  });

  it('describes the send-failures path in /openapi.json', async () => {
    const document = (await (await fetch(`${app.url}/openapi.json`)).json()) as { paths: Record<string, { post?: { requestBody?: unknown } }> };
    const path = document.paths['/v1/outreach/campaigns/{campaignId}/contacts/{contactId}/send-failures'];
    expect(path?.post?.requestBody).toMatchObject({ content: { 'application/json': { schema: { required: ['dispatchId', 'reason', 'retryable'] } } } });
  });
});
