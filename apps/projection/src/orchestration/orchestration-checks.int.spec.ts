import { randomUUID } from 'node:crypto';
import { orchestration } from '@campaign/domain';
import { OrchestrationHistory, stepOf, useOrchestrationSchemas } from './testing';

const STEPS = [stepOf('brief'), stepOf('draft', ['brief'])];

/**
 * Histories the deciders refuse (libs/domain/src/orchestration/rules.ts), written here as if a
 * faulty writer had recorded them: the read model's CHECKs are the last guard. Each ends in the
 * one event that breaks the named constraint.
 */
const BREAKERS: readonly (readonly [string, (h: OrchestrationHistory) => void])[] = [
  // seed 000: chk_campaign_timeline — the deadline after the scheduled start.
  ['chk_campaign_timeline', (h) => void h.campaign({ scheduledStart: h.inDays(5), deadline: h.inDays(2) })],
  // seed 000: chk_campaign_progress — BETWEEN 0 AND 100.
  ['chk_campaign_progress', (h) => void h.updateCampaign(h.campaign(), { progressPercentage: 120 })],
  // seed 000: chk_workflow_timing — completed after started.
  [
    'chk_workflow_timing',
    (h) => {
      const orchestratorId = h.orchestrator(STEPS);
      const campaignId = h.campaign();
      const workflowId = h.startWorkflow(orchestratorId, campaignId, STEPS);
      const data = { orgId: h.orgId, workflowId, campaignId, orchestratorId, completedAt: '2026-01-01T00:00:00.000Z' };
      h.emit(orchestration.workflowStreamId(h.orgId, workflowId), 'WorkflowCompleted', data);
    },
  ],
  // seed 000: chk_step_order — step_order > 0.
  [
    'chk_step_order',
    (h) => {
      const orchestratorId = h.orchestrator(STEPS);
      const campaignId = h.campaign();
      const workflowId = randomUUID();
      const steps = [{ ...stepOf('brief'), stepOrder: 0 }];
      const data = { orgId: h.orgId, workflowId, campaignId, orchestratorId, templateVersion: 1, variant: 'default', steps, startedAt: h.at() };
      h.emit(orchestration.workflowStreamId(h.orgId, workflowId), 'WorkflowStarted', data);
    },
  ],
  // seed 000: chk_step_timing — a step completes after it started (its first dispatch).
  [
    'chk_step_timing',
    (h) => {
      const orchestratorId = h.orchestrator(STEPS);
      const campaignId = h.campaign();
      const workflowId = h.startWorkflow(orchestratorId, campaignId, STEPS);
      const report = { stepKey: 'brief', attempt: 1, output: {}, costCents: null, tokens: null, qualityScore: null, durationMs: null, progressPercentage: 50 };
      const data = { orgId: h.orgId, workflowId, campaignId, ...report, completedAt: '2026-01-01T00:00:00.000Z' };
      h.emit(orchestration.workflowStreamId(h.orgId, workflowId), 'StepCompleted', data);
    },
  ],
  // seed 000: chk_content_no_self_parent.
  [
    'chk_content_no_self_parent',
    (h) => {
      const campaign = h.campaign();
      const id = '00000000-0000-4000-8000-000000000001';
      h.content(campaign, { parentContentId: id }, id);
    },
  ],
  // seed 000: chk_content_publish_timing — published no earlier than created.
  [
    'chk_content_publish_timing',
    (h) => {
      const campaign = h.campaign();
      const contentId = h.content(campaign);
      h.contentEvent(campaign, 'ContentPublished', { contentId, publishedAt: '2026-01-01T00:00:00.000Z' });
    },
  ],
  // seed 000: chk_content_schedule_timing — scheduled after created.
  ['chk_content_schedule_timing', (h) => void h.content(h.campaign(), { scheduledPublishAt: '2026-01-01T00:00:00.000Z' })],
];

/** seed 000 "Foreign Key Constraints", restated: name → ON DELETE rule (pg_constraint.confdeltype: c cascade, n set null, r restrict). */
const SEED_FOREIGN_KEYS = {
  fk_campaigns_strategy: 'n',
  fk_campaigns_orchestrator: 'n',
  fk_workflows_campaign: 'c',
  fk_workflows_orchestrator: 'r',
  fk_workflow_steps_workflow: 'c',
  fk_content_campaign: 'c',
  fk_content_workflow: 'n',
  fk_content_parent: 'n',
  fk_calendar_campaign: 'c',
  fk_calendar_content: 'c',
  fk_calendar_workflow: 'n',
  fk_analytics_campaign: 'c',
  fk_analytics_content: 'c',
  fk_performance_workflow: 'c',
  fk_performance_step: 'c',
};

/** seed 000 "Index Strategy for Relationships", restated. */
const SEED_INDEXES = [
  'idx_campaign_relationships',
  'idx_content_campaign_active',
  'idx_workflow_campaign_status',
  'idx_calendar_campaign_date',
  'idx_analytics_campaign_date',
  'idx_agent_performance_workflow',
  'idx_workflow_steps_execution',
  'idx_content_parent_child',
  'idx_content_relationships_source',
];

describe('orchestration projection: seed 000 constraints hold in the read model', () => {
  const schemas = useOrchestrationSchemas();

  it('has every foreign key of the seed under its name with its ON DELETE rule, and every index of the seed', async () => {
    const { schema } = await schemas.projectionIn('orch_ddl');
    const pool = schemas.pool();
    const fks = await pool.query(`SELECT conname, confdeltype FROM pg_constraint WHERE contype = 'f' AND connamespace = $1::regnamespace`, [schema]);
    const found = Object.fromEntries(fks.rows.map((r) => [r.conname, r.confdeltype]));
    expect(found).toMatchObject(SEED_FOREIGN_KEYS);
    const indexes = (await pool.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1`, [schema])).rows.map((r) => r.indexname);
    expect(indexes).toEqual(expect.arrayContaining(SEED_INDEXES));
  });

  it.each(BREAKERS)(
    '%s: the breaking event is set aside as a dead letter naming the constraint, its stream held; the rest applies',
    async (constraint, breakWith) => {
      const h = new OrchestrationHistory();
      const fine = h.campaign({ name: 'Unrelated' });
      breakWith(h);
      const bad = h.envelopes[h.envelopes.length - 1];
      const { schema, runner } = await schemas.projectionIn('orch_checks');
      const result = await runner.applyBatch(h.envelopes);
      expect(result.deadLetters.map((letter) => [letter.event.eventId, letter.error])).toEqual([[bad.eventId, expect.stringContaining(constraint)]]);
      const pool = schemas.pool();
      expect((await pool.query(`SELECT held_by FROM ${schema}.projection_checkpoints WHERE stream_id = $1`, [bad.streamId])).rows).toEqual([
        { held_by: bad.eventId },
      ]);
      expect((await pool.query(`SELECT 1 FROM ${schema}.campaigns WHERE id = $1`, [fine])).rowCount).toBe(1);
    },
  );

  it('seed 000 chk_campaign_priority: priority is an enum declared low < medium < high < critical < urgent, the CHECK kept; another value is refused', async () => {
    const h = new OrchestrationHistory();
    h.campaign({ priority: 'someday' as orchestration.CampaignPriority });
    const { schema, runner } = await schemas.projectionIn('orch_priority');
    const { deadLetters } = await runner.applyBatch(h.envelopes);
    expect(deadLetters.map((letter) => letter.error)).toEqual([expect.stringContaining('invalid input value for enum')]);
    const pool = schemas.pool();
    const { rows } = await pool.query(`SELECT unnest(enum_range(NULL::${schema}.campaign_priority))::text AS p`);
    expect(rows.map((r) => r.p)).toEqual([...orchestration.CAMPAIGN_PRIORITIES]);
    const check = await pool.query(`SELECT 1 FROM pg_constraint WHERE conname = 'chk_campaign_priority' AND connamespace = $1::regnamespace`, [schema]);
    expect(check.rowCount).toBe(1);
  });
});
