/**
 * Seed 002's monitoring queries, verbatim. They name tables without a schema, so they run
 * with `search_path` set to the lifecycle schema — exactly as an analyst would run them.
 */

// seed 002: Monitoring Queries → Health Check Queries → "Campaign state distribution"
export const CAMPAIGN_STATE_DISTRIBUTION = `
SELECT 
    status,
    COUNT(*) as count,
    ROUND(COUNT(*) * 100.0 / SUM(COUNT(*)) OVER (), 2) as percentage
FROM campaigns 
GROUP BY status 
ORDER BY count DESC;
`;

// seed 002: Materialized Views → mv_active_campaigns, read as the seed's dashboards would.
export const ACTIVE_CAMPAIGNS_SUMMARY = `SELECT * FROM mv_active_campaigns ORDER BY status;`;

// seed 002: Monitoring Queries → "Database table sizes" (pg_stats; the seed filters 'public').
export const DATABASE_TABLE_STATS = `
SELECT 
    schemaname,
    tablename,
    attname,
    n_distinct,
    correlation
FROM pg_stats 
WHERE schemaname = 'public' 
AND tablename LIKE 'campaign%'
ORDER BY tablename, attname;
`;

/**
 * The query above for the schema the seed's tables live in here (they are in no 'public'): its
 * one change is `$1` for 'public'. Served by GET /v1/lifecycle/admin/table-sizes.
 */
export const DATABASE_TABLE_STATS_IN_SCHEMA = DATABASE_TABLE_STATS.replace("WHERE schemaname = 'public'", 'WHERE schemaname = $1');

// seed 002: Monitoring Queries → Health Check Queries → "Check for stuck timers"
export const STUCK_TIMERS = `
SELECT 
    timer_type,
    COUNT(*) as stuck_count,
    MIN(scheduled_at) as oldest_stuck
FROM campaign_timers 
WHERE status = 'PENDING' 
AND scheduled_at < NOW() - INTERVAL '10 minutes'
GROUP BY timer_type;
`;

// seed 002: Monitoring Queries → Health Check Queries → "Check for failed timers needing retry"
export const FAILED_TIMERS_NEEDING_RETRY = `
SELECT 
    campaign_id,
    timer_type,
    retry_count,
    scheduled_at,
    updated_at
FROM campaign_timers 
WHERE status = 'FAILED' 
AND retry_count < 5
AND updated_at < NOW() - INTERVAL '5 minutes';
`;

// seed 002: Monitoring Queries → Performance Monitoring → "Average timer execution times"
export const AVERAGE_TIMER_EXECUTION_TIMES = `
SELECT 
    t.timer_type,
    COUNT(te.id) as executions,
    ROUND(AVG(te.execution_time_ms)) as avg_ms,
    MAX(te.execution_time_ms) as max_ms,
    COUNT(CASE WHEN te.status = 'FAILED' THEN 1 END) as failures
FROM campaign_timers t
LEFT JOIN timer_executions te ON t.id = te.timer_id
WHERE te.started_at > NOW() - INTERVAL '24 hours'
GROUP BY t.timer_type
ORDER BY avg_ms DESC;
`;

// seed 002: Materialized Views → mv_pending_timers, read as the seed's dashboards would.
export const PENDING_TIMERS_SUMMARY = `SELECT * FROM mv_pending_timers ORDER BY timer_type;`;
