/**
 * The rebuild's correctness check: every campaign's counters against the seed's own COUNT
 * definitions over the rebuilt rows (status-rules.md), and the row counts against the plan.
 */
import { quoteIdent } from '@campaign/eventstore';
import type { Pool } from 'pg';

export interface CounterCheck {
  readonly campaigns: number;
  readonly mismatched_campaigns: number;
  readonly totals: Record<string, number>;
}

export const checkCounters = async (pool: Pool, schema: string): Promise<CounterCheck> => {
  const s = quoteIdent(schema);
  const { rows } = await pool.query<{ campaigns: number; mismatched: number; totals: Record<string, number> }>(
    `WITH counted AS (
       SELECT cc.campaign_id,
              count(*) FILTER (WHERE cc.status IN ('sent', 'opened', 'responded', 'converted')) AS contacts_reached,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ${s}.engagement_tracking et
                                              WHERE et.campaign_contact_id = cc.id AND et.event_type = 'email_sent')) AS emails_sent,
              count(*) FILTER (WHERE cc.sent_at IS NOT NULL AND cc.channel = 'linkedin') AS linkedin_messages_sent,
              count(*) FILTER (WHERE cc.responded_at IS NOT NULL) AS responses_received,
              count(*) FILTER (WHERE cc.converted_at IS NOT NULL) AS conversions
         FROM ${s}.campaign_contacts cc GROUP BY cc.campaign_id
     ), compared AS (
       SELECT c.*, k.contacts_reached AS k_reached, (
                c.contacts_reached IS DISTINCT FROM coalesce(k.contacts_reached, 0)
             OR c.emails_sent IS DISTINCT FROM coalesce(k.emails_sent, 0)
             OR c.linkedin_messages_sent IS DISTINCT FROM coalesce(k.linkedin_messages_sent, 0)
             OR c.responses_received IS DISTINCT FROM coalesce(k.responses_received, 0)
             OR c.conversions IS DISTINCT FROM coalesce(k.conversions, 0)
             OR c.response_rate IS DISTINCT FROM (CASE WHEN coalesce(k.contacts_reached, 0) > 0
                  THEN ROUND(k.responses_received::numeric / k.contacts_reached * 100, 2) ELSE 0 END)
              ) AS mismatch
         FROM ${s}.campaigns c LEFT JOIN counted k ON k.campaign_id = c.id
     )
     SELECT count(*)::int AS campaigns, count(*) FILTER (WHERE mismatch)::int AS mismatched,
            jsonb_build_object('contacts_reached', sum(contacts_reached), 'emails_sent', sum(emails_sent),
              'linkedin_messages_sent', sum(linkedin_messages_sent), 'responses_received', sum(responses_received),
              'conversions', sum(conversions)) AS totals
       FROM compared`,
  );
  return { campaigns: rows[0].campaigns, mismatched_campaigns: rows[0].mismatched, totals: rows[0].totals };
};

export const tableCounts = async (pool: Pool, schema: string, tables: readonly string[]): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(schema)}.${quoteIdent(table)}`);
    counts[table] = rows[0].n;
  }
  return counts;
};
