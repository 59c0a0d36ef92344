import { type CommandApp, call, startCommandApp } from '../testing';
import { idOf, newOrg, type Org, orchestrationClient, step, streams, typesOf } from './testing';

/** The strategies, orchestrators and campaigns doors over HTTP (seed 000; a verified JWT with org_id and role). */
describe('orchestration over HTTP: strategies, orchestrators, campaigns', () => {
  let app: CommandApp;
  let org: Org;
  let rival: Org;
  let client: ReturnType<typeof orchestrationClient>;

  beforeAll(async () => {
    app = await startCommandApp();
    client = orchestrationClient(app);
    org = newOrg();
    rival = newOrg();
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('strategies', () => {
    it('an editor creates one: its id is derived from the command id, a repeat of the request is the same strategy', async () => {
      const headers = { 'idempotency-key': `strategy-${org.orgId}` };
      const body = { name: 'Evergreen', strategy_type: 'content_marketing', settings: { cadence: 'weekly' } };
      const first = await call(app, 'POST', '/v1/orchestration/strategies', org.editor, body, headers);
      expect(first).toMatchObject({ status: 201, body: { status: 'ACCEPTED', strategyId: expect.any(String), duplicate: false } });
      const again = await call(app, 'POST', '/v1/orchestration/strategies', org.editor, body, headers);
      expect(again).toMatchObject({ status: 201, body: { strategyId: first.body.strategyId, duplicate: true } });
      expect(await typesOf(app, streams.strategy(org.orgId, first.body.strategyId as string))).toEqual(['StrategyCreated']);
    });

    it('ids of new things are never taken from the body: a strategy_id is a malformed request (400)', async () => {
      const answer = await call(app, 'POST', '/v1/orchestration/strategies', org.editor, { strategy_id: org.orgId, name: 'n', strategy_type: 't' });
      expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    });

    it('name 1–200: a blank name is 422 STRATEGY_INVALID naming the field', async () => {
      const answer = await call(app, 'POST', '/v1/orchestration/strategies', org.editor, { name: ' ', strategy_type: 'x' });
      expect(answer).toMatchObject({ status: 422, body: { code: 'STRATEGY_INVALID', details: { field: 'name' } } });
    });

    it('viewer reads: a viewer creating one is 403 ORCHESTRATION_ROLE_REQUIRED', async () => {
      const answer = await call(app, 'POST', '/v1/orchestration/strategies', org.viewer, { name: 'n', strategy_type: 't' });
      expect(answer).toMatchObject({ status: 403, body: { code: 'ORCHESTRATION_ROLE_REQUIRED' } });
    });

    it('update and delete; afterwards the strategy is not found (404 STRATEGY_NOT_FOUND), for another org it never was', async () => {
      const created = await call(app, 'POST', '/v1/orchestration/strategies', org.editor, { name: 'Seasonal', strategy_type: 'promo' });
      const path = `/v1/orchestration/strategies/${idOf(created, 'strategyId')}`;
      expect(await call(app, 'PATCH', path, rival.admin, { name: 'Mine now' })).toMatchObject({ status: 404, body: { code: 'STRATEGY_NOT_FOUND' } });
      expect(await call(app, 'PATCH', path, org.editor, { name: 'Seasonal 2' })).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
      expect(await call(app, 'DELETE', path, org.editor)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
      expect(await call(app, 'PATCH', path, org.editor, { name: 'Again' })).toMatchObject({ status: 404, body: { code: 'STRATEGY_NOT_FOUND' } });
    });
  });

  describe('orchestrators', () => {
    it('admin also orchestrators: an editor is refused (403), an admin creates one at template version 1', async () => {
      expect(await client.createOrchestrator(org.editor)).toMatchObject({ status: 403, body: { code: 'ORCHESTRATION_ROLE_REQUIRED' } });
      const created = await client.createOrchestrator(org.admin);
      const [event] = (await app.store.readStream(streams.orchestrator(org.orgId, idOf(created, 'orchestratorId')))).events;
      expect(event).toMatchObject({
        type: 'OrchestratorCreated',
        data: { orgId: org.orgId, template: { version: 1, steps: [{ key: 'research' }, { key: 'draft' }] } },
      });
    });

    // seed 000: "steps can have dependencies on other steps" — a cycle would never become ready.
    it('a template whose dependencies loop is 422 TEMPLATE_DEPENDENCY_CYCLE', async () => {
      const answer = await client.createOrchestrator(org.admin, [step('a', ['b']), step('b', ['a'])]);
      expect(answer).toMatchObject({ status: 422, body: { code: 'TEMPLATE_DEPENDENCY_CYCLE' } });
    });

    it('a template revision is a new version (201); an unknown orchestrator is 404 ORCHESTRATOR_NOT_FOUND', async () => {
      const orchestratorId = idOf(await client.createOrchestrator(org.admin), 'orchestratorId');
      const path = `/v1/orchestration/orchestrators/${orchestratorId}/template-revisions`;
      expect(await call(app, 'POST', path, org.admin, { steps: [step('research')] })).toMatchObject({ status: 201, body: { orchestratorId } });
      expect(await typesOf(app, streams.orchestrator(org.orgId, orchestratorId))).toEqual(['OrchestratorCreated', 'OrchestratorTemplateRevised']);
      expect(await call(app, 'POST', path, rival.admin, { steps: [step('x')] })).toMatchObject({ status: 404, body: { code: 'ORCHESTRATOR_NOT_FOUND' } });
    });

    // seed 000 RESTRICT: "CampaignOrchestrator cannot be deleted if it has active workflows".
    it('RESTRICT: deleting an orchestrator with a bound workflow is 409 ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS; without one it is deleted', async () => {
      const busy = idOf(await client.createOrchestrator(org.admin), 'orchestratorId');
      const campaignId = idOf(await client.createCampaign(org.editor), 'campaignId');
      expect(await client.startWorkflow(org.editor, busy, campaignId)).toMatchObject({ status: 201 });
      expect(await client.deleteOrchestrator(org.admin, busy)).toMatchObject({
        status: 409,
        body: { code: 'ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS', details: { workflows: 1 } },
      });
      const idle = idOf(await client.createOrchestrator(org.admin), 'orchestratorId');
      expect(await client.deleteOrchestrator(org.admin, idle)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
      expect(await client.deleteOrchestrator(org.admin, idle)).toMatchObject({ status: 404, body: { code: 'ORCHESTRATOR_NOT_FOUND' } });
    });
  });

  describe('campaigns', () => {
    // seed 000 chk_campaign_priority
    it('chk_campaign_priority: a priority outside low…urgent is 422 CAMPAIGN_PRIORITY_INVALID', async () => {
      expect(await client.createCampaign(org.editor, { priority: 'asap' })).toMatchObject({ status: 422, body: { code: 'CAMPAIGN_PRIORITY_INVALID' } });
    });

    // seed 000 chk_campaign_timeline
    it('chk_campaign_timeline: a deadline before the scheduled start is 422 CAMPAIGN_TIMELINE_INVALID', async () => {
      const answer = await client.createCampaign(org.editor, { scheduled_start: '2030-06-01T00:00:00Z', deadline: '2030-05-01T00:00:00Z' });
      expect(answer).toMatchObject({ status: 422, body: { code: 'CAMPAIGN_TIMELINE_INVALID' } });
    });

    it('a strategy of another org is not found (404 STRATEGY_NOT_FOUND)', async () => {
      const created = await call(app, 'POST', '/v1/orchestration/strategies', rival.editor, { name: 'Theirs', strategy_type: 't' });
      const answer = await client.createCampaign(org.editor, { strategy_id: idOf(created, 'strategyId') });
      expect(answer).toMatchObject({ status: 404, body: { code: 'STRATEGY_NOT_FOUND' } });
    });

    // seed 000 chk_campaign_progress
    it('chk_campaign_progress: progress 150 is 422 CAMPAIGN_PROGRESS_OUT_OF_RANGE; 40 is recorded', async () => {
      const path = `/v1/orchestration/campaigns/${idOf(await client.createCampaign(org.editor), 'campaignId')}`;
      expect(await call(app, 'PATCH', path, org.editor, { progress_percentage: 150 })).toMatchObject({
        status: 422,
        body: { code: 'CAMPAIGN_PROGRESS_OUT_OF_RANGE' },
      });
      expect(await call(app, 'PATCH', path, org.editor, { progress_percentage: 40, priority: 'urgent' })).toMatchObject({ status: 200 });
    });

    it('draft → active ⇄ paused → completed: draft → completed is 409 CAMPAIGN_STATUS_TRANSITION_INVALID; active is recorded', async () => {
      const campaignId = idOf(await client.createCampaign(org.editor), 'campaignId');
      const path = `/v1/orchestration/campaigns/${campaignId}/status`;
      expect(await call(app, 'POST', path, org.editor, { status: 'completed' })).toMatchObject({
        status: 409,
        body: { code: 'CAMPAIGN_STATUS_TRANSITION_INVALID' },
      });
      expect(await call(app, 'POST', path, org.editor, { status: 'active' })).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
      const [, changed] = (await app.store.readStream(streams.campaign(org.orgId, campaignId))).events;
      expect(changed).toMatchObject({ type: 'CampaignStatusChanged', data: { from: 'draft', to: 'active', actualStart: expect.any(String) } });
    });

    it('tenant isolation: another org’s campaign id is CAMPAIGN_NOT_FOUND for status, delete, content and workflows', async () => {
      const theirs = idOf(await client.createCampaign(rival.editor), 'campaignId');
      const orchestratorId = idOf(await client.createOrchestrator(org.admin), 'orchestratorId');
      const notFound = { status: 404, body: { code: 'CAMPAIGN_NOT_FOUND' } };
      expect(await call(app, 'POST', `/v1/orchestration/campaigns/${theirs}/status`, org.editor, { status: 'active' })).toMatchObject(notFound);
      expect(await call(app, 'DELETE', `/v1/orchestration/campaigns/${theirs}`, org.editor)).toMatchObject(notFound);
      expect(await client.createContent(org.editor, theirs)).toMatchObject(notFound);
      expect(await client.startWorkflow(org.editor, orchestratorId, theirs)).toMatchObject(notFound);
      expect(await typesOf(app, streams.campaign(rival.orgId, theirs))).toEqual(['CampaignCreated']);
    });

    it('a deleted campaign’s content commands answer CAMPAIGN_NOT_FOUND', async () => {
      const campaignId = idOf(await client.createCampaign(org.editor), 'campaignId');
      const contentId = idOf(await client.createContent(org.editor, campaignId), 'contentId');
      expect(await call(app, 'DELETE', `/v1/orchestration/campaigns/${campaignId}`, org.editor)).toMatchObject({ status: 200 });
      expect(await client.content(org.editor, campaignId, contentId, 'POST', '/publish')).toMatchObject({ status: 404, body: { code: 'CAMPAIGN_NOT_FOUND' } });
    });
  });
});
