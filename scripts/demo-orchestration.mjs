// The orchestration part of the demo behind scripts/up.sh (seed 000): an org's strategy, an
// orchestrator whose template is a diamond of six steps, a campaign, and a workflow run to
// completion by the reference agent (apps/reference-agent, started by up.sh) — one step fails once
// and is retried by the timer-scheduler after its back-off, the steps' content is derived twice
// (draft → article → social post), a post is published by timer, and the calendar, the agents'
// performance and the seed's own queries show the result.
import { randomUUID } from 'node:crypto';
import { COMMAND, QUERY, INGEST, call, command as send, jwt, schemaReader, until } from './demo-lib.mjs';

const schema = process.env.ORCHESTRATION_SCHEMA ?? 'orchestration';

const orgId = randomUUID();
const admin = jwt({ sub: randomUUID(), org_id: orgId, role: 'admin' });
const editor = jwt({ sub: randomUUID(), org_id: orgId, role: 'editor' });
const viewer = jwt({ sub: randomUUID(), org_id: orgId, role: 'viewer' });

const command = (method, path, token, body = {}, base = COMMAND) => send(method, `${base}${path}`, token, body);
const read = async (path) => (await call('GET', `${QUERY}${path}`, { token: viewer })).body;
const { sql, end } = schemaReader(schema);
const table = (rows) => console.table(rows);
const iso = (ms) => new Date(ms).toISOString();

// A diamond: brief → (draft, research) → article → (social, newsletter); research fails its first
// attempt (the agent's fault switch) and is retried 1 s later; article derives from draft, the
// social post and the newsletter from article.
const step = (key, agentType, dependsOn, input = {}) => ({
  key,
  name: key[0].toUpperCase() + key.slice(1),
  agent_type: agentType,
  depends_on: dependsOn,
  timeout_ms: 30_000,
  max_attempts: 3,
  backoff: { initial_delay_ms: 1_000, multiplier: 2, max_delay_ms: 10_000 },
  input,
});
const steps = [
  step('brief', 'planner', []),
  step('draft', 'writer', ['brief'], { produce: { title: 'Agents at work: a first draft' } }),
  step('research', 'researcher', ['brief'], { failAttempts: 1 }),
  step('article', 'writer', ['draft', 'research'], { produce: { title: 'Agents at work', derivedFromStep: 'draft' } }),
  step('social', 'writer', ['article'], {
    produce: { title: 'Agents at work — in 3 lines', contentType: 'social_post', platform: 'linkedin', derivedFromStep: 'article' },
  }),
  step('newsletter', 'writer', ['article'], {
    produce: { title: 'This week: agents at work', contentType: 'email', platform: 'email', derivedFromStep: 'article' },
  }),
];

console.log('\nAn org: a strategy, an orchestrator (a six-step diamond), a campaign');
const { strategyId } = await command('POST', '/v1/orchestration/strategies', editor, { name: 'Thought leadership', strategy_type: 'content_marketing' });
const { orchestratorId } = await command('POST', '/v1/orchestration/orchestrators', admin, { name: 'Article pipeline', steps });
const deadline = iso(Date.now() + 14 * 86_400_000);
const { campaignId } = await command('POST', '/v1/orchestration/campaigns', editor, {
  name: 'Agents at work',
  strategy_id: strategyId,
  orchestrator_id: orchestratorId,
  priority: 'high',
  deadline,
});
await command('POST', `/v1/orchestration/campaigns/${campaignId}/status`, editor, { status: 'active' });
const cyclic = await call('POST', `${COMMAND}/v1/orchestration/orchestrators`, {
  token: admin,
  body: { name: 'Loop', steps: [step('a', 'writer', ['b']), step('b', 'writer', ['a'])] },
});
console.log(`  a template whose steps wait for each other → ${cyclic.status} ${cyclic.body.code} (${cyclic.body.details?.cycle})`);

console.log('\nThe workflow: started, dispatched on orchestration.events, run by the reference agent');
const { workflowId } = await command('POST', '/v1/orchestration/workflows', editor, { orchestrator_id: orchestratorId, campaign_id: campaignId });
let last = '';
const workflow = await until('the workflow to complete', async () => {
  const answer = await read(`/v1/orchestration/workflows/${workflowId}`);
  const line = (answer.steps ?? []).map((s) => `${s.step_key}:${s.status}`).join(' ');
  if (line && line !== last) console.log(`  ${answer.status}  ${line}`);
  last = line;
  return answer.status === 'completed' ? answer : null;
});
table(workflow.steps.map((s) => ({ step: s.step_key, order: s.step_order, status: s.status, attempts: s.attempts, agent: s.agent_type })));
const performance = await read(`/v1/orchestration/workflows/${workflowId}/performance`);
console.log('agent_orchestration_performance — every attempt (research failed once, then completed):');
table(
  performance.attempts.map((a) => ({
    step: a.step_key,
    attempt: a.attempt,
    status: a.status,
    cost_cents: a.cost_cents,
    tokens: a.tokens,
    quality: a.quality_score,
    ms: a.duration_ms,
  })),
);

console.log('\nContent made by the steps, derived twice (draft → article → social post, newsletter)');
const content = await until("the steps' content", async () => {
  const answer = await read(`/v1/orchestration/campaigns/${campaignId}/content`);
  return answer.items?.length >= 4 ? answer.items : null;
});
const titleOf = new Map(content.map((c) => [c.id, c.title]));
table(
  content.map((c) => ({
    title: c.title,
    type: c.content_type,
    platform: c.platform,
    derived_from: titleOf.get(c.parent_content_id) ?? null,
    status: c.status,
  })),
);

const social = content.find((c) => c.content_type === 'social_post');
const publishAt = iso(Date.now() + 3_000);
console.log(`\nThe social post is scheduled for ${publishAt}; the timer-scheduler publishes it`);
await command('POST', `/v1/orchestration/campaigns/${campaignId}/content/${social.id}/schedule`, editor, { scheduled_publish_at: publishAt });
const published = await until('the post to be published by timer', async () => {
  const [row] = await sql(`SELECT title, status, scheduled_publish_at, published_at FROM campaign_content WHERE id = $1`, [social.id]);
  return row?.published_at ? row : null;
});
table([published]);

console.log('\nMeasurements through analytics-ingest, then the seed\'s "Content within campaign" query as printed');
await command(
  'POST',
  '/v1/orchestration/analytics',
  editor,
  content.slice(0, 2).map((c, i) => ({
    campaign_id: campaignId,
    content_id: c.id,
    measurement_date: iso(Date.now()).slice(0, 10),
    views: 1200 - i * 500,
    clicks: 90 - i * 40,
    conversions: 30 - i * 10,
    engagements: 150 - i * 60,
    shares: 12 - i * 5,
    revenue: '450.00',
  })),
  INGEST,
);
const withViews = await until('the measurements in campaign_analytics', async () => {
  const rows = await sql(
    `SELECT cc.*, ca.views, ca.conversions
FROM campaign_content cc
LEFT JOIN campaign_analytics ca ON cc.id = ca.content_id
WHERE cc.campaign_id = $1
AND cc.is_active = true
ORDER BY cc.created_at DESC;`,
    [campaignId],
  );
  return rows.filter((r) => r.views !== null).length >= 2 ? rows : null;
});
table(withViews.map((r) => ({ title: r.title, views: r.views, conversions: r.conversions })));

console.log("\nThe calendar: the campaign's deadline, the workflow's milestones, the post's publication");
const calendar = await read(`/v1/orchestration/calendar?campaign_id=${campaignId}&from=${encodeURIComponent(iso(Date.now() - 86_400_000))}`);
table(calendar.items.map((e) => ({ when: e.scheduled_datetime, event: e.event_type, title: e.title, status: e.status })));

console.log('\nThe seed\'s "Campaign-first queries" (active campaigns, urgent first) and "Workflow execution status", as printed');
table(
  (
    await sql(`SELECT c.*, co.name as orchestrator_name, cs.strategy_type
FROM campaigns c
LEFT JOIN campaign_orchestrators co ON c.orchestrator_id = co.id
LEFT JOIN campaign_strategies cs ON c.strategy_id = cs.id
WHERE c.status = 'active'
ORDER BY c.priority DESC, c.deadline ASC;`)
  )
    .filter((c) => c.org_id === orgId)
    .map((c) => ({
      name: c.name,
      priority: c.priority,
      progress: c.progress_percentage,
      orchestrator_name: c.orchestrator_name,
      strategy_type: c.strategy_type,
    })),
);
table(
  (
    await sql(
      `SELECT cw.*, COUNT(cws.id) as total_steps, 
       COUNT(cws.id) FILTER (WHERE cws.status = 'completed') as completed_steps
FROM campaign_workflows cw
LEFT JOIN campaign_workflow_steps cws ON cw.id = cws.workflow_id
WHERE cw.campaign_id = $1
GROUP BY cw.id
ORDER BY cw.created_at DESC;`,
      [campaignId],
    )
  ).map((w) => ({ id: w.id, status: w.status, total_steps: w.total_steps, completed_steps: w.completed_steps })),
);

console.log('\nseed 000 RESTRICT: the orchestrator is kept while a workflow runs on it');
// A second execution waits on a step no agent serves, so it stays running.
await command('POST', `/v1/orchestration/orchestrators/${orchestratorId}/template-revisions`, admin, { steps: [step('review', 'human-reviewer', [])] });
await command('POST', '/v1/orchestration/workflows', editor, { orchestrator_id: orchestratorId, campaign_id: campaignId, variant: 'review' });
const refused = await call('DELETE', `${COMMAND}/v1/orchestration/orchestrators/${orchestratorId}`, { token: admin, body: {} });
console.log(`  DELETE /v1/orchestration/orchestrators/${orchestratorId} → ${refused.status} ${refused.body.code}`);
await end();
