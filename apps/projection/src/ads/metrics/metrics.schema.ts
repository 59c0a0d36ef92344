/**
 * seed 003 campaign_metrics, copied as printed, and the bookkeeping that serves it. The seed
 * makes it a TimescaleDB hypertable; a server without TimescaleDB gets native range
 * partitioning by `time` managed by pg_partman (daily partitions, premade, a default
 * partition, retention from ADS_METRICS_RETENTION), the documented departure of issue 12.
 */
import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient, Pool } from 'pg';

/** The time-series engine campaign_metrics runs on in this database. */
export type MetricsEngine = 'timescaledb' | 'pg_partman';

/** Daily partitions made ahead of today (partman's premake). */
export const PREMADE_DAYS = 7;

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** `<schema>.campaign_metrics` as partman's part_config names it (unquoted). */
export const partmanParent = (schema: string): string => `${schema}.campaign_metrics`;

/** The first 15-minute bucket at or after `x` (a TIMESTAMP expression). */
export const ceilBucket = (x: string): string =>
  `(date_bin('15 minutes', ${x}, TIMESTAMP '2000-01-01') + CASE WHEN date_bin('15 minutes', ${x}, TIMESTAMP '2000-01-01') < ${x} THEN INTERVAL '15 minutes' ELSE INTERVAL '0' END)`;

/**
 * S: the first bucket the seed's `m.time >= NOW() - INTERVAL '7 days'` keeps. campaign_metrics.time
 * is a TIMESTAMP compared with a TIMESTAMPTZ, so PostgreSQL reads it in the session's time
 * zone; buckets are 15-minute aligned, hence the condition holds exactly for time >= S.
 */
export const WINDOW_START = ceilBucket(`(NOW() - INTERVAL '7 days')::timestamp`);

/**
 * The table exactly as seed 003 prints it, with the schema's name; `partitioned` adds the
 * partition clause (the only difference from the seed's text).
 */
const metricsTable = (s: string, partitioned: boolean): string => `
CREATE TABLE ${s}.campaign_metrics (
    time TIMESTAMP NOT NULL,
    campaign_id UUID REFERENCES ${s}.campaigns(id),
    impressions BIGINT,
    clicks BIGINT,
    spend DECIMAL(15,2),
    conversions INTEGER,
    revenue DECIMAL(15,2),
    cpc DECIMAL(10,4),
    cpm DECIMAL(10,4),
    ctr DECIMAL(5,4),
    roas DECIMAL(10,4),
    roi DECIMAL(10,4),
    PRIMARY KEY (time, campaign_id)
)${partitioned ? ' PARTITION BY RANGE (time)' : ''};
CREATE INDEX idx_campaign_metrics_campaign_id ON ${s}.campaign_metrics(campaign_id);
CREATE INDEX idx_campaign_metrics_time ON ${s}.campaign_metrics(time DESC);
`;

/**
 * Bookkeeping beside the seed's table:
 * - metric_fact_offsets: the facts topic's offsets applied, written in the transaction of the
 *   rows (the Kafka group's offsets are not trusted: a rebuilt schema starts empty, at offset 0),
 *   with the Kafka cluster they were read in (a wiped Kafka's new topic is read from its start);
 * - campaign_metrics_window: per campaign, the exact sums of its buckets inside the "last 7
 *   days" window that starts at campaign_metrics_window_state.window_start, kept in the facts'
 *   transaction (delta new − old) and slid every minute (metrics.window.ts).
 */
const bookkeeping = (s: string): string => `
CREATE TABLE IF NOT EXISTS ${s}.metric_fact_offsets (
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    last_offset BIGINT NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    PRIMARY KEY (topic, partition)
);
-- The Kafka cluster the offset was read in (libs/messaging checkpointOutlived); ADD COLUMN, so a schema made before it gains it.
ALTER TABLE ${s}.metric_fact_offsets ADD COLUMN IF NOT EXISTS cluster_id TEXT;
CREATE TABLE IF NOT EXISTS ${s}.campaign_metrics_window_state (
    only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    window_start TIMESTAMP NOT NULL
);
INSERT INTO ${s}.campaign_metrics_window_state (window_start) SELECT ${WINDOW_START}
    WHERE NOT EXISTS (SELECT 1 FROM ${s}.campaign_metrics_window_state);
CREATE TABLE IF NOT EXISTS ${s}.campaign_metrics_window (
    campaign_id UUID PRIMARY KEY,
    buckets BIGINT NOT NULL,
    impressions NUMERIC NOT NULL,
    clicks NUMERIC NOT NULL,
    spend NUMERIC NOT NULL,
    conversions BIGINT NOT NULL,
    revenue NUMERIC NOT NULL,
    -- The seed's ratios over the sums, the same expressions, kept with them: the read divides nothing.
    roas NUMERIC GENERATED ALWAYS AS (revenue / NULLIF(spend, 0)) STORED,
    cpa NUMERIC GENERATED ALWAYS AS (spend / NULLIF(conversions, 0)) STORED
);
-- What the kept 7-day answers are keyed by (performance-answers.ts), besides the facts' offsets:
-- every slide and rebuild bumps the window's version; any write to campaigns (a name, a platform)
-- bumps campaign_metrics_campaigns_version through the trigger, once per transaction.
ALTER TABLE ${s}.campaign_metrics_window_state ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS ${s}.campaign_metrics_campaigns_version (
    only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    version BIGINT NOT NULL DEFAULT 0
);
INSERT INTO ${s}.campaign_metrics_campaigns_version (version) SELECT 0
    WHERE NOT EXISTS (SELECT 1 FROM ${s}.campaign_metrics_campaigns_version);
-- Which rows changed since a kept answer was read: the transaction that last wrote each window
-- row, and each campaign (kept apart: campaigns is the seed's table, as printed). A kept answer
-- is brought up to date from the rows its snapshot did not see (pg_visible_in_snapshot).
-- NULL: written before this column existed (seen by every kept answer).
ALTER TABLE ${s}.campaign_metrics_window ADD COLUMN IF NOT EXISTS changed_xid XID8;
-- Every facts batch rewrites the window row of each campaign it carries: room left on each page
-- keeps those updates HOT and pruned in place (issue 12 point 11a: 2,000 rows rewritten 60 times
-- grew the table to 1,464 pages at fillfactor 100, 63 at 50; in the ingest bench an update read
-- ~50 buffers). Pages written before this keep their fill until rewritten.
ALTER TABLE ${s}.campaign_metrics_window SET (fillfactor = 50);
CREATE TABLE IF NOT EXISTS ${s}.campaign_metrics_campaign_changes (
    campaign_id UUID PRIMARY KEY,
    changed_xid XID8 NOT NULL
);
-- The schema by TG_TABLE_SCHEMA, not by name: a rebuild renames schemas (shared/rebuild.ts).
CREATE OR REPLACE FUNCTION ${s}.campaign_metrics_campaigns_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    EXECUTE format('INSERT INTO %I.campaign_metrics_campaign_changes AS x VALUES ($1, pg_current_xact_id())
                    ON CONFLICT (campaign_id) DO UPDATE SET changed_xid = EXCLUDED.changed_xid', TG_TABLE_SCHEMA) USING NEW.id;
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id IS DISTINCT FROM NEW.id) THEN
    EXECUTE format('INSERT INTO %I.campaign_metrics_campaign_changes AS x VALUES ($1, pg_current_xact_id())
                    ON CONFLICT (campaign_id) DO UPDATE SET changed_xid = EXCLUDED.changed_xid', TG_TABLE_SCHEMA) USING OLD.id;
  END IF;
  IF current_setting('ads.campaigns_bumped_' || TG_RELID, true) IS DISTINCT FROM pg_current_xact_id()::text THEN
    EXECUTE format('UPDATE %I.campaign_metrics_campaigns_version SET version = version + 1', TG_TABLE_SCHEMA);
    PERFORM set_config('ads.campaigns_bumped_' || TG_RELID, pg_current_xact_id()::text, true);
  END IF;
  RETURN NULL;
END
$fn$;
CREATE OR REPLACE TRIGGER campaign_metrics_campaigns_changed AFTER INSERT OR UPDATE OR DELETE ON ${s}.campaigns
    FOR EACH ROW EXECUTE FUNCTION ${s}.campaign_metrics_campaigns_changed();
`;

export const engineOf = async (client: PoolClient | Pool): Promise<MetricsEngine> => {
  const { rows } = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`);
  return rows.length > 0 ? 'timescaledb' : 'pg_partman';
};

/**
 * Creates campaign_metrics in `schema` (after campaigns, which it references) and registers it
 * with its engine. Idempotent: a live schema keeps its table, partitions and partman config.
 */
export const migrateMetrics = async (client: PoolClient, schema: string): Promise<MetricsEngine> => {
  const s = quoteIdent(schema);
  const engine = await engineOf(client);
  // One CREATE EXTENSION at a time across schemas and processes (a race fails on the catalog).
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('ads-metrics-extension'))`);
  const { rows } = await client.query(`SELECT to_regclass($1) AS t`, [`${s}.campaign_metrics`]);
  const fresh = rows[0].t === null;
  if (engine === 'timescaledb') {
    await client.query(`CREATE EXTENSION IF NOT EXISTS timescaledb`);
    if (fresh) {
      await client.query(metricsTable(s, false));
      await client.query(`SELECT create_hypertable(${literal(`${s}.campaign_metrics`)}, 'time', chunk_time_interval => INTERVAL '1 day')`);
    }
  } else {
    await client.query(`CREATE SCHEMA IF NOT EXISTS partman; CREATE EXTENSION IF NOT EXISTS pg_partman SCHEMA partman`);
    if (fresh) {
      await client.query(metricsTable(s, true));
      await registerWithPartman(client, schema);
    }
  }
  await client.query(bookkeeping(s));
  return engine;
};

/**
 * Daily partitions, PREMADE_DAYS ahead, and a default partition. A schema of that name may
 * have been swapped away by a rebuild (shared/rebuild.ts renames schemas) and left its
 * part_config row and template behind: they are removed first, since the table is new.
 */
const registerWithPartman = async (client: PoolClient, schema: string): Promise<void> => {
  const parent = partmanParent(schema);
  await client.query(`DELETE FROM partman.part_config_sub WHERE sub_parent = $1`, [parent]);
  await client.query(`DELETE FROM partman.part_config WHERE parent_table = $1`, [parent]);
  await client.query(`DROP TABLE IF EXISTS partman.${quoteIdent(`template_${schema}_campaign_metrics`)}`);
  const { rows } = await client.query<{ v: string }>(`SELECT extversion AS v FROM pg_extension WHERE extname = 'pg_partman'`);
  const major = parseInt(rows[0].v, 10);
  // partman 4 names native partitioning 'native'; 5 calls it 'range' (and only knows that).
  const type = major >= 5 ? 'range' : 'native';
  await client.query(`SELECT partman.create_parent(p_parent_table := $1, p_control := 'time', p_type := $2, p_interval := '1 day', p_premake := $3)`, [
    parent,
    type,
    PREMADE_DAYS,
  ]);
  // Maintenance is called by the projection (MetricFactsConsumer's tick), not partman's background worker.
  await client.query(`UPDATE partman.part_config SET automatic_maintenance = 'off', infinite_time_partitions = true WHERE parent_table = $1`, [parent]);
};

/**
 * After a rebuild swapped a shadow in, its partman row still names the shadow: the live row
 * (same name as before) serves the new table, since partman finds partitions in the catalog.
 * Rows naming a campaign_metrics that no longer exists (that shadow, a dropped schema) are
 * forgotten: partman's global maintenance would fail on them, and a later table of that name
 * registers afresh.
 */
export const forgetSwappedShadow = async (pool: Pool): Promise<void> => {
  await pool.query(`DELETE FROM partman.part_config WHERE parent_table LIKE '%.campaign_metrics' AND to_regclass(parent_table) IS NULL`);
};

/** Retention follows ADS_METRICS_RETENTION (partman drops whole daily partitions); null keeps all. */
export const setRetention = async (pool: Pool, schema: string, retention: string | null): Promise<void> => {
  await pool.query(`UPDATE partman.part_config SET retention = $2, retention_keep_table = false WHERE parent_table = $1`, [partmanParent(schema), retention]);
};
