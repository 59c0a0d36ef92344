import { type CommandApp, call, startCommandApp } from '../testing';
import { agentToken, idOf, newOrg, type Org, orchestrationClient, streams, typesOf } from './testing';

/** A campaign's content and its workflows' step reports over HTTP (seed 000; docs/orchestration.md "Agents"). */
describe('orchestration over HTTP: content, workflows and step reports', () => {
  let app: CommandApp;
  let org: Org;
  let client: ReturnType<typeof orchestrationClient>;
  let campaignId: string;

  beforeAll(async () => {
    app = await startCommandApp();
    client = orchestrationClient(app);
    org = newOrg();
    campaignId = idOf(await client.createCampaign(org.editor), 'campaignId');
  });
  afterAll(async () => {
    await app?.stop();
  });

  const newContent = async (fields: Record<string, unknown> = {}) => idOf(await client.createContent(org.editor, campaignId, fields), 'contentId');
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

  describe('content', () => {
    it('an editor creates content derived from a parent; the parent must be the campaign’s (404 CONTENT_PARENT_NOT_FOUND)', async () => {
      const parent = await newContent();
      const child = await newContent({ parent_content_id: parent });
      const events = (await app.store.readStream(streams.content(org.orgId, campaignId))).events;
      expect(events.find((e) => (e.data as { contentId?: string }).contentId === child)).toMatchObject({
        type: 'ContentCreated',
        data: { parentContentId: parent, status: 'draft' },
      });
      expect(await client.createContent(org.editor, campaignId, { parent_content_id: org.orgId })).toMatchObject({
        status: 404,
        body: { code: 'CONTENT_PARENT_NOT_FOUND' },
      });
    });

    // seed 000 chk_content_no_self_parent
    it('chk_content_no_self_parent: a content made its own parent is 422 CONTENT_SELF_PARENT', async () => {
      const contentId = await newContent();
      const answer = await client.content(org.editor, campaignId, contentId, 'PATCH', '', { parent_content_id: contentId });
      expect(answer).toMatchObject({ status: 422, body: { code: 'CONTENT_SELF_PARENT' } });
    });

    // seed 000: "content can be derived from other content" — a derivation chain cannot loop.
    it('a parent that descends from the content is 422 CONTENT_DERIVATION_CYCLE', async () => {
      const root = await newContent();
      const leaf = await newContent({ parent_content_id: await newContent({ parent_content_id: root }) });
      const answer = await client.content(org.editor, campaignId, root, 'PATCH', '', { parent_content_id: leaf });
      expect(answer).toMatchObject({ status: 422, body: { code: 'CONTENT_DERIVATION_CYCLE' } });
    });

    // seed 000 chk_content_schedule_timing, and "in the future when set"
    it('chk_content_schedule_timing: a schedule in the past is 422 CONTENT_SCHEDULE_TIMING_INVALID; in the future it is recorded', async () => {
      const contentId = await newContent();
      const past = await client.content(org.editor, campaignId, contentId, 'POST', '/schedule', { scheduled_publish_at: '2020-01-01T00:00:00Z' });
      expect(past).toMatchObject({ status: 422, body: { code: 'CONTENT_SCHEDULE_TIMING_INVALID' } });
      const future = await client.content(org.editor, campaignId, contentId, 'POST', '/schedule', { scheduled_publish_at: inAnHour() });
      expect(future).toMatchObject({ status: 200, body: { status: 'ACCEPTED', contentId } });
    });

    it('published once: a second publish is 409 CONTENT_ALREADY_PUBLISHED', async () => {
      const contentId = await newContent();
      expect(await client.content(org.editor, campaignId, contentId, 'POST', '/publish')).toMatchObject({ status: 200 });
      expect(await client.content(org.editor, campaignId, contentId, 'POST', '/publish')).toMatchObject({
        status: 409,
        body: { code: 'CONTENT_ALREADY_PUBLISHED' },
      });
    });

    it('relationships: relating twice records one; a relation with itself is 422 CONTENT_RELATION_INVALID; unrelating removes it', async () => {
      const [source, target] = [await newContent(), await newContent()];
      const relate = { target_content_id: target, relationship_type: 'repurposes' };
      expect(await client.content(org.editor, campaignId, source, 'POST', '/relationships', relate)).toMatchObject({ status: 201 });
      expect(await client.content(org.editor, campaignId, source, 'POST', '/relationships', relate)).toMatchObject({ status: 201, body: { eventIds: [] } });
      expect(await client.content(org.editor, campaignId, source, 'POST', '/relationships', { ...relate, target_content_id: source })).toMatchObject({
        status: 422,
        body: { code: 'CONTENT_RELATION_INVALID' },
      });
      expect(await client.content(org.editor, campaignId, source, 'DELETE', `/relationships/repurposes/${target}`)).toMatchObject({ status: 200 });
      const types = await typesOf(app, streams.content(org.orgId, campaignId));
      expect(types.filter((type) => type === 'ContentRelated' || type === 'ContentUnrelated')).toEqual(['ContentRelated', 'ContentUnrelated']);
    });

    it('activation and deletion; a deleted content is 404 CONTENT_NOT_FOUND, a viewer may not touch content (403)', async () => {
      const contentId = await newContent();
      expect(await client.content(org.viewer, campaignId, contentId, 'PUT', '/active', { is_active: false })).toMatchObject({
        status: 403,
        body: { code: 'ORCHESTRATION_ROLE_REQUIRED' },
      });
      expect(await client.content(org.editor, campaignId, contentId, 'PUT', '/active', { is_active: false })).toMatchObject({ status: 200 });
      expect(await client.content(org.editor, campaignId, contentId, 'DELETE')).toMatchObject({ status: 200 });
      expect(await client.content(org.editor, campaignId, contentId, 'PATCH', '', { title: 'x' })).toMatchObject({
        status: 404,
        body: { code: 'CONTENT_NOT_FOUND' },
      });
    });
  });

  describe('workflows and step reports', () => {
    const started = async () => {
      const orchestratorId = idOf(await client.createOrchestrator(org.admin), 'orchestratorId');
      return idOf(await client.startWorkflow(org.editor, orchestratorId, campaignId, 'B'), 'workflowId');
    };

    it('starting dispatches the steps without dependencies in the same transaction; an unknown orchestrator is 404', async () => {
      const workflowId = await started();
      const events = (await app.store.readStream(streams.workflow(org.orgId, workflowId))).events;
      expect(events.map((e) => [e.type, (e.data as { stepKey?: string }).stepKey])).toEqual([
        ['WorkflowStarted', undefined],
        ['StepDispatched', 'research'],
      ]);
      expect(events[0]).toMatchObject({ data: { variant: 'B', templateVersion: 1 } });
      expect(await client.startWorkflow(org.editor, org.orgId, campaignId)).toMatchObject({ status: 404, body: { code: 'ORCHESTRATOR_NOT_FOUND' } });
    });

    it('an agent token of the org reports started and completed; the completion dispatches the step it made ready', async () => {
      const workflowId = await started();
      const agent = agentToken(org.orgId);
      expect(await client.report(agent, workflowId, 'research', { kind: 'started', attempt: 1 })).toMatchObject({ status: 200 });
      const done = { kind: 'completed', attempt: 1, output: { notes: 'found 3 angles' }, cost_cents: 12, tokens: 900, quality_score: 0.8 };
      expect(await client.report(agent, workflowId, 'research', done)).toMatchObject({ status: 200, body: { status: 'ACCEPTED', stepKey: 'research' } });
      const types = await typesOf(app, streams.workflow(org.orgId, workflowId));
      expect(types.slice(2)).toEqual(['StepStarted', 'StepCompleted', 'StepDispatched']);
      // The same report again (redelivered) is accepted and writes nothing.
      expect(await client.report(agent, workflowId, 'research', done)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
      expect(await typesOf(app, streams.workflow(org.orgId, workflowId))).toHaveLength(types.length);
    });

    it('a failure report of a retryable attempt schedules its retry; a step not in the workflow is 422 WORKFLOW_STEP_UNKNOWN', async () => {
      const workflowId = await started();
      const failed = await client.report(org.editor, workflowId, 'research', { kind: 'failed', attempt: 1, error: 'rate limited', retryable: true });
      expect(failed).toMatchObject({ status: 200 });
      const last = (await app.store.readStream(streams.workflow(org.orgId, workflowId))).events.at(-1);
      expect(last).toMatchObject({ type: 'StepFailed', data: { attempt: 1, retryable: true, retryDueAt: expect.any(String) } });
      expect(await client.report(org.editor, workflowId, 'publish', { kind: 'started', attempt: 1 })).toMatchObject({
        status: 422,
        body: { code: 'WORKFLOW_STEP_UNKNOWN' },
      });
    });

    it('who reports: a token of the org without a role or the agent scope is 403; a malformed report is 400', async () => {
      const workflowId = await started();
      expect(await client.report(agentToken(org.orgId, []), workflowId, 'research', { kind: 'started', attempt: 1 })).toMatchObject({
        status: 403,
        body: { code: 'TENANT_REQUIRED' },
      });
      expect(await client.report(org.editor, workflowId, 'research', { kind: 'finished', attempt: 1 })).toMatchObject({
        status: 400,
        body: { code: 'INVALID_REQUEST' },
      });
    });

    it('an agent token of another org finds no workflow (404 WORKFLOW_NOT_FOUND)', async () => {
      const workflowId = await started();
      const answer = await client.report(agentToken(newOrg().orgId), workflowId, 'research', { kind: 'started', attempt: 1 });
      expect(answer).toMatchObject({ status: 404, body: { code: 'WORKFLOW_NOT_FOUND' } });
    });
  });

  it('the OpenAPI document lists the orchestration routes', async () => {
    const document = (await (await fetch(`${app.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/orchestration/workflows/{workflowId}/steps/{stepKey}/reports', '/v1/orchestration/campaigns/{campaignId}/content']),
    );
    expect(await call(app, 'POST', '/v1/orchestration/workflows', null, {})).toMatchObject({ status: 401 });
  });
});
