import { inTransaction, quoteIdent } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';
import { WINDOW_START } from './metrics.schema';

/**
 * Moves the window's start to today's S (the first bucket >= NOW() − 7 days): the buckets in
 * [S_old, S_new) leave it, their figures subtracted per campaign. Exclusive on the state row,
 * so no facts batch adds a delta against a start that is moving. Only the campaigns it touched
 * change in the kept 7-day answers (performance-answers.ts).
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
      `INSERT INTO ${s}.campaign_metrics_window AS w (campaign_id, buckets, impressions, clicks, spend, conversions, revenue, changed_xid)
       SELECT campaign_id, -count(*), -coalesce(sum(impressions), 0), -coalesce(sum(clicks), 0), -coalesce(sum(spend), 0),
              -coalesce(sum(conversions), 0), -coalesce(sum(revenue), 0), pg_current_xact_id()
         FROM ${s}.campaign_metrics WHERE time >= $1::timestamp AND time < $2::timestamp
        GROUP BY campaign_id ORDER BY campaign_id
       ON CONFLICT (campaign_id) DO UPDATE SET
         buckets = w.buckets + EXCLUDED.buckets, impressions = w.impressions + EXCLUDED.impressions,
         clicks = w.clicks + EXCLUDED.clicks, spend = w.spend + EXCLUDED.spend,
         conversions = w.conversions + EXCLUDED.conversions, revenue = w.revenue + EXCLUDED.revenue,
         changed_xid = EXCLUDED.changed_xid`,
      [from, to],
    );
    // The kept answers (performance-answers.ts) see each row the slide wrote by its changed_xid,
    // and each campaign whose last bucket left by the change recorded here.
    await client.query(
      `WITH gone AS (DELETE FROM ${s}.campaign_metrics_window WHERE buckets = 0 RETURNING campaign_id)
       INSERT INTO ${s}.campaign_metrics_campaign_changes AS x (campaign_id, changed_xid) SELECT campaign_id, pg_current_xact_id() FROM gone
       ON CONFLICT (campaign_id) DO UPDATE SET changed_xid = EXCLUDED.changed_xid`,
    );
    await client.query(`UPDATE ${s}.campaign_metrics_window_state SET window_start = $1::timestamp`, [to]);
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
 * the same divisions, hence the same values. Returns the answer's items in the seed's order
 * (roas DESC, NULLs first as PostgreSQL sorts them; campaign id among equals).
 */
export const lastSevenDays = async (client: PoolClient, schema: string, orgId: string, bounds?: WindowBounds): Promise<SevenDayItem[]> => {
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
  // A row per campaign with its JSON text, sorted here (issue 12 point 11b, bench/README.md): at
  // 10,000 campaigns json_agg(json_build_object(…)) took ~55 ms of execution and came back as one
  // 2 MB value (~30 ms more to send and receive); eight plain columns cost ~20 ms more to receive
  // and serialise than one text; PostgreSQL's numeric sort ~5 ms more than doubles compared here.
  const { rows } = await client.query<ItemRow>({
    text: `WITH sums AS (${sums})
     SELECT c.id, ${ITEM_COLUMNS}
       FROM sums w JOIN ${s}.campaigns c ON c.id = w.campaign_id
      WHERE c.org_id = $1`,
    values: low === high ? [orgId] : [orgId, low, high, sign],
    rowMode: 'array',
  });
  return rows.map(itemOf).sort(seedOrder);
};

/**
 * What changed in the org's answer since `snapshot` (a pg_snapshot an earlier answer was read
 * in), from the window as slid up to date: each campaign whose window row or campaigns row was
 * written by a transaction that snapshot did not see, with its item now, or null when it is no
 * longer in the answer (no bucket in the window, deleted, another org's). Same snapshot rules as
 * lastSevenDays.
 */
export const sevenDayChanges = async (
  client: PoolClient,
  schema: string,
  orgId: string,
  snapshot: string,
): Promise<{ id: string; item: SevenDayItem | null }[]> => {
  const s = quoteIdent(schema);
  const { rows } = await client.query<[...ItemRow, present: boolean]>({
    text: `WITH moved AS (
       SELECT campaign_id AS id FROM ${s}.campaign_metrics_window WHERE NOT pg_visible_in_snapshot(changed_xid, $2::pg_snapshot)
     ),
     renamed AS (
       SELECT campaign_id AS id FROM ${s}.campaign_metrics_campaign_changes WHERE NOT pg_visible_in_snapshot(changed_xid, $2::pg_snapshot)
     ),
     changed AS (SELECT id FROM moved UNION SELECT id FROM renamed)
     SELECT ch.id, ${ITEM_COLUMNS}, (c.org_id = $1 AND w.buckets > 0) IS TRUE AS present
       FROM changed ch
       LEFT JOIN ${s}.campaigns c ON c.id = ch.id
       LEFT JOIN ${s}.campaign_metrics_window w ON w.campaign_id = ch.id
      -- Another org's window rows are not this answer's; a campaign row that changed (or went) may have been.
      WHERE c.org_id = $1 OR c.id IS NULL OR ch.id IN (SELECT id FROM renamed)`,
    values: [orgId, snapshot],
    rowMode: 'array',
  });
  return rows.map(([id, roas, json, present]) => ({ id, item: present ? itemOf([id, roas, json]) : null }));
};

/**
 * The item's JSON, built by PostgreSQL: money and ratios as exact decimal strings (numeric's
 * text), the conversion count a JSON number, the name and platform escaped by to_json.
 */
const ITEM_COLUMNS = `w.roas::text AS roas,
       concat('{"name":', coalesce(to_json(c.name)::text, 'null'), ',"platform":', coalesce(to_json(c.platform)::text, 'null'),
              ',"total_spend":', coalesce('"' || w.spend || '"', 'null'), ',"total_revenue":', coalesce('"' || w.revenue || '"', 'null'),
              ',"roas":', coalesce('"' || w.roas || '"', 'null'), ',"total_conversions":', coalesce(w.conversions::text, 'null'),
              ',"cpa":', coalesce('"' || w.cpa || '"', 'null'), '}') AS json`;

/** id, roas (numeric text or null), the item's JSON text: rows as arrays (no object per row). */
type ItemRow = [id: string, roas: string | null, json: string];

/**
 * One campaign of the seed's answer: its place in the order (`roas`, exact, and `roasApprox`, its
 * nearest double, compared first) and its JSON text with its length in UTF-8, so that an answer
 * is written into one buffer (at 10,000 campaigns, joining the items' strings and encoding the
 * result took ~10–18 ms an answer; writing them ~1 ms).
 */
export interface SevenDayItem extends PlacedItem {
  readonly json: string;
}

/** An item once its JSON is in an answer's bytes (performance-answers.ts): its text is not kept twice. */
export interface PlacedItem {
  readonly id: string;
  readonly roas: string | null;
  readonly roasApprox: number;
  readonly bytes: number;
}

const itemOf = ([id, roas, json]: ItemRow): SevenDayItem => ({
  id,
  roas,
  roasApprox: roas === null ? Number.NaN : Number(roas),
  json,
  bytes: Buffer.byteLength(json),
});

/** The exact order of NUMERIC text (digits, an optional sign and point; what numeric::text gives). */
export const compareNumeric = (a: string, b: string): number => {
  const negA = a.startsWith('-');
  const negB = b.startsWith('-');
  if (negA !== negB) return negA ? -1 : 1;
  const abs = compareMagnitude(negA ? a.slice(1) : a, negB ? b.slice(1) : b);
  return negA ? -abs : abs;
};

const compareMagnitude = (a: string, b: string): number => {
  const [intA, fracA = ''] = a.split('.');
  const [intB, fracB = ''] = b.split('.');
  const wholeA = intA.replace(/^0+/, '');
  const wholeB = intB.replace(/^0+/, '');
  if (wholeA.length !== wholeB.length) return wholeA.length - wholeB.length;
  if (wholeA !== wholeB) return wholeA < wholeB ? -1 : 1;
  const length = Math.max(fracA.length, fracB.length);
  const [fa, fb] = [fracA.padEnd(length, '0'), fracB.padEnd(length, '0')];
  return fa === fb ? 0 : fa < fb ? -1 : 1;
};

/**
 * The seed's ORDER BY roas DESC (NULLs first, as PostgreSQL puts them), then campaign id (uuid
 * order: its lowercase text). Two ROAS whose nearest doubles differ are in the doubles' order
 * (rounding keeps order); only equal doubles are compared digit by digit.
 */
export const seedOrder = (a: PlacedItem, b: PlacedItem): number => {
  if (a.roas !== b.roas) {
    if (a.roas === null) return -1;
    if (b.roas === null) return 1;
    const byRoas = a.roasApprox === b.roasApprox ? compareNumeric(b.roas, a.roas) : b.roasApprox - a.roasApprox;
    if (byRoas !== 0) return byRoas;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

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
      `INSERT INTO ${s}.campaign_metrics_window (campaign_id, buckets, impressions, clicks, spend, conversions, revenue, changed_xid)
       SELECT campaign_id, count(*), coalesce(sum(impressions), 0), coalesce(sum(clicks), 0), coalesce(sum(spend), 0),
              coalesce(sum(conversions), 0), coalesce(sum(revenue), 0), pg_current_xact_id()
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
