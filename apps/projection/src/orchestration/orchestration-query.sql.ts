/**
 * The query API's statements beyond the seed's own (seed-queries.ts, run as printed): each reads
 * under row-level security as the caller's org, with search_path on the context's schema.
 */

/** seed 000 "Campaign-first queries" with the status as a parameter and a page. $1 status, $2 limit, $3 offset. */
export const CAMPAIGNS = `
SELECT c.*, co.name as orchestrator_name, cs.strategy_type
FROM campaigns c
LEFT JOIN campaign_orchestrators co ON c.orchestrator_id = co.id
LEFT JOIN campaign_strategies cs ON c.strategy_id = cs.id
WHERE c.status = $1
ORDER BY c.priority DESC, c.deadline ASC, c.id
LIMIT $2 OFFSET $3`;

export const CAMPAIGNS_COUNT = `SELECT count(*)::int AS n FROM campaigns c WHERE c.status = $1`;

export const CAMPAIGN_EXISTS = `SELECT id FROM campaigns WHERE id = $1`;

export const WORKFLOW = `SELECT * FROM campaign_workflows WHERE id = $1`;

/** The execution's steps in seed 000's order (idx_workflow_steps_execution). */
export const WORKFLOW_STEPS = `
SELECT * FROM campaign_workflow_steps WHERE workflow_id = $1 ORDER BY step_order, step_key`;

/** One row per attempt, newest first (idx_agent_performance_workflow). */
export const WORKFLOW_ATTEMPTS = `
SELECT * FROM agent_orchestration_performance WHERE workflow_id = $1 ORDER BY started_at DESC, step_key, attempt DESC`;

/** seed 000 "Cost, quality, and efficiency metrics" per agent type of one execution. */
export const WORKFLOW_AGENT_TOTALS = `
SELECT agent_type,
       count(*)::int AS attempts,
       count(*) FILTER (WHERE status = 'completed')::int AS completed,
       count(*) FILTER (WHERE status IN ('failed', 'timed_out'))::int AS failed,
       coalesce(sum(cost_cents), 0)::bigint AS cost_cents,
       coalesce(sum(tokens), 0)::bigint AS tokens,
       avg(quality_score) AS avg_quality_score,
       avg(duration_ms) FILTER (WHERE status = 'completed') AS avg_duration_ms
FROM agent_orchestration_performance WHERE workflow_id = $1
GROUP BY agent_type ORDER BY agent_type`;

/** Calendar entries in [$1, $2) (either end open when null), of one campaign ($3) or all. $4 limit. */
export const CALENDAR = `
SELECT * FROM campaign_calendar
WHERE ($1::timestamptz IS NULL OR scheduled_datetime >= $1) AND ($2::timestamptz IS NULL OR scheduled_datetime < $2)
  AND ($3::uuid IS NULL OR campaign_id = $3)
ORDER BY scheduled_datetime, id
LIMIT $4`;
