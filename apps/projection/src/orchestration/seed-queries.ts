/**
 * seed 000's queries on the orchestration read models, copied byte for byte from the seed
 * ("Optimized Query Patterns" and "Relationship Validation Queries"). They name tables without a
 * schema, so they run with `search_path` set to the context's schema
 * (orchestration-seed-queries.int.spec.ts runs them as printed; the query API runs them as the
 * caller's org, under row-level security).
 */

/** seed 000: Campaign-first queries (most common). */
export const CAMPAIGN_FIRST = `SELECT c.*, co.name as orchestrator_name, cs.strategy_type
FROM campaigns c
LEFT JOIN campaign_orchestrators co ON c.orchestrator_id = co.id
LEFT JOIN campaign_strategies cs ON c.strategy_id = cs.id
WHERE c.status = 'active'
ORDER BY c.priority DESC, c.deadline ASC;`;

/** seed 000: Content within campaign ($1: the campaign). */
export const CONTENT_WITHIN_CAMPAIGN = `SELECT cc.*, ca.views, ca.conversions
FROM campaign_content cc
LEFT JOIN campaign_analytics ca ON cc.id = ca.content_id
WHERE cc.campaign_id = $1
AND cc.is_active = true
ORDER BY cc.created_at DESC;`;

/** seed 000: Workflow execution status ($1: the campaign). */
export const WORKFLOW_EXECUTION_STATUS = `SELECT cw.*, COUNT(cws.id) as total_steps, 
       COUNT(cws.id) FILTER (WHERE cws.status = 'completed') as completed_steps
FROM campaign_workflows cw
LEFT JOIN campaign_workflow_steps cws ON cw.id = cws.workflow_id
WHERE cw.campaign_id = $1
GROUP BY cw.id
ORDER BY cw.created_at DESC;`;

/** seed 000: Validate campaign hierarchy (campaigns without workflows or active content). */
export const VALIDATE_CAMPAIGN_HIERARCHY = `SELECT 
  c.id,
  c.name,
  COUNT(cw.id) as workflows,
  COUNT(cc.id) as content_pieces,
  COUNT(ce.id) as calendar_events
FROM campaigns c
LEFT JOIN campaign_workflows cw ON c.id = cw.campaign_id
LEFT JOIN campaign_content cc ON c.id = cc.campaign_id AND cc.is_active = true
LEFT JOIN campaign_calendar ce ON c.id = ce.campaign_id
GROUP BY c.id, c.name
HAVING COUNT(cw.id) = 0 OR COUNT(cc.id) = 0  -- Find incomplete campaigns
ORDER BY c.created_at DESC;`;

/** seed 000: Validate workflow integrity (completed workflows with steps not completed). */
export const VALIDATE_WORKFLOW_INTEGRITY = `SELECT 
  cw.id,
  cw.status,
  COUNT(cws.id) as total_steps,
  COUNT(cws.id) FILTER (WHERE cws.status = 'completed') as completed_steps,
  COUNT(cws.id) FILTER (WHERE cws.status = 'failed') as failed_steps
FROM campaign_workflows cw
LEFT JOIN campaign_workflow_steps cws ON cw.id = cws.workflow_id
GROUP BY cw.id, cw.status
HAVING cw.status = 'completed' AND COUNT(cws.id) FILTER (WHERE cws.status = 'completed') != COUNT(cws.id)  -- Find inconsistent workflows
ORDER BY cw.started_at DESC;`;

/** seed 000 Legacy Relationship Mapping: "Map existing blog posts to campaigns" (a blog_posts table of the old system). */
export const LEGACY_MAP_BLOG_POSTS = `UPDATE blog_posts 
SET campaign_id = (
  SELECT c.id FROM campaigns c 
  WHERE c.name = 'Legacy Blog Post Campaign' 
  LIMIT 1
)
WHERE campaign_id IS NULL;`;

/** seed 000 Legacy Relationship Mapping: "Create default campaign content entries" (names no org: see orchestration.schema.ts). */
export const LEGACY_CONTENT_FROM_BLOG_POSTS = `INSERT INTO campaign_content (
  id, campaign_id, title, content_type, platform, content_markdown,
  status, created_at, updated_at, is_active
)
SELECT 
  bp.id, bp.campaign_id, bp.title, 'blog_post', 'website', bp.content_markdown,
  bp.status::TEXT, bp.created_at, bp.updated_at, true
FROM blog_posts bp
WHERE bp.campaign_id IS NOT NULL;`;
