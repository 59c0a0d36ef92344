import { randomUUID } from 'node:crypto';
import { decodeEvent, encodeEvent, type EventEnvelope } from '@campaign/contracts';
import { signJwt } from '@campaign/runtime';
import { TEST_JWT_SECRET } from '@campaign/testing';
import type { Pool } from 'pg';
import type { ProjectionRunner } from '../shared/projection-runner';
import { useQueryApp } from '../shared/testing';
import { OutreachQueryController } from './outreach-query.controller';
import { OutreachQueryService } from './outreach-query.service';
import { OutreachHistory, useOutreachSchemas } from './testing';

const DAY_MS = 86_400_000;

/**
 * Why a campaign's contacts wait (issue 11): ContactDispatchHeld, as the dispatcher records it
 * (outreach-send-hold.int.spec.ts in campaign-command) and as it travels on the events topic
 * (Avro, encoded and decoded here), projected into send_window_holds (per sender) and shown by getById and
 * the contacts listing of the query API, under RLS.
 */
describe('outreach query API: which sending window holds a campaign back, and until when', () => {
  const schemas = useOutreachSchemas();
  const queryApp = useQueryApp('send-holds-test');
  let pool: Pool;
  let runner: ProjectionRunner;

  const history = new OutreachHistory().organization('Held Org');
  const owner = history.user('ta_manager');
  const campaignId = history.createCampaign(owner, { name: 'Held back' });
  const [first, second] = history.addContacts(campaignId, [{}, {}]);
  history.changeStatus(campaignId, 'active', { startDate: '2026-03-02' });
  history.dispatchRequested(first);
  // The same sender's other campaigns: one active (waits behind the same window), one paused.
  const sibling = history.createCampaign(owner, { name: 'Same sender' });
  history.addContacts(sibling, [{}]);
  history.changeStatus(sibling, 'active', { startDate: '2026-03-02' });
  const paused = history.createCampaign(owner, { name: 'Paused one' });
  history.addContacts(paused, [{}]);
  history.changeStatus(paused, 'active', { startDate: '2026-03-02' });
  history.changeStatus(paused, 'paused');
  const otherOwner = history.user('recruiter');
  const unrelated = history.createCampaign(otherOwner, { name: 'Other sender' });
  history.addContacts(unrelated, [{}]);
  history.changeStatus(unrelated, 'active', { startDate: '2026-03-02' });
  const heldAt = history.now;
  const heldUntil = new Date(Date.now() + DAY_MS).toISOString();

  /** One event of `contactId`'s stream after `after`, as the relay publishes it (through the Avro contract). */
  const onTheWire = (type: string, contactId: string, version: number, data: Record<string, unknown>, occurredAt: string): EventEnvelope =>
    decodeEvent(
      encodeEvent({
        ...history.envelopes[0],
        eventId: randomUUID(),
        type,
        streamId: `outreach-${history.orgId}/contact/${contactId}`,
        streamVersion: version,
        occurredAt,
        data: { orgId: history.orgId, campaignId, contactId, ...data },
      }),
    );
  const held = onTheWire('ContactDispatchHeld', second, 2, { senderId: owner, limit: 'email_per_day', max: 1000, heldUntil, heldAt }, heldAt);

  const get = async (url: string, orgId = history.orgId) => {
    const token = signJwt({ sub: owner, org_id: orgId, role: 'recruiter', exp: Math.floor(Date.now() / 1000) + 3600 }, TEST_JWT_SECRET);
    return queryApp.get(url, token);
  };

  beforeAll(async () => {
    pool = schemas.pool();
    const made = await schemas.projectionIn('or_hold');
    runner = made.runner;
    await runner.applyBatch([...history.envelopes, held]);
    await queryApp.start({ config: { OUTREACH_SCHEMA: made.schema }, pool, controllers: [OutreachQueryController], providers: [OutreachQueryService] });
  });

  const expected = {
    code: 'CAMPAIGN_SEND_LIMIT_EXCEEDED',
    message: 'Daily send limit exceeded (1000)',
    limit: 'email_per_day',
    max: 1000,
    held_until: heldUntil,
    held_since: heldAt,
  };

  // seed 004: CAMPAIGN_SEND_LIMIT_EXCEEDED — "Daily send limit exceeded (1000)", "Wait 24 hours or increase limit"
  it('getById shows the window that holds the campaign back and until when', async () => {
    expect(await get(`/v1/outreach/campaigns/${campaignId}`)).toMatchObject({ status: 200, body: { id: campaignId, send_hold: expected } });
  });

  it('the contacts listing shows it beside the waiting contacts', async () => {
    const listed = await get(`/v1/outreach/campaigns/${campaignId}/contacts?status=pending`);
    expect(listed).toMatchObject({ status: 200, body: { send_hold: expected } });
    expect(listed.body.items).toHaveLength(2);
  });

  // seed 004: Sending Rate Limits are "per sender": every active campaign of the sender waits behind the window
  it('the sender’s other active campaigns show the same hold; a paused one and another sender’s do not', async () => {
    expect((await get(`/v1/outreach/campaigns/${sibling}`)).body.send_hold).toEqual(expected);
    expect((await get(`/v1/outreach/campaigns/${paused}`)).body.send_hold).toBeNull();
    expect((await get(`/v1/outreach/campaigns/${unrelated}`)).body.send_hold).toBeNull();
  });

  it('another org sees neither the campaign nor its hold (RLS)', async () => {
    expect((await get(`/v1/outreach/campaigns/${campaignId}`, randomUUID())).status).toBe(404);
    expect((await get(`/v1/outreach/campaigns/${campaignId}/contacts`, randomUUID())).body).toMatchObject({ items: [], send_hold: null });
  });

  it('a redelivered hold changes nothing; a dispatch of the campaign after it releases the campaign', async () => {
    await runner.applyBatch([held]);
    expect((await get(`/v1/outreach/campaigns/${campaignId}`)).body.send_hold).toEqual(expected);
    const later = new Date(Date.parse(heldAt) + 60_000).toISOString();
    const dispatched = onTheWire(
      'ContactDispatchRequested',
      second,
      3,
      { dispatchId: randomUUID(), channel: 'email', messageKind: 'email', templateId: null, senderId: owner, attempt: 1, requestedAt: later },
      later,
    );
    await runner.applyBatch([dispatched]);
    expect((await get(`/v1/outreach/campaigns/${campaignId}`)).body.send_hold).toBeNull();
    expect((await get(`/v1/outreach/campaigns/${campaignId}/contacts`)).body.send_hold).toBeNull();
  });
});
