import { randomUUID } from 'node:crypto';
import { signJwt } from '@campaign/runtime';
import { TEST_JWT_SECRET } from '@campaign/testing';
import { useQueryApp } from '../shared/testing';
import { OrchestrationQueryController } from './orchestration-query.controller';
import { OrchestrationQueryService } from './orchestration-query.service';
import { OrchestrationHistory, stepOf, useOrchestrationSchemas } from './testing';

const STEPS = [stepOf('brief'), stepOf('draft', ['brief'], 'writer'), stepOf('visuals', ['brief'], 'designer')];
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const userToken = (orgId: string, role = 'viewer') => signJwt({ sub: randomUUID(), org_id: orgId, role, exp: inAnHour() }, TEST_JWT_SECRET);
const serviceToken = (scope: string) => signJwt({ sub: 'orchestration-reactor', scope, exp: inAnHour() }, TEST_JWT_SECRET);

/** An org with an urgent and a high campaign, content, one execution half done (one step retried) and a draft. */
const orgWorld = (name: string) => {
  const h = new OrchestrationHistory();
  const orchestrator = h.orchestrator(STEPS, `${name} pipeline`);
  const high = h.campaign({ name: `${name} high`, priority: 'high', orchestratorId: orchestrator, deadline: h.inDays(3) });
  const urgent = h.campaign({ name: `${name} urgent`, priority: 'urgent', orchestratorId: orchestrator, deadline: h.inDays(9) });
  const draft = h.campaign({ name: `${name} draft`, priority: 'critical' });
  h.activate(high);
  h.activate(urgent);
  const post = h.content(urgent, { title: `${name} post`, scheduledPublishAt: h.inDays(2) });
  const workflow = h.startWorkflow(orchestrator, urgent, STEPS);
  h.complete(workflow, 'brief');
  h.fail(workflow, 'visuals').dispatch(workflow, 'visuals', 2).complete(workflow, 'visuals', 2, { costCents: 40, tokens: 10, qualityScore: 0.5 });
  return { h, orchestrator, high, urgent, draft, post, workflow };
};

describe('orchestration query API: seed 000 queries as endpoints, each answer confined to the caller’s org', () => {
  const schemas = useOrchestrationSchemas();
  const { start, get } = useQueryApp('orchestration-query-test');
  let one: ReturnType<typeof orgWorld>;
  let two: ReturnType<typeof orgWorld>;

  beforeAll(async () => {
    const pool = schemas.pool();
    const { schema, runner } = await schemas.projectionIn('orch_api');
    one = orgWorld('One');
    two = orgWorld('Two');
    await runner.applyBatch([...one.h.envelopes, ...two.h.envelopes]);
    await start({ config: { ORCHESTRATION_SCHEMA: schema }, pool, controllers: [OrchestrationQueryController], providers: [OrchestrationQueryService] });
  });

  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

  it('seed 000 "Campaign-first queries": GET /v1/orchestration/campaigns lists the org’s active campaigns, urgent first', async () => {
    const { status, body } = await get('/v1/orchestration/campaigns', userToken(one.h.orgId));
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 2, limit: 100, offset: 0 });
    expect(ids(body)).toEqual([one.urgent, one.high]);
    expect(body.items[0]).toMatchObject({ priority: 'urgent', orchestrator_name: 'One pipeline', strategy_type: null, progress_percentage: 66 });
    expect(ids((await get('/v1/orchestration/campaigns?status=draft', userToken(two.h.orgId))).body)).toEqual([two.draft]);
  });

  it('seed 000 "Content within campaign" and "Workflow execution status": GET /campaigns/:id/content and /campaigns/:id/workflows', async () => {
    const content = await get(`/v1/orchestration/campaigns/${one.urgent}/content`, userToken(one.h.orgId));
    expect(content.body.items).toEqual([expect.objectContaining({ id: one.post, title: 'One post', views: null })]);
    const workflows = await get(`/v1/orchestration/campaigns/${one.urgent}/workflows`, userToken(one.h.orgId, 'editor'));
    expect(workflows.body.items).toEqual([expect.objectContaining({ id: one.workflow, status: 'running', total_steps: 3, completed_steps: 2 })]);
    const theirs = await get(`/v1/orchestration/campaigns/${two.urgent}/workflows`, userToken(one.h.orgId));
    expect(theirs).toMatchObject({ status: 404, body: { code: 'CAMPAIGN_NOT_FOUND' } });
  });

  it('GET /workflows/:id gives the execution and its steps in order; /workflows/:id/performance every attempt and the totals per agent', async () => {
    const workflow = await get(`/v1/orchestration/workflows/${one.workflow}`, userToken(one.h.orgId));
    expect(workflow.body).toMatchObject({ id: one.workflow, campaign_id: one.urgent, progress_percentage: 66 });
    expect(workflow.body.steps.map((s: { step_key: string; status: string }) => [s.step_key, s.status])).toEqual([
      ['brief', 'completed'],
      ['draft', 'dispatched'],
      ['visuals', 'completed'],
    ]);
    const performance = await get(`/v1/orchestration/workflows/${one.workflow}/performance`, userToken(one.h.orgId));
    expect(performance.body.attempts).toHaveLength(4);
    expect(performance.body.agents).toEqual([
      expect.objectContaining({
        agent_type: 'designer',
        attempts: 2,
        completed: 1,
        failed: 1,
        cost_cents: '40',
        tokens: '10',
        avg_quality_score: '0.50000000000000000000',
      }),
      expect.objectContaining({ agent_type: 'writer', attempts: 2, completed: 1, failed: 0 }),
    ]);
    expect(await get(`/v1/orchestration/workflows/${two.workflow}`, userToken(one.h.orgId))).toMatchObject({
      status: 404,
      body: { code: 'WORKFLOW_NOT_FOUND' },
    });
  });

  it('seed 000 "Relationship Validation Queries": GET /health-reports lists the org’s incomplete campaigns and inconsistent workflows', async () => {
    const { body } = await get('/v1/orchestration/health-reports', userToken(one.h.orgId));
    expect(body.incomplete_campaigns.map((c: { id: string }) => c.id)).toEqual([one.draft, one.high]);
    expect(body.inconsistent_workflows).toEqual([]);
  });

  it('GET /calendar?from&to&campaign_id: the org’s entries in the window, in date order', async () => {
    const all = await get('/v1/orchestration/calendar', userToken(one.h.orgId));
    expect(new Set(all.body.items.map((e: { org_id: string }) => e.org_id))).toEqual(new Set([one.h.orgId]));
    const from = '2026-04-01T09:00:00Z';
    const windowed = await get(`/v1/orchestration/calendar?from=${from}&to=2026-04-04&campaign_id=${one.urgent}`, userToken(one.h.orgId));
    expect(windowed.body.items.map((e: { event_type: string }) => e.event_type)).toEqual(['workflow_started', 'step_timeout', 'content_publish']);
  });

  it('a service token with orchestration:read reads the org it names; without the scope, or without org_id, it is refused', async () => {
    expect(ids((await get(`/v1/orchestration/campaigns?org_id=${two.h.orgId}`, serviceToken('orchestration:read'))).body)).toEqual([two.urgent, two.high]);
    expect(await get('/v1/orchestration/campaigns', serviceToken('orchestration:read'))).toMatchObject({ status: 400, body: { code: 'INVALID_QUERY' } });
    const denied = await get(`/v1/orchestration/campaigns?org_id=${two.h.orgId}`, serviceToken('orchestration:write'));
    expect(denied).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('a person reads only with the role viewer, editor or admin, only its own org, and only with a token', async () => {
    expect(await get('/v1/orchestration/campaigns', userToken(one.h.orgId, 'recruiter'))).toMatchObject({
      status: 403,
      body: { code: 'ORCHESTRATION_ROLE_REQUIRED' },
    });
    const other = await get(`/v1/orchestration/campaigns?org_id=${two.h.orgId}`, userToken(one.h.orgId, 'admin'));
    expect(other).toMatchObject({ status: 403, body: { code: 'TENANT_MISMATCH' } });
    expect((await get('/v1/orchestration/campaigns')).status).toBe(401);
  });

  it.each([
    ['campaigns?status=running', 'status must be one of draft, active, paused, completed, cancelled'],
    ['campaigns?limit=0', 'limit must be an integer from 1 to 1000'],
    ['campaigns?colour=red', 'colour is not a parameter'],
    ['campaigns/not-a-uuid/content', 'id must be a UUID'],
    ['workflows/42', 'id must be a UUID'],
    ['workflows/42/performance', 'id must be a UUID'],
    ['calendar?from=yesterday', 'from must be an ISO-8601 instant'],
    ['calendar?from=2026-04-05&to=2026-04-01', 'from must come before to'],
    ['calendar?campaign_id=x', 'campaign_id must be a UUID'],
    ['health-reports?verbose=1', 'verbose is not a parameter'],
  ])('GET /v1/orchestration/%s is refused with 400 INVALID_QUERY naming the parameter', async (path, message) => {
    const { status, body } = await get(`/v1/orchestration/${path}`, userToken(one.h.orgId));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'INVALID_QUERY' });
    expect(body.message).toContain(message);
  });
});
