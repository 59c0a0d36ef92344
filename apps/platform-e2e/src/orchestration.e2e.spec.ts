import { randomUUID } from 'node:crypto';
import { orchestration as orchestrationWire } from '@campaign/contracts';
import { type AppName, testPool, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { expectStatus } from './support/http';
import { Platform } from './support/platform';
import {
  diamondTemplate,
  heldTemplate,
  OrchestrationMember,
  readModelQuery,
  SEED_CONTENT_WITHIN_CAMPAIGN,
  SEED_WORKFLOW_EXECUTION_STATUS,
  SERVED_AGENT_TYPES,
} from './support/orchestration';

type Row = Record<string, unknown>;
const APPS: AppName[] = ['campaign-command', 'projection', 'timer-scheduler', 'analytics-ingest', 'reference-agent'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (at: number) => new Date(at).toISOString();

/** Waits until `probe` holds (waitFor ends on a truthy answer). */
const until = (what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 30_000) =>
  waitFor(what, async () => (await probe()) || undefined, { timeoutMs, intervalMs: 200 });

/**
 * The orchestration context (seed 000) through its public doors only: an org's strategy, an
 * orchestrator whose template is a diamond of six steps, a campaign and its workflow run to the
 * end by the reference agent (one step failed once and retried by the timer-scheduler), the
 * content the steps produce derived twice, one of it published by its timer, the calendar,
 * analytics pushed through analytics-ingest, RESTRICT on the orchestrator while a workflow runs,
 * and the campaign's CASCADE — none of it visible to another org.
 */
describe('orchestration (seed 000): the four apps and the reference agent as processes', () => {
  const platform = new Platform();
  let db: Pool;
  const orgId = randomUUID();
  const admin = new OrchestrationMember(platform, orgId, 'admin');
  const editor = new OrchestrationMember(platform, orgId, 'editor');
  const viewer = new OrchestrationMember(platform, orgId, 'viewer');
  const stranger = new OrchestrationMember(platform, randomUUID(), 'viewer');
  const createdAt = Date.now();
  const deadline = iso(createdAt + 7 * DAY);
  const ids = { strategy: '', orchestrator: '', campaign: '', workflow: '', held: '' };
  const contentOf = (stepKey: string) => orchestrationWire.stepContentId(ids.workflow, stepKey);
  const sql = <R extends Row>(text: string, params: unknown[] = []) => readModelQuery<R>(db, platform, text, params);

  beforeAll(async () => {
    db = testPool();
    // The agent serves the diamond's types only (a revision's step of another type waits) and "works" 100 ms a step.
    Object.assign(platform.env, { AGENT_TYPES: SERVED_AGENT_TYPES.join(','), AGENT_DELAY_MS: '100' });
    await Promise.all(APPS.map((app) => platform.start(app)));
  }, 90_000);

  afterAll(async () => {
    await platform.stopAll();
    await db?.end();
  });

  it('runs a campaign’s workflow, a diamond of six steps, to completed: every step in order, the seed’s execution status', async () => {
    ids.strategy = expectStatus(await editor.command('POST', '/strategies', { name: 'Spring launch', strategy_type: 'product_launch' }), 201)
      .strategyId as string;
    // seed 000: orchestrators are the admins' (their templates are what the agents run).
    expect(expectStatus(await editor.command('POST', '/orchestrators', { name: 'x', steps: diamondTemplate() }), 403).code).toBe('ORCHESTRATION_ROLE_REQUIRED');
    ids.orchestrator = expectStatus(await admin.command('POST', '/orchestrators', { name: 'Content pipeline', steps: diamondTemplate() }), 201)
      .orchestratorId as string;
    expect((await viewer.command('POST', '/campaigns', { name: 'x' })).status).toBe(403);
    const campaign = { name: 'Spring launch', strategy_id: ids.strategy, orchestrator_id: ids.orchestrator, priority: 'high' };
    ids.campaign = expectStatus(await editor.command('POST', '/campaigns', { ...campaign, scheduled_start: iso(createdAt + HOUR), deadline }), 201)
      .campaignId as string;
    expectStatus(await editor.command('POST', `/campaigns/${ids.campaign}/status`, { status: 'active' }), 200);
    ids.workflow = expectStatus(await editor.command('POST', '/workflows', { orchestrator_id: ids.orchestrator, campaign_id: ids.campaign }), 201)
      .workflowId as string;

    const workflow = await waitFor(
      'the workflow completed in the query API',
      async () => {
        const { status, body } = await viewer.query(`/workflows/${ids.workflow}`);
        return status === 200 && body.status === 'completed' ? body : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 250 },
    );
    expect(workflow).toMatchObject({ campaign_id: ids.campaign, orchestrator_id: ids.orchestrator, template_version: 1, progress_percentage: 100 });
    // seed 000 chk_step_order: 1 + the longest chain before each step.
    expect((workflow.steps as Row[]).map((s) => [s.step_key, s.step_order, s.status])).toEqual([
      ['brief', 1, 'completed'],
      ['draft', 2, 'completed'],
      ['research', 2, 'completed'],
      ['article', 3, 'completed'],
      ['newsletter', 4, 'completed'],
      ['social', 4, 'completed'],
    ]);
    // seed 000 "Workflow execution status", as printed, on the read model and through the API.
    const [status] = await sql(SEED_WORKFLOW_EXECUTION_STATUS, [ids.campaign]);
    expect(status).toMatchObject({ id: ids.workflow, status: 'completed', total_steps: '6', completed_steps: '6' });
    const [listed] = expectStatus(await viewer.query(`/campaigns/${ids.campaign}/workflows`), 200).items as Row[];
    expect(listed).toMatchObject({ id: ids.workflow, total_steps: 6, completed_steps: 6 });
    const [research] = await sql('SELECT attempts, started_at, completed_at FROM campaign_workflow_steps WHERE workflow_id = $1 AND step_key = $2', [
      ids.workflow,
      'research',
    ]);
    expect(research.attempts).toBe(2);
    // seed 000 chk_step_timing / chk_workflow_timing held on every row.
    expect((research.completed_at as Date) > (research.started_at as Date)).toBe(true);
  }, 60_000);

  it('records the step failed once and retried after its back-off in agent_orchestration_performance; the campaign at 100%', async () => {
    // seed 000 "each step tracks agent performance": the failed attempt, then the retry, at least the back-off apart.
    const attempts = await sql<Row>(
      'SELECT attempt, status, started_at, completed_at, duration_ms, cost_cents, tokens, quality_score, error FROM agent_orchestration_performance WHERE workflow_id = $1 AND step_key = $2 ORDER BY attempt',
      [ids.workflow, 'research'],
    );
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'failed'],
      [2, 'completed'],
    ]);
    expect(attempts[0].error).toContain('fails on purpose');
    expect((attempts[1].started_at as Date).getTime() - (attempts[0].completed_at as Date).getTime()).toBeGreaterThanOrEqual(500);
    expect(attempts[1]).toMatchObject({ duration_ms: '100', quality_score: '0.750', error: null });
    expect(Number(attempts[1].tokens)).toBeGreaterThan(0);
    expect(Number(attempts[1].cost_cents)).toBeGreaterThan(0);
    const performance = expectStatus(await viewer.query(`/workflows/${ids.workflow}/performance`), 200);
    expect(performance.agents).toContainEqual(expect.objectContaining({ agent_type: 'researcher', attempts: 2, completed: 1, failed: 1 }));

    const [row] = await sql('SELECT progress_percentage, status, priority FROM campaigns WHERE id = $1', [ids.campaign]);
    expect(row).toEqual({ progress_percentage: 100, status: 'active', priority: 'high' });
  }, 20_000);

  it('keeps the steps’ content derived twice (draft → article → social), publishes one by its timer, and shows the calendar', async () => {
    const chain = async () =>
      sql<Row>('SELECT id, parent_content_id, step_key, title, platform, status, published_at FROM campaign_content WHERE campaign_id = $1', [ids.campaign]);
    await until('the four step contents', async () => (await chain()).length === 4);
    const byStep = new Map((await chain()).map((c) => [c.step_key as string, c]));
    // seed 000 fk_content_parent: "tracks repurposing and adaptation chains".
    expect(byStep.get('draft')).toMatchObject({ id: contentOf('draft'), parent_content_id: null, title: 'Spring launch draft' });
    expect(byStep.get('article')).toMatchObject({ id: contentOf('article'), parent_content_id: contentOf('draft') });
    expect(byStep.get('social')).toMatchObject({ id: contentOf('social'), parent_content_id: contentOf('article'), platform: 'linkedin' });
    expect(byStep.get('newsletter')).toMatchObject({ parent_content_id: contentOf('article'), platform: 'email' });

    const publishAt = iso(Date.now() + 2_000);
    expectStatus(await editor.command('POST', `/campaigns/${ids.campaign}/content/${contentOf('social')}/schedule`, { scheduled_publish_at: publishAt }), 200);
    const published = await waitFor(
      'the social post published by its timer',
      async () => (await chain()).find((c) => c.id === contentOf('social') && c.published_at !== null),
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect((published.published_at as Date).getTime()).toBeGreaterThanOrEqual(Date.parse(publishAt));
    expect(published.status).toBe('published');

    const window = `from=${iso(createdAt - MINUTE)}&to=${iso(createdAt + 8 * DAY)}&campaign_id=${ids.campaign}`;
    const calendar = expectStatus(await viewer.query(`/calendar?${window}`), 200).items as Row[];
    expect(calendar.map((e) => [e.event_type, e.status, e.content_id ?? e.workflow_id])).toEqual([
      ['workflow_started', 'done', ids.workflow],
      ['workflow_completed', 'done', ids.workflow],
      ['content_publish', 'done', contentOf('social')],
      ['campaign_start', 'done', null],
      ['campaign_deadline', 'scheduled', null],
    ]);
    // The range is [from, to): a week ahead stops before the deadline.
    const week = expectStatus(await viewer.query(`/calendar?from=${iso(createdAt - MINUTE)}&to=${iso(createdAt + 6 * DAY)}&campaign_id=${ids.campaign}`), 200);
    expect((week.items as Row[]).map((e) => e.event_type)).not.toContain('campaign_deadline');
  }, 40_000);

  it('records analytics pushed through analytics-ingest, answered by the seed’s "Content within campaign" query', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const measure = (contentId: string | null, views: number, conversions: number) => ({
      campaign_id: ids.campaign,
      content_id: contentId,
      measurement_date: today,
      platform: 'website',
      views,
      clicks: Math.floor(views / 10),
      conversions,
      engagements: Math.floor(views / 4),
      shares: 3,
      revenue: '125.50',
    });
    expectStatus(
      await editor.pushAnalytics([measure(contentOf('article'), 1_200, 12), measure(contentOf('social'), 5_000, 40), measure(null, 9_000, 70)]),
      200,
    );
    expect((await viewer.pushAnalytics([measure(null, 1, 1)])).status).toBe(403);

    await until('the analytics rows', async () => (await sql('SELECT id FROM campaign_analytics WHERE campaign_id = $1', [ids.campaign])).length === 3);
    const rows = await sql<Row>(SEED_CONTENT_WITHIN_CAMPAIGN, [ids.campaign]);
    const figures = new Map(rows.map((r) => [r.id as string, [r.views, r.conversions]]));
    expect(figures.get(contentOf('article'))).toEqual(['1200', '12']);
    expect(figures.get(contentOf('social'))).toEqual(['5000', '40']);
    expect(figures.get(contentOf('draft'))).toEqual([null, null]);
    const api = expectStatus(await viewer.query(`/campaigns/${ids.campaign}/content`), 200).items as Row[];
    expect(api.map((r) => [r.id, r.views, r.conversions])).toEqual(
      rows.map((r) => [r.id, r.views === null ? null : Number(r.views), r.conversions === null ? null : Number(r.conversions)]),
    );
  }, 30_000);

  it('shows another org’s viewer none of it', async () => {
    expect((await stranger.query(`/workflows/${ids.workflow}`)).body.code).toBe('WORKFLOW_NOT_FOUND');
    expect((await stranger.query(`/campaigns/${ids.campaign}/content`)).status).toBe(404);
    expect((await stranger.query(`/campaigns/${ids.campaign}/workflows`)).status).toBe(404);
    expect(expectStatus(await stranger.query(`/workflows/${ids.workflow}/performance`), 404).code).toBe('WORKFLOW_NOT_FOUND');
    expect(expectStatus(await stranger.query(`/calendar?campaign_id=${ids.campaign}`), 200).items).toEqual([]);
    expect(expectStatus(await stranger.query('/campaigns'), 200)).toMatchObject({ items: [], total: 0 });
    // The command side answers another org's ids as unknown too.
    const strangerAdmin = new OrchestrationMember(platform, stranger.orgId, 'admin');
    expect(expectStatus(await strangerAdmin.command('DELETE', `/orchestrators/${ids.orchestrator}`), 404).code).toBe('ORCHESTRATOR_NOT_FOUND');
    expect(expectStatus(await strangerAdmin.command('DELETE', `/campaigns/${ids.campaign}`), 404).code).toBe('CAMPAIGN_NOT_FOUND');
  }, 20_000);

  it('refuses deleting the orchestrator while a workflow runs (RESTRICT), then deletes the campaign with all it holds (CASCADE)', async () => {
    // A revision whose only step no agent serves: the second workflow keeps version 2 and keeps running.
    expectStatus(await admin.command('POST', `/orchestrators/${ids.orchestrator}/template-revisions`, { steps: heldTemplate() }), 201);
    ids.held = expectStatus(await editor.command('POST', '/workflows', { orchestrator_id: ids.orchestrator, campaign_id: ids.campaign, variant: 'b' }), 201)
      .workflowId as string;
    // seed 000 RESTRICT: refused while a workflow is bound; the finished one is released by the timer-scheduler, so one remains.
    const refusal = await waitFor(
      'a refusal naming the one running workflow',
      async () => {
        const answer = await admin.command('DELETE', `/orchestrators/${ids.orchestrator}`);
        expect(answer.status).toBe(409);
        return (answer.body.details as Row).workflows === 1 ? answer.body : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 300 },
    );
    expect(refusal.code).toBe('ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS');
    await until('the second workflow in the read model', async () => (await sql('SELECT id FROM campaign_workflows WHERE id = $1', [ids.held])).length === 1);
    const [held] = await sql('SELECT status, template_version, variant FROM campaign_workflows WHERE id = $1', [ids.held]);
    expect(held).toEqual({ status: 'running', template_version: 2, variant: 'b' });

    expectStatus(await editor.command('DELETE', `/campaigns/${ids.campaign}`), 200);
    // seed 000 CASCADE: content, calendar, analytics; fk_workflows_campaign takes the workflows, their steps and performance rows.
    const remaining = `SELECT
        (SELECT COUNT(*) FROM campaigns WHERE id = $1)::int AS campaigns,
        (SELECT COUNT(*) FROM campaign_content WHERE campaign_id = $1)::int AS content,
        (SELECT COUNT(*) FROM campaign_calendar WHERE campaign_id = $1)::int AS calendar,
        (SELECT COUNT(*) FROM campaign_analytics WHERE campaign_id = $1)::int AS analytics,
        (SELECT COUNT(*) FROM campaign_workflows WHERE campaign_id = $1)::int AS workflows,
        (SELECT COUNT(*) FROM campaign_workflow_steps WHERE workflow_id = ANY($2::uuid[]))::int AS steps,
        (SELECT COUNT(*) FROM agent_orchestration_performance WHERE workflow_id = ANY($2::uuid[]))::int AS performance`;
    const counts = async () => (await sql(remaining, [ids.campaign, [ids.workflow, ids.held]]))[0];
    await until('the campaign and everything it holds gone', async () => (await counts()).campaigns === 0);
    expect(await counts()).toEqual({ campaigns: 0, content: 0, calendar: 0, analytics: 0, workflows: 0, steps: 0, performance: 0 });
    expect(expectStatus(await viewer.query(`/campaigns/${ids.campaign}/content`), 404).code).toBe('CAMPAIGN_NOT_FOUND');
    // The campaign's content commands answer CAMPAIGN_NOT_FOUND from now on.
    const late = await editor.command('POST', `/campaigns/${ids.campaign}/content/${contentOf('draft')}/publish`);
    expect(expectStatus(late, 404).code).toBe('CAMPAIGN_NOT_FOUND');
    // Not the strategy: a campaign follows it, it does not own it.
    expect((await sql('SELECT id FROM campaign_strategies WHERE id = $1', [ids.strategy])).length).toBe(1);
  }, 40_000);
});
