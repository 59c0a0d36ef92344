import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@campaign/eventstore';
import { dumpTables, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { Rebuilder } from '../shared/rebuild';
import { attemptRowId, stepRowId } from './orchestration.ids';
import { OrchestrationProjection } from './orchestration.projection';
import { ORCHESTRATION_TABLES } from './orchestration.schema';
import { OrchestrationHistory, stepOf, useOrchestrationSchemas } from './testing';

const STEPS = [stepOf('brief'), stepOf('draft', ['brief']), stepOf('visuals', ['brief'], 'designer'), stepOf('publish', ['draft', 'visuals'])];
const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** An org's campaign run by an orchestrator: one step retried, one running, content produced by a step, related and measured. */
const history = () => {
  const h = new OrchestrationHistory();
  const strategy = h.strategy();
  const orchestrator = h.orchestrator(STEPS);
  const campaign = h.campaign({
    priority: 'high',
    strategyId: strategy,
    orchestratorId: orchestrator,
    scheduledStart: h.inDays(1),
    deadline: h.inDays(30),
    budget: '1500.00',
  });
  const actualStart = h.activate(campaign);
  const workflow = h.startWorkflow(orchestrator, campaign, STEPS);
  h.complete(workflow, 'brief');
  h.started(workflow, 'draft');
  h.fail(workflow, 'visuals', 1, { timedOut: true })
    .dispatch(workflow, 'visuals', 2)
    .complete(workflow, 'visuals', 2, { costCents: 300, tokens: 50, qualityScore: 0.75 });
  const post = h.content(campaign, { title: 'Brief', workflowId: workflow, stepKey: 'brief', scheduledPublishAt: h.inDays(5), reviewDeadline: h.inDays(2) });
  const teaser = h.content(campaign, { title: 'Teaser', platform: 'linkedin', parentContentId: post });
  h.contentEvent(campaign, 'ContentRelated', { sourceContentId: teaser, targetContentId: post, relationshipType: 'repurposes', at: h.at() });
  const measure = (views: number) => ({
    contentId: post,
    measurementDate: '2026-04-02',
    platform: 'website',
    views,
    clicks: 3,
    conversions: 1,
    engagements: 4,
    shares: 0,
    revenue: '9.50',
    recordedAt: h.at(),
  });
  h.contentEvent(campaign, 'ContentAnalyticsRecorded', measure(10)).contentEvent(campaign, 'ContentAnalyticsRecorded', measure(25));
  return { h, strategy, orchestrator, campaign, actualStart, workflow, post, teaser };
};

describe('orchestration projection: seed 000 rows from the orchestration events', () => {
  const schemas = useOrchestrationSchemas();
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));
  const rows = async (schema: string, table: string, where = 'true', params: unknown[] = []) =>
    (await pool.query(`SELECT * FROM ${schema}.${table} t WHERE ${where} ORDER BY 1`, params)).rows;

  it('writes campaigns, workflows, steps, one performance row per attempt, content, relationships and analytics as the events say', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('orch_rows');
    expect(await runner.applyBatch(w.h.envelopes)).toMatchObject({ deadLetters: [], applied: w.h.envelopes.length });
    const [campaign] = await rows(schema, 'campaigns');
    // seed 000 progress_percentage follows the workflow: 2 of 4 steps completed.
    expect(campaign).toMatchObject({ id: w.campaign, org_id: w.h.orgId, status: 'active', priority: 'high', progress_percentage: 50, budget: '1500.00' });
    expect(campaign.actual_start.toISOString()).toBe(w.actualStart);
    expect(await rows(schema, 'campaign_workflows')).toEqual([
      expect.objectContaining({ id: w.workflow, status: 'running', variant: 'default', template_version: 1, progress_percentage: 50, completed_at: null }),
    ]);
    const steps = await rows(schema, 'campaign_workflow_steps', 'workflow_id = $1', [w.workflow]);
    const byKey = Object.fromEntries(steps.map((s) => [s.step_key, s]));
    // seed 000 chk_step_order: 1 + the longest chain of dependencies before the step.
    expect(steps.map((s) => [s.step_key, s.step_order, s.status, s.attempts]).sort()).toEqual([
      ['brief', 1, 'completed', 1],
      ['draft', 2, 'running', 1],
      ['publish', 3, 'pending', 0],
      ['visuals', 2, 'completed', 2],
    ]);
    expect(byKey.visuals).toMatchObject({ id: stepRowId(w.workflow, 'visuals'), agent_type: 'designer', output: { text: 'visuals done' }, error: null });
    const attempts = await rows(schema, 'agent_orchestration_performance', 'step_key = $1', ['visuals']);
    expect(attempts.map((a) => [a.id, a.attempt, a.status, a.error, a.cost_cents, a.quality_score])).toEqual(
      [
        [attemptRowId(w.workflow, 'visuals', 1), 1, 'timed_out', 'timed out', null, null],
        [attemptRowId(w.workflow, 'visuals', 2), 2, 'completed', null, '300', '0.750'],
      ].sort(),
    );
    expect(await rows(schema, 'campaign_content', 'id = $1', [w.teaser])).toEqual([
      expect.objectContaining({ parent_content_id: w.post, platform: 'linkedin' }),
    ]);
    expect(await rows(schema, 'campaign_content_relationships')).toEqual([
      expect.objectContaining({ source_content_id: w.teaser, target_content_id: w.post, relationship_type: 'repurposes' }),
    ]);
    // One row per (campaign, content, date, platform): the latest measurement replaces it.
    expect((await rows(schema, 'campaign_analytics')).map((a) => [a.views, a.revenue])).toEqual([['25', '9.50']]);
  });

  it('keeps the calendar in step: campaign dates, content publish and review, workflow start, running attempts’ timeouts', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('orch_calendar');
    await runner.applyBatch(w.h.envelopes);
    const calendar = async () =>
      (await rows(schema, 'campaign_calendar')).map((c) => [c.event_type, c.status, c.content_id ?? c.workflow_id ?? c.campaign_id]).sort();
    expect(await calendar()).toEqual(
      [
        ['campaign_deadline', 'scheduled', w.campaign],
        ['campaign_start', 'done', w.campaign],
        ['content_publish', 'scheduled', w.post],
        ['content_review', 'scheduled', w.post],
        ['step_timeout', 'scheduled', w.workflow],
        ['workflow_started', 'done', w.workflow],
      ].sort(),
    );
    // The draft's timeout entry goes when its attempt ends; the campaign's deadline entry moves with the deadline.
    const deadline = w.h.inDays(40);
    w.h.complete(w.workflow, 'draft').updateCampaign(w.campaign, { deadline });
    await runner.applyBatch(w.h.envelopes);
    const timeouts = await rows(schema, 'campaign_calendar', `event_type = 'step_timeout'`);
    expect(timeouts.map((t) => t.title)).toEqual(['Step due: Step publish (attempt 1)']);
    const [moved] = await rows(schema, 'campaign_calendar', `event_type = 'campaign_deadline'`);
    expect(moved.scheduled_datetime.toISOString()).toBe(deadline);
    w.h.complete(w.workflow, 'publish');
    await runner.applyBatch(w.h.envelopes);
    expect((await rows(schema, 'campaign_calendar', `workflow_id = $1`, [w.workflow])).map((c) => c.event_type).sort()).toEqual([
      'workflow_completed',
      'workflow_started',
    ]);
  });

  it('progress_percentage: the latest fact wins, whichever stream is applied first', async () => {
    const w = history();
    const { schema, runner } = await schemas.projectionIn('orch_progress');
    w.h.updateCampaign(w.campaign, { progressPercentage: 80 });
    const manual = w.h.envelopes.length - 1;
    w.h.complete(w.workflow, 'draft');
    const completion = w.h.envelopes.findIndex((e, i) => i > manual && e.type === 'StepCompleted');
    // The later completion (75%) is applied before the earlier manual update (80%): 75 stays.
    const reordered = [...w.h.envelopes.slice(0, manual), w.h.envelopes[completion], w.h.envelopes[manual]];
    await runner.applyBatch(reordered);
    expect((await rows(schema, 'campaigns'))[0].progress_percentage).toBe(75);
  });

  it('replaying the history changes nothing, and a rebuild from the event store equals the live tables', async () => {
    const w = history();
    w.h.complete(w.workflow, 'draft').complete(w.workflow, 'publish');
    w.h.contentEvent(w.campaign, 'ContentDeleted', { contentId: w.post, deletedAt: w.h.at() });
    const other = w.h.campaign({ priority: 'urgent' });
    w.h.deleteStrategy(w.strategy).deleteCampaign(other);
    const live = await schemas.projectionIn('orch_live');
    for (const event of w.h.envelopes) await live.runner.applyBatch([event]);
    const before = await dumpTables(pool, live.schema, ORCHESTRATION_TABLES);
    expect(await live.runner.applyBatch(w.h.envelopes)).toMatchObject({ applied: 0, skipped: w.h.envelopes.length });
    expect(await dumpTables(pool, live.schema, ORCHESTRATION_TABLES)).toEqual(before);

    const store = new PostgresEventStore(pool, `es_orch_${uniqueSuffix()}`);
    await store.migrate();
    for (const e of w.h.envelopes) {
      const metadata = {
        context: 'orchestration',
        occurredAt: e.occurredAt,
        correlationId: e.correlationId,
        causationId: null,
        actor: e.actor,
        tenant: e.tenant,
        commandId: randomUUID(),
      };
      const event = { eventId: e.eventId, type: e.type, schemaVersion: 1, data: e.data };
      await store.append(e.streamId, e.streamVersion - 1, [event], metadata, (streamVersion) => ({
        status: 'ACCEPTED',
        commandId: metadata.commandId,
        streamId: e.streamId,
        streamVersion,
        eventIds: [e.eventId],
      }));
    }
    const target = `${live.schema}_copy`;
    try {
      const report = await new Rebuilder(pool, store, silent).rebuild((schema) => new OrchestrationProjection(schema), {
        liveSchema: live.schema,
        target,
        swap: false,
      });
      expect(report).toMatchObject({ events: w.h.envelopes.length, deadLetters: 0 });
      expect(await dumpTables(pool, target, ORCHESTRATION_TABLES)).toEqual(before);
    } finally {
      await pool.query(`DROP SCHEMA IF EXISTS ${target} CASCADE`);
      await pool.query(`DROP SCHEMA IF EXISTS ${store.schema} CASCADE`);
    }
  });
});
