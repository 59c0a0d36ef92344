import { randomUUID } from 'node:crypto';
import type { outreach } from '@campaign/domain';
import type { Pool } from 'pg';
import { type OutreachEventRecord, outreachPlanner } from './timers.policy';
import { useOutreachTimerTestbed } from './testing';

const DAY_MS = 24 * 3_600_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('the outreach timer policy, planned by TimerPlanner', () => {
  const bed = useOutreachTimerTestbed(10);
  const { schema } = bed;
  let pool: Pool;
  let planner: ReturnType<typeof outreachPlanner>;
  const orgId = randomUUID();

  beforeAll(() => {
    pool = bed.pool;
    planner = outreachPlanner(bed.store, 2_000);
  });

  /** One stream's events as the scheduler reads them off the bus, versions counting up. */
  const stream = (streamId: string) => {
    let version = 0;
    return (event: outreach.OutreachCampaignEvent | outreach.ContactEvent, occurredAt = new Date().toISOString()): OutreachEventRecord => ({
      eventId: randomUUID(),
      streamId,
      streamVersion: ++version,
      occurredAt,
      event,
    });
  };

  const campaign = (endDate: string | null) => {
    const campaignId = randomUUID();
    const record = stream(`outreach-${orgId}/campaign/${campaignId}`);
    const settings = { endDate } as outreach.CampaignSettings;
    return {
      campaignId,
      created: () => record({ type: 'CampaignCreated', data: { orgId, campaignId, settings, createdBy: null, createdAt: new Date().toISOString() } }),
      updated: (newEndDate: string | null) =>
        record({ type: 'CampaignUpdated', data: { orgId, campaignId, settings: { ...settings, endDate: newEndDate }, updatedAt: new Date().toISOString() } }),
      moved: (from: outreach.OutreachCampaignStatus, to: outreach.OutreachCampaignStatus, changedAt = new Date().toISOString()) =>
        record(
          { type: 'CampaignStatusChanged', data: { orgId, campaignId, from, to, reason: 'manual', startDate: null, endDate: null, changedAt } },
          changedAt,
        ),
    };
  };

  const contact = (campaignId: string) => {
    const contactId = randomUUID();
    const record = stream(`outreach-${orgId}/contact/${contactId}`);
    const ref = { orgId, campaignId, contactId };
    return {
      contactId,
      softBounce: (retryAt: string) =>
        record({
          type: 'EmailBounced',
          data: {
            ...ref,
            bounceType: 'soft',
            bounceReason: 'mailbox full',
            softBounceCount: 1,
            retryAt,
            final: false,
            email: 'a@example.com',
            bouncedAt: new Date().toISOString(),
            addressRejected: true,
          },
        }),
      responded: () =>
        record({ type: 'ContactResponded', data: { ...ref, channel: 'email', responseText: 'Interested', respondedAt: new Date().toISOString() } }),
    };
  };

  const active = async (subjectId: string) => (await pool.query(`SELECT * FROM ${schema}.timers WHERE campaign_id = $1 ORDER BY due_at`, [subjectId])).rows;
  const history = async (subjectId: string) =>
    (await pool.query(`SELECT * FROM ${schema}.timer_history WHERE campaign_id = $1 ORDER BY finished_at`, [subjectId])).rows;

  // seed 004: auto_complete_campaigns() — status = 'active' AND end_date <= CURRENT_DATE, daily at midnight
  it('activation with an end_date stores CAMPAIGN_END_DATE due at 00:00 UTC of end_date, the org in its payload', async () => {
    const endDate = isoDate(Date.now() + 30 * DAY_MS);
    const c = campaign(endDate);
    expect(await planner.apply([c.created(), c.moved('draft', 'active')])).toEqual({ scheduled: 1, cancelled: 0, refused: 0, skipped: 0 });
    const [timer] = await active(c.campaignId);
    expect(timer).toMatchObject({ timer_type: 'CAMPAIGN_END_DATE', status: 'PENDING', retry_count: 0 });
    expect(timer.due_at.toISOString()).toBe(`${endDate}T00:00:00.000Z`);
    expect(timer.payload).toMatchObject({ orgId, campaignId: c.campaignId, contactId: null, command: 'CompleteCampaign' });
  });

  it('CampaignUpdated moving the end_date replaces the pending timer; the old one is CANCELLED with its reason', async () => {
    const c = campaign(isoDate(Date.now() + 30 * DAY_MS));
    await planner.apply([c.created(), c.moved('draft', 'active')]);
    const [before] = await active(c.campaignId);
    const later = isoDate(Date.now() + 45 * DAY_MS);
    expect(await planner.apply([c.updated(later)])).toMatchObject({ scheduled: 1, cancelled: 1 });
    const [after] = await active(c.campaignId);
    expect(after.due_at.toISOString()).toBe(`${later}T00:00:00.000Z`);
    expect(await history(c.campaignId)).toMatchObject([{ id: before.id, status: 'CANCELLED', result: { reason: 'end_date changed' } }]);
  });

  // seed 004: Campaign Archival Rules — "90 days after completion"
  // seed 004: Campaign Archival Rules (90 days) and Data Privacy ("retained for 2 years").
  it('completion cancels CAMPAIGN_END_DATE, stores CAMPAIGN_ARCHIVE 90 days and DATA_RETENTION 2 years after the completion instant; archiving cancels the archive timer only', async () => {
    const c = campaign(isoDate(Date.now() + 30 * DAY_MS));
    const completedAt = new Date().toISOString();
    await planner.apply([c.created(), c.moved('draft', 'active'), c.moved('active', 'completed', completedAt)]);
    const [archive, retention] = await active(c.campaignId);
    expect(archive).toMatchObject({ timer_type: 'CAMPAIGN_ARCHIVE', payload: { command: 'ArchiveCampaign' } });
    expect(archive.due_at.getTime()).toBe(Date.parse(completedAt) + 90 * DAY_MS);
    expect(retention).toMatchObject({ timer_type: 'DATA_RETENTION', payload: { command: 'ErasePersonalData' } });
    expect(retention.due_at.getTime()).toBe(Date.parse(completedAt) + 730 * DAY_MS);
    expect((await history(c.campaignId)).map((h) => [h.timer_type, h.status])).toEqual([['CAMPAIGN_END_DATE', 'CANCELLED']]);
    expect(await planner.apply([c.moved('completed', 'archived')])).toMatchObject({ cancelled: 1, scheduled: 0 });
    expect((await active(c.campaignId)).map((t) => t.timer_type)).toEqual(['DATA_RETENTION']);
  });

  it('a campaign resumed after its end_date passed gets a timer due at once', async () => {
    const c = campaign(isoDate(Date.now() + DAY_MS));
    const resumedAt = new Date(Date.now() + 2 * DAY_MS).toISOString();
    await planner.apply([c.created(), c.moved('draft', 'active'), c.moved('active', 'paused'), c.moved('paused', 'active', resumedAt)]);
    const [timer] = await active(c.campaignId);
    expect(timer.due_at.toISOString()).toBe(resumedAt);
  });

  // seed 004: Bounce Handling — soft bounce: retry up to 3 times over 48 hours
  it('a soft bounce stores SOFT_BOUNCE_RETRY at retryAt under the contact; a reply cancels it', async () => {
    const c = campaign(null);
    const k = contact(c.campaignId);
    const retryAt = new Date(Date.now() + 4 * 3_600_000).toISOString();
    expect(await planner.apply([k.softBounce(retryAt)])).toMatchObject({ scheduled: 1 });
    const [retry] = await active(k.contactId);
    expect(retry).toMatchObject({
      timer_type: 'SOFT_BOUNCE_RETRY',
      payload: { orgId, campaignId: c.campaignId, contactId: k.contactId, command: 'RequeueContact' },
    });
    expect(retry.due_at.toISOString()).toBe(retryAt);
    expect(await planner.apply([k.responded()])).toMatchObject({ cancelled: 1 });
    expect(await active(k.contactId)).toEqual([]);
    expect(await history(k.contactId)).toMatchObject([{ id: retry.id, status: 'CANCELLED', result: { reason: 'contact responded' } }]);
  });

  // seed 004: On Completion — "Stop all scheduled outreach"
  it('stop all scheduled outreach: completion cancels the soft-bounce retries of the campaign’s contacts, not another campaign’s', async () => {
    const c = campaign(null);
    const other = campaign(null);
    const [k1, k2, elsewhere] = [contact(c.campaignId), contact(c.campaignId), contact(other.campaignId)];
    const retryAt = new Date(Date.now() + 4 * 3_600_000).toISOString();
    await planner.apply([c.created(), c.moved('draft', 'active'), k1.softBounce(retryAt), k2.softBounce(retryAt), elsewhere.softBounce(retryAt)]);
    const completed = c.moved('active', 'completed');
    expect(await planner.apply([completed])).toMatchObject({ cancelled: 2 });
    expect([...(await active(k1.contactId)), ...(await active(k2.contactId))]).toEqual([]);
    expect(await history(k1.contactId)).toMatchObject([{ timer_type: 'SOFT_BOUNCE_RETRY', status: 'CANCELLED', result: { reason: 'campaign completed' } }]);
    expect(await active(elsewhere.contactId)).toHaveLength(1);
    const { rows } = await pool.query(`SELECT view FROM ${schema}.contacts WHERE contact_id = $1`, [k1.contactId]);
    expect(rows[0].view).toMatchObject({ retryPending: false });
    // Redelivered: nothing left to cancel.
    expect(await planner.apply([completed])).toEqual({ scheduled: 0, cancelled: 0, refused: 0, skipped: 1 });
  });

  it('the listing by campaign includes its contacts’ active retries', async () => {
    const c = campaign(isoDate(Date.now() + 30 * DAY_MS));
    const k = contact(c.campaignId);
    await planner.apply([c.created(), c.moved('draft', 'active'), k.softBounce(new Date(Date.now() + 3_600_000).toISOString())]);
    const listed = (await bed.store.listForCampaign(c.campaignId, true)).active as { timer_type: string; subject_id: string }[];
    expect(listed.map((t) => [t.timer_type, t.subject_id])).toEqual([
      ['SOFT_BOUNCE_RETRY', k.contactId],
      ['CAMPAIGN_END_DATE', c.campaignId],
    ]);
  });

  it('a reply from a contact that never bounced remembers nothing', async () => {
    const k = contact(randomUUID());
    expect(await planner.apply([k.responded()])).toEqual({ scheduled: 0, cancelled: 0, refused: 0, skipped: 1 });
    expect((await pool.query(`SELECT * FROM ${schema}.contacts WHERE contact_id = $1`, [k.contactId])).rows).toEqual([]);
  });

  it('redelivered events (same stream versions) change nothing', async () => {
    const c = campaign(isoDate(Date.now() + 30 * DAY_MS));
    const k = contact(c.campaignId);
    const batch = [
      c.created(),
      c.moved('draft', 'active'),
      c.updated(isoDate(Date.now() + 40 * DAY_MS)),
      k.softBounce(new Date(Date.now() + 3_600_000).toISOString()),
    ];
    await planner.apply(batch);
    const before = [await active(c.campaignId), await history(c.campaignId), await active(k.contactId)];
    expect(await planner.apply(batch)).toEqual({ scheduled: 0, cancelled: 0, refused: 0, skipped: 4 });
    expect(await planner.apply(batch.map((r) => ({ ...r, eventId: randomUUID() })))).toMatchObject({ scheduled: 0, cancelled: 0, skipped: 4 });
    expect([await active(c.campaignId), await history(c.campaignId), await active(k.contactId)]).toEqual(before);
  });
});
