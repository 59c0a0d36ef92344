import { inTransaction, quoteIdent } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';
import { WINDOW_START } from './metrics.schema';

/**
 * Moves the window's start to today's S (the first bucket >= NOW() − 7 days): the buckets in
 * [S_old, S_new) leave it, their figures subtracted per campaign. Exclusive on the state row,
 * so no facts batch adds a delta against a start that is moving.
 */
export const slideWindow = (pool: Pool, schema: string): Promise<{ from: string; to: string; campaigns: number }> => {
  const s = quoteIdent(schema);
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ from: string; to: string }>(
      `SELECT window_start::text AS from, (${WINDOW_START})::text AS to FROM ${s}.campaign_metrics_window_state FOR UPDATE`,
    );
    const { from, to } = rows[0];
    if (!(to > from)) return { from, to: from, campaigns: 0 };
    const left = await client.query(
      `INSERT INTO ${s}.campaign_metrics_window AS w (campaign_id, buckets, impressions, clicks, spend, conversions, revenue)
       SELECT campaign_id, -count(*), -coalesce(sum(impressions), 0), -coalesce(sum(clicks), 0), -coalesce(sum(spend), 0),
              -coalesce(sum(conversions), 0), -coalesce(sum(revenue), 0)
         FROM ${s}.campaign_metrics WHERE time >= $1::timestamp AND time < $2::timestamp
        GROUP BY campaign_id ORDER BY campaign_id
       ON CONFLICT (campaign_id) DO UPDATE SET
         buckets = w.buckets + EXCLUDED.buckets, impressions = w.impressions + EXCLUDED.impressions,
         clicks = w.clicks + EXCLUDED.clicks, spend = w.spend + EXCLUDED.spend,
         conversions = w.conversions + EXCLUDED.conversions, revenue = w.revenue + EXCLUDED.revenue`,
      [from, to],
    );
    await client.query(`DELETE FROM ${s}.campaign_metrics_window WHERE buckets = 0`);
    await client.query(`UPDATE ${s}.campaign_metrics_window_state SET window_start = $1::timestamp`, [to]);
    return { from, to, campaigns: left.rowCount ?? 0 };
  });
};

/**
 * The seed's last-7-days answer from the window, for one org: the window's sums corrected for
 * a slide that has not happened yet (the buckets between the window's start and S now are
 * subtracted), so the result is exact whatever the lag. The caller's transaction must be
 * REPEATABLE READ: the window and the correction are read in one snapshot. The bounds go in as
 * parameters, so the planner prunes campaign_metrics' partitions to the few buckets concerned.
 * Same types as the seed's query: numeric sums of DECIMAL(15,2), a bigint sum of conversions,
 * the same divisions, hence the same values.
 */
export const lastSevenDays = async (client: PoolClient, schema: string, orgId: string) => {
  const s = quoteIdent(schema);
  const bounds = await client.query<{ kept: string; now_start: string }>(
    `SELECT window_start::text AS kept, (${WINDOW_START})::text AS now_start FROM ${s}.campaign_metrics_window_state`,
  );
  const { kept, now_start: nowStart } = bounds.rows[0];
  // The window still holds [kept, S) (slide pending): subtract them; [S, kept) is impossible but would be added.
  const [low, high, sign] = nowStart > kept ? [kept, nowStart, -1] : [nowStart, kept, 1];
  // Slid up to date (the usual case): the window alone; otherwise corrected per campaign.
  const sums =
    low === high
      ? `SELECT campaign_id, spend, revenue, conversions, roas, cpa FROM ${s}.campaign_metrics_window WHERE buckets > 0`
      : `SELECT campaign_id, sum(spend) AS spend, sum(revenue) AS revenue, sum(conversions)::bigint AS conversions,
                sum(revenue) / NULLIF(sum(spend), 0) AS roas, sum(spend) / NULLIF(sum(conversions)::bigint, 0) AS cpa FROM (
           SELECT campaign_id, buckets, spend, revenue, conversions FROM ${s}.campaign_metrics_window
           UNION ALL
           SELECT campaign_id, $4::int, $4::int * spend, $4::int * revenue, $4::int * conversions
             FROM ${s}.campaign_metrics WHERE time >= $2::timestamp AND time < $3::timestamp
         ) parts GROUP BY campaign_id HAVING sum(buckets) > 0`;
  // The answer is serialised by PostgreSQL (one text value): 10,000 rows parsed into objects and
  // written out again would cost more than the query. Money and ratios stay exact decimal strings.
  const { rows } = await client.query<{ items: string }>(
    `WITH sums AS (${sums})
     SELECT coalesce(json_agg(json_build_object(
              'name', c.name, 'platform', c.platform, 'total_spend', w.spend::text, 'total_revenue', w.revenue::text,
              'roas', w.roas::text, 'total_conversions', w.conversions, 'cpa', w.cpa::text)
            ORDER BY w.roas DESC, c.id), '[]')::text AS items
       FROM sums w JOIN ${s}.campaigns c ON c.id = w.campaign_id
      WHERE c.org_id = $1`,
    low === high ? [orgId] : [orgId, low, high, sign],
  );
  return rows[0].items;
};

/**
 * Builds the window again from campaign_metrics as it stands (S now): for rows that reached the
 * table other than through the facts consumer (a bulk load, the bench), or an operator's check.
 */
export const rebuildWindow = (pool: Pool, schema: string): Promise<{ campaigns: number }> => {
  const s = quoteIdent(schema);
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ start: string }>(
      `UPDATE ${s}.campaign_metrics_window_state SET window_start = ${WINDOW_START} RETURNING window_start::text AS start`,
    );
    await client.query(`DELETE FROM ${s}.campaign_metrics_window`);
    const built = await client.query(
      `INSERT INTO ${s}.campaign_metrics_window (campaign_id, buckets, impressions, clicks, spend, conversions, revenue)
       SELECT campaign_id, count(*), coalesce(sum(impressions), 0), coalesce(sum(clicks), 0), coalesce(sum(spend), 0),
              coalesce(sum(conversions), 0), coalesce(sum(revenue), 0)
         FROM ${s}.campaign_metrics WHERE time >= $1::timestamp GROUP BY campaign_id`,
      [rows[0].start],
    );
    return { campaigns: built.rowCount ?? 0 };
  });
};

/** The seed's query form for another number of days, for one org (`days` is a checked integer). */
export const lastDays = async (client: PoolClient, schema: string, orgId: string, days: number) => {
  const s = quoteIdent(schema);
  const { rows } = await client.query(
    `SELECT c.name, c.platform, SUM(m.spend) AS total_spend, SUM(m.revenue) AS total_revenue,
            SUM(m.revenue) / NULLIF(SUM(m.spend), 0) AS roas, SUM(m.conversions) AS total_conversions,
            SUM(m.spend) / NULLIF(SUM(m.conversions), 0) AS cpa
       FROM ${s}.campaigns c JOIN ${s}.campaign_metrics m ON c.id = m.campaign_id
      WHERE m.time >= NOW() - make_interval(days => $2::int) AND c.org_id = $1
      GROUP BY c.id, c.name, c.platform
      ORDER BY roas DESC, c.id`,
    [orgId, days],
  );
  return rows;
};
