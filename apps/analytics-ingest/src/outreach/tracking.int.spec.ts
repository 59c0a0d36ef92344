import { waitFor } from '@campaign/testing';
import { clickPath, commandsBeforeSentinel, type IngestTestbed, newSubject, startIngestTestbed } from './testing';

/** The links inside sent emails, against real Kafka and Redis with the command side played here. */
describe('tracking links (open pixel, click redirect, unsubscribe)', () => {
  let bed: IngestTestbed;
  // Deployed behind two proxies of its own (the socket's peer and one before it).
  beforeAll(async () => (bed = await startIngestTestbed({ TRUSTED_PROXY_HOPS: '2' })));
  afterAll(() => bed?.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${bed.url}${path}`, { headers, redirect: 'manual' });

  it("the pixel answers a 1×1 GIF, uncached, and records RecordEmailOpened for the token's contact with user agent and IP", async () => {
    const contact = newSubject();
    const response = await get(`/v1/track/open/${contact.token}.gif`, { 'user-agent': 'Mozilla/5.0 (Mail)', 'x-forwarded-for': '203.0.113.7, 10.0.0.1' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 6).toString()).toBe('GIF89a');
    expect(body.readUInt16LE(6)).toBe(1);
    expect(body.readUInt16LE(8)).toBe(1);
    const [opened] = await bed.commandSide.waitForCommands(contact.contactId);
    expect(opened).toMatchObject({
      type: 'RecordEmailOpened',
      context: 'outreach',
      tenant: contact.orgId,
      actor: 'service:analytics-ingest',
      data: { campaignId: contact.campaignId, contactId: contact.contactId, userAgent: 'Mozilla/5.0 (Mail)', ipAddress: '203.0.113.7' },
    });
  });

  it('the client address is the one the trusted proxies saw, not what the sender put in X-Forwarded-For', async () => {
    const contact = newSubject();
    // Chain: forged entry, the address proxy 1 saw, proxy 1 itself; proxy 2 is the socket's peer.
    await get(`/v1/track/open/${contact.token}.gif`, { 'user-agent': 'Mozilla/5.0 (forged)', 'x-forwarded-for': '1.2.3.4, 198.51.100.20, 10.0.0.1' });
    const [opened] = await bed.commandSide.waitForCommands(contact.contactId);
    expect(opened.data).toMatchObject({ ipAddress: '198.51.100.20' });
  });

  it('an open prefetched again from the same client within 60 s is recorded once; without .gif the socket address is used', async () => {
    const contact = newSubject();
    for (let i = 0; i < 3; i += 1) expect((await get(`/v1/track/open/${contact.token}`, { 'user-agent': 'GoogleImageProxy' })).status).toBe(200);
    const [opened] = await bed.commandSide.waitForCommands(contact.contactId);
    expect(opened.data).toMatchObject({ ipAddress: '127.0.0.1', userAgent: 'GoogleImageProxy' });
    expect(await commandsBeforeSentinel(bed, contact)).toHaveLength(1);
  });

  it('a click records the URL and link text and redirects there', async () => {
    const contact = newSubject();
    const target = 'https://intime.com/jobs/senior-java-developer?ref=mail';
    const response = await get(clickPath(contact.token, target, 'View Job Details'), {
      'user-agent': 'Mozilla/5.0',
      'x-forwarded-for': '198.51.100.9',
    });

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(target);
    const [clicked] = await bed.commandSide.waitForCommands(contact.contactId);
    expect(clicked).toMatchObject({
      type: 'RecordLinkClicked',
      tenant: contact.orgId,
      data: { url: target, linkText: 'View Job Details', userAgent: 'Mozilla/5.0', ipAddress: '198.51.100.9' },
    });
  });

  it('a click never redirects to javascript: or other schemes (400, nothing recorded)', async () => {
    const contact = newSubject();
    const response = await get(`/v1/track/click/${contact.token}?url=${encodeURIComponent('javascript:alert(document.cookie)')}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.json()).toMatchObject({ status: 'REJECTED', code: 'INVALID_REDIRECT_URL' });
    await expectNothingRecordedFor(contact);
  });

  it('a click whose URL is not the one signed for its token is a 400 CLICK_SIGNATURE_INVALID: no redirect, nothing recorded', async () => {
    const contact = newSubject();
    const other = newSubject();
    const signed = 'https://intime.com/jobs/senior-java-developer';
    const evil = 'https://evil.example/login';
    const sigOf = (path: string) => new URL(path, bed.url).searchParams.get('sig') as string;
    const genuine = sigOf(clickPath(contact.token, signed));
    const attempts = [
      `/v1/track/click/${contact.token}?url=${encodeURIComponent(evil)}`,
      `/v1/track/click/${contact.token}?url=${encodeURIComponent(evil)}&sig=${genuine}`,
      `/v1/track/click/${contact.token}?url=${encodeURIComponent(evil)}&sig=${sigOf(clickPath(other.token, evil))}`,
      `/v1/track/click/${contact.token}?url=${encodeURIComponent(signed)}&sig=${genuine.startsWith('A') ? 'B' : 'A'}${genuine.slice(1)}`,
      `/v1/track/click/${contact.token}?url=${encodeURIComponent(signed)}&sig=${genuine}&sig=${genuine}`,
    ];
    for (const path of attempts) {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.json()).toMatchObject({ status: 'REJECTED', code: 'CLICK_SIGNATURE_INVALID' });
    }
    await expectNothingRecordedFor(contact);
  });

  // A URL cannot carry a lone surrogate (percent-encoded, it is invalid UTF-8 and decodes to U+FFFD); a JSON body can.
  it("U+0000 in a link's token, url, text or sig, or a lone surrogate in the unsubscribe body, is a 400, never a 5xx; nothing is recorded", async () => {
    const contact = newSubject();
    const target = 'https://intime.com/jobs/1';
    const paths = [
      `/v1/track/open/${contact.token}%00.gif`,
      `/v1/track/click/${contact.token}?url=${encodeURIComponent(`${target}\u0000`)}`,
      `${clickPath(contact.token, target)}&text=%00`,
      `/v1/track/click/${contact.token}?url=${encodeURIComponent(target)}&sig=%00`,
      `/v1/track/unsubscribe/${contact.token}%00`,
    ];
    for (const path of paths) {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ status: 'REJECTED', code: 'INVALID_TEXT' });
    }
    const unsubscribe = await fetch(`${bed.url}/v1/track/unsubscribe/${contact.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"List-Unsubscribe":"One-Click\\ud800"}',
    });
    expect(unsubscribe.status).toBe(400);
    expect(await unsubscribe.json()).toMatchObject({ code: 'INVALID_TEXT' });
    await expectNothingRecordedFor(contact);
  });

  it('a forged token records nothing: the pixel still answers, the click is a 404 without redirect', async () => {
    const forged = newSubject('a-different-secret-that-the-service-does-not-know');
    const pixel = await get(`/v1/track/open/${forged.token}.gif`);
    expect(pixel.status).toBe(200);
    expect(pixel.headers.get('content-type')).toBe('image/gif');
    const click = await get(`/v1/track/click/${forged.token}?url=${encodeURIComponent('https://example.com/')}`);
    expect(click.status).toBe(404);
    expect(click.headers.get('location')).toBeNull();
    expect((await get('/v1/track/click/not-a-token?url=https%3A%2F%2Fexample.com')).status).toBe(404);
    await expectNothingRecordedFor(forged);
  });

  it('the one-click unsubscribe (RFC 8058 List-Unsubscribe=One-Click, form-encoded) records UnsubscribeContact', async () => {
    const contact = newSubject();
    const response = await fetch(`${bed.url}/v1/track/unsubscribe/${contact.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ACCEPTED' });
    const [unsubscribed] = await bed.commandSide.waitForCommands(contact.contactId);
    expect(unsubscribed).toMatchObject({
      type: 'UnsubscribeContact',
      tenant: contact.orgId,
      data: { contactId: contact.contactId, reason: 'list_unsubscribe_one_click' },
    });
  });

  it('an empty unsubscribe POST is accepted too; the GET page asks before it POSTs', async () => {
    const contact = newSubject();
    const page = await get(`/v1/track/unsubscribe/${contact.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<form method="post">[\s\S]*name="List-Unsubscribe" value="One-Click"/);
    await expectNothingRecordedFor(contact);

    const response = await fetch(`${bed.url}/v1/track/unsubscribe/${contact.token}`, { method: 'POST', headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/You are unsubscribed/);
    // The second command of the contact: the first was the sentinel of the check above.
    const [, unsubscribed] = await bed.commandSide.waitForCommands(contact.contactId, 2);
    expect(unsubscribed).toMatchObject({ type: 'UnsubscribeContact', data: { reason: 'unsubscribe_link' } });
  });

  it('a rejected open (never-sent contact) still answers the pixel', async () => {
    const contact = newSubject();
    bed.commandSide.responder = () => ({ status: 'REJECTED', code: 'CONTACT_INVALID_STATUS', message: 'not sent yet' });
    try {
      const response = await get(`/v1/track/open/${contact.token}.gif`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/gif');
      await bed.commandSide.waitForCommands(contact.contactId);
      await waitFor('the rejection to be counted', async () =>
        (await (await get('/metrics')).text()).includes('ingest_facts_rejected_total{kind="open",code="CONTACT_INVALID_STATUS"'),
      );
    } finally {
      bed.commandSide.responder = () => ({ status: 'ACCEPTED', code: null, message: null });
    }
  });

  it('the pixel and the redirect answer within their budget even when the command side is silent', async () => {
    const contact = newSubject();
    bed.commandSide.responder = () => null;
    try {
      const started = Date.now();
      expect((await get(`/v1/track/open/${contact.token}.gif`, { 'user-agent': 'a' })).status).toBe(200);
      expect((await get(clickPath(contact.token, 'https://example.com/'), { 'user-agent': 'a' })).status).toBe(302);
      expect(Date.now() - started).toBeLessThan(2 * bed.config.TRACK_RESPONSE_BUDGET_MS + 500);
      expect(bed.config.TRACK_RESPONSE_BUDGET_MS).toBeLessThan(bed.config.COMMAND_TIMEOUT_MS);
      await bed.commandSide.waitForCommands(contact.contactId, 2);
    } finally {
      bed.commandSide.responder = () => ({ status: 'ACCEPTED', code: null, message: null });
    }
  });

  const expectNothingRecordedFor = async (subject: Parameters<typeof commandsBeforeSentinel>[1]) => {
    expect(await commandsBeforeSentinel(bed, subject)).toEqual([]);
  };
});
