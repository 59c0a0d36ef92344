import { randomUUID } from 'node:crypto';
import { outreach } from '@campaign/domain';
import { signJwt } from '@campaign/runtime';
import { type Actor, actor, call, type CommandApp, startCommandApp, TEST_JWT_SECRET } from '../testing';

const contacts = (n: number, domain = 'example.com') =>
  Array.from({ length: n }, (_, i) => ({ email: `person${i}@${domain}`, first_name: `First${i}`, last_name: `Last${i}`, contact_type: 'candidate' }));

describe('outreach HTTP door (seed 004 campaign commands over a verified JWT)', () => {
  let app: CommandApp;
  let admin: Actor;
  let templates: [string, string];

  const campaignStream = (campaignId: string, orgId = admin.orgId) => outreach.campaignStreamId(orgId, campaignId);
  const versionOf = async (streamId: string) => (await app.store.readStream(streamId)).version;
  const template = async (name: string) => {
    const answer = await call(app, 'POST', '/v1/outreach/templates', admin, {
      name,
      channel: 'email',
      subject: `Hello {{first_name}}`,
      body: `Hi {{first_name}}, ${name}`,
    });
    expect(answer).toMatchObject({ status: 201, body: { status: 'ACCEPTED' } });
    return answer.body.templateId as string;
  };
  // seed 004 API example: campaign.create({ name, campaign_type, channel, target_skills, … })
  const createCampaign = async (fields: Record<string, unknown> = {}) =>
    call(app, 'POST', '/v1/outreach/campaigns', admin, {
      name: 'Q1 2024 Senior Java Developer Sourcing',
      campaign_type: 'talent_sourcing',
      channel: 'email',
      target_skills: ['Java', 'Spring Boot', 'AWS'],
      target_locations: ['New York, NY'],
      target_contacts_count: 500,
      target_response_rate: 15.0,
      is_ab_test: true,
      variant_a_template_id: templates[0],
      variant_b_template_id: templates[1],
      ab_split_percentage: 50,
      ...fields,
    });
  const draftCampaign = async () => {
    const created = await createCampaign();
    expect(created).toMatchObject({ status: 201, body: { status: 'ACCEPTED' } });
    return created.body.campaignId as string;
  };

  beforeAll(async () => {
    app = await startCommandApp();
    admin = actor('admin');
    expect(await call(app, 'POST', '/v1/outreach/organizations', admin, { orgId: admin.orgId, name: 'Acme Talent' })).toMatchObject({ status: 201 });
    const user = await call(app, 'POST', '/v1/outreach/users', admin, { userId: admin.sub, email: 'owner@acme.test', fullName: 'Olivia Owner', role: 'admin' });
    expect(user).toMatchObject({ status: 201 });
    templates = [await template('Variant A'), await template('Variant B')];
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('creates an A/B campaign, adds 300 contacts to their own streams and activates it', async () => {
    const campaignId = await draftCampaign();
    const added = await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/contacts`, admin, { contacts: contacts(300) });
    expect(added).toMatchObject({ status: 200, body: { status: 'ACCEPTED', streamVersion: 2 } });
    expect(added.body.contactIds).toHaveLength(300);
    // The outcome names the campaign stream's events only, not the 300 ContactAdded.
    expect(added.body.eventIds).toHaveLength(1);
    const contact = await app.store.readStream(outreach.contactStreamId(admin.orgId, added.body.contactIds?.[0] ?? ''));
    expect(contact.events.map((e) => e.type)).toEqual(['ContactAdded']);
    const { rows } = await app.pool.query(
      `SELECT data->>'abVariant' AS variant, count(*)::int AS n FROM ${app.config.EVENTSTORE_SCHEMA}.events
        WHERE stream_id LIKE $1 AND event_type = 'ContactAdded' AND data->>'campaignId' = $2 GROUP BY 1 ORDER BY 1`,
      [`outreach-${admin.orgId}/contact/%`, campaignId],
    );
    // seed 004: contacts automatically split between variants (randomized, 50 % for A).
    expect(rows.map((r) => r.variant)).toEqual(['A', 'B']);
    expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(300);

    const activated = await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/activate`, admin);
    expect(activated).toMatchObject({ status: 200, body: { status: 'ACCEPTED', streamVersion: 3 } });
    const { events } = await app.store.readStream(campaignStream(campaignId));
    expect(events.map((e) => e.type)).toEqual(['CampaignCreated', 'ContactsAdded', 'CampaignStatusChanged']);
    expect(events[0]).toMatchObject({ actor: `user:${admin.sub}`, tenant: admin.orgId, data: { settings: { ownerId: admin.sub } } });
  });

  it('a JWT of another org finds no campaign (404) and writes nothing', async () => {
    const campaignId = await draftCampaign();
    await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/contacts`, admin, { contacts: contacts(2) });
    const before = await versionOf(campaignStream(campaignId));
    const stranger = actor('admin');
    for (const [path, body] of [
      ['activate', {}],
      ['pause', {}],
      ['contacts', { contacts: contacts(1) }],
    ] as const) {
      const answer = await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/${path}`, stranger, body);
      expect(answer).toMatchObject({ status: 404, body: { status: 'REJECTED', code: 'CAMPAIGN_NOT_FOUND' } });
    }
    expect(await versionOf(campaignStream(campaignId))).toBe(before);
    expect(await versionOf(campaignStream(campaignId, stranger.orgId))).toBe(0);
  });

  it('answers 401 without a token, with a forged one and with an expired one', async () => {
    const campaignId = await draftCampaign();
    // The admin's signature over a payload that names another role: the signature no longer verifies.
    const [header, , signature] = admin.token.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: admin.sub, org_id: admin.orgId, role: 'superuser', exp: Math.floor(Date.now() / 1000) + 60 })).toString(
      'base64url',
    );
    const forged = `${header}.${payload}.${signature}`;
    // Expired beyond the verifier's clock tolerance (30 s by default).
    const expired = signJwt(
      { sub: admin.sub, org_id: admin.orgId, role: 'admin', iat: Math.floor(Date.now() / 1000) - 300, exp: Math.floor(Date.now() / 1000) - 120 },
      TEST_JWT_SECRET,
    );
    const wrongKey = signJwt(
      { sub: admin.sub, org_id: admin.orgId, role: 'admin', exp: Math.floor(Date.now() / 1000) + 60 },
      'another-secret-of-at-least-32-characters!',
    );
    for (const token of [null, forged, expired, wrongKey, 'not-a-jwt']) {
      const answer = await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/activate`, token);
      expect(answer).toMatchObject({ status: 401, body: { status: 'REJECTED', code: 'UNAUTHORIZED' } });
    }
    expect(await versionOf(campaignStream(campaignId))).toBe(1);
  });

  it("rejects with the seed's codes and statuses", async () => {
    // seed 004: Common Errors — CAMPAIGN_NAME_REQUIRED "Campaign name is required"
    expect(await createCampaign({ name: undefined })).toMatchObject({ status: 422, body: { code: 'CAMPAIGN_NAME_REQUIRED' } });
    // seed 004: variant_b_template_id must be different from variant_a_template_id
    expect(await createCampaign({ variant_b_template_id: templates[0] })).toMatchObject({ status: 422, body: { code: 'CAMPAIGN_AB_SAME_TEMPLATES' } });
    const campaignId = await draftCampaign();
    // seed 004: draft → active requires at least one contact
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/activate`, admin)).toMatchObject({
      status: 422,
      body: { code: 'CAMPAIGN_NO_CONTACTS' },
    });
    // seed 004: email format
    const bad = await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/contacts`, admin, {
      contacts: [{ email: 'not-an-email', contact_type: 'candidate' }],
    });
    expect(bad).toMatchObject({ status: 422, body: { code: 'CONTACT_EMAIL_INVALID' } });
    await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/contacts`, admin, { contacts: contacts(1) });
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/activate`, admin)).toMatchObject({ status: 200 });
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/activate`, admin)).toMatchObject({
      status: 409,
      body: { code: 'CAMPAIGN_ALREADY_ACTIVE' },
    });
  });

  it('answers a malformed body with 400 INVALID_REQUEST listing the problems', async () => {
    const answer = await call(app, 'POST', '/v1/outreach/campaigns', admin, { name: 'Valid name', is_ab_test: 'yes', unknown_field: 1 });
    expect(answer).toMatchObject({ status: 400, body: { status: 'REJECTED', code: 'INVALID_REQUEST' } });
    expect(JSON.stringify(answer.body.details)).toMatch(/is_ab_test/);
    expect(JSON.stringify(answer.body.details)).toMatch(/unknown_field/);
  });

  it('answers a repeated Idempotency-Key with the first outcome and the same campaign id', async () => {
    const key = randomUUID();
    const first = await call(app, 'POST', '/v1/outreach/campaigns', admin, { name: 'Idempotent campaign' }, { 'idempotency-key': key });
    const again = await call(app, 'POST', '/v1/outreach/campaigns', admin, { name: 'Idempotent campaign' }, { 'idempotency-key': key });
    expect(first).toMatchObject({ status: 201, body: { duplicate: false } });
    expect(again).toMatchObject({ status: 201, body: { duplicate: true, campaignId: first.body.campaignId, eventIds: first.body.eventIds } });
  });

  it('takes an AddContacts body far above the 1 MB default limit (20,000 contacts)', async () => {
    const campaignId = await draftCampaign();
    const many = contacts(20_000, 'a-rather-long-domain-name-for-the-body-size.example.com');
    expect(JSON.stringify({ contacts: many }).length).toBeGreaterThan(2_000_000);
    const added = await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/contacts`, admin, { contacts: many });
    expect(added).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    expect(new Set(added.body.contactIds).size).toBe(20_000);
  });

  it('completes a campaign without a report in the request: the handler fills one in', async () => {
    const campaignId = await draftCampaign();
    await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/contacts`, admin, { contacts: contacts(3) });
    await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/activate`, admin);
    expect(await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/complete`, admin)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    const { events } = await app.store.readStream(campaignStream(campaignId));
    const reported = events.find((e) => e.type === 'CampaignCompletionReported');
    expect(reported?.data).toMatchObject({ campaignId, reason: 'manual', report: { contactsReached: 0, emailsSent: 0 } });
  });

  it('records a manual response and a conversion reported by people (seed 004: "Manual response logged")', async () => {
    const campaignId = await draftCampaign();
    const added = await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/contacts`, admin, { contacts: contacts(1) });
    const contactId = added.body.contactIds?.[0] ?? '';
    await call(app, 'POST', `/v1/outreach/campaigns/${campaignId}/activate`, admin);
    const path = `/v1/outreach/campaigns/${campaignId}/contacts/${contactId}`;
    const invalid = await call(app, 'POST', `${path}/responses`, admin, { channel: 'carrier-pigeon' });
    expect(invalid).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    const stranger = actor('admin');
    expect(await call(app, 'POST', `${path}/responses`, stranger, { channel: 'phone' })).toMatchObject({ status: 404 });
    expect(await versionOf(outreach.contactStreamId(admin.orgId, contactId))).toBe(1);
  });

  it('describes the outreach paths in /openapi.json', async () => {
    const document = (await (await fetch(`${app.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/lifecycle/campaigns', '/v1/outreach/campaigns', '/v1/outreach/campaigns/{campaignId}/contacts']),
    );
  });
});
