import { randomUUID } from 'node:crypto';
import type { outreach } from '@campaign/domain';
import { acceptAll, serviceToken, userToken, waitFor } from '@campaign/testing';
import { useSchedulerOnKafka } from '../testing';
import { campaignSettings, rejected, streamOf } from './testing';

const DAY_MS = 24 * 3_600_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface ListedTimer {
  id: string;
  subject_id: string;
  timer_type: string;
  status: string;
  due_at: string;
  retry_count: number;
  result?: Record<string, unknown> | null;
}
interface Listing {
  outreach: { active: ListedTimer[]; finished: ListedTimer[] };
}

describe('timer-scheduler: outreach timers over Kafka (seed 004)', () => {
  const bed = useSchedulerOnKafka('outreach');
  const orgId = randomUUID();

  const operator = { authorization: `Bearer ${serviceToken(['timers:read', 'timers:operate'])}` };
  const listing = async (campaignId: string): Promise<Listing> =>
    (await (await fetch(`${bed.scheduler.url}/v1/timers?campaignId=${campaignId}&context=outreach`, { headers: operator })).json()) as Listing;
  const activeOf = async (subjectId: string, type: string) => (await listing(subjectId)).outreach.active.find((t) => t.timer_type === type);
  const fireNow = async (timerId: string) => {
    const response = await fetch(`${bed.scheduler.url}/v1/timers/${timerId}/fire-now`, { method: 'POST', headers: operator });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ context: 'outreach', id: timerId });
  };
  it('the operator routes need an operator token: none → 401, an org user → 403, timers:read cannot fire', async () => {
    const campaignId = randomUUID();
    const timerId = randomUUID();
    const list = `${bed.scheduler.url}/v1/timers?campaignId=${campaignId}`;
    expect((await fetch(list)).status).toBe(401);
    expect((await fetch(`${bed.scheduler.url}/v1/timers/${timerId}/fire-now`, { method: 'POST' })).status).toBe(401);
    const user = { authorization: `Bearer ${userToken(randomUUID(), randomUUID(), 'admin')}` };
    expect((await fetch(list, { headers: user })).status).toBe(403);
    const reader = { authorization: `Bearer ${serviceToken(['timers:read'])}` };
    expect((await fetch(list, { headers: reader })).status).toBe(200);
    const fire = await fetch(`${bed.scheduler.url}/v1/timers/${timerId}/fire-now`, { method: 'POST', headers: reader });
    expect(fire.status).toBe(403);
    expect(await fire.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  const finished = (subjectId: string, timerId: string) =>
    waitFor(`timer ${timerId} to finish`, async () => (await listing(subjectId)).outreach.finished.find((t) => t.id === timerId), { timeoutMs: 30_000 });

  const campaign = (endDate: string | null) => {
    const campaignId = randomUUID();
    const next = streamOf(orgId, `outreach-${orgId}/campaign/${campaignId}`);
    const settings = campaignSettings(endDate);
    const moved = (from: outreach.OutreachCampaignStatus, to: outreach.OutreachCampaignStatus, changedAt = new Date().toISOString()) =>
      next({ type: 'CampaignStatusChanged', data: { orgId, campaignId, from, to, reason: 'manual', startDate: null, endDate: null, changedAt } }, changedAt);
    return {
      campaignId,
      created: () => next({ type: 'CampaignCreated', data: { orgId, campaignId, settings, createdBy: null, createdAt: new Date().toISOString() } }),
      moved,
    };
  };
  const contact = (campaignId: string) => {
    const contactId = randomUUID();
    const next = streamOf(orgId, `outreach-${orgId}/contact/${contactId}`);
    const ref = { orgId, campaignId, contactId };
    return {
      contactId,
      softBounce: (retryAt: string) =>
        next({
          type: 'EmailBounced',
          data: {
            ...ref,
            bounceType: 'soft',
            bounceReason: '452 mailbox full',
            softBounceCount: 1,
            retryAt,
            final: false,
            email: 'john.doe@example.com',
            bouncedAt: new Date().toISOString(),
            addressRejected: true,
          },
        }),
      unsubscribed: () =>
        next({ type: 'ContactUnsubscribed', data: { ...ref, email: 'john.doe@example.com', reason: null, unsubscribedAt: new Date().toISOString() } }),
    };
  };

  // seed 004: auto_complete_campaigns() at 00:00 — end_date <= CURRENT_DATE; Archive After: 90 days after completion
  it('outreach events become timers: end_date at midnight UTC, archive 90 days after completion, soft-bounce retry at retryAt', async () => {
    const endDate = isoDate(Date.now() + 30 * DAY_MS);
    const active = campaign(endDate);
    const done = campaign(endDate);
    const completedAt = new Date().toISOString();
    const k = contact(active.campaignId);
    const retryAt = new Date(Date.now() + 4 * 3_600_000).toISOString();
    await bed.publish([
      active.created(),
      active.moved('draft', 'active'),
      done.created(),
      done.moved('draft', 'active'),
      done.moved('active', 'completed', completedAt),
      k.softBounce(retryAt),
    ]);

    const end = await waitFor('the end_date timer', () => activeOf(active.campaignId, 'CAMPAIGN_END_DATE'));
    expect(new Date(end.due_at).toISOString()).toBe(`${endDate}T00:00:00.000Z`);
    const archive = await waitFor('the archive timer', () => activeOf(done.campaignId, 'CAMPAIGN_ARCHIVE'));
    expect(Date.parse(archive.due_at)).toBe(Date.parse(completedAt) + 90 * DAY_MS);
    expect((await listing(done.campaignId)).outreach.finished.map((t) => [t.timer_type, t.status])).toEqual([['CAMPAIGN_END_DATE', 'CANCELLED']]);
    const retry = await waitFor('the soft-bounce retry', () => activeOf(active.campaignId, 'SOFT_BOUNCE_RETRY'));
    expect(retry).toMatchObject({ subject_id: k.contactId });
    expect(new Date(retry.due_at).toISOString()).toBe(retryAt);
  });

  it('a redelivered batch changes nothing; an unsubscribe cancels the retry', async () => {
    const c = campaign(isoDate(Date.now() + 30 * DAY_MS));
    const k = contact(c.campaignId);
    const batch = [c.created(), c.moved('draft', 'active'), k.softBounce(new Date(Date.now() + 3_600_000).toISOString())];
    await bed.publish(batch);
    const before = await waitFor('both timers', async () => ((await listing(c.campaignId)).outreach.active.length === 2 ? listing(c.campaignId) : false));
    await bed.publish(batch);
    // Events of one org share a partition: once the unsubscribe is applied, the redelivery was too.
    await bed.publish([k.unsubscribed()]);
    await waitFor('the retry to be cancelled', async () => !(await activeOf(c.campaignId, 'SOFT_BOUNCE_RETRY')));
    const after = await listing(c.campaignId);
    expect(after.outreach.active).toEqual(before.outreach.active.filter((t) => t.timer_type !== 'SOFT_BOUNCE_RETRY'));
    expect(after.outreach.finished).toEqual([]);
    expect((await listing(k.contactId)).outreach.finished).toMatchObject([
      { timer_type: 'SOFT_BOUNCE_RETRY', status: 'CANCELLED', result: { reason: 'contact unsubscribed' } },
    ]);
  });

  // seed 004: On Completion — "Stop all scheduled outreach"
  it('stop all scheduled outreach: the completion read off Kafka cancels the contacts’ soft-bounce retries', async () => {
    const c = campaign(null);
    const k = contact(c.campaignId);
    await bed.publish([c.created(), c.moved('draft', 'active'), k.softBounce(new Date(Date.now() + 3_600_000).toISOString())]);
    await waitFor('the retry', () => activeOf(c.campaignId, 'SOFT_BOUNCE_RETRY'));
    await bed.publish([c.moved('active', 'completed')]);
    await waitFor('the retry to be cancelled', async () => !(await activeOf(c.campaignId, 'SOFT_BOUNCE_RETRY')));
    expect((await listing(k.contactId)).outreach.finished).toMatchObject([
      { timer_type: 'SOFT_BOUNCE_RETRY', status: 'CANCELLED', result: { reason: 'campaign completed' } },
    ]);
    expect(
      bed.commandSide.received.filter((command) => command.type === 'RequeueContact' && (command.data as { contactId: string }).contactId === k.contactId),
    ).toEqual([]);
  });

  // seed 004: active → completed "Auto when end_date reached"
  it('a due CAMPAIGN_END_DATE sends CompleteCampaign on the outreach command topic: tenant = org, id timer-<timerId>', async () => {
    const c = campaign(isoDate(Date.now() + 30 * DAY_MS));
    await bed.publish([c.created(), c.moved('draft', 'active')]);
    const timer = await waitFor('the end_date timer', () => activeOf(c.campaignId, 'CAMPAIGN_END_DATE'));
    await fireNow(timer.id);
    expect(await finished(c.campaignId, timer.id)).toMatchObject({ status: 'COMPLETED', retry_count: 0, result: { status: 'ACCEPTED' } });
    expect(bed.commandSide.received.filter((cmd) => cmd.commandId === `timer-${timer.id}`)).toEqual([
      expect.objectContaining({
        type: 'CompleteCampaign',
        context: 'outreach',
        tenant: orgId,
        actor: 'service:timer-scheduler',
        data: { campaignId: c.campaignId, reason: 'end_date_reached' },
      }),
    ]);
  });

  it('a REJECTED answer ends the timer at once, without retries (the contact moved on)', async () => {
    const c = campaign(null);
    const k = contact(c.campaignId);
    await bed.publish([k.softBounce(new Date(Date.now() + 3_600_000).toISOString())]);
    const timer = await waitFor('the retry timer', () => activeOf(k.contactId, 'SOFT_BOUNCE_RETRY'));
    bed.commandSide.responder = (cmd) => (cmd.commandId === `timer-${timer.id}` ? rejected('CONTACT_INVALID_STATUS') : rejected('INTERNAL_ERROR'));
    await fireNow(timer.id);
    expect(await finished(k.contactId, timer.id)).toMatchObject({
      status: 'COMPLETED',
      retry_count: 0,
      result: { status: 'REJECTED', code: 'CONTACT_INVALID_STATUS' },
    });
    const sent = bed.commandSide.received.filter((cmd) => cmd.commandId === `timer-${timer.id}`);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'RequeueContact', tenant: orgId, data: { campaignId: c.campaignId, contactId: k.contactId } });
  });

  // seed 002's retry policy, shared by the outreach engine: a failure that may pass is retried with back-off
  it('an INTERNAL_ERROR answer is retried with the same command id until it is accepted', async () => {
    const c = campaign(null);
    await bed.publish([c.created(), c.moved('draft', 'active'), c.moved('active', 'completed')]);
    const timer = await waitFor('the archive timer', () => activeOf(c.campaignId, 'CAMPAIGN_ARCHIVE'));
    let answers = 0;
    bed.commandSide.responder = (cmd) => (answers++ === 0 ? rejected('INTERNAL_ERROR') : acceptAll(cmd));
    await fireNow(timer.id);
    expect(await finished(c.campaignId, timer.id)).toMatchObject({ status: 'COMPLETED', retry_count: 1, result: { status: 'ACCEPTED' } });
    const sent = bed.commandSide.received.filter((cmd) => cmd.commandId === `timer-${timer.id}`);
    expect(sent.map((cmd) => [cmd.type, cmd.data])).toEqual([
      ['ArchiveCampaign', { campaignId: c.campaignId, reason: 'archive_after_90_days' }],
      ['ArchiveCampaign', { campaignId: c.campaignId, reason: 'archive_after_90_days' }],
    ]);
  });

  it('health reports the second engine and its consumer; metrics count outreach firings apart', async () => {
    const health = (await (await fetch(`${bed.scheduler.url}/health`)).json()) as { checks: Record<string, unknown> };
    expect(health.checks).toMatchObject({ 'outreach-timer-engine': { ok: true }, 'outreach-event-consumer': { ok: true } });
    const metrics = await (await fetch(`${bed.scheduler.url}/metrics`)).text();
    expect(metrics).toMatch(/timers_finished_total\{context="outreach",timer_type="CAMPAIGN_ARCHIVE",outcome="completed"[^}]*\} 1\n/);
    expect(metrics).toMatch(/timers_planned_total\{context="outreach",outcome="scheduled"[^}]*\} [1-9]/);
  });
});
