import type { Pool } from 'pg';
import { quoteIdent } from '../shared/ads-ingest.db';

/**
 * What the syncs and the action executor keep in the ingest's schema, from the ads events they
 * read: each connected account's platform id, currency and time zone (the sync request does not
 * carry them), and each action's details and progress (approval and retry events carry only the
 * action id). `stream_version` makes a redelivered event change nothing.
 */
export const adsSyncDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
    CREATE SCHEMA IF NOT EXISTS ${s};
    CREATE TABLE IF NOT EXISTS ${s}.sync_accounts (
      account_id UUID PRIMARY KEY,
      org_id TEXT NOT NULL,
      platform TEXT NOT NULL,
      platform_account_id TEXT NOT NULL,
      currency TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      connected BOOLEAN NOT NULL,
      stream_version BIGINT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ${s}.sync_actions (
      action_id TEXT PRIMARY KEY,
      org_id TEXT NOT NULL,
      campaign_id TEXT NOT NULL,
      action_type TEXT NOT NULL,
      platform TEXT NOT NULL,
      previous_state JSONB NOT NULL,
      new_state JSONB NOT NULL,
      -- requested | executed | closed (rejected, expired, dead-lettered)
      status TEXT NOT NULL,
      -- the last attempt this executor reported (executed or failed)
      reported_attempt INT NOT NULL DEFAULT 0,
      stream_version BIGINT NOT NULL
    );
    -- The outbox of platform work: a sync to run, an action attempt to execute. The events
    -- consumer adds to it and moves on; workers claim items (SKIP LOCKED, a lease) and run them.
    CREATE TABLE IF NOT EXISTS ${s}.sync_work (
      work_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      payload JSONB NOT NULL,
      done BOOLEAN NOT NULL DEFAULT false,
      due_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      tries INT NOT NULL DEFAULT 0,
      last_error TEXT,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS sync_work_due ON ${s}.sync_work (due_at) WHERE NOT done;`;
};

export interface WorkItem {
  readonly workId: string;
  readonly kind: 'sync' | 'action';
  readonly payload: Record<string, unknown>;
  readonly tries: number;
}

export interface SyncAccount {
  readonly accountId: string;
  readonly orgId: string;
  readonly platform: string;
  readonly platformAccountId: string;
  readonly currency: string;
  readonly timeZone: string;
  readonly connected: boolean;
}

export interface StoredAction {
  readonly actionId: string;
  readonly orgId: string;
  readonly campaignId: string;
  readonly actionType: string;
  readonly platform: string;
  readonly previousState: Record<string, unknown>;
  readonly newState: Record<string, unknown>;
  readonly status: 'requested' | 'executed' | 'closed';
  readonly reportedAttempt: number;
}

export class AdsSyncStore {
  private readonly s: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    this.s = quoteIdent(schema);
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate-sync:${this.s}`]);
      await client.query(adsSyncDdl(this.schema));
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async upsertAccount(account: SyncAccount, version: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.sync_accounts AS a (account_id, org_id, platform, platform_account_id, currency, time_zone, connected, stream_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (account_id) DO UPDATE SET org_id = EXCLUDED.org_id, platform = EXCLUDED.platform,
         platform_account_id = EXCLUDED.platform_account_id, currency = EXCLUDED.currency, time_zone = EXCLUDED.time_zone,
         connected = EXCLUDED.connected, stream_version = EXCLUDED.stream_version
       WHERE a.stream_version < EXCLUDED.stream_version`,
      [account.accountId, account.orgId, account.platform, account.platformAccountId, account.currency, account.timeZone, account.connected, version],
    );
  }

  /** A later event of the account: details changed (currency, time zone) or disconnected. */
  async changeAccount(accountId: string, version: number, changes: { currency?: string; timeZone?: string; connected?: boolean }): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.s}.sync_accounts SET currency = COALESCE($3, currency), time_zone = COALESCE($4, time_zone),
         connected = COALESCE($5, connected), stream_version = $2
       WHERE account_id = $1 AND stream_version < $2`,
      [accountId, version, changes.currency ?? null, changes.timeZone ?? null, changes.connected ?? null],
    );
  }

  async account(accountId: string): Promise<SyncAccount | null> {
    const { rows } = await this.pool.query(
      `SELECT account_id, org_id, platform, platform_account_id, currency, time_zone, connected FROM ${this.s}.sync_accounts WHERE account_id = $1`,
      [accountId],
    );
    const [r] = rows;
    return r
      ? {
          accountId: r.account_id,
          orgId: r.org_id,
          platform: r.platform,
          platformAccountId: r.platform_account_id,
          currency: r.currency,
          timeZone: r.time_zone,
          connected: r.connected,
        }
      : null;
  }

  async recordAction(action: Omit<StoredAction, 'status' | 'reportedAttempt'>, version: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.sync_actions (action_id, org_id, campaign_id, action_type, platform, previous_state, new_state, status, stream_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', $8) ON CONFLICT (action_id) DO NOTHING`,
      [
        action.actionId,
        action.orgId,
        action.campaignId,
        action.actionType,
        action.platform,
        JSON.stringify(action.previousState),
        JSON.stringify(action.newState),
        version,
      ],
    );
  }

  async action(actionId: string): Promise<StoredAction | null> {
    const { rows } = await this.pool.query(`SELECT * FROM ${this.s}.sync_actions WHERE action_id = $1`, [actionId]);
    const [r] = rows;
    return r
      ? {
          actionId: r.action_id,
          orgId: r.org_id,
          campaignId: r.campaign_id,
          actionType: r.action_type,
          platform: r.platform,
          previousState: r.previous_state,
          newState: r.new_state,
          status: r.status,
          reportedAttempt: r.reported_attempt,
        }
      : null;
  }

  async setActionStatus(actionId: string, status: 'executed' | 'closed'): Promise<void> {
    await this.pool.query(`UPDATE ${this.s}.sync_actions SET status = $2 WHERE action_id = $1 AND status <> 'executed'`, [actionId, status]);
  }

  async markReported(actionId: string, attempt: number): Promise<void> {
    await this.pool.query(`UPDATE ${this.s}.sync_actions SET reported_attempt = GREATEST(reported_attempt, $2) WHERE action_id = $1`, [actionId, attempt]);
  }

  /** Adds work once: a redelivered event's work is already there (done or not). */
  async enqueue(items: readonly Omit<WorkItem, 'tries'>[]): Promise<void> {
    if (items.length === 0) return;
    await this.pool.query(
      `INSERT INTO ${this.s}.sync_work (work_id, kind, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[]) ON CONFLICT (work_id) DO NOTHING`,
      [items.map((i) => i.workId), items.map((i) => i.kind), items.map((i) => JSON.stringify(i.payload))],
    );
  }

  /** Claims the next due item for `leaseMs` (another worker skips it meanwhile); null when none is due. */
  async claim(leaseMs: number): Promise<WorkItem | null> {
    const { rows } = await this.pool.query(
      `UPDATE ${this.s}.sync_work w SET due_at = now() + make_interval(secs => $1::double precision / 1000), tries = w.tries + 1
       WHERE w.work_id = (SELECT work_id FROM ${this.s}.sync_work WHERE NOT done AND due_at <= now() ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING w.work_id, w.kind, w.payload, w.tries`,
      [leaseMs],
    );
    const [r] = rows;
    return r ? { workId: r.work_id, kind: r.kind, payload: r.payload, tries: r.tries } : null;
  }

  async complete(workId: string): Promise<void> {
    await this.pool.query(`UPDATE ${this.s}.sync_work SET done = true, last_error = NULL WHERE work_id = $1`, [workId]);
  }

  /** The item failed for a reason outside the platform (Kafka, the command side): tried again after `delayMs`. */
  async postpone(workId: string, delayMs: number, error: string): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.s}.sync_work SET due_at = now() + make_interval(secs => $2::double precision / 1000), last_error = $3 WHERE work_id = $1`,
      [workId, delayMs, error.slice(0, 1_000)],
    );
  }

  /** Items not done yet (a health detail, and tests). */
  async pending(): Promise<number> {
    const { rows } = await this.pool.query(`SELECT count(*)::int AS n FROM ${this.s}.sync_work WHERE NOT done`);
    return rows[0].n;
  }

  /** Done items are kept a week (what ran, for a person looking), then removed. */
  async prune(keepDays = 7): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.s}.sync_work WHERE done AND created_at < now() - make_interval(days => $1)`, [keepDays]);
  }
}
