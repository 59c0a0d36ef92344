import { dumpTables } from '@campaign/testing';
import type { Pool } from 'pg';
import { ORCHESTRATION_TABLES } from './orchestration.schema';
import * as SEED from './seed-queries';
import { OrchestrationHistory, stepOf, useOrchestrationSchemas } from './testing';

const DIAMOND = [stepOf('brief'), stepOf('draft', ['brief']), stepOf('visuals', ['brief'], 'designer'), stepOf('publish', ['draft', 'visuals'])];

/** One org's campaigns in every priority, content with analytics, and executions at several stages. */
const world = () => {
  const h = new OrchestrationHistory();
  const strategy = h.strategy('Thought leadership', 'content_marketing');
  const orchestrator = h.orchestrator(DIAMOND, 'Blog pipeline');
  const campaign = (priority: 'low' | 'medium' | 'high' | 'critical' | 'urgent', days: number, active = true) => {
    const id = h.campaign({ name: `${priority} in ${days}d`, priority, deadline: h.inDays(days), strategyId: strategy, orchestratorId: orchestrator });
    if (active) h.activate(id);
    return id;
  };
  const low = campaign('low', 2);
  const highLater = campaign('high', 7);
  const urgent = campaign('urgent', 10);
  const medium = campaign('medium', 1);
  const critical = campaign('critical', 5);
  const highSooner = campaign('high', 3);
  const draft = campaign('urgent', 4, false);
  const first = h.content(urgent, { title: 'Pillar article' });
  const second = h.content(urgent, { title: 'LinkedIn teaser', platform: 'linkedin', parentContentId: first });
  const switchedOff = h.content(urgent, { title: 'Old draft' });
  h.contentEvent(urgent, 'ContentActivationChanged', { contentId: switchedOff, isActive: false, at: h.at() });
  const measurement = { platform: 'website', clicks: 20, engagements: 7, shares: 2, revenue: '150.00', recordedAt: h.at() };
  h.contentEvent(urgent, 'ContentAnalyticsRecorded', { contentId: first, measurementDate: '2026-04-02', views: 100, conversions: 5, ...measurement });
  const finished = h.startWorkflow(orchestrator, urgent, DIAMOND);
  for (const key of ['brief', 'draft', 'visuals', 'publish']) h.complete(finished, key);
  const halfway = h.startWorkflow(orchestrator, urgent, DIAMOND, 'B');
  h.complete(halfway, 'brief').complete(halfway, 'draft');
  h.content(critical, { title: 'Critical post' });
  const onlyWorkflow = h.startWorkflow(orchestrator, highSooner, DIAMOND);
  return { h, campaigns: { low, highLater, urgent, medium, critical, highSooner, draft }, first, second, finished, halfway, onlyWorkflow };
};

describe('orchestration seed queries run unmodified against the projection (seed 000)', () => {
  const schemas = useOrchestrationSchemas();
  let pool: Pool;
  let w: ReturnType<typeof world>;
  let schema: string;
  beforeAll(async () => {
    pool = schemas.pool();
    w = world();
    const projection = await schemas.projectionIn('orch_seedq');
    schema = projection.schema;
    expect(await projection.runner.applyBatch(w.h.envelopes)).toMatchObject({ deadLetters: [], applied: w.h.envelopes.length });
  });

  /** Runs a seed query as printed, with search_path set to the projection's schema (as an analyst would). */
  const seedQuery = async (sql: string, params: unknown[] = []) => {
    const client = await pool.connect();
    try {
      await client.query(`SET search_path TO ${schema}`);
      return (await client.query(sql, params)).rows;
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  };

  it('seed 000 "Campaign-first queries": active campaigns, urgent → critical → high → medium → low, then the nearest deadline', async () => {
    const rows = await seedQuery(SEED.CAMPAIGN_FIRST);
    const c = w.campaigns;
    expect(rows.map((r) => r.id)).toEqual([c.urgent, c.critical, c.highSooner, c.highLater, c.medium, c.low]);
    expect(rows[0]).toMatchObject({ priority: 'urgent', status: 'active', orchestrator_name: 'Blog pipeline', strategy_type: 'content_marketing' });
  });

  it('seed 000 "Content within campaign": active content only, newest first, with its views and conversions', async () => {
    const rows = await seedQuery(SEED.CONTENT_WITHIN_CAMPAIGN, [w.campaigns.urgent]);
    expect(rows.map((r) => [r.id, r.title, r.views === null ? null : Number(r.views), r.conversions === null ? null : Number(r.conversions)])).toEqual([
      [w.second, 'LinkedIn teaser', null, null],
      [w.first, 'Pillar article', 100, 5],
    ]);
    expect(rows[0]).toMatchObject({ parent_content_id: w.first, platform: 'linkedin', is_active: true });
  });

  it('seed 000 "Workflow execution status": each execution of the campaign, newest first, with total and completed steps', async () => {
    const rows = await seedQuery(SEED.WORKFLOW_EXECUTION_STATUS, [w.campaigns.urgent]);
    expect(rows.map((r) => [r.id, r.variant, r.status, Number(r.total_steps), Number(r.completed_steps)])).toEqual([
      [w.halfway, 'B', 'running', 4, 2],
      [w.finished, 'default', 'completed', 4, 4],
    ]);
  });

  it('seed 000 "Validate campaign hierarchy": the campaigns lacking a workflow or active content, newest first', async () => {
    const rows = await seedQuery(SEED.VALIDATE_CAMPAIGN_HIERARCHY);
    const c = w.campaigns;
    expect(rows.map((r) => r.id)).toEqual([c.draft, c.highSooner, c.critical, c.medium, c.highLater, c.low]);
    expect(rows.find((r) => r.id === c.critical)).toMatchObject({ workflows: '0', content_pieces: '1', calendar_events: '1' });
    // The seed's LEFT JOINs multiply: one workflow × three calendar entries (deadline, workflow start, the first step's timeout).
    expect(rows.find((r) => r.id === c.highSooner)).toMatchObject({ workflows: '3', content_pieces: '0', calendar_events: '3' });
  });

  it('seed 000 "Validate workflow integrity": a completed workflow has every step completed — until a row says otherwise', async () => {
    expect(await seedQuery(SEED.VALIDATE_WORKFLOW_INTEGRITY)).toEqual([]);
    // The query is the seed's alarm: break one projected step and it must ring.
    const copy = await schemas.projectionIn('orch_seedq_broken');
    await copy.runner.applyBatch(w.h.envelopes);
    await pool.query(`UPDATE ${copy.schema}.campaign_workflow_steps SET status = 'failed' WHERE workflow_id = $1 AND step_key = 'publish'`, [w.finished]);
    const previous = schema;
    schema = copy.schema;
    try {
      const rows = await seedQuery(SEED.VALIDATE_WORKFLOW_INTEGRITY);
      expect(rows.map((r) => [r.id, r.status, Number(r.total_steps), Number(r.completed_steps), Number(r.failed_steps)])).toEqual([
        [w.finished, 'completed', 4, 3, 1],
      ]);
    } finally {
      schema = previous;
    }
  });

  it('seed 000 Legacy Relationship Mapping runs as printed: blog posts become the legacy campaign’s content, in its org', async () => {
    const h = new OrchestrationHistory();
    const legacy = h.campaign({ name: 'Legacy Blog Post Campaign' });
    const copy = await schemas.projectionIn('orch_legacy');
    await copy.runner.applyBatch(h.envelopes);
    // The old system's table, as the seed's statements read it (status an enum: `bp.status::TEXT`).
    await pool.query(`CREATE TYPE ${copy.schema}.post_status AS ENUM ('draft', 'published');
      CREATE TABLE ${copy.schema}.blog_posts (id UUID PRIMARY KEY, campaign_id UUID, title TEXT, content_markdown TEXT,
        status ${copy.schema}.post_status, created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ);
      INSERT INTO ${copy.schema}.blog_posts VALUES (gen_random_uuid(), NULL, 'Hello', '# Hello', 'published', '2025-01-01', '2025-01-02')`);
    const previous = schema;
    schema = copy.schema;
    try {
      await seedQuery(SEED.LEGACY_MAP_BLOG_POSTS);
      await seedQuery(SEED.LEGACY_CONTENT_FROM_BLOG_POSTS);
    } finally {
      schema = previous;
    }
    const { rows } = await pool.query(`SELECT campaign_id, org_id, title, content_type, platform, status, is_active FROM ${copy.schema}.campaign_content`);
    expect(rows).toEqual([
      { campaign_id: legacy, org_id: h.orgId, title: 'Hello', content_type: 'blog_post', platform: 'website', status: 'published', is_active: true },
    ]);
  });

  it('a projection fed each event twice equals one fed once (redelivery changes nothing)', async () => {
    const events = w.h.envelopes;
    const twice = await schemas.projectionIn('orch_twice');
    for (const event of events) await twice.runner.applyBatch([event, event]);
    expect(await twice.runner.applyBatch(events)).toMatchObject({ applied: 0, skipped: events.length });
    expect(await dumpTables(pool, twice.schema, ORCHESTRATION_TABLES)).toEqual(await dumpTables(pool, schema, ORCHESTRATION_TABLES));
  });
});
