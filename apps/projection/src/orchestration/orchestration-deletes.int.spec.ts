import type { Pool } from 'pg';
import { NotYetProjectedError } from '../shared/row-writing';
import { OrchestrationHistory, stepOf, useOrchestrationSchemas } from './testing';

const STEPS = [stepOf('brief'), stepOf('draft', ['brief'])];
const CHILD_TABLES = [
  'campaign_workflows',
  'campaign_workflow_steps',
  'agent_orchestration_performance',
  'campaign_content',
  'campaign_content_relationships',
  'campaign_calendar',
  'campaign_analytics',
];

/** A campaign with a finished workflow, content derived and related, measured and on the calendar. */
const history = () => {
  const h = new OrchestrationHistory();
  const strategy = h.strategy();
  const orchestrator = h.orchestrator(STEPS);
  const campaign = h.campaign({ strategyId: strategy, orchestratorId: orchestrator, deadline: h.inDays(30) });
  const workflow = h.startWorkflow(orchestrator, campaign, STEPS);
  h.complete(workflow, 'brief').complete(workflow, 'draft').release(workflow);
  const parent = h.content(campaign, { title: 'Pillar', scheduledPublishAt: h.inDays(3) });
  const child = h.content(campaign, { title: 'Teaser', parentContentId: parent });
  h.contentEvent(campaign, 'ContentRelated', { sourceContentId: child, targetContentId: parent, relationshipType: 'repurposes', at: h.at() });
  const measure = { measurementDate: '2026-04-02', platform: 'website', views: 5, clicks: 1, conversions: 0, engagements: 0, shares: 0, revenue: '0.00' };
  h.contentEvent(campaign, 'ContentAnalyticsRecorded', { contentId: parent, ...measure, recordedAt: h.at() });
  return { h, strategy, orchestrator, campaign, workflow, parent, child };
};

describe('orchestration projection: seed 000 ON DELETE rules through events', () => {
  const schemas = useOrchestrationSchemas();
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));
  const count = async (schema: string, table: string, where = 'true', params: unknown[] = []) =>
    Number((await pool.query(`SELECT count(*) AS n FROM ${schema}.${table} WHERE ${where}`, params)).rows[0].n);

  it('seed 000 fk_workflows_campaign, fk_content_campaign, fk_calendar_campaign, fk_analytics_campaign CASCADE: CampaignDeleted takes every row of the campaign', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('orch_cascade');
    await runner.applyBatch(w.h.envelopes);
    for (const table of CHILD_TABLES) expect(await count(schema, table)).toBeGreaterThan(0);
    w.h.deleteCampaign(w.campaign);
    expect(await runner.applyBatch(w.h.envelopes)).toMatchObject({ applied: 1, deadLetters: [] });
    expect(await count(schema, 'campaigns')).toBe(0);
    for (const table of CHILD_TABLES) expect({ table, rows: await count(schema, table) }).toEqual({ table, rows: 0 });
  });

  it('seed 000 fk_campaigns_strategy SET NULL: StrategyDeleted leaves its campaigns running without it', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('orch_strategy');
    w.h.deleteStrategy(w.strategy);
    await runner.applyBatch(w.h.envelopes);
    expect(await count(schema, 'campaign_strategies')).toBe(0);
    expect(await count(schema, 'campaigns', 'id = $1 AND strategy_id IS NULL', [w.campaign])).toBe(1);
  });

  it('seed 000 fk_content_parent SET NULL: ContentDeleted leaves its children with no parent; its relationships, calendar and analytics go', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('orch_content');
    await runner.applyBatch(w.h.envelopes);
    w.h.contentEvent(w.campaign, 'ContentDeleted', { contentId: w.parent, deletedAt: w.h.at() });
    await runner.applyBatch(w.h.envelopes);
    expect(await count(schema, 'campaign_content', 'id = $1 AND parent_content_id IS NULL', [w.child])).toBe(1);
    expect(await count(schema, 'campaign_content', 'id = $1', [w.parent])).toBe(0);
    for (const table of ['campaign_content_relationships', 'campaign_analytics']) expect(await count(schema, table)).toBe(0);
    expect(await count(schema, 'campaign_calendar', 'content_id = $1', [w.parent])).toBe(0);
  });

  it('seed 000 fk_workflows_orchestrator RESTRICT: a deleted orchestrator keeps its row (deleted_at) while workflow rows name it, and goes with the last of them', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('orch_restrict');
    const other = w.h.campaign({ orchestratorId: w.orchestrator });
    w.h.deleteOrchestrator(w.orchestrator);
    await runner.applyBatch(w.h.envelopes);
    expect(await count(schema, 'campaign_orchestrators', 'deleted_at IS NOT NULL')).toBe(1);
    expect(await count(schema, 'campaign_workflows', 'orchestrator_id = $1', [w.orchestrator])).toBe(1);
    // PostgreSQL itself refuses to delete it while the finished workflow's row references it.
    await expect(pool.query(`DELETE FROM ${schema}.campaign_orchestrators WHERE id = $1`, [w.orchestrator])).rejects.toMatchObject({
      code: '23503',
      constraint: 'fk_workflows_orchestrator',
    });
    w.h.deleteCampaign(w.campaign);
    await runner.applyBatch(w.h.envelopes);
    expect(await count(schema, 'campaign_orchestrators')).toBe(0);
    // seed 000 fk_campaigns_orchestrator SET NULL, once the row is gone.
    expect(await count(schema, 'campaigns', 'id = $1 AND orchestrator_id IS NULL', [other])).toBe(1);
  });

  it('an orchestrator no workflow row names goes at once', async () => {
    const h = new OrchestrationHistory();
    const orchestrator = h.orchestrator(STEPS);
    h.deleteOrchestrator(orchestrator);
    const { schema, runner } = await schemas.projectionIn('orch_unused');
    await runner.applyBatch(h.envelopes);
    expect(await count(schema, 'campaign_orchestrators')).toBe(0);
  });

  it('events for rows that are gone write nothing: a workflow and content of a deleted campaign, applied late', async () => {
    const h = new OrchestrationHistory();
    const orchestrator = h.orchestrator(STEPS);
    const campaign = h.campaign();
    const started = h.envelopes.length;
    const workflow = h.startWorkflow(orchestrator, campaign, STEPS);
    h.complete(workflow, 'brief');
    h.content(campaign, { workflowId: workflow, stepKey: 'brief' });
    const late = h.envelopes.slice(started);
    h.deleteCampaign(campaign);
    const { schema, runner } = await schemas.projectionIn('orch_gone');
    // The campaign's stream (deleted) is applied before the workflow's and the content's.
    await runner.applyBatch(h.envelopes.filter((e) => !late.includes(e)));
    expect(await runner.applyBatch(late)).toMatchObject({ applied: late.length, deadLetters: [] });
    for (const table of ['campaigns', ...CHILD_TABLES]) expect({ table, rows: await count(schema, table) }).toEqual({ table, rows: 0 });
  });

  it('a parent of another stream not projected yet fails the batch, to be retried (never dead-lettered), then applies', async () => {
    const h = new OrchestrationHistory();
    const campaign = h.campaign();
    const created = h.envelopes.length;
    const content = h.content(campaign);
    const { schema, runner } = await schemas.projectionIn('orch_not_yet');
    await expect(runner.applyBatch(h.envelopes.slice(created))).rejects.toBeInstanceOf(NotYetProjectedError);
    expect(await count(schema, 'projection_dead_letters')).toBe(0);
    await runner.applyBatch(h.envelopes.slice(0, created));
    await runner.applyBatch(h.envelopes.slice(created));
    expect(await count(schema, 'campaign_content', 'id = $1', [content])).toBe(1);
  });
});
