/** What the real-time figures are rebuilt from: PostgreSQL's campaign_metrics and ad_accounts. */
import type { Pool } from 'pg';
import type { AccountSync } from './account-syncs';

/** UTC instants as the facts carry them (toISOString), so a bucket has one name in Redis. */
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

export interface CampaignOfDay {
  readonly campaign_id: string;
  readonly org_id: string;
  readonly platform: string;
  /** [bucket, "impressions|clicks|spendCents|conversions|revenueCents"] */
  readonly buckets: [string, string][];
}

/** Up to `limit` campaigns after `after` (by id) with buckets on `day` (UTC), each with those buckets' base figures. */
export const campaignsOfDay = async (pool: Pool, s: string, day: string, after: string, limit: number): Promise<CampaignOfDay[]> =>
  (
    await pool.query<CampaignOfDay>(
      `SELECT c.id::text AS campaign_id, c.org_id::text AS org_id, c.platform,
              json_agg(json_build_array(to_char(m.time, ${ISO}),
                concat_ws('|', COALESCE(m.impressions, 0), COALESCE(m.clicks, 0), (COALESCE(m.spend, 0) * 100)::bigint,
                          COALESCE(m.conversions, 0), (COALESCE(m.revenue, 0) * 100)::bigint))) AS buckets
         FROM ${s}.campaign_metrics m JOIN ${s}.campaigns c ON c.id = m.campaign_id
        WHERE m.time >= $1::date AND m.time < $1::date + 1 AND c.id > $2::uuid
        GROUP BY c.id ORDER BY c.id LIMIT $3`,
      [day, after, limit],
    )
  ).rows;

/** Every account's last sync (the ads projection's ad_accounts). */
export const lastSyncs = async (pool: Pool, s: string): Promise<AccountSync[]> =>
  (
    await pool.query<{ org_id: string; id: string; synced_at: string }>(
      `SELECT org_id::text, id::text, to_char(last_synced_at, ${ISO}) AS synced_at FROM ${s}.ad_accounts WHERE last_synced_at IS NOT NULL`,
    )
  ).rows.map((row) => ({ orgId: row.org_id, accountId: row.id, syncedAt: row.synced_at }));
