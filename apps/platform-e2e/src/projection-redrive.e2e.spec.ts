import { randomUUID } from 'node:crypto';
import { type AppendRequestWithoutOutcome, insertEvents } from '@campaign/eventstore';
import { contextScope } from '@campaign/runtime';
import { serviceToken, testPool, userToken, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { E2E_SECRETS, getJson, Platform, postJson } from './support/platform';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Issue 9: an event the read models cannot hold is set aside and holds its stream; after a
 * fix an operator redrives it over HTTP (projection:admin only), and the stream catches up.
 */
describe('projection dead letters: held streams, redriven by an operator after a fix', () => {
  const platform = new Platform();
  let pool: Pool;
  let projection: string;
  const campaignId = randomUUID();
  const streamId = `campaign-${campaignId}`;

  /** Appends as campaign-command would, straight into the event store (the relay publishes it). */
  const append = (version: number, type: string, data: Record<string, unknown>) => {
    const request: AppendRequestWithoutOutcome = {
      streamId,
      expectedVersion: version - 1,
      events: [{ eventId: randomUUID(), type, schemaVersion: 1, data }],
      metadata: {
        context: 'lifecycle',
        occurredAt: new Date().toISOString(),
        correlationId: campaignId,
        causationId: null,
        actor: 'user:e2e',
        tenant: null,
        commandId: `e2e-${randomUUID()}`,
      },
      outcome: null,
    };
    return insertEvents(pool, `"${platform.env.EVENTSTORE_SCHEMA}"`, [request]);
  };
  const campaign = async () => (await getJson(`${projection}/v1/lifecycle/campaigns/${campaignId}`)).body;

  beforeAll(async () => {
    pool = testPool(2);
    await platform.start('campaign-command');
    projection = (await platform.start('projection')).url;
  }, 180_000);
  afterAll(async () => {
    await platform.stopAll();
    await pool.end();
  });

  it('a campaign whose creation breaks a read-model rule waits; redriven after the fix it appears with its later state', async () => {
    // duration_hours = 0 breaks seed 002's valid_duration CHECK (as if the read model lagged a rule change).
    const createdAt = new Date().toISOString();
    await append(1, 'CampaignCreated', {
      campaignId,
      durationHours: 0,
      autoClose: false,
      rewardsEnabled: false,
      startTime: null,
      endTime: null,
      metadata: {},
      createdAt,
    });
    await append(2, 'StateTransitioned', {
      campaignId,
      from: 'CREATED',
      to: 'RUNNING',
      trigger: 'MANUAL',
      reason: null,
      startTime: createdAt,
      endTime: null,
      transitionedAt: createdAt,
    });

    const letters = await waitFor(
      'the dead letter to be listed',
      async () => {
        const { status, body } = await getJson(`${projection}/v1/admin/dead-letters/lifecycle`);
        const listed = body as unknown as { streamId: string; streamVersion: number; holding: boolean }[];
        return status === 200 && listed.some((l) => l.streamId === streamId) ? listed.filter((l) => l.streamId === streamId) : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(letters).toMatchObject([{ streamVersion: 1, holding: true }]);
    expect((await getJson(`${projection}/v1/lifecycle/campaigns/${campaignId}`)).status).toBe(404);

    // Only operators: no token, an org's admin, a service without projection:admin.
    const redrive = `${projection}/v1/admin/dead-letters/lifecycle/redrive`;
    expect((await getJson(`${projection}/v1/admin/dead-letters/lifecycle`, {})).status).toBe(401);
    expect((await postJson(redrive, {}, { authorization: '' })).status).toBe(401);
    expect((await postJson(redrive, {}, bearer(userToken(randomUUID(), 'someone', 'admin', E2E_SECRETS.jwt)))).status).toBe(403);
    expect(
      (await postJson(redrive, {}, bearer(serviceToken([contextScope('lifecycle', 'read'), contextScope('lifecycle', 'write')], 'svc', E2E_SECRETS.jwt))))
        .status,
    ).toBe(403);
    expect((await postJson(`${projection}/v1/admin/dead-letters/nowhere/redrive`, {})).body).toMatchObject({ code: 'UNKNOWN_CONTEXT' });
    expect((await postJson(redrive, { eventIds: ['not-a-uuid'] })).body).toMatchObject({ code: 'INVALID_BODY' });

    // Before the fix a redrive fails again and changes nothing.
    expect(await postJson(redrive, {})).toEqual({ status: 200, body: { streams: 1, applied: 0, stillHeld: 1 } });
    // The fix: the read model accepts what the log holds.
    await pool.query(`ALTER TABLE "${platform.lifecycleSchema}".campaigns DROP CONSTRAINT valid_duration`);
    expect(await postJson(redrive, {})).toEqual({ status: 200, body: { streams: 1, applied: 2, stillHeld: 0 } });
    expect(await campaign()).toMatchObject({ id: campaignId, status: 'RUNNING', duration_hours: 0 });
    const { body } = await getJson(`${projection}/v1/admin/dead-letters/lifecycle?all=true`);
    expect((body as unknown as { streamId: string; holding: boolean; redrivenAt: string | null }[]).find((l) => l.streamId === streamId)).toMatchObject({
      holding: false,
      redrivenAt: expect.any(String),
    });
  });
});
