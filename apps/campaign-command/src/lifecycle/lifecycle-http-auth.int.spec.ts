import { randomUUID } from 'node:crypto';
import { lifecycle } from '@campaign/domain';
import { serviceToken, userToken } from '@campaign/testing';
import { actor, call, type CommandApp, startCommandApp } from '../testing';

/** The lifecycle HTTP door has an owner: services granted `lifecycle:write`. */
describe('lifecycle HTTP door: authenticated, authorized, and its own routes only', () => {
  let app: CommandApp;
  const writer = serviceToken(['lifecycle:write'], 'campaign-service');

  beforeAll(async () => {
    app = await startCommandApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a command without a token (401) and from a token without lifecycle:write (403); nothing is written', async () => {
    const campaignId = randomUUID();
    const body = { campaignId, durationHours: 24 };
    expect(await call(app, 'POST', '/v1/lifecycle/campaigns', null, body)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    expect(await call(app, 'POST', '/v1/lifecycle/campaigns', serviceToken(['lifecycle:read']), body)).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    expect(await call(app, 'POST', '/v1/lifecycle/campaigns', actor('admin'), body)).toMatchObject({ status: 403 });
    expect((await app.store.readStream(lifecycle.campaignStreamId(campaignId))).version).toBe(0);
  });

  it('records the verified caller as the actor, whatever an X-Actor header claims', async () => {
    const campaignId = randomUUID();
    const created = await call(app, 'POST', '/v1/lifecycle/campaigns', writer, { campaignId, durationHours: 24 }, { 'x-actor': 'user:somebody-else' });
    expect(created.status).toBe(201);
    const { events } = await app.store.readStream(lifecycle.campaignStreamId(campaignId));
    expect(events[0].actor).toBe('service:campaign-service');
  });

  it.each(['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'])('POST …/{id}/%s is no action: 404, not 500', async (action) => {
    const answer = await call(app, 'POST', `/v1/lifecycle/campaigns/${randomUUID()}/${action}`, writer);
    expect(answer.status).toBe(404);
  });

  it('authenticates before reading the body: an unauthenticated 5 MiB body is refused with 401, not 413', async () => {
    // The route's body limit is 1 MiB: read first, this would be a 413.
    const response = await fetch(`${app.url}/v1/lifecycle/campaigns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ durationHours: 1, metadata: { padding: 'x'.repeat(5 * 1_048_576) } }),
    });
    expect(response.status).toBe(401);
    const forUser = userToken(randomUUID(), randomUUID(), 'admin');
    expect((await call(app, 'POST', `/v1/lifecycle/campaigns/${randomUUID()}/start`, forUser)).status).toBe(403);
  });

  it('a path Fastify cannot decode (an unpaired surrogate) gets the typed 400, like every refusal', async () => {
    const response = await fetch(`${app.url}/v1/lifecycle/campaigns/%ED%A0%80/start`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 'REJECTED', code: 'INVALID_REQUEST' });
  });

  it('completing an outreach campaign whose id is no UUID is CAMPAIGN_NOT_FOUND, not a 500', async () => {
    const admin = actor('admin');
    for (const id of ['constructor', 'not-a-uuid']) {
      const answer = await call(app, 'POST', `/v1/outreach/campaigns/${id}/complete`, admin);
      expect(answer).toMatchObject({ status: 404, body: { code: 'CAMPAIGN_NOT_FOUND' } });
    }
  });
});
