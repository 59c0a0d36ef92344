import { clickPath, commandsBeforeSentinel, type IngestTestbed, newSubject, startIngestTestbed, WEBHOOK_SECRET } from './testing';

const PER_IP = 5;
const PER_TOKEN = 3;
const TARGET = 'https://intime.com/jobs/senior-java-developer';

/** The tracking links' rate limits, counted in real Redis, with the command side played here. */
describe('rate limits of the tracking links', () => {
  let bed: IngestTestbed;
  // One proxy of our own in front: each test's client address is the X-Forwarded-For it sends.
  beforeAll(
    async () =>
      (bed = await startIngestTestbed({ TRUSTED_PROXY_HOPS: '1', TRACK_RATE_LIMIT_PER_IP: String(PER_IP), TRACK_RATE_LIMIT_PER_TOKEN: String(PER_TOKEN) })),
  );
  afterAll(() => bed?.close());

  // The testbed's Redis keys are its own, so addresses need only differ within this file.
  let addresses = 0;
  const freshIp = () => `198.51.100.${(addresses += 1)}`;
  const get = (path: string, ip: string) => fetch(`${bed.url}${path}`, { headers: { 'x-forwarded-for': ip, 'user-agent': `ua-${ip}` }, redirect: 'manual' });

  const expectLimited = async (response: Response, scope: 'ip' | 'token') => {
    expect(response.status).toBe(429);
    expect(response.headers.get('location')).toBeNull();
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(bed.config.TRACK_RATE_WINDOW_SECONDS);
    expect(await response.json()).toEqual({
      status: 'REJECTED',
      code: 'RATE_LIMITED',
      message: expect.any(String),
      details: { scope, retryAfterSeconds: retryAfter },
    });
  };

  it(`one address gets ${PER_IP} clicks a window; the next is a 429 with Retry-After and is not recorded; another address goes on`, async () => {
    const ip = freshIp();
    const contacts = Array.from({ length: PER_IP + 1 }, () => newSubject());
    for (const contact of contacts.slice(0, PER_IP)) expect((await get(clickPath(contact.token, TARGET), ip)).status).toBe(302);
    const over = contacts[PER_IP];
    await expectLimited(await get(clickPath(over.token, TARGET), ip), 'ip');
    expect(await commandsBeforeSentinel(bed, over)).toEqual([]);
    expect(await commandsBeforeSentinel(bed, contacts[0])).toHaveLength(1);
    expect((await get(clickPath(newSubject().token, TARGET), freshIp())).status).toBe(302);
  });

  it(`one token gets ${PER_TOKEN} clicks a window from any addresses; each link kind counts on its own`, async () => {
    const contact = newSubject();
    for (let i = 0; i < PER_TOKEN; i += 1) expect((await get(clickPath(contact.token, TARGET), freshIp())).status).toBe(302);
    await expectLimited(await get(clickPath(contact.token, TARGET), freshIp()), 'token');
    // The same reader can still unsubscribe: clicks do not use up the unsubscribe link's limit.
    expect((await get(`/v1/track/unsubscribe/${contact.token}`, freshIp())).status).toBe(200);
    expect(await commandsBeforeSentinel(bed, contact)).toHaveLength(PER_TOKEN);
  });

  it('a pixel over its limit is a 429 too, and records nothing', async () => {
    const contact = newSubject();
    for (let i = 0; i < PER_TOKEN; i += 1) expect((await get(`/v1/track/open/${contact.token}.gif`, freshIp())).status).toBe(200);
    await expectLimited(await get(`/v1/track/open/${contact.token}.gif`, freshIp()), 'token');
    expect(await commandsBeforeSentinel(bed, contact)).toHaveLength(PER_TOKEN);
    expect(await (await fetch(`${bed.url}/metrics`)).text()).toMatch(/ingest_track_rate_limited_total\{[^}]*route="open",scope="token"[^}]*\} [1-9]/);
  });

  it('the unsubscribe page and its POST share one limit per address: over it, a 429 and no UnsubscribeContact', async () => {
    const ip = freshIp();
    for (let i = 0; i < PER_IP; i += 1) expect((await get(`/v1/track/unsubscribe/${newSubject().token}`, ip)).status).toBe(200);
    const contact = newSubject();
    await expectLimited(await get(`/v1/track/unsubscribe/${contact.token}`, ip), 'ip');
    const post = await fetch(`${bed.url}/v1/track/unsubscribe/${contact.token}`, {
      method: 'POST',
      headers: { 'x-forwarded-for': ip, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    await expectLimited(post, 'ip');
    expect(await commandsBeforeSentinel(bed, contact)).toEqual([]);
  });

  it('forged tokens count against their address too, so guessing cannot go on unlimited', async () => {
    const ip = freshIp();
    const forged = newSubject('a-different-secret-that-the-service-does-not-know');
    for (let i = 0; i < PER_IP; i += 1) expect((await get(clickPath(forged.token, TARGET), ip)).status).toBe(404);
    await expectLimited(await get(clickPath(forged.token, TARGET), ip), 'ip');
  });

  it('the webhooks (authenticated providers) are never rate limited', async () => {
    const contact = newSubject();
    const ip = freshIp();
    for (let i = 0; i < PER_IP + PER_TOKEN; i += 1) {
      const response = await fetch(`${bed.url}/v1/webhooks/linkedin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_SECRET}`, 'x-forwarded-for': ip },
        body: JSON.stringify({ token: contact.token, activity: 'profile_viewed', providerEventId: `evt-${ip}-${i}` }),
      });
      expect(response.status).toBe(200);
    }
    expect(await bed.commandSide.waitForCommands(contact.contactId, PER_IP + PER_TOKEN)).toHaveLength(PER_IP + PER_TOKEN);
  });
});
