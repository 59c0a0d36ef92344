import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import { projectIf } from '../shared/projector';
import { campaignMetricsProjector } from './campaign-metrics.projector';
import { campaignStateLogProjector, type StateLogRow } from './campaign-state-log.projector';
import { campaignsProjector } from './campaigns.projector';
import { isoTimes, TimersWriter } from './lifecycle-timers.writer';
import type { CampaignRow, LifecycleEnvelope } from './lifecycle.events';

interface MetricRecord {
  id: string;
  campaign_id: string;
  metric_type: string;
  value: number;
  attributes: Readonly<Record<string, unknown>>;
  recorded_at: string;
}

const COUNTED = ['PARTICIPANT_COUNT', 'ENGAGEMENT_COUNT', 'REWARD_CLAIMED'];

/**
 * Applies a batch of lifecycle events to the read models of one schema, inside the caller's
 * transaction, in a handful of statements whatever the batch size: the batch's campaigns and
 * metric counts are read once, the projectors run in memory in event order, and the rows are
 * written back in bulk. Timer events are handed to the TimersWriter once the campaigns they
 * reference are saved.
 */
export class LifecycleWriter {
  private readonly s: string;
  private readonly timers: TimersWriter;

  constructor(readonly schema: string) {
    this.s = quoteIdent(schema);
    this.timers = new TimersWriter(this.s);
  }

  /** Returns true when a campaign's status or a timer changed (a materialized view is stale). */
  async applyBatch(client: PoolClient, events: readonly LifecycleEnvelope[]): Promise<boolean> {
    const ids = [...new Set(events.map((e) => e.data.campaignId))];
    const { campaigns, counts } = await this.load(client, ids);
    const changed = new Map<string, CampaignRow>();
    const stateLog: StateLogRow[] = [];
    const metrics: MetricRecord[] = [];
    let stale = false;
    for (const event of events) {
      const before = campaigns.get(event.data.campaignId) ?? null;
      const after = projectIf(campaignsProjector, before, event, before);
      if (after && after !== before) {
        campaigns.set(after.id, after);
        changed.set(after.id, after);
        stale ||= after.status !== before?.status;
      }
      stateLog.push(...projectIf(campaignStateLogProjector, before, event, []));
      for (const row of projectIf(campaignMetricsProjector, before, event, [])) {
        const key = `${row.campaign_id}/${row.metric_type}`;
        const value = 'measured' in row.value ? row.value.measured : (counts.get(key) ?? 0) + 1;
        if (!('measured' in row.value)) counts.set(key, value);
        metrics.push({ ...row, value });
      }
    }
    if (!events.some((event) => TimersWriter.handles(event))) {
      // Nothing in between: campaigns, state log and metrics go in one statement (the foreign
      // keys are checked at its end, when the campaigns are in).
      await this.write(client, [...changed.values()], stateLog, metrics);
      return stale;
    }
    await this.write(client, [...changed.values()], [], []);
    const timersChanged = await this.timers.applyBatch(client, events);
    await this.write(client, [], stateLog, metrics);
    return stale || timersChanged;
  }

  /** The batch's campaigns and running metric counts, in one round trip. */
  private async load(client: PoolClient, ids: readonly string[]): Promise<{ campaigns: Map<string, CampaignRow>; counts: Map<string, number> }> {
    // Running totals count the rows before them, so they do not depend on clock order.
    const { rows } = await client.query<{ row: CampaignRow | null; key: string | null; n: number | null }>(
      `SELECT to_jsonb(c) AS row, NULL::text AS key, NULL::int AS n FROM ${this.s}.campaigns c WHERE id = ANY($1::uuid[])
       UNION ALL
       SELECT NULL, campaign_id || '/' || metric_type, count(*)::int FROM ${this.s}.campaign_metrics
        WHERE campaign_id = ANY($1::uuid[]) AND metric_type = ANY($2::text[]) GROUP BY campaign_id, metric_type`,
      [ids, COUNTED],
    );
    const campaigns = new Map<string, CampaignRow>();
    const counts = new Map<string, number>();
    for (const { row, key, n } of rows) {
      if (row) campaigns.set(row.id, isoTimes(row, ['created_at', 'updated_at', 'start_time', 'end_time']));
      else if (key !== null && n !== null) counts.set(key, n);
    }
    return { campaigns, counts };
  }

  /** Upserts campaigns and appends state-log and metric rows, in one statement. */
  private async write(
    client: PoolClient,
    campaigns: readonly CampaignRow[],
    stateLog: readonly StateLogRow[],
    metrics: readonly MetricRecord[],
  ): Promise<void> {
    const parts: string[] = [];
    const values: string[] = [];
    const param = (rows: readonly unknown[]) => `$${values.push(JSON.stringify(rows))}::jsonb`;
    if (campaigns.length > 0) {
      parts.push(`INSERT INTO ${this.s}.campaigns (id, status, metadata, created_at, updated_at, start_time, end_time,
         duration_hours, auto_close, rewards_enabled)
       SELECT id, status, metadata, created_at, updated_at, start_time, end_time, duration_hours, auto_close, rewards_enabled
         FROM jsonb_to_recordset(${param(campaigns)}) AS r(id uuid, status varchar, metadata jsonb, created_at timestamptz,
           updated_at timestamptz, start_time timestamptz, end_time timestamptz, duration_hours int,
           auto_close boolean, rewards_enabled boolean)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, metadata = EXCLUDED.metadata,
         updated_at = EXCLUDED.updated_at, start_time = EXCLUDED.start_time, end_time = EXCLUDED.end_time`);
    }
    if (stateLog.length > 0) {
      parts.push(`INSERT INTO ${this.s}.campaign_state_log (id, campaign_id, from_state, to_state, trigger_event, metadata, created_at)
       SELECT id, campaign_id, from_state, to_state, trigger_event, metadata, created_at
         FROM jsonb_to_recordset(${param(stateLog)}) AS r(id uuid, campaign_id uuid, from_state varchar, to_state varchar,
           trigger_event varchar, metadata jsonb, created_at timestamptz)
       ON CONFLICT DO NOTHING`);
    }
    if (metrics.length > 0) {
      parts.push(`INSERT INTO ${this.s}.campaign_metrics (id, campaign_id, metric_type, value, attributes, recorded_at)
       SELECT id, campaign_id, metric_type, value, attributes, recorded_at
         FROM jsonb_to_recordset(${param(metrics)}) AS r(id uuid, campaign_id uuid, metric_type varchar, value numeric,
           attributes jsonb, recorded_at timestamptz)
       ON CONFLICT (id) DO NOTHING`);
    }
    if (parts.length === 0) return;
    const sql =
      parts.length === 1
        ? parts[0]
        : `WITH ${parts
            .slice(0, -1)
            .map((part, i) => `w${i} AS (${part} RETURNING 1)`)
            .join(', ')} ${parts[parts.length - 1]}`;
    await client.query(sql, values);
  }
}
