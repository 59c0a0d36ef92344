import { decodeEvent, outreach as outreachWire } from '@campaign/contracts';
import { outreach } from '@campaign/domain';
import { collectMessages, testKafka, testPool, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { E2E_SECRETS, OPERATOR_HEADERS, Platform } from './support/platform';
import { expectStatus } from './support/http';
import { OutreachUser, registerOrganization, SenderAdapter, tokenFor } from './support/outreach';

const CONTACTS = 300;
const today = () => new Date().toISOString().slice(0, 10);

// seed 004: contacts_reached, emails_sent, linkedin_messages_sent, responses_received and
// conversions, each by the seed's own COUNT definition (update_campaign_metrics).
const SEED_COUNTS = `
  SELECT
    (SELECT COUNT(*) FROM campaign_contacts WHERE campaign_id = $1 AND status IN ('sent', 'opened', 'responded', 'converted'))::int AS contacts_reached,
    (SELECT COUNT(*) FROM campaign_contacts cc WHERE cc.campaign_id = $1 AND EXISTS (
       SELECT 1 FROM engagement_tracking et WHERE et.campaign_contact_id = cc.id AND et.event_type = 'email_sent'))::int AS emails_sent,
    (SELECT COUNT(*) FROM campaign_contacts WHERE campaign_id = $1 AND sent_at IS NOT NULL AND channel = 'linkedin')::int AS linkedin_messages_sent,
    (SELECT COUNT(*) FROM campaign_contacts WHERE campaign_id = $1 AND responded_at IS NOT NULL)::int AS responses_received,
    (SELECT COUNT(*) FROM campaign_contacts WHERE campaign_id = $1 AND converted_at IS NOT NULL)::int AS conversions`;

// seed 004: Performance Optimization → "A/B test results", as printed (? → $1).
const SEED_AB_QUERY = `SELECT
  cc.ab_variant,
  COUNT(*) as total_contacts,
  COUNT(CASE WHEN cc.responded_at IS NOT NULL THEN 1 END) as responses,
  COUNT(CASE WHEN cc.converted_at IS NOT NULL THEN 1 END) as conversions,
  ROUND(
    COUNT(CASE WHEN cc.responded_at IS NOT NULL THEN 1 END)::numeric
    / COUNT(*)::numeric * 100, 2
  ) as response_rate
FROM campaign_contacts cc
WHERE cc.campaign_id = $1
GROUP BY cc.ab_variant`;

/** Runs `work` over `items` with at most `limit` in flight. */
const inParallel = async <T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
};

describe('outreach (seed 004): the four apps as processes', () => {
  const platform = new Platform();
  const held = new Set<string>();
  const sender = new SenderAdapter(platform, (request) => held.has(request.contactId));
  let db: Pool;

  const ingest = (path: string, init: RequestInit = {}) => fetch(`${platform.url('analytics-ingest')}${path}`, { redirect: 'manual', ...init });
  const webhook = async (kind: 'bounces' | 'replies' | 'linkedin', body: Record<string, unknown>) => {
    const response = await ingest(`/v1/webhooks/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${E2E_SECRETS.webhook}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const schemaQuery = async <R extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<R[]> => {
    const client = await db.connect();
    try {
      await client.query(`SET search_path TO ${platform.env.OUTREACH_SCHEMA}`);
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  };
  const requestsFor = (campaignId: string) => sender.requests.filter((r) => r.campaignId === campaignId);

  beforeAll(async () => {
    await platform.start('analytics-ingest');
    platform.env.TRACKING_BASE_URL = platform.url('analytics-ingest');
    // A deployment may raise the seed's sending limits (its resolution: "increase limit"): the
    // seed's own windows are proven in send-window.limiter.int.spec.ts; here 300 emails go out now.
    platform.env.SEND_LIMITS_OVERRIDE = JSON.stringify({ email: { minIntervalMs: 0, windows: { email_per_hour: 100_000, email_per_day: 100_000 } } });
    platform.env.DISPATCH_INTERVAL_MS = '200';
    await Promise.all([platform.start('campaign-command'), platform.start('projection'), platform.start('timer-scheduler')]);
    await sender.start();
    db = testPool(4);
  });
  afterAll(async () => {
    await sender.stop();
    await db?.end();
    await platform.stopAll();
  });

  it('a 300-contact A/B campaign: dispatched, engaged through analytics-ingest, counted and judged in the read models', async () => {
    const { admin, templates } = await registerOrganization(platform, 'Acme Talent');
    const created = expectStatus(
      await admin.command('POST', '/campaigns', {
        name: 'Q1 2024 Senior Java Developer Sourcing',
        campaign_type: 'talent_sourcing',
        channel: 'email',
        target_skills: ['Java', 'Spring Boot', 'AWS'],
        target_locations: ['New York, NY'],
        target_contacts_count: 500,
        target_response_rate: 15,
        is_ab_test: true,
        variant_a_template_id: templates[0],
        variant_b_template_id: templates[1],
        ab_split_percentage: 50,
      }),
      201,
    );
    const campaignId = String(created.campaignId);
    const contacts = Array.from({ length: CONTACTS }, (_, i) => ({
      email: `candidate${i}@example.com`,
      first_name: `Candidate${i}`,
      last_name: 'Doe',
      contact_type: 'candidate',
    }));
    const added = expectStatus(await admin.command('POST', `/campaigns/${campaignId}/contacts`, { contacts }), 200);
    const contactIds = added.contactIds as string[];
    expect(contactIds).toHaveLength(CONTACTS);
    expectStatus(await admin.command('POST', `/campaigns/${campaignId}/activate`), 200);

    // The dispatcher asks the sender adapter for every contact; the adapter reports each send.
    await waitFor('300 dispatch requests', async () => requestsFor(campaignId).length >= CONTACTS, { timeoutMs: 90_000, intervalMs: 250 });
    const tokenOf = new Map(requestsFor(campaignId).map((r) => [r.contactId, r.tracking]));
    expect(new Set(requestsFor(campaignId).map((r) => r.contactId)).size).toBe(CONTACTS);

    const variantRows = await waitFor(
      'every contact projected as sent',
      async () => {
        const rows = await schemaQuery<{ id: string; ab_variant: string; status: string }>(
          `SELECT id, ab_variant, status FROM campaign_contacts WHERE campaign_id = $1`,
          [campaignId],
        );
        return rows.length === CONTACTS && rows.every((r) => r.status === 'sent') ? rows : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const variantOf = new Map(variantRows.map((r) => [r.id, r.ab_variant]));
    // No contact is pending any more: completed automatically (seed 004 auto-complete trigger 3),
    // before any engagement arrives — which is still recorded afterwards.
    await waitFor('the automatic completion', async () => (await admin.query(`/campaigns/${campaignId}`)).body.status === 'completed');

    // The engagement plan: disjoint sets, so the expected status of each contact is clear.
    const plan = contactIds.map((id, i) => {
      const bounce = i % 25 === 3;
      const unsubscribe = !bounce && i % 30 === 7;
      const reply = !bounce && !unsubscribe && i % 4 === 0;
      return { id, i, bounce, unsubscribe, reply, convert: reply && variantOf.get(id) === 'A', open: !bounce && i % 2 === 0, click: !bounce && i % 5 === 0 };
    });
    const userAgent = 'Mozilla/5.0 (e2e)';
    await inParallel(plan, 16, async (p) => {
      const tracking = tokenOf.get(p.id)!;
      if (p.open)
        expect(
          (await ingest(new URL(tracking.openPixelUrl!).pathname, { headers: { 'user-agent': userAgent, 'x-forwarded-for': '203.0.113.7' } })).status,
        ).toBe(200);
      if (p.click) {
        const target = 'https://intime.com/jobs/senior-java-developer';
        // As a sender adapter writes the link: the target, and its signature for this message.
        const url = tracking
          .clickUrlTemplate!.replace('{url}', encodeURIComponent(target))
          .replace('{sig}', outreachWire.tracking.signClickUrlWithKey(tracking.clickLinkKey!, target));
        const click = await ingest(new URL(url).pathname + new URL(url).search + '&text=View%20Job%20Details', { headers: { 'user-agent': userAgent } });
        expect(click.status).toBe(302);
        expect(click.headers.get('location')).toBe('https://intime.com/jobs/senior-java-developer');
      }
      if (p.reply)
        expect(
          (await webhook('replies', { token: tracking.token, channel: 'email', text: 'Interested, let us talk', providerEventId: `reply-${p.id}` })).status,
        ).toBeLessThan(300);
      if (p.convert)
        expectStatus(await admin.command('POST', `/campaigns/${campaignId}/contacts/${p.id}/conversions`, { conversion_type: 'phone_screen' }), 200);
      if (p.unsubscribe)
        expect(
          (
            await ingest(new URL(tracking.unsubscribeUrl).pathname, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: 'List-Unsubscribe=One-Click',
            })
          ).status,
        ).toBe(200);
      if (p.bounce)
        expect(
          (await webhook('bounces', { token: tracking.token, bounceType: 'hard', reason: '550 mailbox unavailable', providerEventId: `bounce-${p.id}` }))
            .status,
        ).toBeLessThan(300);
    });
    // Providers redeliver webhooks: the same providerEventId is acknowledged and changes nothing.
    const replayed = plan.filter((p) => p.reply).slice(0, 10);
    for (const p of replayed) {
      const again = await webhook('replies', {
        token: tokenOf.get(p.id)!.token,
        channel: 'email',
        text: 'Interested, let us talk',
        providerEventId: `reply-${p.id}`,
      });
      expect(again).toMatchObject({ status: 200, body: { duplicate: true } });
    }
    // An automated reply is not a response (seed 004: Excludes Out of Office).
    const quiet = plan.find((p) => !p.reply && !p.bounce && !p.unsubscribe)!;
    expect(
      (await webhook('replies', { token: tokenOf.get(quiet.id)!.token, autoReply: true, text: 'Out of office', providerEventId: `ooo-${quiet.id}` })).status,
    ).toBeLessThan(300);

    const count = (f: (p: (typeof plan)[number]) => boolean) => plan.filter(f).length;
    const expected = {
      contacts_reached: CONTACTS - count((p) => p.bounce) - count((p) => p.unsubscribe),
      emails_sent: CONTACTS,
      linkedin_messages_sent: 0,
      responses_received: count((p) => p.reply),
      conversions: count((p) => p.convert),
    };
    const expectedRate = Math.round((expected.responses_received / expected.contacts_reached) * 10_000) / 100;
    const view = await waitFor(
      'the counters to show every effect',
      async () => {
        const answer = await admin.query(`/campaigns/${campaignId}`);
        const body = answer.body;
        return Object.entries(expected).every(([k, v]) => body[k] === v) && body.response_rate === expectedRate ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    expect(view).toMatchObject({ status: 'completed', end_date: expect.stringContaining(today()) });
    const stats = view.contact_stats as { by_status: Record<string, number> };
    expect(stats.by_status).toMatchObject({
      bounced: count((p) => p.bounce),
      unsubscribed: count((p) => p.unsubscribe),
      converted: count((p) => p.convert),
      responded: count((p) => p.reply && !p.convert),
      opened: count((p) => !p.bounce && !p.unsubscribe && !p.reply && (p.open || p.click)),
      pending: 0,
    });

    // The counters, kept incrementally, equal the seed's own COUNT definitions.
    const [seedCounts] = await schemaQuery(SEED_COUNTS, [campaignId]);
    expect(seedCounts).toEqual(expected);
    const events = await schemaQuery<{ event_type: string; n: number }>(
      `SELECT et.event_type, COUNT(*)::int AS n FROM engagement_tracking et JOIN campaign_contacts cc ON cc.id = et.campaign_contact_id
        WHERE cc.campaign_id = $1 GROUP BY et.event_type`,
      [campaignId],
    );
    expect(Object.fromEntries(events.map((e) => [e.event_type, e.n]))).toEqual({
      email_sent: CONTACTS,
      email_opened: count((p) => p.open),
      link_clicked: count((p) => p.click),
      response_received: count((p) => p.reply),
      email_bounced: count((p) => p.bounce),
      unsubscribed: count((p) => p.unsubscribe),
    });
    const [click] = await schemaQuery<{ clicked_url: string; user_agent: string }>(
      `SELECT et.clicked_url, et.user_agent FROM engagement_tracking et JOIN campaign_contacts cc ON cc.id = et.campaign_contact_id
        WHERE cc.campaign_id = $1 AND et.event_type = 'link_clicked' LIMIT 1`,
      [campaignId],
    );
    expect(click).toEqual({ clicked_url: 'https://intime.com/jobs/senior-java-developer', user_agent: userAgent });

    // A/B: only variant A converted, so with ≥ 100 contacts per variant and ≥ 30 responses the
    // difference is significant and A wins by conversion rate (seed 004 winner determination).
    const ab = expectStatus(await admin.query(`/campaigns/${campaignId}/ab-test-results`), 200);
    const seedAb = await schemaQuery<{ ab_variant: string; total_contacts: string; responses: string; conversions: string }>(SEED_AB_QUERY, [campaignId]);
    const counts = (variant: string) => {
      const row = seedAb.find((r) => r.ab_variant === variant)!;
      return { contacts: Number(row.total_contacts), responses: Number(row.responses), conversions: Number(row.conversions) };
    };
    expect(counts('A').contacts + counts('B').contacts).toBe(CONTACTS);
    expect(counts('B').conversions).toBe(0);
    const judged = outreach.abTestResult({ A: counts('A'), B: counts('B') });
    expect(judged).toMatchObject({ significant: true, winner: 'A' });
    expect(ab).toMatchObject({ significant: true, winner: 'A', pValue: judged.pValue, variants: judged.variants });
    expect(judged.pValue).toBeLessThan(0.05);

    // seed 004 On Completion: a completion report for the owner, on the outreach events topic.
    const isReport = (value: Buffer | null) => {
      const event = value ? decodeEvent(value) : null;
      return event?.type === 'CampaignCompletionReported' && (event.data as { campaignId: string }).campaignId === campaignId ? event : null;
    };
    const messages = await collectMessages(testKafka(), `${platform.env.TOPIC_PREFIX}outreach.events`, (all) => all.some((m) => isReport(m.message.value)));
    const report = messages.map((m) => isReport(m.message.value)).find((e) => e !== null);
    expect(report?.data).toMatchObject({
      campaignId,
      ownerId: expect.any(String),
      reason: 'all_contacts_processed',
      endDate: today(),
      report: { totalContacts: CONTACTS, contactsReached: CONTACTS, emailsSent: CONTACTS, responsesReceived: 0, conversions: 0 },
    });

    // Archival 90 days after completion is a timer now (seed 004 archival rules).
    const timers = await waitFor('the archive timer', async () => {
      const listed = (await (
        await fetch(`${platform.url('timer-scheduler')}/v1/timers?campaignId=${campaignId}&context=outreach`, { headers: OPERATOR_HEADERS })
      ).json()) as { outreach?: { active: { timer_type: string; due_at: string }[] } };
      return listed.outreach?.active.find((t) => t.timer_type === 'CAMPAIGN_ARCHIVE');
    });
    const completedAt = Date.parse(String(view.updated_at));
    expect(Math.abs(Date.parse(timers.due_at) - completedAt - 90 * 86_400_000)).toBeLessThan(60_000);
  });

  it('another org sees none of it and cannot command it; no token, no answer', async () => {
    const owner = await registerOrganization(platform, 'Owner Org');
    const created = expectStatus(await owner.admin.command('POST', '/campaigns', { name: 'Private campaign' }), 201);
    const campaignId = String(created.campaignId);
    expectStatus(await owner.admin.command('POST', `/campaigns/${campaignId}/contacts`, { contacts: [{ email: 'someone@example.com' }] }), 200);
    await waitFor('the campaign row', async () => (await owner.admin.query(`/campaigns/${campaignId}`)).status === 200);

    const other = await registerOrganization(platform, 'Other Org');
    expect((await other.admin.query(`/campaigns/${campaignId}`)).status).toBe(404);
    expect((await other.admin.query('/campaigns')).body.items).toEqual([]);
    expect((await other.admin.query(`/campaigns/${campaignId}/contacts`)).body.items).toEqual([]);
    for (const action of ['activate', 'pause']) {
      expect(await other.admin.command('POST', `/campaigns/${campaignId}/${action}`)).toMatchObject({ status: 404, body: { code: 'CAMPAIGN_NOT_FOUND' } });
    }
    expect(await other.admin.command('POST', `/campaigns/${campaignId}/contacts`, { contacts: [{ email: 'intruder@example.com' }] })).toMatchObject({
      status: 404,
      body: { code: 'CAMPAIGN_NOT_FOUND' },
    });
    // A token of the owner's org with another user (team member): the org isolation policy lets it see.
    const teammate = new OutreachUser(
      platform,
      owner.orgId,
      '5f0c6a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f',
      tokenFor(owner.orgId, '5f0c6a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f', 'recruiter'),
    );
    expect((await teammate.query(`/campaigns/${campaignId}`)).body).toMatchObject({ id: campaignId, status: 'draft' });
    expect((await fetch(`${platform.url('projection')}/v1/outreach/campaigns/${campaignId}`)).status).toBe(401);
    expect((await fetch(`${platform.url('campaign-command')}/v1/outreach/campaigns/${campaignId}/activate`, { method: 'POST' })).status).toBe(401);
    const [row] = await schemaQuery<{ status: string; n: number }>(
      `SELECT c.status, (SELECT COUNT(*)::int FROM campaign_contacts WHERE campaign_id = c.id) AS n FROM campaigns c WHERE c.id = $1`,
      [campaignId],
    );
    expect(row).toEqual({ status: 'draft', n: 1 });
  });

  it('a soft bounce is retried through the timer-scheduler up to 3 times within 48 hours, then bounced', async () => {
    const { admin } = await registerOrganization(platform, 'Retry Org');
    const campaignId = String(expectStatus(await admin.command('POST', '/campaigns', { name: 'Soft bounce retries' }), 201).campaignId);
    const added = expectStatus(
      await admin.command('POST', `/campaigns/${campaignId}/contacts`, { contacts: [{ email: 'flaky@example.com' }, { email: 'later@example.com' }] }),
      200,
    );
    const [flaky, later] = added.contactIds as string[];
    held.add(later); // never reported sent: the campaign keeps a pending contact and stays active
    expectStatus(await admin.command('POST', `/campaigns/${campaignId}/activate`), 200);
    const scheduler = platform.url('timer-scheduler');
    const sendsOf = () => requestsFor(campaignId).filter((r) => r.contactId === flaky);

    let firstBounceAt = 0;
    for (const [retry, hours] of outreach.SOFT_BOUNCE_RETRY_HOURS.entries()) {
      await waitFor(`send ${retry + 1}`, async () => sendsOf().length === retry + 1);
      await waitFor(`send ${retry + 1} recorded`, async () => sender.reported.has(sendsOf()[retry].dispatchId));
      const token = sendsOf()[0].tracking.token;
      expect(
        (await webhook('bounces', { token, bounceType: 'soft', reason: '452 mailbox full', providerEventId: `soft-${flaky}-${retry}` })).status,
      ).toBeLessThan(300);
      if (retry === 0) firstBounceAt = Date.now();
      const timer = await waitFor(`retry timer ${retry + 1}`, async () => {
        const listed = (await (await fetch(`${scheduler}/v1/timers?campaignId=${campaignId}&context=outreach`, { headers: OPERATOR_HEADERS })).json()) as {
          outreach?: { active: { id: string; timer_type: string; due_at: string; status: string }[] };
        };
        return listed.outreach?.active.find((t) => t.timer_type === 'SOFT_BOUNCE_RETRY' && t.status === 'PENDING');
      });
      // seed 004: retries fall within 48 hours of the first soft bounce.
      expect(Math.abs(Date.parse(timer.due_at) - firstBounceAt - hours * 3_600_000)).toBeLessThan(120_000);
      expect((await fetch(`${scheduler}/v1/timers/${timer.id}/fire-now`, { method: 'POST', headers: OPERATOR_HEADERS })).status).toBeLessThan(300);
    }
    await waitFor('the fourth send', async () => sendsOf().length === 4);
    expect(sendsOf().map((r) => r.attempt)).toEqual([1, 2, 3, 4]);
    await waitFor('the fourth send recorded', async () => sender.reported.has(sendsOf()[3].dispatchId));
    expect(
      (await webhook('bounces', { token: sendsOf()[0].tracking.token, bounceType: 'soft', reason: '452 mailbox full', providerEventId: `soft-${flaky}-final` }))
        .status,
    ).toBeLessThan(300);
    const bounced = await waitFor('the contact bounced for good', async () => {
      const items = (await admin.query(`/campaigns/${campaignId}/contacts?status=bounced`)).body.items as { id: string }[];
      return items.find((c) => c.id === flaky);
    });
    expect(bounced).toBeDefined();
    const [engagement] = await schemaQuery<{ sent: number; bounced: number }>(
      `SELECT COUNT(*) FILTER (WHERE event_type = 'email_sent')::int AS sent, COUNT(*) FILTER (WHERE event_type = 'email_bounced')::int AS bounced
         FROM engagement_tracking WHERE campaign_contact_id = $1`,
      [flaky],
    );
    expect(engagement).toEqual({ sent: 4, bounced: 4 });
  });

  it('archive: 90 days after completion by timer, then read-only', async () => {
    const { admin } = await registerOrganization(platform, 'Archive Org');
    const campaignId = String(expectStatus(await admin.command('POST', '/campaigns', { name: 'Archive me' }), 201).campaignId);
    const added = expectStatus(await admin.command('POST', `/campaigns/${campaignId}/contacts`, { contacts: [{ email: 'keep@example.com' }] }), 200);
    held.add((added.contactIds as string[])[0]);
    expectStatus(await admin.command('POST', `/campaigns/${campaignId}/activate`), 200);
    expect(await admin.command('POST', `/campaigns/${campaignId}/activate`)).toMatchObject({ status: 409, body: { code: 'CAMPAIGN_ALREADY_ACTIVE' } });
    expectStatus(await admin.command('POST', `/campaigns/${campaignId}/complete`), 200);
    const scheduler = platform.url('timer-scheduler');
    const archive = await waitFor('the archive timer', async () => {
      const listed = (await (await fetch(`${scheduler}/v1/timers?campaignId=${campaignId}&context=outreach`, { headers: OPERATOR_HEADERS })).json()) as {
        outreach?: { active: { id: string; timer_type: string }[] };
      };
      return listed.outreach?.active.find((t) => t.timer_type === 'CAMPAIGN_ARCHIVE');
    });
    expect((await fetch(`${scheduler}/v1/timers/${archive.id}/fire-now`, { method: 'POST', headers: OPERATOR_HEADERS })).status).toBeLessThan(300);
    await waitFor('archived', async () => (await admin.query(`/campaigns/${campaignId}`)).body.status === 'archived');
    // seed 004: archived — no further edits allowed.
    expect(await admin.command('PATCH', `/campaigns/${campaignId}`, { description: 'too late' })).toMatchObject({
      status: 409,
      body: { code: 'CAMPAIGN_READ_ONLY' },
    });
  });
  it('a campaign takes its 100,000 contacts in one request, and not one more', async () => {
    const { admin } = await registerOrganization(platform, 'Bulk Org');
    const campaignId = String(
      expectStatus(await admin.command('POST', '/campaigns', { name: 'Bulk sourcing', target_contacts_count: 100_000 }), 201).campaignId,
    );
    const contacts = Array.from({ length: outreach.MAX_CONTACTS_PER_CAMPAIGN }, (_, i) => ({ email: `person${i}@example.com`, first_name: `Person${i}` }));
    const added = expectStatus(await admin.command('POST', `/campaigns/${campaignId}/contacts`, { contacts }), 200);
    expect(new Set(added.contactIds as string[]).size).toBe(100_000);
    // seed 004: target_contacts_count is at most 100,000 — a campaign holds no more.
    expect(await admin.command('POST', `/campaigns/${campaignId}/contacts`, { contacts: [{ email: 'one-more@example.com' }] })).toMatchObject({
      status: 422,
      body: { code: 'CAMPAIGN_TOO_MANY_CONTACTS' },
    });
    const stats = await waitFor(
      '100,000 contacts in the read model',
      async () => {
        const view = (await admin.query(`/campaigns/${campaignId}`)).body as { contact_stats?: { total: number; pending: number } };
        return view.contact_stats?.total === 100_000 ? view.contact_stats : undefined;
      },
      { timeoutMs: 240_000, intervalMs: 1_000 },
    );
    expect(stats.pending).toBe(100_000);
  }, 400_000);
});
