/**
 * Seed 004's queries, verbatim except that each `?` is a numbered placeholder. They name tables
 * without a schema, so they run with `search_path` set to the outreach schema — as printed.
 */

// seed 004: Performance Optimization → Most Common Queries → "Active campaigns for owner"
export const ACTIVE_CAMPAIGNS_FOR_OWNER = `
SELECT * FROM campaigns
WHERE owner_id = $1 AND status = 'active'
ORDER BY created_at DESC;
`;

// seed 004: Most Common Queries → "Campaign performance dashboard"
export const CAMPAIGN_PERFORMANCE_DASHBOARD = `
SELECT
  c.id, c.name, c.status,
  c.contacts_reached, c.responses_received, c.conversions,
  c.response_rate,
  COUNT(cc.id) as total_contacts,
  COUNT(CASE WHEN cc.status = 'pending' THEN 1 END) as pending_contacts
FROM campaigns c
LEFT JOIN campaign_contacts cc ON c.id = cc.campaign_id
WHERE c.org_id = $1 AND c.status IN ('active', 'paused')
GROUP BY c.id
ORDER BY c.created_at DESC;
`;

// seed 004: Most Common Queries → "A/B test results"
export const AB_TEST_RESULTS = `
SELECT
  cc.ab_variant,
  COUNT(*) as total_contacts,
  COUNT(CASE WHEN cc.responded_at IS NOT NULL THEN 1 END) as responses,
  COUNT(CASE WHEN cc.converted_at IS NOT NULL THEN 1 END) as conversions,
  ROUND(
    COUNT(CASE WHEN cc.responded_at IS NOT NULL THEN 1 END)::numeric
    / COUNT(*)::numeric * 100, 2
  ) as response_rate
FROM campaign_contacts cc
WHERE cc.campaign_id = $1
GROUP BY cc.ab_variant;
`;

// seed 004: Materialized Views → campaign_performance_summary, its SELECT (the view's definition).
export const PERFORMANCE_SUMMARY_SELECT = `
SELECT
  c.id as campaign_id,
  c.name,
  c.status,
  c.campaign_type,
  c.channel,
  c.contacts_reached,
  c.response_rate,
  c.conversions,
  CASE
    WHEN c.contacts_reached > 0
    THEN ROUND((c.conversions::numeric / c.contacts_reached) * 100, 2)
    ELSE 0
  END as conversion_rate,
  COUNT(DISTINCT cc.id) as total_contacts,
  COUNT(DISTINCT CASE WHEN cc.status = 'pending' THEN cc.id END) as pending_contacts,
  COUNT(DISTINCT et.id) as total_events
FROM campaigns c
LEFT JOIN campaign_contacts cc ON c.id = cc.campaign_id
LEFT JOIN engagement_tracking et ON cc.id = et.campaign_contact_id
GROUP BY c.id;
`;

/**
 * seed 004: the counters' own definitions — Calculation sections and the update_campaign_metrics
 * trigger's subqueries (the trigger's emails_sent form: the Calculation section's uses a subquery
 * as a boolean, which PostgreSQL rejects), with v_campaign_id as $1.
 */
export const COUNTER_DEFINITIONS = {
  contacts_reached: `SELECT COUNT(*) FROM campaign_contacts
      WHERE campaign_id = $1
        AND status IN ('sent', 'opened', 'responded', 'converted')`,
  emails_sent: `SELECT COUNT(*) FROM campaign_contacts cc
      WHERE cc.campaign_id = $1
        AND EXISTS (
          SELECT 1 FROM engagement_tracking et
          WHERE et.campaign_contact_id = cc.id
            AND et.event_type = 'email_sent'
        )`,
  linkedin_messages_sent: `SELECT COUNT(*) FROM campaign_contacts
      WHERE campaign_id = $1
        AND sent_at IS NOT NULL
        AND channel = 'linkedin'`,
  responses_received: `SELECT COUNT(*) FROM campaign_contacts
WHERE campaign_id = $1 AND responded_at IS NOT NULL`,
  conversions: `SELECT COUNT(*) FROM campaign_contacts
WHERE campaign_id = $1 AND converted_at IS NOT NULL`,
} as const;
