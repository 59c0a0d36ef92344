import { decodeEvent } from '@campaign/contracts';
import { collectMessages, testKafka, testPool, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { OPERATOR_HEADERS, Platform, postJson } from './support/platform';
import { type Answer, OutreachUser, registerOrganization, SenderAdapter, tokenFor } from './support/outreach';

const expectStatus = (answer: Answer, status: number) => {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
};

/** Everything the platform knows of one person, each value distinctive enough to be searched for. */
const PAT = {
  email: 'pat.erasable@person.example',
  first_name: 'Patricia-Erasable',
  last_name: 'Forgetmenot',
  linkedin_url: 'https://linkedin.com/in/pat-forgetmenot',
  reply: 'Call me on 555-0199, Patricia',
  ip: '198.51.100.77',
  userAgent: 'PatBrowser/9.9 (erasure-e2e)',
};
const PAT_VALUES = [PAT.email, PAT.first_name, PAT.last_name, 'pat-forgetmenot', '555-0199', PAT.ip, 'PatBrowser'];

/**
 * Issue 11 point 9 — erasure of personal data from an immutable log: the person's values are
 * sealed in every event under keys kept apart; erasing the person deletes the keys, so no copy
 * in the event store, a read model or a rebuild can reveal them, while counters and history stay.
 */
describe('personal data: erased from the event store, the read models and a rebuild (right to be forgotten)', () => {
  const platform = new Platform();
  const sender = new SenderAdapter(platform);
  let db: Pool;

  beforeAll(async () => {
    platform.env.TRUSTED_PROXY_HOPS = '1';
    platform.env.DISPATCH_INTERVAL_MS = '200';
    platform.env.SEND_LIMITS_OVERRIDE = JSON.stringify({ email: { minIntervalMs: 0, windows: { email_per_hour: 1_000, email_per_day: 1_000 } } });
    await platform.start('analytics-ingest');
    platform.env.TRACKING_BASE_URL = platform.url('analytics-ingest');
    await Promise.all([platform.start('campaign-command'), platform.start('projection'), platform.start('timer-scheduler')]);
    await sender.start();
    db = testPool(4);
  });
  afterAll(async () => {
    await sender.stop();
    await db?.end();
    await platform.stopAll();
  });

  /** The text of every row of every table of a schema, as one string to search. */
  const dumpOf = async (schema: string): Promise<string> => {
    const { rows: tables } = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
      [schema],
    );
    const parts: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await db.query<{ dump: string | null }>(`SELECT string_agg(t::text, E'\\n') AS dump FROM "${schema}"."${table_name}" t`);
      parts.push(rows[0].dump ?? '');
    }
    return parts.join('\n');
  };
  const foundIn = (dump: string) => PAT_VALUES.filter((value) => dump.includes(value));
  const contactRow = async (contactId: string) =>
    (
      await db.query<Record<string, unknown>>(
        `SELECT email, first_name, last_name, linkedin_url, response_text, status, responded_at, personal_data_erased_at
           FROM "${platform.env.OUTREACH_SCHEMA}".campaign_contacts WHERE id = $1`,
        [contactId],
      )
    ).rows[0];

  it('after an admin erases a person, no store, read model or rebuild holds their values; counters and history stay', async () => {
    const { orgId, admin, templates } = await registerOrganization(platform, 'Forgetful Talent');
    const lead = expectStatus(
      await admin.command('POST', '/leads', { firstName: PAT.first_name, lastName: PAT.last_name, email: PAT.email, linkedinUrl: PAT.linkedin_url }),
      201,
    );
    const campaign = expectStatus(
      await admin.command('POST', '/campaigns', {
        name: 'Erasure check',
        campaign_type: 'talent_sourcing',
        channel: 'email',
        variant_a_template_id: templates[0],
      }),
      201,
    );
    const campaignId = String(campaign.campaignId);
    const added = expectStatus(
      await admin.command('POST', `/campaigns/${campaignId}/contacts`, {
        contacts: [
          { email: PAT.email, first_name: PAT.first_name, last_name: PAT.last_name, linkedin_url: PAT.linkedin_url },
          { email: 'kim.stays@person.example', first_name: 'Kim', last_name: 'Stays' },
        ],
      }),
      200,
    );
    const [patId, kimId] = added.contactIds as string[];
    expectStatus(await admin.command('POST', `/campaigns/${campaignId}/activate`), 200);
    const request = await waitFor(
      'Pat dispatched and reported sent',
      async () => {
        const sent = sender.requests.find((r) => r.contactId === patId);
        return sent && sender.reported.has(sent.dispatchId) ? sent : undefined;
      },
      { timeoutMs: 60_000 },
    );
    const opened = await fetch(`${platform.url('analytics-ingest')}${new URL(request.tracking.openPixelUrl!).pathname}`, {
      headers: { 'user-agent': PAT.userAgent, 'x-forwarded-for': PAT.ip },
    });
    expect(opened.status).toBe(200);
    await waitFor('the open projected', async () => (await contactRow(patId))?.status === 'opened');
    expectStatus(await admin.command('POST', `/campaigns/${campaignId}/contacts/${patId}/responses`, { channel: 'email', response_text: PAT.reply }), 200);
    await waitFor('the reply projected', async () => (await contactRow(patId))?.response_text === PAT.reply);

    // Before: the read models show Pat; the event store and the events topic hold Pat's values only sealed.
    expect(foundIn(await dumpOf(platform.env.OUTREACH_SCHEMA))).toEqual(expect.arrayContaining([PAT.email, PAT.first_name, '555-0199', PAT.ip]));
    expect(foundIn(await dumpOf(platform.env.EVENTSTORE_SCHEMA))).toEqual([]);
    const patAdded = (m: { message: { value: Buffer | null } }) => {
      const event = decodeEvent(m.message.value as Buffer);
      return event.type === 'ContactAdded' && (event.data as { contactId: string }).contactId === patId ? event : undefined;
    };
    const onTheWire = await collectMessages(testKafka(), `${platform.env.TOPIC_PREFIX}outreach.events`, (messages) => messages.some(patAdded));
    const wireAdded = onTheWire.map(patAdded).find(Boolean);
    expect(String((wireAdded?.data as { email: string }).email)).toMatch(/^pii:v1:/);

    // Only an org admin may erase a person (a recruiter is refused, nothing erased).
    const recruiter = new OutreachUser(
      platform,
      orgId,
      '5f0c6a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f',
      tokenFor(orgId, '5f0c6a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f', 'recruiter'),
    );
    expect(expectStatus(await recruiter.command('POST', '/personal-data/erasures', { email: PAT.email, reason: 'request' }), 403).code).toBe('FORBIDDEN');
    const erased = expectStatus(
      await admin.command('POST', '/personal-data/erasures', { email: PAT.email.toUpperCase(), reason: 'GDPR art. 17 request #7' }),
      201,
    );
    expect(erased.status).toBe('ACCEPTED');

    const after = await waitFor('Pat blanked in the read models', async () => {
      const row = await contactRow(patId);
      return row?.personal_data_erased_at ? row : undefined;
    });
    // History and counters stay: Pat responded, and the campaign still counts it.
    expect(after).toMatchObject({ email: null, first_name: null, last_name: null, linkedin_url: null, response_text: null, status: 'responded' });
    expect(after.responded_at).not.toBeNull();
    expect((await admin.query(`/campaigns/${campaignId}`)).body).toMatchObject({ responses_received: 1 });
    expect(await contactRow(kimId)).toMatchObject({ email: 'kim.stays@person.example', first_name: 'Kim', personal_data_erased_at: null });
    const leadRow = await db.query(`SELECT email, first_name, personal_data_erased_at FROM "${platform.env.OUTREACH_SCHEMA}".leads WHERE id = $1`, [
      lead.leadId,
    ]);
    expect(leadRow.rows[0]).toMatchObject({ email: null, first_name: null, personal_data_erased_at: expect.any(Date) });

    // Nowhere: the read models, the dispatcher's state, the event store.
    await waitFor('the dispatcher forgot Pat', async () => foundIn(await dumpOf(platform.env.DISPATCH_SCHEMA)).length === 0);
    expect(foundIn(await dumpOf(platform.env.OUTREACH_SCHEMA))).toEqual([]);
    expect(foundIn(await dumpOf(platform.env.EVENTSTORE_SCHEMA))).toEqual([]);

    // A full rebuild from the event store brings none of it back, and still marks Pat erased.
    const rebuilt = await postJson(`${platform.url('projection')}/v1/admin/rebuild/outreach`, {}, OPERATOR_HEADERS);
    expect(rebuilt.status).toBe(200);
    expect(foundIn(await dumpOf(platform.env.OUTREACH_SCHEMA))).toEqual([]);
    expect(await contactRow(patId)).toMatchObject({ email: null, status: 'responded', personal_data_erased_at: expect.any(Date) });
    expect(await contactRow(kimId)).toMatchObject({ email: 'kim.stays@person.example' });

    // The erasure is audited: who, why and which subjects — and no value of the person.
    const audit = await db.query<{ data: Record<string, unknown>; actor: string }>(
      `SELECT data, actor FROM "${platform.env.EVENTSTORE_SCHEMA}".events WHERE event_type = 'PersonalDataErased'`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].data).toMatchObject({ basis: 'request', reason: 'GDPR art. 17 request #7', requestedBy: `user:${admin.userId}` });
    expect((audit.rows[0].data.subjects as string[]).sort()).toEqual(
      [`outreach-${orgId}/contact/${patId}`, `outreach-${orgId}/lead/${String(lead.leadId)}`].sort(),
    );
  });

  // seed 004: Data Privacy — "Campaign data retained for 2 years".
  it('two years after a campaign ended its contacts are erased by the timer-scheduler: the retention timer is set at completion and erases when it fires', async () => {
    const { admin, templates } = await registerOrganization(platform, 'Retention Talent');
    const campaignId = String(
      expectStatus(await admin.command('POST', '/campaigns', { name: 'Old campaign', channel: 'email', variant_a_template_id: templates[0] }), 201).campaignId,
    );
    const other = String(expectStatus(await admin.command('POST', '/campaigns', { name: 'Newer campaign', channel: 'email' }), 201).campaignId);
    const added = expectStatus(
      await admin.command('POST', `/campaigns/${campaignId}/contacts`, { contacts: [{ email: 'old.one@person.example', first_name: 'Oldone' }] }),
      200,
    );
    const keptId = (
      expectStatus(await admin.command('POST', `/campaigns/${other}/contacts`, { contacts: [{ email: 'old.one@person.example' }] }), 200).contactIds as string[]
    )[0];
    const [contactId] = added.contactIds as string[];
    expectStatus(await admin.command('POST', `/campaigns/${campaignId}/activate`), 200);
    expectStatus(await admin.command('POST', `/campaigns/${campaignId}/complete`), 200);
    const completedAt = Date.now();
    const scheduler = platform.url('timer-scheduler');
    const retention = await waitFor('the retention timer', async () => {
      const listed = (await (await fetch(`${scheduler}/v1/timers?campaignId=${campaignId}&context=outreach`, { headers: OPERATOR_HEADERS })).json()) as {
        outreach?: { active: { id: string; timer_type: string; due_at: string }[] };
      };
      return listed.outreach?.active.find((t) => t.timer_type === 'DATA_RETENTION');
    });
    const dueIn = Date.parse(retention.due_at) - completedAt;
    expect(Math.abs(dueIn - 730 * 86_400_000)).toBeLessThan(120_000);
    // Two years are not waited for: an operator fires it now, as the clock would.
    expect((await fetch(`${scheduler}/v1/timers/${retention.id}/fire-now`, { method: 'POST', headers: OPERATOR_HEADERS })).status).toBeLessThan(300);
    const erased = await waitFor("the campaign's contacts erased", async () => {
      const row = await contactRow(contactId);
      return row?.personal_data_erased_at ? row : undefined;
    });
    expect(erased).toMatchObject({ email: null, first_name: null });
    // The same person in a campaign that has not expired keeps their data there.
    expect(await contactRow(keptId)).toMatchObject({ email: 'old.one@person.example', personal_data_erased_at: null });
    const audit = await db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM "${platform.env.EVENTSTORE_SCHEMA}".events WHERE event_type = 'PersonalDataErased' AND data->>'campaignId' = $1`,
      [campaignId],
    );
    expect(audit.rows.map((r) => r.data)).toEqual([expect.objectContaining({ basis: 'retention', requestedBy: expect.stringMatching(/^service:/) })]);
  });
});
