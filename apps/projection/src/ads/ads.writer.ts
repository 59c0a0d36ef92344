import { quoteIdent } from '@campaign/eventstore';
import type { PoolClient } from 'pg';
import type { Projector } from '../shared/projector';
import { aiActionsLogProjector } from './ai-actions-log.projector';
import { aiRecommendationsProjector } from './ai-recommendations.projector';
import { type AdAccountRow, adAccountsProjector } from './ad-accounts.projector';
import type { AdsEnvelope } from './ads.events';
import { alertsProjector } from './alerts.projector';
import { budgetAllocationsProjector } from './budget-allocations.projector';
import { adCampaignsProjector } from './campaigns.projector';

/** A column the writer sends and its SQL type (jsonb_to_recordset's record definition). */
type Columns = readonly (readonly [string, string])[];

/**
 * A row names a campaign the projection has not applied yet. Not a data error (the runner retries
 * the batch rather than dead-lettering it): the deciders accept an alert, a recommendation or an
 * action only for a registered campaign, so its AdCampaignRegistered is in the log, earlier — just
 * on another partition, applied a moment later. Dead-lettering would hold the whole stream (an
 * org's automation stream holds every action of the org) until an operator redrives it.
 */
export class CampaignNotYetProjectedError extends Error {
  constructor(table: string, campaignIds: readonly string[]) {
    super(`${table} rows name campaigns not projected yet (${campaignIds.join(', ')}): the batch is retried`);
    this.name = 'CampaignNotYetProjectedError';
  }
}

/** One table the event projectors keep: its projector, the id an event names, the columns written. */
interface RowTable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projector: Projector<any, any, any>;
  readonly keyOf: (event: AdsEnvelope) => string;
  readonly columns: Columns;
}

const data = (event: AdsEnvelope) => event.data as unknown as Record<string, string>;
const ts = (...names: string[]): Columns => names.map((name) => [name, 'timestamp'] as const);
const text = (...names: string[]): Columns => names.map((name) => [name, 'text'] as const);

/** In foreign-key order: campaigns before the tables that reference them. */
const TABLES: readonly RowTable[] = [
  {
    projector: adAccountsProjector,
    keyOf: (e) => data(e).accountId,
    columns: [
      ['id', 'uuid'],
      ['org_id', 'uuid'],
      ...text('platform', 'platform_account_id', 'name', 'currency', 'time_zone', 'status'),
      ...ts('connected_at', 'disconnected_at', 'last_sync_requested_at', 'last_synced_at'),
      ['last_sync_id', 'text'],
      ['last_sync_failed_at', 'timestamp'],
      ['last_sync_error', 'text'],
      ['updated_at', 'timestamp'],
    ],
  },
  {
    projector: adCampaignsProjector,
    keyOf: (e) => data(e).campaignId,
    columns: [
      ['id', 'uuid'],
      ['org_id', 'uuid'],
      ['account_id', 'uuid'],
      ...text('platform', 'platform_campaign_id', 'name', 'status', 'objective'),
      ['budget_amount', 'numeric'],
      ['budget_type', 'text'],
      ...ts('start_date', 'end_date', 'created_at', 'updated_at'),
    ],
  },
  {
    projector: budgetAllocationsProjector,
    keyOf: (e) => data(e).allocationId,
    columns: [
      ['id', 'uuid'],
      ['org_id', 'uuid'],
      ['period_start', 'date'],
      ['period_end', 'date'],
      ['total_budget', 'numeric'],
      ['allocations', 'jsonb'],
      ['ai_suggested', 'boolean'],
      ['created_by', 'text'],
      ['created_at', 'timestamp'],
    ],
  },
  {
    projector: aiRecommendationsProjector,
    keyOf: (e) => data(e).recommendationId,
    columns: [
      ['id', 'uuid'],
      ['org_id', 'uuid'],
      ['campaign_id', 'uuid'],
      ...text('recommendation_type', 'recommendation_text'),
      ['confidence_score', 'numeric'],
      ['status', 'text'],
      ...ts('created_at', 'executed_at'),
      ['result_metrics', 'jsonb'],
      ['provider', 'text'],
      ['action', 'jsonb'],
      ['baseline', 'jsonb'],
      ['decided_by', 'text'],
      ['decided_at', 'timestamp'],
      ['action_id', 'uuid'],
      ['updated_at', 'timestamp'],
    ],
  },
  {
    projector: aiActionsLogProjector,
    keyOf: (e) => data(e).actionId,
    columns: [
      ['id', 'uuid'],
      ['org_id', 'uuid'],
      ...text('action_type', 'platform'),
      ['campaign_id', 'uuid'],
      ['previous_state', 'jsonb'],
      ['new_state', 'jsonb'],
      ['reasoning', 'text'],
      ['confidence', 'numeric'],
      ['executed_at', 'timestamp'],
      ['executed_by', 'text'],
      ['approval_required', 'boolean'],
      ['approved_by', 'text'],
      ['approved_at', 'timestamp'],
      ['status', 'text'],
      ['recommendation_id', 'uuid'],
      ['change_amount', 'numeric'],
      ['requested_by', 'text'],
      ...ts('requested_at'),
      ['awaiting_reason', 'text'],
      ['expires_at', 'timestamp'],
      ['attempts', 'integer'],
      ['last_error', 'text'],
      ...ts('next_retry_at', 'updated_at'),
    ],
  },
  {
    projector: alertsProjector,
    keyOf: (e) => data(e).alertId,
    columns: [
      ['id', 'uuid'],
      ['org_id', 'uuid'],
      ...text('alert_type', 'severity'),
      ['campaign_id', 'uuid'],
      ...text('platform', 'message', 'metric_name'),
      ['metric_value', 'numeric'],
      ['threshold_value', 'numeric'],
      ['created_at', 'timestamp'],
      ['acknowledged_at', 'timestamp'],
      ['acknowledged_by', 'text'],
      ...ts('resolved_at'),
      ['resolved_by', 'text'],
      ['updated_at', 'timestamp'],
    ],
  },
];

/** What a batch changed that someone outside PostgreSQL follows: the accounts whose last sync moved. */
export interface AdsBatchChanges {
  readonly synced: readonly AdAccountRow[];
}

/** INSERT … SELECT FROM jsonb_to_recordset($1): one statement per table for any number of rows; the row is written whole. */
const upsertSql = (s: string, table: string, columns: Columns): string => {
  const names = columns.map(([name]) => name).join(', ');
  const types = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  const updates = columns.filter(([name]) => name !== 'id').map(([name]) => `${name} = EXCLUDED.${name}`);
  return `INSERT INTO ${s}.${table} (${names})
    SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${types})
    ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`;
};

/**
 * Applies a batch of ads events inside the caller's transaction, table by table: the rows the
 * batch touches are read once, the table's projector runs over them in event order in memory,
 * and the changed rows are written back in one statement — whatever the batch size.
 */
export class AdsWriter {
  private readonly s: string;

  constructor(readonly schema: string) {
    this.s = quoteIdent(schema);
  }

  async applyBatch(client: PoolClient, events: readonly AdsEnvelope[]): Promise<AdsBatchChanges> {
    let synced: AdAccountRow[] = [];
    for (const table of TABLES) {
      const changed = await this.applyTable(client, table, events);
      if (table.projector === adAccountsProjector) {
        const syncedIds = new Set(events.filter((e) => e.type === 'AdAccountSynced').map((e) => data(e).accountId));
        synced = (changed as AdAccountRow[]).filter((row) => syncedIds.has(row.id) && row.last_synced_at !== null);
      }
    }
    return { synced };
  }

  private async applyTable(client: PoolClient, table: RowTable, events: readonly AdsEnvelope[]): Promise<object[]> {
    const mine = events.filter((event) => table.projector.canHandle(event));
    if (mine.length === 0) return [];
    const ids = [...new Set(mine.map(table.keyOf))];
    const t = table.projector.table;
    const { rows } = await client.query<{ row: { id: string } }>(`SELECT to_jsonb(t) AS row FROM ${this.s}.${t} t WHERE id = ANY($1::uuid[])`, [ids]);
    const current = new Map<string, object>(rows.map(({ row }) => [row.id, row]));
    const changed = new Map<string, object>();
    for (const event of mine) {
      const key = table.keyOf(event);
      const before = current.get(key) ?? null;
      const after = table.projector.project(before, event) as object | null;
      if (after && after !== before) {
        current.set(key, after);
        changed.set(key, after);
      }
    }
    if (changed.size === 0) return [];
    if (table.columns.some(([name]) => name === 'campaign_id')) await this.checkCampaigns(client, t, [...changed.values()]);
    const names = table.columns.map(([name]) => name);
    const payload = [...changed.values()].map((row) => Object.fromEntries(names.map((name) => [name, (row as Record<string, unknown>)[name] ?? null])));
    await client.query(upsertSql(this.s, t, table.columns), [JSON.stringify(payload)]);
    return [...changed.values()];
  }

  /** seed 003's foreign keys to campaigns(id): every campaign a row names is projected already. */
  private async checkCampaigns(client: PoolClient, table: string, rows: readonly object[]): Promise<void> {
    const ids = [...new Set(rows.map((row) => (row as { campaign_id: string }).campaign_id))];
    const { rows: missing } = await client.query<{ id: string }>(
      `SELECT id::text FROM unnest($1::uuid[]) AS i(id) WHERE NOT EXISTS (SELECT 1 FROM ${this.s}.campaigns c WHERE c.id = i.id)`,
      [ids],
    );
    if (missing.length > 0)
      throw new CampaignNotYetProjectedError(
        table,
        missing.map((row) => row.id),
      );
  }
}
