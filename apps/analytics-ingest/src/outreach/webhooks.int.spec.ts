import { waitFor } from '@campaign/testing';
import { accept, commandsBeforeSentinel, type IngestTestbed, newSubject, startIngestTestbed, WEBHOOK_SECRET } from './testing';

/** Provider webhooks, against real Kafka and Redis with the command side played here. */
describe('provider webhooks (bounces, replies, LinkedIn)', () => {
  let bed: IngestTestbed;
  beforeAll(async () => (bed = await startIngestTestbed()));
  afterAll(() => bed?.close());
  afterEach(() => (bed.commandSide.responder = accept));

  const post = (path: string, body: unknown, secret: string | null = WEBHOOK_SECRET) =>
    fetch(`${bed.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
      body: JSON.stringify(body),
    });
  const eventId = () => `evt-${Math.random().toString(36).slice(2)}`;

  it('a redelivered bounce (same providerEventId) produces one command only', async () => {
    const contact = newSubject();
    const body = { token: contact.token, bounceType: 'hard', reason: '550 user unknown', providerEventId: eventId() };
    const first = await post('/v1/webhooks/bounces', body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'ACCEPTED' });
    const again = await post('/v1/webhooks/bounces', body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });

    const [bounced] = await bed.commandSide.waitForCommands(contact.contactId);
    expect(bounced).toMatchObject({
      type: 'RecordBounce',
      tenant: contact.orgId,
      correlationId: body.providerEventId,
      data: { bounceType: 'hard', bounceReason: '550 user unknown' },
    });
    expect(await commandsBeforeSentinel(bed, contact)).toHaveLength(1);
  });

  it('a reply produces RecordResponse; an automated reply (flag or Out of Office subject) produces nothing', async () => {
    const person = newSubject();
    const auto = newSubject();
    expect(await (await post('/v1/webhooks/replies', { token: auto.token, providerEventId: eventId(), text: 'Away', autoReply: true })).json()).toEqual({
      status: 'IGNORED',
      reason: 'AUTO_REPLY',
    });
    const ooo = await post('/v1/webhooks/replies', { token: auto.token, providerEventId: eventId(), subject: 'Out of Office: Re: Senior Java role' });
    expect(ooo.status).toBe(200);
    const reply = await post('/v1/webhooks/replies', {
      token: person.token,
      providerEventId: eventId(),
      subject: 'Re: Senior Java role',
      text: 'Interested, call me',
    });
    expect(reply.status).toBe(200);

    const [responded] = await bed.commandSide.waitForCommands(person.contactId);
    expect(responded).toMatchObject({ type: 'RecordResponse', data: { channel: 'email', responseText: 'Interested, call me' } });
    expect(await commandsBeforeSentinel(bed, auto)).toEqual([]);
  });

  it('LinkedIn profile_viewed maps to RecordLinkedInProfileViewed, replied to RecordResponse on linkedin', async () => {
    const contact = newSubject();
    expect((await post('/v1/webhooks/linkedin', { token: contact.token, activity: 'profile_viewed', providerEventId: eventId() })).status).toBe(200);
    expect((await post('/v1/webhooks/linkedin', { token: contact.token, activity: 'replied', text: 'Happy to talk', providerEventId: eventId() })).status).toBe(
      200,
    );
    const commands = await bed.commandSide.waitForCommands(contact.contactId, 2);
    expect(commands.map((c) => c.type).sort()).toEqual(['RecordLinkedInProfileViewed', 'RecordResponse']);
    expect(commands.find((c) => c.type === 'RecordResponse')?.data).toMatchObject({ channel: 'linkedin', responseText: 'Happy to talk' });
  });

  it('a webhook without the secret, or with another one, is a 401 and records nothing', async () => {
    const contact = newSubject();
    const body = { token: contact.token, bounceType: 'soft', providerEventId: eventId() };
    expect((await post('/v1/webhooks/bounces', body, null)).status).toBe(401);
    const wrong = await post('/v1/webhooks/bounces', body, `${WEBHOOK_SECRET}x`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ status: 'REJECTED', code: 'UNAUTHORIZED' });
    expect((await fetch(`${bed.url}/v1/ingest/campaigns/${contact.campaignId}/counters`)).status).toBe(401);
    // The same body with the secret goes through: the 401s did not claim its event id.
    expect((await post('/v1/webhooks/bounces', body)).status).toBe(200);
    expect(await bed.commandSide.waitForCommands(contact.contactId)).toHaveLength(1);
  });

  it('an invalid body is a 400 listing every problem; a forged token is a 404', async () => {
    const invalid = await post('/v1/webhooks/bounces', { token: 'x', bounceType: 'permanent', extra: 1 });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { details: { problems: string[] } };
    expect(body).toMatchObject({ status: 'REJECTED', code: 'INVALID_REQUEST' });
    expect(body.details.problems.join('\n')).toMatch(/bounceType[\s\S]*providerEventId/);
    const forged = newSubject('not-the-service-secret-not-the-service-secret');
    const response = await post('/v1/webhooks/bounces', { token: forged.token, bounceType: 'hard', providerEventId: eventId() });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'TRACKING_TOKEN_INVALID' });
  });

  it('a reply, bounce or LinkedIn message with U+0000 or a lone surrogate is accepted, its text recorded with U+FFFD', async () => {
    const contact = newSubject();
    const reply = await post('/v1/webhooks/replies', { token: contact.token, providerEventId: eventId(), text: 'Interested\u0000 call me' });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ status: 'ACCEPTED' });
    // JSON.stringify writes a lone surrogate as the escape \udXXX, as a provider's JSON would.
    expect(
      (await post('/v1/webhooks/linkedin', { token: contact.token, activity: 'replied', text: 'Hi \ud83d there', providerEventId: eventId() })).status,
    ).toBe(200);
    expect(
      (await post('/v1/webhooks/bounces', { token: contact.token, bounceType: 'soft', reason: '452\u0000 mailbox full\udc00', providerEventId: eventId() }))
        .status,
    ).toBe(200);

    const commands = await bed.commandSide.waitForCommands(contact.contactId, 3);
    const texts = commands
      .map((c) => c.data as { responseText?: string; bounceReason?: string })
      .map((d) => d.responseText ?? d.bounceReason)
      .sort();
    expect(texts).toEqual(['452\uFFFD mailbox full\uFFFD', 'Hi \uFFFD there', 'Interested\uFFFD call me']);
  });

  it('content that can never succeed answers 4xx without Retry-After, never a 503; identifiers are refused, not cleaned', async () => {
    const contact = newSubject();
    const reply = (body: Record<string, unknown>, query = '') =>
      post(`/v1/webhooks/replies${query}`, { token: contact.token, providerEventId: eventId(), text: 'Yes', ...body });
    const answers = [
      await reply({ token: `${contact.token}\u0000` }),
      // Cleaned, "e\u0000" and "e\ud800" would be one event id, and the second reply lost as its duplicate.
      await reply({ providerEventId: 'e\u0000' }),
      await reply({ providerEventId: 'e\ud800' }),
      await reply({ 'note\u0000': 1 }),
      await reply({ text: 'x'.repeat(10_001) }),
      await reply({}, '?source=%00'),
    ];
    bed.commandSide.responder = () => ({ status: 'REJECTED', code: 'INVALID_TEXT', message: 'responseText holds text that cannot be stored' });
    answers.push(await reply({}));
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400, 400, 422]);
    expect(answers.map((answer) => answer.headers.get('retry-after'))).toEqual(answers.map(() => null));
    expect((await answers[1].json()) as object).toMatchObject({
      code: 'INVALID_REQUEST',
      details: { problems: ['providerEventId: must not hold U+0000 or an unpaired surrogate'] },
    });
    expect((await answers[5].json()) as object).toMatchObject({ code: 'INVALID_TEXT', details: { where: 'query.source' } });
    expect((await commandsBeforeSentinel(bed, contact)).map((c) => c.type)).toEqual(['RecordResponse']);
  });

  it('a rejection answers its code: CONTACT_INVALID_STATUS → 409, CONTACT_NOT_FOUND → 404', async () => {
    bed.commandSide.responder = (command) =>
      (command.data as { bounceType?: string }).bounceType === 'hard'
        ? { status: 'REJECTED', code: 'CONTACT_INVALID_STATUS', message: 'The contact was never sent a message' }
        : { status: 'REJECTED', code: 'CONTACT_NOT_FOUND', message: 'No such contact' };
    const contact = newSubject();
    const conflict = await post('/v1/webhooks/bounces', { token: contact.token, bounceType: 'hard', providerEventId: eventId() });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({ status: 'REJECTED', code: 'CONTACT_INVALID_STATUS', message: 'The contact was never sent a message' });
    const missing = await post('/v1/webhooks/bounces', { token: contact.token, bounceType: 'soft', providerEventId: eventId() });
    expect(missing.status).toBe(404);
  });

  it("no result in time is a 503 with Retry-After, and the provider's retry is delivered, not taken for a duplicate", async () => {
    bed.commandSide.responder = () => null;
    const contact = newSubject();
    const body = { token: contact.token, activity: 'profile_viewed', providerEventId: eventId() };
    const late = await post('/v1/webhooks/linkedin', body);
    expect(late.status).toBe(503);
    expect(late.headers.get('retry-after')).toBe(String(bed.config.RETRY_AFTER_SECONDS));
    bed.commandSide.responder = accept;
    const retry = await post('/v1/webhooks/linkedin', body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ status: 'ACCEPTED' });
    const [first, second] = await bed.commandSide.waitForCommands(contact.contactId, 2);
    // The same command id: campaign-command would answer the retry from the first outcome.
    expect(second.commandId).toBe(first.commandId);
  });

  it('counts accepted facts per campaign in real time', async () => {
    const contact = newSubject();
    await post('/v1/webhooks/replies', { token: contact.token, providerEventId: eventId(), text: 'Yes' });
    await post('/v1/webhooks/linkedin', { token: contact.token, activity: 'replied', providerEventId: eventId() });
    await post('/v1/webhooks/bounces', { token: contact.token, bounceType: 'soft', providerEventId: eventId() });
    await fetch(`${bed.url}/v1/track/open/${contact.token}.gif`);
    const counters = await waitFor('the open to be counted', async () => {
      const response = await fetch(`${bed.url}/v1/ingest/campaigns/${contact.campaignId}/counters`, { headers: { authorization: `Bearer ${WEBHOOK_SECRET}` } });
      const body = (await response.json()) as { counters: { opens: number } };
      return body.counters.opens === 1 ? body : undefined;
    });
    expect(counters).toEqual({ campaignId: contact.campaignId, counters: { opens: 1, clicks: 0, bounces: 1, replies: 2, unsubscribes: 0, linkedin: 1 } });
  });

  it('reports Kafka and Redis in /health and the facts in /metrics', async () => {
    const contact = newSubject();
    const body = { token: contact.token, bounceType: 'soft', providerEventId: eventId() };
    await post('/v1/webhooks/bounces', body);
    await post('/v1/webhooks/bounces', body);
    const health = await fetch(`${bed.url}/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { checks: unknown }).checks).toMatchObject({ kafka: { ok: true }, redis: { ok: true } });
    const metrics = await (await fetch(`${bed.url}/metrics`)).text();
    expect(metrics).toMatch(/ingest_facts_received_total\{kind="bounce"/);
    expect(metrics).toMatch(/ingest_facts_duplicate_total\{kind="bounce"/);
  });
});
