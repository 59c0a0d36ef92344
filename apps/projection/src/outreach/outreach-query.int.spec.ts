import { randomUUID } from 'node:crypto';
import { signJwt } from '@campaign/runtime';
import { TEST_JWT_SECRET } from '@campaign/testing';
import type { Pool } from 'pg';
import { useQueryApp } from '../shared/testing';
import { OutreachQueryController } from './outreach-query.controller';
import { OutreachQueryService } from './outreach-query.service';
import { OUTREACH_API_ROLE } from './outreach.rls';
import { OutreachHistory, useOutreachSchemas } from './testing';

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const tokenFor = (orgId: string, sub: string, role = 'recruiter', exp = inAnHour(), secret = TEST_JWT_SECRET) =>
  signJwt({ sub, org_id: orgId, role, exp }, secret);

/** An A/B campaign of org 1 with 120 contacts per variant; an email campaign of org 2. */
const twoOrgs = () => {
  const one = new OutreachHistory().organization('Org One');
  const owner = one.user('ta_manager');
  const [a, b] = [one.template('email'), one.template('email')];
  const abCampaign = one.createCampaign(owner, { name: 'AB sourcing', isAbTest: true, variantATemplateId: a, variantBTemplateId: b, targetContactsCount: 400 });
  const ids = one.addContacts(
    abCampaign,
    Array.from({ length: 240 }, (_, i) => ({ abVariant: i < 120 ? 'A' : 'B' }) as const),
  );
  one.changeStatus(abCampaign, 'active', { startDate: '2026-03-02' });
  // A: 120 sent, 30 respond, 24 convert. B: 120 sent, 20 respond, 6 convert.
  ids.forEach((id, i) => {
    one.sent(id);
    const k = i % 120;
    if (k < (i < 120 ? 30 : 20)) one.responded(id);
    if (k < (i < 120 ? 24 : 6)) one.converted(id);
  });
  const plain = one.createCampaign(owner, { name: 'Plain draft', targetContactsCount: null });
  const two = new OutreachHistory().organization('Org Two');
  const otherOwner = two.user('admin');
  const otherCampaign = two.createCampaign(otherOwner, { name: 'Other org campaign' });
  two.addContacts(otherCampaign, [{}, {}]);
  return { one, two, owner, otherOwner, abCampaign, plain, otherCampaign };
};

describe('outreach query API (seed 004 API Examples, RLS Policies)', () => {
  const schemas = useOutreachSchemas();
  const { start, get } = useQueryApp('outreach-query-test');
  let pool: Pool;
  let world: ReturnType<typeof twoOrgs>;
  let schema: string;

  beforeAll(async () => {
    pool = schemas.pool();
    const made = await schemas.projectionIn('or_api');
    schema = made.schema;
    world = twoOrgs();
    await made.runner.applyBatch([...world.one.envelopes, ...world.two.envelopes]);
    await made.projection.refreshViews(pool);
    await start({ config: { OUTREACH_SCHEMA: schema }, pool, controllers: [OutreachQueryController], providers: [OutreachQueryService] });
  });

  const orgOne = () => tokenFor(world.one.orgId, world.owner);
  const orgTwo = () => tokenFor(world.two.orgId, world.otherOwner, 'admin');

  it("campaign.list returns the caller org's campaigns, filtered and ordered as asked", async () => {
    const all = await get('/v1/outreach/campaigns?orderBy=name&order=asc', orgOne());
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { name: string }) => c.name)).toEqual(['AB sourcing', 'Plain draft']);
    const active = await get('/v1/outreach/campaigns?status=active&campaign_type=talent_sourcing&channel=email', orgOne());
    expect(active.body.items.map((c: { id: string }) => c.id)).toEqual([world.abCampaign]);
    const byOwner = await get(`/v1/outreach/campaigns?owner_id=${world.owner}&limit=1&offset=1&orderBy=created_at&order=desc`, orgOne());
    expect(byOwner.body).toMatchObject({ items: [{ id: world.abCampaign }], total: 2, limit: 1, offset: 1 });
  });

  it.each([
    ['status=running', 'status must be one or more (comma-separated) of draft, active, paused, completed, archived'],
    ['status=active,running', 'status must be one or more (comma-separated) of'],
    ['name=', 'name must be 1 to 200 characters of text'],
    ['start_date_from=2026-02-30', 'start_date_from must be a date YYYY-MM-DD'],
    ['end_date_to=tomorrow', 'end_date_to must be a date YYYY-MM-DD'],
    ['start_date_from=2026-05-02&end_date_to=2026-05-01', 'start_date_from must not be after end_date_to'],
    ['orderBy=owner_id', 'orderBy must be one of'],
    ['order=up', 'order must be one of asc, desc'],
    ['limit=0', 'limit must be an integer from 1 to 500'],
    ['offset=-1', 'offset must be an integer'],
    ['owner_id=42', 'owner_id must be a UUID'],
    ['colour=red', 'colour is not a parameter'],
  ])('campaign.list rejects %s with 400 and a clear message', async (query, message) => {
    const { status, body } = await get(`/v1/outreach/campaigns?${query}`, orgOne());
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'INVALID_QUERY' });
    expect(body.message).toContain(message);
  });

  it("campaign.getById returns every column, the counters, contact stats and the seed's derived metrics", async () => {
    const { status, body } = await get(`/v1/outreach/campaigns/${world.abCampaign}`, orgOne());
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: world.abCampaign,
      org_id: world.one.orgId,
      status: 'active',
      is_ab_test: true,
      start_date: '2026-03-02',
      end_date: null,
      contacts_reached: 240,
      emails_sent: 240,
      responses_received: 50,
      conversions: 30,
      response_rate: 20.83,
      contact_stats: { total: 240, pending: 0, by_variant: { A: 120, B: 120, none: 0 }, by_status: { sent: 190, responded: 20, converted: 30, pending: 0 } },
      // seed 004 Completion Logic: 240 / 400 * 100
      progress_percentage: 60,
      is_complete: false,
      // seed 004 Metric Calculation Rules: conversions / responses_received, conversions / contacts_reached
      conversion_rate: 60,
      overall_performance: 12.5,
      // seed 004 Success Criteria: 20.83% >= 15% so far; no target_conversion_count set
      success_criteria: {
        response_rate: { target: 15, actual: 20.83, status: 'met' },
        conversion_count: { target: null, actual: 30, status: 'no_target' },
        overall: 'met',
      },
    });
  });

  it("campaign.getABTestResults runs the seed's A/B query and names the significant winner by conversion rate", async () => {
    const { status, body } = await get(`/v1/outreach/campaigns/${world.abCampaign}/ab-test-results`, orgOne());
    expect(status).toBe(200);
    expect(body.rows).toEqual(
      expect.arrayContaining([
        { ab_variant: 'A', total_contacts: 120, responses: 30, conversions: 24, response_rate: 25 },
        { ab_variant: 'B', total_contacts: 120, responses: 20, conversions: 6, response_rate: 16.67 },
      ]),
    );
    // seed 004 Winner Criteria: conversion_rate = conversions / responses (24/30, 6/20), overall = conversions / contacts
    expect(body).toMatchObject({
      significant: true,
      winner: 'A',
      variants: { A: { responseRate: 25, conversionRate: 80, overallRate: 20 }, B: { responseRate: 16.67, conversionRate: 30, overallRate: 5 } },
      winners: { byResponseRate: 'A', byConversionRate: 'A', byOverall: 'A' },
      differences: { responseRate: 8.33, conversionRate: 50, overallRate: 15 },
      requiredConfidenceLevel: 95,
    });
    expect(body.pValue).toBeLessThan(0.05);
    expect(body.confidenceLevel).toBeGreaterThan(95);
    const notAb = await get(`/v1/outreach/campaigns/${world.plain}/ab-test-results`, orgOne());
    expect(notAb).toMatchObject({ status: 409, body: { code: 'CAMPAIGN_NOT_AB_TEST' } });
  });

  it("lists a campaign's contacts by status, and the org's rows of campaign_performance_summary", async () => {
    const converted = await get(`/v1/outreach/campaigns/${world.abCampaign}/contacts?status=converted&limit=1000`, orgOne());
    expect(converted.body.items).toHaveLength(30);
    const performance = await get('/v1/outreach/performance', orgOne());
    expect(performance.body.items.map((r: { campaign_id: string }) => r.campaign_id).sort()).toEqual([world.abCampaign, world.plain].sort());
    expect(performance.body.items.find((r: { campaign_id: string }) => r.campaign_id === world.abCampaign)).toMatchObject({
      total_contacts: 240,
      conversion_rate: 12.5,
    });
  });

  it("campaigns_org_isolation: another org's token sees none of the campaign's rows", async () => {
    const list = await get('/v1/outreach/campaigns', orgTwo());
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([world.otherCampaign]);
    expect(await get(`/v1/outreach/campaigns/${world.abCampaign}`, orgTwo())).toMatchObject({ status: 404, body: { code: 'CAMPAIGN_NOT_FOUND' } });
    expect((await get(`/v1/outreach/campaigns/${world.abCampaign}/contacts`, orgTwo())).body.items).toEqual([]);
    expect((await get(`/v1/outreach/campaigns/${world.abCampaign}/ab-test-results`, orgTwo())).status).toBe(404);
    const performance = await get('/v1/outreach/performance', orgTwo());
    expect(performance.body.items.map((r: { campaign_id: string }) => r.campaign_id)).toEqual([world.otherCampaign]);
  });

  it.each([
    ['no token', undefined],
    ['a bad signature', tokenFor(randomUUID(), randomUUID(), 'admin', inAnHour(), 'another-secret-of-at-least-32-characters')],
    ['an expired token (beyond the clock tolerance)', tokenFor(randomUUID(), randomUUID(), 'admin', Math.floor(Date.now() / 1000) - 120)],
    ['a malformed token', 'not.a.jwt'],
  ])('answers 401 with a JSON error for %s', async (_what, token) => {
    for (const url of ['/v1/outreach/campaigns', `/v1/outreach/campaigns/${randomUUID()}`, '/v1/outreach/performance']) {
      const { status, body } = await get(url, token);
      expect(status).toBe(401);
      expect(body).toMatchObject({ status: 'REJECTED', code: 'UNAUTHORIZED', message: expect.any(String) });
    }
  });

  it("a token of another org whose sub is this org's campaign owner reads nothing of this org", async () => {
    const intruder = tokenFor(world.two.orgId, world.owner, 'admin');
    const listed = await get('/v1/outreach/campaigns', intruder);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).not.toContain(world.abCampaign);
    expect((await get(`/v1/outreach/campaigns/${world.abCampaign}`, intruder)).status).toBe(404);
  });

  it("under the API role and another org's claims, the seed's policies hide every row of the org (direct SQL)", async () => {
    const client = await pool.connect();
    const count = async (claims: Record<string, unknown>) => {
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL ROLE ${OUTREACH_API_ROLE}; SET LOCAL search_path TO ${schema}`);
        await client.query(`SELECT set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
        const { rows } = await client.query(
          `SELECT (SELECT count(*) FROM campaigns WHERE org_id = $1)::int AS campaigns,
                  (SELECT count(*) FROM campaign_contacts cc WHERE cc.campaign_id = $2)::int AS contacts,
                  (SELECT count(*) FROM engagement_tracking)::int AS engagement`,
          [world.one.orgId, world.abCampaign],
        );
        return rows[0];
      } finally {
        await client.query('ROLLBACK');
      }
    };
    try {
      expect(await count({ sub: world.otherOwner, org_id: world.two.orgId, role: 'admin' })).toEqual({ campaigns: 0, contacts: 0, engagement: 0 });
      expect(await count({})).toEqual({ campaigns: 0, contacts: 0, engagement: 0 });
      // The owner policy is confined to the token's org too: A's owner's id under org B's claims sees nothing.
      expect(await count({ sub: world.owner, org_id: world.two.orgId, role: 'viewer' })).toEqual({ campaigns: 0, contacts: 0, engagement: 0 });
      // The same statements with the org's own claims see everything: 240 sends + 50 responses.
      expect(await count({ sub: world.owner, org_id: world.one.orgId, role: 'recruiter' })).toEqual({ campaigns: 2, contacts: 240, engagement: 290 });
      // The table owner (the projection's writer) is not subject to RLS.
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.campaigns`);
      expect(rows).toEqual([{ n: 3 }]);
    } finally {
      client.release();
    }
  });
});
