import { outreach } from '@campaign/domain';
import { waitFor } from '@campaign/testing';
import { type Actor, actor, call, type CommandApp, startCommandApp } from '../testing';

/**
 * A campaign's contacts over HTTP (issue 11): the seed's addContacts body, suppressed addresses
 * flagged in the answer, removing a contact — through campaign-command as it runs (HTTP door,
 * deciders, relay, the dispatcher following the events and its loop) on the real services.
 */
describe('outreach HTTP door: a campaign’s contacts', () => {
  let app: CommandApp;
  let admin: Actor;

  const campaignEvents = async (campaignId: string) => (await app.store.readStream(outreach.campaignStreamId(admin.orgId, campaignId))).events;
  const contactEvents = async (contactId: string) => (await app.store.readStream(outreach.contactStreamId(admin.orgId, contactId))).events;
  const dispatchOf = (contactId: string) =>
    waitFor(
      `a dispatch of ${contactId}`,
      async () =>
        (await contactEvents(contactId)).find((e) => e.type === 'ContactDispatchRequested')?.data as outreach.ContactDispatchRequested['data'] | undefined,
    );

  const draft = async (name: string) => {
    const created = await call(app, 'POST', '/v1/outreach/campaigns', admin, { name, campaign_type: 'talent_sourcing', channel: 'email' });
    expect(created).toMatchObject({ status: 201, body: { status: 'ACCEPTED' } });
    return created.body.campaignId as string;
  };
  const add = (campaignId: string, emails: readonly string[], extra: Record<string, unknown> = {}) =>
    call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/contacts`, admin, {
      ...extra,
      contacts: emails.map((email) => ({ email, first_name: 'Ada', last_name: 'Lovelace', linkedin_url: 'https://linkedin.com/in/ada' })),
    });
  const activate = async (campaignId: string) =>
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/activate`, admin)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
  const remove = (campaignId: string, contactId: string) => call(app, 'DELETE', `/v1/outreach/campaigns/${campaignId}/contacts/${contactId}`, admin);

  beforeAll(async () => {
    app = await startCommandApp({ DISPATCH_INTERVAL_MS: '100', SEND_LIMITS_OVERRIDE: '{"email":{"minIntervalMs":0}}' });
    admin = actor('admin');
    expect(await call(app, 'POST', '/v1/outreach/organizations', admin, { orgId: admin.orgId, name: 'Acme Talent' })).toMatchObject({ status: 201 });
    expect(
      await call(app, 'POST', '/v1/outreach/users', admin, { userId: admin.sub, email: 'owner@acme.test', fullName: 'Olivia Owner', role: 'admin' }),
    ).toMatchObject({ status: 201 });
  });
  afterAll(async () => {
    await app?.stop();
  });

  // seed 004: campaign.addContacts({ campaign_id: "campaign-id", contacts: [{ email, first_name, last_name, linkedin_url }] })
  it('the seed’s own addContacts body (with campaign_id) is accepted when it matches the path', async () => {
    const campaignId = await draft('Seed example body');
    const added = await add(campaignId, ['john@example.com'], { campaign_id: campaignId });
    expect(added).toMatchObject({ status: 200, body: { status: 'ACCEPTED', flagged: [] } });
    expect(added.body.contactIds).toHaveLength(1);
  });

  it('a campaign_id that is not the path’s is refused with 422 CAMPAIGN_INVALID and writes nothing', async () => {
    const campaignId = await draft('Mismatched body');
    const other = await draft('The other campaign');
    expect(await add(campaignId, ['john@example.com'], { campaign_id: other })).toMatchObject({
      status: 422,
      body: { status: 'REJECTED', code: 'CAMPAIGN_INVALID', details: { field: 'campaign_id' } },
    });
    expect((await campaignEvents(campaignId)).map((e) => e.type)).toEqual(['CampaignCreated']);
    expect((await campaignEvents(other)).map((e) => e.type)).toEqual(['CampaignCreated']);
  });

  // seed 004: "Remove from campaign" (CONTACT_UNSUBSCRIBED's resolution) — remove a contact from a draft campaign
  it('remove a contact from a draft campaign: it is never dispatched, the others are', async () => {
    const campaignId = await draft('Remove before start');
    const added = await add(campaignId, ['keep@example.com', 'drop@example.com']);
    const [kept, dropped] = added.body.contactIds as string[];
    expect(await remove(campaignId, dropped)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    expect(await remove(campaignId, dropped)).toMatchObject({ status: 404, body: { code: 'CONTACT_NOT_FOUND' } });
    expect((await campaignEvents(campaignId)).map((e) => e.type)).toEqual(['CampaignCreated', 'ContactsAdded', 'ContactRemoved']);
    await activate(campaignId);
    const { dispatchId } = await dispatchOf(kept);
    // The dispatcher has passed over the campaign's due contacts: the removed one stays untouched.
    expect((await contactEvents(dropped)).map((e) => e.type)).toEqual(['ContactAdded']);
    // seed 004: active — contacts are being written to; pause first.
    expect(await remove(campaignId, kept)).toMatchObject({ status: 409, body: { code: 'CAMPAIGN_ALREADY_ACTIVE' } });
    // seed 004: Auto-Complete Trigger 3 — all contacts processed: the removed one is no longer counted as pending.
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/contacts/${kept}/sends`, admin, { dispatchId })).toMatchObject({ status: 200 });
    const completed = await waitFor('the campaign completed', async () =>
      (await campaignEvents(campaignId)).find((e) => e.type === 'CampaignCompletionReported'),
    );
    expect(completed.data).toMatchObject({ reason: 'all_contacts_processed', report: { totalContacts: 1, contactsReached: 1 } });
  });

  it('remove a contact from a paused campaign only while nothing was sent to it', async () => {
    const campaignId = await draft('Remove while paused');
    const [contactId] = (await add(campaignId, ['sent@example.com'])).body.contactIds as string[];
    await activate(campaignId);
    await dispatchOf(contactId);
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/pause`, admin)).toMatchObject({ status: 200 });
    expect(await remove(campaignId, contactId)).toMatchObject({ status: 409, body: { code: 'CONTACT_INVALID_STATUS' } });
  });

  // seed 004: On Completion — outreach stops; a late reply or conversion is still recorded. On Archive — read-only access.
  it('a late reply and conversion on a completed campaign are recorded; an archived campaign takes no contact facts (409 CAMPAIGN_READ_ONLY)', async () => {
    const campaignId = await draft('Late replies');
    const [contactId] = (await add(campaignId, ['late@example.com'])).body.contactIds as string[];
    await activate(campaignId);
    const { dispatchId } = await dispatchOf(contactId);
    const path = `/v1/outreach/campaigns/${campaignId}/contacts/${contactId}`;
    expect(await call(app, 'POST', `${path}/sends`, admin, { dispatchId, provider: 'smtp' })).toMatchObject({ status: 200 });
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/complete`, admin)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    const reply = { channel: 'email', response_text: 'Sorry for the late answer — still interested' };
    expect(await call(app, 'POST', `${path}/responses`, admin, reply)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    expect(await call(app, 'POST', `${path}/conversions`, admin, { conversion_type: 'phone_screen' })).toMatchObject({
      status: 200,
      body: { status: 'ACCEPTED' },
    });
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/archive`, admin)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    expect(await call(app, 'POST', `${path}/responses`, admin, reply)).toMatchObject({ status: 409, body: { code: 'CAMPAIGN_READ_ONLY' } });
    expect(await call(app, 'POST', `${path}/sends`, admin, { dispatchId, provider: 'smtp' })).toMatchObject({
      status: 409,
      body: { code: 'CAMPAIGN_READ_ONLY' },
    });
    expect((await contactEvents(contactId)).map((e) => e.type)).toEqual([
      'ContactAdded',
      'ContactDispatchRequested',
      'MessageSent',
      'ContactResponded',
      'ContactConverted',
    ]);
  });

  // seed 004: channel combined — "Uses both channels, preference order configurable"
  it('a combined campaign takes a configurable channel preference: LinkedIn first writes to a contact with both on LinkedIn', async () => {
    const refused = await call(app, 'POST', '/v1/outreach/campaigns', admin, { name: 'Bad preference', channel: 'combined', channel_preference: 'fax_first' });
    expect(refused).toMatchObject({ status: 422, body: { code: 'CAMPAIGN_INVALID', details: { field: 'channel_preference' } } });
    const created = await call(app, 'POST', '/v1/outreach/campaigns', admin, {
      name: 'LinkedIn first',
      campaign_type: 'talent_sourcing',
      channel: 'combined',
      channel_preference: 'linkedin_first',
    });
    expect(created).toMatchObject({ status: 201 });
    const campaignId = created.body.campaignId as string;
    const [contactId] = (await add(campaignId, ['both@example.com'])).body.contactIds as string[];
    await activate(campaignId);
    expect(await dispatchOf(contactId)).toMatchObject({ channel: 'linkedin', messageKind: 'connection_request' });
  });

  // seed 004: "Suppression list checked before every send"; CONTACT_BOUNCED — "Email previously bounced"
  it('adding an address the org suppresses is flagged per contact in the answer, not silently accepted', async () => {
    const first = await draft('Where the address bounced');
    const [bouncer] = (await add(first, ['bouncer@example.com'])).body.contactIds as string[];
    await activate(first);
    const { dispatchId } = await dispatchOf(bouncer);
    const failure = { dispatchId, reason: 'recipient rejected', retryable: false, recipientRejected: true };
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${first}/contacts/${bouncer}/send-failures`, admin, failure)).toMatchObject({ status: 200 });
    // The dispatcher records the bounce, and folds it into its state with the org's suppression list.
    await waitFor('the bounce folded into the dispatcher’s state', async () => {
      const { rows } = await app.pool.query(`SELECT status FROM ${String(app.config.DISPATCH_SCHEMA)}.contacts WHERE contact_id = $1`, [bouncer]);
      return rows[0]?.status === 'bounced';
    });

    const second = await draft('Where it is added again');
    const added = await add(second, ['fresh@example.com', 'Bouncer@Example.com']);
    expect(added).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    const contactIds = added.body.contactIds as string[];
    expect(added.body.flagged).toEqual([
      { index: 1, contact_id: contactIds[1], email: 'Bouncer@Example.com', code: 'CONTACT_BOUNCED', message: 'Email previously bounced' },
    ]);
  });

  it('describes the contact routes in /openapi.json: DELETE a contact, campaign_id and flagged on addContacts, no 429', async () => {
    type Operation = { requestBody?: unknown; responses?: Record<string, unknown> };
    const document = (await (await fetch(`${app.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, Operation>> };
    const add = document.paths['/v1/outreach/campaigns/{campaignId}/contacts'].post;
    expect(add.requestBody).toMatchObject({ content: { 'application/json': { schema: { properties: { campaign_id: { format: 'uuid' } } } } } });
    expect(add.responses?.['200']).toMatchObject({ content: { 'application/json': { schema: { properties: { flagged: { type: 'array' } } } } } });
    expect(add.responses?.['429']).toBeUndefined();
    expect(document.paths['/v1/outreach/campaigns/{campaignId}/contacts/{contactId}'].delete).toBeDefined();
  });
});
