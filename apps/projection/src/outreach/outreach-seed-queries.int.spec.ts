import type { Pool } from 'pg';
import { AB_TEST_RESULTS, ACTIVE_CAMPAIGNS_FOR_OWNER, CAMPAIGN_PERFORMANCE_DASHBOARD, PERFORMANCE_SUMMARY_SELECT } from './seed-queries';
import { OutreachHistory, useOutreachSchemas } from './testing';

/**
 * One org with an active A/B campaign, a paused one, a draft and a completed one, and a second
 * org whose campaign the org-scoped queries must leave out.
 */
const world = () => {
  const h = new OutreachHistory().organization();
  const owner = h.user('ta_manager');
  const colleague = h.user('recruiter');
  const [a, b] = [h.template('email'), h.template('email')];
  const ab = h.createCampaign(owner, { name: 'AB campaign', isAbTest: true, variantATemplateId: a, variantBTemplateId: b });
  const abContacts = h.addContacts(ab, [{ abVariant: 'A' }, { abVariant: 'A' }, { abVariant: 'A' }, { abVariant: 'B' }, { abVariant: 'B' }]);
  h.changeStatus(ab, 'active', { startDate: '2026-03-02' });
  const [a1, a2, , b1] = abContacts;
  h.sent(a1).opened(a1).responded(a1).converted(a1);
  h.sent(a2).responded(a2);
  h.sent(b1).bounced(b1, { final: true });
  const paused = h.createCampaign(owner, { name: 'Paused campaign' });
  const [p1] = h.addContacts(paused, [{}, {}]);
  h.changeStatus(paused, 'active', { startDate: '2026-03-02' }).sent(p1).changeStatus(paused, 'paused');
  const draft = h.createCampaign(owner, { name: 'Draft campaign' });
  const others = h.createCampaign(colleague, { name: 'Colleague campaign' });
  h.addContacts(others, [{}]);
  h.changeStatus(others, 'active', { startDate: '2026-03-02' });
  const completed = h.createCampaign(owner, { name: 'Done campaign' });
  h.addContacts(completed, [{}]);
  h.changeStatus(completed, 'active', { startDate: '2026-03-02' }).changeStatus(completed, 'completed', { endDate: '2026-03-03' });
  const stranger = new OutreachHistory().organization();
  const strangerCampaign = stranger.createCampaign(stranger.user());
  stranger.addContacts(strangerCampaign, [{}]);
  stranger.changeStatus(strangerCampaign, 'active', { startDate: '2026-03-02' });
  return { envelopes: [...h.envelopes, ...stranger.envelopes], orgId: h.orgId, owner, ab, paused, draft, others, completed, strangerCampaign };
};

describe('seed 004 queries run unmodified against the projection', () => {
  const schemas = useOutreachSchemas();
  let pool: Pool;
  let seedSchema: string;
  let w: ReturnType<typeof world>;

  beforeAll(async () => {
    pool = schemas.pool();
    const { schema, runner, projection } = await schemas.projectionIn('or_seedq');
    seedSchema = schema;
    w = world();
    await runner.applyBatch(w.envelopes);
    await projection.refreshViews(pool);
  });

  /** Runs a seed query as printed, with search_path set to the outreach schema (as an analyst would). */
  const seedQuery = async (sql: string, params: unknown[] = []) => {
    const client = await pool.connect();
    try {
      await client.query(`SET search_path TO ${seedSchema}`);
      return (await client.query(sql, params)).rows;
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  };

  it('Most Common Queries → active campaigns for owner', async () => {
    const rows = await seedQuery(ACTIVE_CAMPAIGNS_FOR_OWNER, [w.owner]);
    // Only the owner's campaign that is active: the paused, draft and completed ones and the colleague's are not.
    expect(rows.map((r) => r.id)).toEqual([w.ab]);
  });

  it('Most Common Queries → campaign performance dashboard (active and paused, with contact totals)', async () => {
    const rows = await seedQuery(CAMPAIGN_PERFORMANCE_DASHBOARD, [w.orgId]);
    const shaped = rows.map((r) => ({
      id: r.id,
      status: r.status,
      reached: r.contacts_reached,
      responses: r.responses_received,
      conversions: r.conversions,
      rate: r.response_rate,
      total: Number(r.total_contacts),
      pending: Number(r.pending_contacts),
    }));
    expect(shaped).toEqual([
      { id: w.others, status: 'active', reached: 0, responses: 0, conversions: 0, rate: '0.00', total: 1, pending: 1 },
      { id: w.paused, status: 'paused', reached: 1, responses: 0, conversions: 0, rate: '0.00', total: 2, pending: 1 },
      // a1 converted, a2 responded: reached 2 (b1 bounced), 2 responses → 100.00
      { id: w.ab, status: 'active', reached: 2, responses: 2, conversions: 1, rate: '100.00', total: 5, pending: 2 },
    ]);
  });

  it('Most Common Queries → A/B test results per variant', async () => {
    const rows = await seedQuery(AB_TEST_RESULTS, [w.ab]);
    const byVariant = Object.fromEntries(
      rows.map((r) => [r.ab_variant, [Number(r.total_contacts), Number(r.responses), Number(r.conversions), r.response_rate]]),
    );
    expect(byVariant).toEqual({ A: [3, 2, 1, '66.67'], B: [2, 0, 0, '0.00'] });
  });

  it('Materialized Views → campaign_performance_summary equals its own SELECT, one row per campaign', async () => {
    const view = await seedQuery('SELECT * FROM campaign_performance_summary ORDER BY campaign_id');
    const select = await seedQuery(PERFORMANCE_SUMMARY_SELECT);
    const byId = (a: { campaign_id: string }, b: { campaign_id: string }) => a.campaign_id.localeCompare(b.campaign_id);
    expect([...view].sort(byId)).toEqual([...select].sort(byId));
    const ab = view.find((r) => r.campaign_id === w.ab);
    // 5 contacts, 2 pending; events: 3 sends, 1 open, 2 responses, 1 bounce
    expect(ab).toMatchObject({ contacts_reached: 2, conversions: 1, conversion_rate: '50.00', total_contacts: '5', pending_contacts: '2', total_events: '7' });
    expect(view).toHaveLength(6);
  });

  it('the summary is refreshed concurrently: a change shows after refreshViews, not before', async () => {
    const { schema, runner, projection } = await schemas.projectionIn('or_refresh');
    const h = new OutreachHistory().organization();
    const campaign = h.createCampaign(h.user());
    const [contact] = h.addContacts(campaign, [{}]);
    await runner.applyBatch(h.envelopes);
    await projection.refreshViews(pool);
    const before = h.envelopes.length;
    h.sent(contact);
    await runner.applyBatch(h.envelopes.slice(before));
    const read = async () => (await pool.query(`SELECT contacts_reached, total_events::int FROM ${schema}.campaign_performance_summary`)).rows;
    expect(await read()).toEqual([{ contacts_reached: 0, total_events: 0 }]);
    await projection.refreshViews(pool);
    expect(await read()).toEqual([{ contacts_reached: 1, total_events: 1 }]);
  });
});
