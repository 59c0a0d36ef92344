/**
 * The query API's statements: seed 003's sample queries (seed-queries.ts) with their constants
 * as parameters and a page size. Row-level security confines every one to the caller's org.
 */

/** seed 003 "Get pending AI recommendations", any status. $1 status, $2 limit. */
export const RECOMMENDATIONS = `
SELECT r.*, c.name as campaign_name, c.platform
FROM ai_recommendations r
JOIN campaigns c ON r.campaign_id = c.id
WHERE r.status = $1
ORDER BY r.confidence_score DESC, r.created_at ASC
LIMIT $2`;

/** seed 003 "Get AI actions history" over the last $1 hours. $2 limit. */
export const ACTIONS_EXECUTED = `
SELECT a.*, c.name as campaign_name
FROM ai_actions_log a
LEFT JOIN campaigns c ON a.campaign_id = c.id
WHERE a.executed_at >= NOW() - make_interval(hours => $1)
ORDER BY a.executed_at DESC
LIMIT $2`;

/** Actions in one status (awaiting_approval: what a person has to decide), newest request first. $1 status, $2 limit. */
export const ACTIONS_BY_STATUS = `
SELECT a.*, c.name as campaign_name
FROM ai_actions_log a
LEFT JOIN campaigns c ON a.campaign_id = c.id
WHERE a.status = $1
ORDER BY a.requested_at DESC, a.id
LIMIT $2`;

const SEVERITY_ORDER = `CASE a.severity WHEN 'CRITICAL' THEN 1 WHEN 'HIGH' THEN 2 WHEN 'MEDIUM' THEN 3 WHEN 'LOW' THEN 4 END`;

/** seed 003 "Get active alerts". $1 limit. */
export const ALERTS_ACTIVE = `
SELECT a.*, c.name as campaign_name
FROM alerts a
LEFT JOIN campaigns c ON a.campaign_id = c.id
WHERE a.resolved_at IS NULL
ORDER BY ${SEVERITY_ORDER}, a.created_at DESC
LIMIT $1`;

/** Every alert, resolved ones too, newest first. $1 limit. */
export const ALERTS_ALL = `
SELECT a.*, c.name as campaign_name
FROM alerts a
LEFT JOIN campaigns c ON a.campaign_id = c.id
ORDER BY a.created_at DESC, a.id
LIMIT $1`;

/** DATE columns as the seed's YYYY-MM-DD. $1 limit. */
export const BUDGETS = `
SELECT b.*, b.period_start::text AS period_start, b.period_end::text AS period_end
FROM budget_allocations b
ORDER BY b.period_start DESC, b.created_at DESC, b.id
LIMIT $1`;

/** $1 platform or null, $2 status or null, $3 limit, $4 offset. */
export const CAMPAIGNS = `
SELECT c.* FROM campaigns c
WHERE ($1::text IS NULL OR c.platform = $1) AND ($2::text IS NULL OR c.status = $2)
ORDER BY c.platform, c.name NULLS LAST, c.id
LIMIT $3 OFFSET $4`;

export const CAMPAIGNS_COUNT = `
SELECT count(*)::int AS n FROM campaigns c
WHERE ($1::text IS NULL OR c.platform = $1) AND ($2::text IS NULL OR c.status = $2)`;

/** One campaign with its account and what waits on it. $1 id. */
export const CAMPAIGN = `
SELECT c.*,
       (SELECT to_jsonb(x) FROM (SELECT id, platform, platform_account_id, name, currency, time_zone, status, last_synced_at
                                   FROM ad_accounts WHERE id = c.account_id) x) AS account,
       (SELECT count(*)::int FROM alerts a WHERE a.campaign_id = c.id AND a.resolved_at IS NULL) AS open_alerts,
       (SELECT count(*)::int FROM ai_recommendations r WHERE r.campaign_id = c.id AND r.status = 'pending') AS pending_recommendations
FROM campaigns c WHERE c.id = $1`;

/** The org's accounts and their last sync, from PostgreSQL. */
export const ACCOUNTS = `
SELECT id, platform, platform_account_id, name, status, last_synced_at, last_sync_error
FROM ad_accounts ORDER BY platform, name, id`;

/** Today's (UTC) totals per platform in campaign_metrics, beside Redis's running ones. */
export const TODAY_BY_PLATFORM = `
SELECT c.platform, SUM(m.impressions)::bigint AS impressions, SUM(m.clicks)::bigint AS clicks, SUM(m.spend) AS spend,
       SUM(m.conversions)::bigint AS conversions, SUM(m.revenue) AS revenue
FROM campaign_metrics m JOIN campaigns c ON c.id = m.campaign_id
WHERE m.time >= $1::date AND m.time < $1::date + 1
GROUP BY c.platform ORDER BY c.platform`;
