/**
 * seed 003 Sample Queries, verbatim. They name tables without a schema, so they run with
 * `search_path` set to the context's schema (ads-seed-queries.int.spec.ts runs them as printed;
 * the query API runs the same statements with parameters and the caller's org, ads-query.sql.ts).
 */

/** seed 003: Get campaign performance (last 7 days). */
export const CAMPAIGN_PERFORMANCE_7_DAYS = `
SELECT
    c.name,
    c.platform,
    SUM(m.spend) as total_spend,
    SUM(m.revenue) as total_revenue,
    SUM(m.revenue) / NULLIF(SUM(m.spend), 0) as roas,
    SUM(m.conversions) as total_conversions,
    SUM(m.spend) / NULLIF(SUM(m.conversions), 0) as cpa
FROM campaigns c
JOIN campaign_metrics m ON c.id = m.campaign_id
WHERE m.time >= NOW() - INTERVAL '7 days'
GROUP BY c.id, c.name, c.platform
ORDER BY roas DESC;`;

/** seed 003: Get pending AI recommendations. */
export const PENDING_RECOMMENDATIONS = `
SELECT
    r.*,
    c.name as campaign_name,
    c.platform
FROM ai_recommendations r
JOIN campaigns c ON r.campaign_id = c.id
WHERE r.status = 'pending'
ORDER BY r.confidence_score DESC, r.created_at ASC;`;

/** seed 003: Get AI actions history. */
export const ACTIONS_HISTORY = `
SELECT
    a.*,
    c.name as campaign_name
FROM ai_actions_log a
LEFT JOIN campaigns c ON a.campaign_id = c.id
WHERE a.executed_at >= NOW() - INTERVAL '24 hours'
ORDER BY a.executed_at DESC;`;

/** seed 003: Get active alerts. */
export const ACTIVE_ALERTS = `
SELECT
    a.*,
    c.name as campaign_name
FROM alerts a
LEFT JOIN campaigns c ON a.campaign_id = c.id
WHERE a.resolved_at IS NULL
ORDER BY
    CASE a.severity
        WHEN 'CRITICAL' THEN 1
        WHEN 'HIGH' THEN 2
        WHEN 'MEDIUM' THEN 3
        WHEN 'LOW' THEN 4
    END,
    a.created_at DESC;`;
