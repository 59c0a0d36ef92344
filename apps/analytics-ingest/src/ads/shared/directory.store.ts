import type { Pool, PoolClient } from 'pg';
import type { DirectoryEntry } from './ads-ingest.ports';
import { quoteIdent } from './ads-ingest.db';
import type { DirectoryChange } from './directory.events';

interface EntryRow {
  campaign_id: string;
  org_id: string;
  account_id: string;
  platform: string;
  platform_campaign_id: string;
  name: string | null;
  status: string | null;
  budget_amount: string | null;
  currency: string | null;
  time_zone: string | null;
  connected: boolean | null;
}

const entryOf = (row: EntryRow): DirectoryEntry => ({
  campaignId: row.campaign_id,
  orgId: row.org_id,
  accountId: row.account_id,
  platform: row.platform,
  platformCampaignId: row.platform_campaign_id,
  name: row.name,
  status: row.status,
  budgetAmount: row.budget_amount,
  currency: row.currency,
  timeZone: row.time_zone,
  accountConnected: row.connected === true,
});

/** Fields of a "details changed" that the directory keeps, by the event's name and the column's. */
const CAMPAIGN_FIELDS = {
  name: 'name',
  status: 'status',
  objective: 'objective',
  budgetAmount: 'budget_amount',
  budgetType: 'budget_type',
  startDate: 'start_date',
  endDate: 'end_date',
} as const;
const ACCOUNT_FIELDS = { name: 'name', currency: 'currency', timeZone: 'time_zone' } as const;

/** `column = changes->>'field'` where the change names the field, the column as it was otherwise. */
const assignments = (fields: Readonly<Record<string, string>>, param: string): string =>
  Object.entries(fields)
    .map(([field, column]) => `${column} = CASE WHEN ${param}::jsonb ? '${field}' THEN ${param}::jsonb->>'${field}' ELSE ${column} END`)
    .join(', ');

/**
 * The directory's tables (ads-ingest.db.ts). Every write is conditioned on the row's stream
 * version, so a redelivered event (a rebalance, a replay) is a no-op.
 */
export class DirectoryStore {
  private readonly s: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    this.s = quoteIdent(schema);
  }

  async apply(changes: readonly DirectoryChange[]): Promise<void> {
    if (changes.length === 0) return;
    const client = await this.pool.connect();
    let usable = true;
    try {
      await client.query('BEGIN');
      for (const change of changes) await this.applyOne(client, change);
      await client.query('COMMIT');
    } catch (error) {
      usable = await client.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      throw error;
    } finally {
      client.release(!usable);
    }
  }

  private async applyOne(client: PoolClient, change: DirectoryChange): Promise<void> {
    const s = this.s;
    switch (change.kind) {
      case 'account-connected': {
        const r = change.row;
        await client.query(
          `INSERT INTO ${s}.accounts (account_id, org_id, platform, platform_account_id, name, currency, time_zone, connected, stream_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8)
           ON CONFLICT (account_id) DO UPDATE SET org_id = EXCLUDED.org_id, platform = EXCLUDED.platform,
             platform_account_id = EXCLUDED.platform_account_id, name = EXCLUDED.name, currency = EXCLUDED.currency,
             time_zone = EXCLUDED.time_zone, connected = true, stream_version = EXCLUDED.stream_version, updated_at = now()
           WHERE ${s}.accounts.stream_version < EXCLUDED.stream_version`,
          [change.accountId, r.orgId, r.platform, r.platformAccountId, r.name, r.currency, r.timeZone, change.version],
        );
        return;
      }
      case 'account-changed':
        await client.query(
          `UPDATE ${s}.accounts SET ${assignments(ACCOUNT_FIELDS, '$3')}, stream_version = $2, updated_at = now()
           WHERE account_id = $1 AND stream_version < $2`,
          [change.accountId, change.version, JSON.stringify(change.changes)],
        );
        return;
      case 'account-disconnected':
        await client.query(
          `UPDATE ${s}.accounts SET connected = false, stream_version = $2, updated_at = now() WHERE account_id = $1 AND stream_version < $2`,
          [change.accountId, change.version],
        );
        return;
      case 'campaign-registered': {
        const r = change.row;
        await client.query(
          `INSERT INTO ${s}.campaigns (campaign_id, org_id, account_id, platform, platform_campaign_id, name, status, objective,
             budget_amount, budget_type, start_date, end_date, stream_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (campaign_id) DO UPDATE SET org_id = EXCLUDED.org_id, account_id = EXCLUDED.account_id,
             platform = EXCLUDED.platform, platform_campaign_id = EXCLUDED.platform_campaign_id, name = EXCLUDED.name,
             status = EXCLUDED.status, objective = EXCLUDED.objective, budget_amount = EXCLUDED.budget_amount,
             budget_type = EXCLUDED.budget_type, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
             stream_version = EXCLUDED.stream_version, updated_at = now()
           WHERE ${s}.campaigns.stream_version < EXCLUDED.stream_version`,
          [
            change.campaignId,
            r.orgId,
            r.accountId,
            r.platform,
            r.platformCampaignId,
            r.name,
            r.status,
            r.objective,
            r.budgetAmount,
            r.budgetType,
            r.startDate,
            r.endDate,
            change.version,
          ],
        );
        return;
      }
      case 'campaign-changed':
        await client.query(
          `UPDATE ${s}.campaigns SET ${assignments(CAMPAIGN_FIELDS, '$3')}, stream_version = $2, updated_at = now()
           WHERE campaign_id = $1 AND stream_version < $2`,
          [change.campaignId, change.version, JSON.stringify(change.changes)],
        );
        return;
    }
  }

  private select(where: string): string {
    return `SELECT c.campaign_id, c.org_id, c.account_id, c.platform, c.platform_campaign_id, c.name, c.status, c.budget_amount,
                   a.currency, a.time_zone, a.connected
              FROM ${this.s}.campaigns c LEFT JOIN ${this.s}.accounts a ON a.account_id = c.account_id
             WHERE ${where}`;
  }

  async entries(campaignIds: readonly string[]): Promise<Map<string, DirectoryEntry>> {
    const ids = [...new Set(campaignIds)];
    if (ids.length === 0) return new Map();
    const { rows } = await this.pool.query<EntryRow>(this.select('c.campaign_id = ANY($1::uuid[])'), [ids]);
    return new Map(rows.map((row) => [row.campaign_id, entryOf(row)]));
  }

  async campaignsOfOrg(orgId: string): Promise<DirectoryEntry[]> {
    const { rows } = await this.pool.query<EntryRow>(`${this.select('c.org_id = $1')} ORDER BY c.platform, c.platform_campaign_id`, [orgId]);
    return rows.map(entryOf);
  }
}
