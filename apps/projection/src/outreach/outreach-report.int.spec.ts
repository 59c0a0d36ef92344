import { signJwt } from '@campaign/runtime';
import { dumpTables, TEST_JWT_SECRET } from '@campaign/testing';
import type { Pool } from 'pg';
import { useQueryApp } from '../shared/testing';
import { OutreachQueryController } from './outreach-query.controller';
import { OutreachQueryService } from './outreach-query.service';
import { OutreachHistory, useOutreachSchemas } from './testing';

const tokenFor = (orgId: string, sub: string, role = 'recruiter') =>
  signJwt({ sub, org_id: orgId, role, exp: Math.floor(Date.now() / 1000) + 3600 }, TEST_JWT_SECRET);

const REPORT = {
  totalContacts: 480,
  contactsReached: 400,
  emailsSent: 400,
  linkedinMessagesSent: 0,
  responsesReceived: 60,
  conversions: 12,
  responseRate: 15,
  variants: { A: { contacts: 240, responses: 40, conversions: 11 }, B: { contacts: 240, responses: 20, conversions: 1 } },
};

/**
 * Org one: a completed A/B campaign (2026-03-02 → 2026-03-30, with its report), an active one, a
 * paused one and a draft, named and dated for the list's filters. Org two: one completed campaign.
 */
const world = () => {
  const one = new OutreachHistory().organization('Org One');
  const owner = one.user('ta_manager');
  const [a, b] = [one.template('email'), one.template('email')];
  const ab = { isAbTest: true, variantATemplateId: a, variantBTemplateId: b };
  const completed = one.createCampaign(owner, { name: 'Q1 2026 Java Sourcing - NYC', ...ab, targetResponseRate: 12.5, targetConversionCount: 20 });
  one.addContacts(completed, [{ abVariant: 'A' }, { abVariant: 'B' }]);
  one.changeStatus(completed, 'active', { startDate: '2026-03-02' });
  const goals = { targetContactsCount: 500, targetResponseRate: 12.5, targetConversionCount: 20, isAbTest: true };
  one.completed(completed, REPORT, { startDate: '2026-03-02', endDate: '2026-03-30', goals });
  const active = one.createCampaign(owner, { name: 'Q2 2026 DevOps Sourcing', startDate: '2026-04-01', endDate: '2026-04-30', targetConversionCount: 5 });
  one.addContacts(active, [{}]);
  one.changeStatus(active, 'active');
  const paused = one.createCampaign(owner, { name: 'Q2 2026 java_100% BD', startDate: '2026-04-10', endDate: '2026-06-30' });
  one.addContacts(paused, [{}]);
  one.changeStatus(paused, 'active').changeStatus(paused, 'paused');
  const draft = one.createCampaign(owner, { name: 'Draft Java idea', campaignType: 'business_development' });
  const two = new OutreachHistory().organization('Org Two');
  const otherOwner = two.user('admin');
  const other = two.createCampaign(otherOwner, { name: 'Q1 2026 Java Sourcing - SF' });
  two.addContacts(other, [{}]);
  two.changeStatus(other, 'active', { startDate: '2026-03-02' });
  two.completed(other, { ...REPORT, variants: null }, { startDate: '2026-03-02', endDate: '2026-03-09', goals: null });
  return { one, two, owner, otherOwner, completed, active, paused, draft, other };
};

describe('seed 004 On Completion and campaign.list (query API, real Postgres)', () => {
  const schemas = useOutreachSchemas();
  const { start, get } = useQueryApp('outreach-report-test');
  let pool: Pool;
  let w: ReturnType<typeof world>;
  let schema: string;

  beforeAll(async () => {
    pool = schemas.pool();
    const made = await schemas.projectionIn('or_report');
    schema = made.schema;
    w = world();
    await made.runner.applyBatch([...w.one.envelopes, ...w.two.envelopes]);
    await start({ config: { OUTREACH_SCHEMA: schema }, pool, controllers: [OutreachQueryController], providers: [OutreachQueryService] });
  });

  const orgOne = () => tokenFor(w.one.orgId, w.owner);
  const names = (body: { items: { name: string }[] }) => body.items.map((c) => c.name).sort();

  // seed 004 On Completion 4: "Generate completion report"
  it('serves the completion report: counters, rates, success criteria, A/B verdict and duration', async () => {
    const { status, body } = await get(`/v1/outreach/campaigns/${w.completed}/report`, orgOne());
    expect(status).toBe(200);
    expect(body).toMatchObject({
      campaign_id: w.completed,
      owner_id: w.owner,
      name: 'Q1 2026 Java Sourcing - NYC',
      reason: 'manual',
      start_date: '2026-03-02',
      end_date: '2026-03-30',
      duration_days: 28,
      total_contacts: 480,
      contacts_reached: 400,
      emails_sent: 400,
      responses_received: 60,
      conversions: 12,
      // seed 004 Metric Calculation Rules: 60/400, 12/60, 12/400
      response_rate: 15,
      conversion_rate: 20,
      overall_performance: 3,
      target_response_rate: 12.5,
      target_conversion_count: 20,
      // seed 004 Success Criteria: 15% >= 12.5% met; 12 < 20 conversions not met, for good
      success_criteria: {
        response_rate: { target: 12.5, actual: 15, status: 'met' },
        conversion_count: { target: 20, actual: 12, status: 'not_met' },
        overall: 'not_met',
      },
      ab_test: {
        winners: { byResponseRate: 'A', byConversionRate: 'A', byOverall: 'A' },
        variants: { A: { contacts: 240, responses: 40, conversions: 11 }, B: { contacts: 240, responses: 20, conversions: 1 } },
        requiredConfidenceLevel: 95,
      },
    });
    // 11/40 vs 1/20 converted responses, 480 contacts and 60 responses: significant.
    expect(body.ab_test).toMatchObject({ significant: true, winner: 'A' });
  });

  it('answers 404 COMPLETION_REPORT_NOT_FOUND before completion, and CAMPAIGN_NOT_FOUND to another org', async () => {
    expect(await get(`/v1/outreach/campaigns/${w.active}/report`, orgOne())).toMatchObject({
      status: 404,
      body: { code: 'COMPLETION_REPORT_NOT_FOUND', details: { status: 'active' } },
    });
    expect(await get(`/v1/outreach/campaigns/${w.completed}/report`, tokenFor(w.two.orgId, w.otherOwner, 'admin'))).toMatchObject({
      status: 404,
      body: { code: 'CAMPAIGN_NOT_FOUND' },
    });
    // A token of another org whose sub is the campaign's owner reads nothing of it either.
    expect((await get(`/v1/outreach/campaigns/${w.completed}/report`, tokenFor(w.two.orgId, w.owner, 'admin'))).status).toBe(404);
  });

  it('a report recorded before goals and A/B counts were carried judges nothing and has no A/B verdict', async () => {
    const { body } = await get(`/v1/outreach/campaigns/${w.other}/report`, tokenFor(w.two.orgId, w.otherOwner, 'admin'));
    expect(body).toMatchObject({ duration_days: 7, success_criteria: { overall: 'no_target' }, ab_test: null, target_response_rate: null });
  });

  it('a redelivered completion changes nothing, and a rebuild restores the reports exactly', async () => {
    const tables = [{ table: 'campaign_completion_reports', orderBy: 'campaign_id' }] as const;
    const before = await dumpTables(pool, schema, tables);
    expect(before.campaign_completion_reports).toHaveLength(2);
    const again = await schemas.projectionIn('or_report_again');
    await again.runner.applyBatch([...w.one.envelopes, ...w.two.envelopes]);
    await again.runner.applyBatch([...w.one.envelopes, ...w.two.envelopes]);
    expect(await dumpTables(pool, again.schema, tables)).toEqual(before);
  });

  // seed 004 Success Criteria in getById: met / not met / not yet
  it('getById exposes the success criteria: not met for good once completed, not yet while running', async () => {
    const completed = await get(`/v1/outreach/campaigns/${w.completed}`, orgOne());
    expect(completed.body).toMatchObject({ status: 'completed', success_criteria: { conversion_count: { target: 20, status: 'not_met' } } });
    const active = await get(`/v1/outreach/campaigns/${w.active}`, orgOne());
    expect(active.body.success_criteria).toEqual({
      response_rate: { target: 15, actual: 0, status: 'not_yet' },
      conversion_count: { target: 5, actual: 0, status: 'not_yet' },
      overall: 'not_yet',
    });
  });

  // seed 004 Index Usage: status IN ('active', 'paused')
  it('campaign.list filters on several statuses at once, with the total beside the page', async () => {
    const { status, body } = await get('/v1/outreach/campaigns?status=active,paused&limit=1&orderBy=name&order=asc', orgOne());
    expect(status).toBe(200);
    expect(body).toMatchObject({ items: [{ name: 'Q2 2026 DevOps Sourcing' }], total: 2, limit: 1, offset: 0 });
    const typed = await get('/v1/outreach/campaigns?campaign_type=talent_sourcing&status=active,paused,completed', orgOne());
    expect(typed.body.total).toBe(3);
    const beyond = await get('/v1/outreach/campaigns?status=active,paused&offset=10', orgOne());
    expect(beyond.body).toMatchObject({ items: [], total: 2 });
  });

  // seed 004: name — Searchable: Yes
  it('campaign.list searches by part of the name, case-insensitively, with % and _ taken literally', async () => {
    expect(names((await get('/v1/outreach/campaigns?name=java', orgOne())).body)).toEqual([
      'Draft Java idea',
      'Q1 2026 Java Sourcing - NYC',
      'Q2 2026 java_100% BD',
    ]);
    expect(names((await get(`/v1/outreach/campaigns?name=${encodeURIComponent('_100%')}`, orgOne())).body)).toEqual(['Q2 2026 java_100% BD']);
    expect((await get(`/v1/outreach/campaigns?name=${encodeURIComponent('a%b')}`, orgOne())).body).toMatchObject({ items: [], total: 0 });
    // RLS still decides: org two's campaign of the same name is not listed.
    expect((await get('/v1/outreach/campaigns?name=Sourcing', orgOne())).body.total).toBe(2);
  });

  // seed 004 Index Usage: start_date >= ? AND end_date <= ?
  it('campaign.list filters a date range as the seed query reads it: start_date >= from AND end_date <= to', async () => {
    const april = await get('/v1/outreach/campaigns?start_date_from=2026-04-01&end_date_to=2026-04-30', orgOne());
    expect(names(april.body)).toEqual(['Q2 2026 DevOps Sourcing']);
    const fromMarch = await get('/v1/outreach/campaigns?start_date_from=2026-03-01', orgOne());
    expect(names(fromMarch.body)).toEqual(['Q1 2026 Java Sourcing - NYC', 'Q2 2026 DevOps Sourcing', 'Q2 2026 java_100% BD']);
    const untilMarch = await get('/v1/outreach/campaigns?end_date_to=2026-03-31&status=completed', orgOne());
    expect(untilMarch.body).toMatchObject({ items: [{ id: w.completed }], total: 1 });
  });
});
