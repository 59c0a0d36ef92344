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
    // version: the cached answers (performance-answers.ts) see the window moved.
    await client.query(`UPDATE ${s}.campaign_metrics_window_state SET window_start = $1::timestamp, version = version + 1`, [to]);
    return { from, to, campaigns: left.rowCount ?? 0 };
  });
};

/** Where the window starts (kept) and where the seed's query starts now (nowStart, S). */
export interface WindowBounds {
  readonly kept: string;
  readonly nowStart: string;
}

export const windowBounds = async (client: PoolClient, schema: string): Promise<WindowBounds> => {
  const { rows } = await client.query<{ kept: string; now_start: string }>(
    `SELECT window_start::text AS kept, (${WINDOW_START})::text AS now_start FROM ${quoteIdent(schema)}.campaign_metrics_window_state`,
  );
  return { kept: rows[0].kept, nowStart: rows[0].now_start };
};

/**
 * The seed's last-7-days answer from the window, for one org: the window's sums corrected for
 * a slide that has not happened yet (the buckets between the window's start and S now are
 * subtracted), so the result is exact whatever the lag. The caller's transaction must be
 * REPEATABLE READ: the window and the correction are read in one snapshot. The bounds go in as
 * parameters, so the planner prunes campaign_metrics' partitions to the few buckets concerned.
 * Same types as the seed's query: numeric sums of DECIMAL(15,2), a bigint sum of conversions,
 * the same divisions, hence the same values. Returns the answer's items as JSON text, in the
 * seed's order (roas DESC; campaign id among equals).
 */
export const lastSevenDays = async (client: PoolClient, schema: string, orgId: string, bounds?: WindowBounds): Promise<string> => {
  const s = quoteIdent(schema);
  const { kept, nowStart } = bounds ?? (await windowBounds(client, schema));
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
  // Plain rows, serialised here: at 10,000 campaigns json_agg(json_build_object(…)) took ~55 ms of
  // execution against ~9 ms for these rows, and came back as one 2 MB value, itself ~30 ms to send
  // and receive (issue 12 point 11b, profile in bench/README.md). Money and ratios stay exact
  // decimal strings (::text); the conversion count is a JSON number.
  const { rows } = await client.query<PerformanceItem>(
    `WITH sums AS (${sums})
     SELECT c.name, c.platform, w.spend::text AS total_spend, w.revenue::text AS total_revenue, w.roas::text AS roas,
            w.conversions::text AS total_conversions, w.cpa::text AS cpa
       FROM sums w JOIN ${s}.campaigns c ON c.id = w.campaign_id
      WHERE c.org_id = $1
      ORDER BY w.roas DESC, c.id`,
    low === high ? [orgId] : [orgId, low, high, sign],
  );
  for (const row of rows) row.total_conversions = Number(row.total_conversions);
  return JSON.stringify(rows);
};

/** One row of the seed's answer; total_conversions arrives as bigint text and leaves as a number. */
interface PerformanceItem {
  readonly name: string | null;
  readonly platform: string;
  readonly total_spend: string;
  readonly total_revenue: string;
  readonly roas: string | null;
  total_conversions: string | number;
  readonly cpa: string | null;
}

/**
 * Builds the window again from campaign_metrics as it stands (S now): for rows that reached the
 * table other than through the facts consumer (a bulk load, the bench), or an operator's check.
 */
export const rebuildWindow = (pool: Pool, schema: string): Promise<{ campaigns: number }> => {
  const s = quoteIdent(schema);
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ start: string }>(
      `UPDATE ${s}.campaign_metrics_window_state SET window_start = ${WINDOW_START}, version = version + 1 RETURNING window_start::text AS start`,
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
