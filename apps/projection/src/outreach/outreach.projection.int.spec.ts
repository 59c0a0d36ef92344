import { dumpTables } from '@campaign/testing';
import type { Pool } from 'pg';
import { OUTREACH_TABLES } from './outreach.schema';
import { campaignSettings, OutreachHistory, useOutreachSchemas } from './testing';

/** One org: an email campaign whose contacts take every path of the contact workflow. */
const history = () => {
  const h = new OutreachHistory().organization();
  const owner = h.user('ta_manager');
  const lead = h.lead();
  const campaignId = h.createCampaign(owner);
  const [sent, opened, responded, converted, bounced, unsubscribed, pending, fromLead] = h.addContacts(campaignId, [
    {},
    {},
    {},
    {},
    {},
    {},
    {},
    { leadId: lead },
  ]);
  h.changeStatus(campaignId, 'active', { startDate: '2026-03-02' });
  for (const id of [sent, opened, responded, converted, bounced, unsubscribed, fromLead]) h.dispatchRequested(id).sent(id);
  h.opened(opened).clicked(opened).opened(opened);
  h.opened(responded).responded(responded, 'Sounds good');
  h.responded(converted, null).converted(converted, 'phone_screen');
  h.bounced(bounced, { final: false }).requeued(bounced).sent(bounced).bounced(bounced, { final: true });
  h.unsubscribed(unsubscribed);
  return { h, owner, campaignId, ids: { sent, opened, responded, converted, bounced, unsubscribed, pending, fromLead } };
};

describe('outreach projection (seed 004 read models)', () => {
  const schemas = useOutreachSchemas();
  const { projectionIn } = schemas;
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));

  it('writes campaigns, campaign_contacts and engagement_tracking rows as seed 004 defines them', async () => {
    const { schema, runner } = await projectionIn('or_rows');
    const { h, owner, campaignId, ids } = history();
    const result = await runner.applyBatch(h.envelopes);
    expect(result.deadLetters).toEqual([]);

    const {
      rows: [campaign],
    } = await pool.query(`SELECT *, start_date::text AS start_date FROM ${schema}.campaigns WHERE id = $1`, [campaignId]);
    expect(campaign).toMatchObject({
      org_id: h.orgId,
      name: 'Q1 2024 Senior Java Developer Sourcing - NYC',
      campaign_type: 'talent_sourcing',
      channel: 'email',
      status: 'active',
      target_locations: ['New York, NY', 'Jersey City, NJ', 'Remote - US'],
      target_contacts_count: 500,
      target_response_rate: '15.00',
      is_ab_test: false,
      ab_split_percentage: 50,
      owner_id: owner,
      created_by: owner,
      start_date: '2026-03-02',
      // seed 004: contacts_reached counts status IN ('sent', 'opened', 'responded', 'converted') — not bounced or unsubscribed
      contacts_reached: 5,
      // seed 004 update_campaign_metrics: contacts with an 'email_sent' engagement (the bounced one too)
      emails_sent: 7,
      linkedin_messages_sent: 0,
      responses_received: 2,
      conversions: 1,
      // seed 004 update_campaign_response_rate: ROUND(2 / 5 * 100, 2)
      response_rate: '40.00',
    });

    const { rows: contacts } = await pool.query(`SELECT * FROM ${schema}.campaign_contacts WHERE campaign_id = $1`, [campaignId]);
    const status = Object.fromEntries(contacts.map((c) => [c.id, c.status]));
    expect(status).toEqual({
      [ids.sent]: 'sent',
      [ids.opened]: 'opened',
      [ids.responded]: 'responded',
      [ids.converted]: 'converted',
      [ids.bounced]: 'bounced',
      [ids.unsubscribed]: 'unsubscribed',
      [ids.pending]: 'pending',
      [ids.fromLead]: 'sent',
    });
    const byId = new Map(contacts.map((c) => [c.id, c]));
    expect(byId.get(ids.opened)).toMatchObject({ channel: 'email', opened_at: expect.any(Date), clicked_at: expect.any(Date), responded_at: null });
    expect(byId.get(ids.responded)).toMatchObject({ response_text: 'Sounds good', responded_at: expect.any(Date) });
    expect(byId.get(ids.converted)).toMatchObject({
      conversion_type: 'phone_screen',
      converted_at: expect.any(Date),
      conversion_entity_id: expect.any(String),
    });
    expect(byId.get(ids.fromLead)).toMatchObject({ lead_id: expect.any(String), contact_type: 'candidate' });
    expect(byId.get(ids.pending)).toMatchObject({ sent_at: null, channel: null });

    const { rows: engagement } = await pool.query(
      `SELECT event_type, count(*)::int AS n FROM ${schema}.engagement_tracking GROUP BY event_type ORDER BY event_type`,
    );
    expect(engagement).toEqual([
      { event_type: 'email_bounced', n: 2 },
      { event_type: 'email_opened', n: 3 },
      { event_type: 'email_sent', n: 8 },
      { event_type: 'link_clicked', n: 1 },
      { event_type: 'response_received', n: 2 },
      { event_type: 'unsubscribed', n: 1 },
    ]);
    const {
      rows: [click],
    } = await pool.query(`SELECT * FROM ${schema}.engagement_tracking WHERE event_type = 'link_clicked'`);
    // seed 004 Sample Data: link_clicked carries { url, link_text } plus user_agent and ip_address
    expect(click).toMatchObject({
      campaign_contact_id: ids.opened,
      clicked_url: 'https://intime.com/jobs/senior-java-developer',
      user_agent: 'Mozilla/5.0',
      ip_address: '192.168.1.1',
      event_data: { url: 'https://intime.com/jobs/senior-java-developer', link_text: 'View Job Details' },
    });
  });

  it('a projection fed each event twice, then the whole history again, equals one fed once', async () => {
    const { h } = history();
    const once = await projectionIn('or_once');
    await once.runner.applyBatch(h.envelopes);
    const twice = await projectionIn('or_twice');
    for (const event of h.envelopes) await twice.runner.applyBatch([event, event]);
    const replay = await twice.runner.applyBatch(h.envelopes);

    expect(replay).toMatchObject({ applied: 0, skipped: h.envelopes.length });
    const strip = (dump: Record<string, unknown[]>) => JSON.parse(JSON.stringify(dump));
    expect(strip(await dumpTables(pool, twice.schema, OUTREACH_TABLES))).toEqual(strip(await dumpTables(pool, once.schema, OUTREACH_TABLES)));
  });

  it("keeps the events' times in updated_at, and stamps NOW() on any other writer's update (seed 004 updated_at trigger)", async () => {
    const { schema, runner } = await projectionIn('or_times');
    const { h, campaignId } = history();
    await runner.applyBatch(h.envelopes);
    const campaignEvents = h.envelopes.filter((e) => (e.data as { campaignId?: string }).campaignId === campaignId);
    const latest = Math.max(...campaignEvents.map((e) => Date.parse(e.occurredAt)));
    const updatedAt = async () => (await pool.query(`SELECT updated_at FROM ${schema}.campaigns WHERE id = $1`, [campaignId])).rows[0].updated_at as Date;
    // The history's clock is far from today: a NOW() stamp would show.
    expect((await updatedAt()).getTime()).toBe(latest);
    await pool.query(`UPDATE ${schema}.campaigns SET description = 'edited by hand' WHERE id = $1`, [campaignId]);
    expect(Math.abs((await updatedAt()).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('consumes ContactDispatchFailed (no dead letter, checkpoint kept) and changes no row: the contact stays pending', async () => {
    const { schema, runner } = await projectionIn('or_failed');
    const h = new OutreachHistory().organization();
    const campaignId = h.createCampaign(h.user());
    const [contact] = h.addContacts(campaignId, [{}]);
    h.changeStatus(campaignId, 'active', { startDate: '2026-03-02' }).dispatchRequested(contact);
    await runner.applyBatch(h.envelopes);
    const strip = (dump: Record<string, unknown[]>) => JSON.parse(JSON.stringify(dump));
    const before = strip(await dumpTables(pool, schema, OUTREACH_TABLES));
    const seen = h.envelopes.length;
    h.dispatchFailed(contact, true).dispatchFailed(contact, false);
    const failures = h.envelopes.slice(seen);

    expect(await runner.applyBatch(failures)).toMatchObject({ applied: 2, deadLetters: [] });
    expect(strip(await dumpTables(pool, schema, OUTREACH_TABLES))).toEqual(before);
    expect(await runner.applyBatch(failures)).toMatchObject({ applied: 0, skipped: 2 });
    const { rows } = await pool.query(`SELECT status FROM ${schema}.campaign_contacts WHERE id = $1`, [contact]);
    expect(rows).toEqual([{ status: 'pending' }]);
  });

  it('CampaignUpdated replaces every setting; CampaignStatusChanged keeps start_date and sets end_date on completion', async () => {
    const { schema, runner } = await projectionIn('or_status');
    const h = new OutreachHistory().organization();
    const owner = h.user('admin');
    const [a, b] = [h.template('email'), h.template('email')];
    const campaignId = h.createCampaign(owner, { startDate: '2026-03-10' });
    h.updateCampaign(campaignId, {
      ...campaignSettings(owner, { startDate: '2026-03-10' }),
      name: 'Renamed campaign',
      channel: 'combined',
      isAbTest: true,
      variantATemplateId: a,
      variantBTemplateId: b,
      abSplitPercentage: 70,
      targetCompanySizes: ['51-200'],
    });
    h.addContacts(campaignId, [{ abVariant: 'A' }]);
    h.changeStatus(campaignId, 'active')
      .changeStatus(campaignId, 'paused')
      .changeStatus(campaignId, 'active')
      .changeStatus(campaignId, 'completed', { endDate: '2026-04-01' });
    await runner.applyBatch(h.envelopes);
    const {
      rows: [row],
    } = await pool.query(
      `SELECT name, channel, is_ab_test, variant_a_template_id, variant_b_template_id, ab_split_percentage, target_company_sizes,
              status, start_date::text, end_date::text FROM ${schema}.campaigns WHERE id = $1`,
      [campaignId],
    );
    expect(row).toEqual({
      name: 'Renamed campaign',
      channel: 'combined',
      is_ab_test: true,
      variant_a_template_id: a,
      variant_b_template_id: b,
      ab_split_percentage: 70,
      target_company_sizes: ['51-200'],
      status: 'completed',
      start_date: '2026-03-10',
      end_date: '2026-04-01',
    });
  });

  it('adds 100,000 contacts in one batch: all rows, counters untouched (its speed is measured in bench/)', async () => {
    const { schema, runner } = await projectionIn('or_bulk');
    const h = new OutreachHistory().organization();
    const campaignId = h.createCampaign(h.user());
    h.addContacts(
      campaignId,
      Array.from({ length: 100_000 }, (_, i) => ({ abVariant: i % 2 === 0 ? 'A' : 'B' }) as const),
    );
    const result = await runner.applyBatch(h.envelopes);
    expect(result.applied).toBe(h.envelopes.length);
    const {
      rows: [count],
    } = await pool.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'pending')::int AS pending FROM ${schema}.campaign_contacts`);
    expect(count).toEqual({ n: 100_000, pending: 100_000 });
    const {
      rows: [campaign],
    } = await pool.query(`SELECT contacts_reached, response_rate::float FROM ${schema}.campaigns`);
    expect(campaign).toEqual({ contacts_reached: 0, response_rate: 0 });
  }, 120_000);

  it('sets aside a contact event whose campaign is unknown as a dead letter without blocking the rest', async () => {
    const { schema, runner } = await projectionIn('or_dead');
    const h = new OutreachHistory().organization();
    const campaignId = h.createCampaign(h.user());
    const [contact] = h.addContacts(campaignId, [{}]);
    const orphan = h.envelopes.find((e) => e.type === 'ContactAdded' && (e.data as { contactId: string }).contactId === contact);
    const broken = { ...orphan!, data: { ...(orphan!.data as object), campaignId: '00000000-0000-4000-8000-000000000000' } };
    const result = await runner.applyBatch([...h.envelopes.filter((e) => e !== orphan), broken]);
    expect(result.deadLetters.map((d) => d.event.eventId)).toEqual([broken.eventId]);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.campaigns`);
    expect(rows).toEqual([{ n: 1 }]);
  });
});
