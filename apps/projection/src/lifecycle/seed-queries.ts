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
