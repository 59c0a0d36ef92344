import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import { projectMetrics, type MetricRow } from './campaign-metrics.projector';
import { projectStateLog, type StateLogRow } from './campaign-state-log.projector';
import { projectCampaign } from './campaigns.projector';
import type { CampaignRow, LifecycleEnvelope } from './lifecycle.events';

interface CampaignRecord extends Omit<CampaignRow, 'created_at' | 'updated_at' | 'start_time' | 'end_time'> {
  created_at: Date;
  updated_at: Date;
  start_time: Date | null;
  end_time: Date | null;
}

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** Applies lifecycle events to the read models of one schema, inside the caller's transaction. */
export class LifecycleWriter {
  private readonly s: string;

  constructor(readonly schema: string) {
    this.s = quoteIdent(schema);
  }

  /** Returns true when the event changed a campaign's status (the active-campaigns view is stale). */
  async apply(client: PoolClient, event: LifecycleEnvelope): Promise<boolean> {
    const before = await this.loadCampaign(client, event.data.campaignId);
    const after = projectCampaign(before, event);
    if (after && after !== before) await this.saveCampaign(client, after);
    for (const row of projectStateLog(before, event)) await this.insertStateLog(client, row);
    for (const row of projectMetrics(before, event)) await this.insertMetric(client, row);
    return after !== null && after.status !== before?.status;
  }

  private async loadCampaign(client: PoolClient, id: string): Promise<CampaignRow | null> {
    const { rows } = await client.query<CampaignRecord>(`SELECT * FROM ${this.s}.campaigns WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) return null;
    return {
      ...row,
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
      start_time: iso(row.start_time),
      end_time: iso(row.end_time),
    };
  }

  private async saveCampaign(client: PoolClient, row: CampaignRow): Promise<void> {
    await client.query(
      `INSERT INTO ${this.s}.campaigns (id, status, metadata, created_at, updated_at, start_time, end_time,
         duration_hours, auto_close, rewards_enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, metadata = EXCLUDED.metadata,
         updated_at = EXCLUDED.updated_at, start_time = EXCLUDED.start_time, end_time = EXCLUDED.end_time`,
      [row.id, row.status, row.metadata, row.created_at, row.updated_at, row.start_time, row.end_time,
        row.duration_hours, row.auto_close, row.rewards_enabled],
    );
  }

  private async insertStateLog(client: PoolClient, row: StateLogRow): Promise<void> {
    await client.query(
      `INSERT INTO ${this.s}.campaign_state_log (id, campaign_id, from_state, to_state, trigger_event, metadata, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [row.id, row.campaign_id, row.from_state, row.to_state, row.trigger_event, row.metadata, row.created_at],
    );
  }

  /** A running total counts the rows before it, so it does not depend on clock order. */
  private async insertMetric(client: PoolClient, row: MetricRow): Promise<void> {
    const measured = 'measured' in row.value ? row.value.measured : null;
    await client.query(
      `INSERT INTO ${this.s}.campaign_metrics (id, campaign_id, metric_type, value, attributes, recorded_at)
       VALUES ($1, $2::uuid, $3::varchar, COALESCE($4::numeric, (
           SELECT count(*) + 1 FROM ${this.s}.campaign_metrics WHERE campaign_id = $2::uuid AND metric_type = $3::varchar)), $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [row.id, row.campaign_id, row.metric_type, measured, row.attributes, row.recorded_at],
    );
  }
}
