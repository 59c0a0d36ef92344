import { migrateOnce, quoteIdent } from '@campaign/eventstore';
import type { Pool, PoolClient } from 'pg';
import { timersDdl, wakeChannel } from './schema';
import { NO_TIMER_EVENTS, type TimerEventLog } from './timer-events';
import { type OutcomePlan, type OwnedRow, planOutcome, type RetryPolicy, SEED_002_RETRIES } from './timer-outcome';
import { planStart, type StartRow, type Starting } from './timer-start';

export interface TimerStoreOptions {
  /** The context's own schema. */
  readonly schema: string;
  /** Where the timers' events are recorded, for contexts that record them. None: not recorded. */
  readonly events?: TimerEventLog;
  /** The schema's tables; timersDdl unless the context keeps more (its policy's state). */
  readonly ddl?: (schema: string) => string;
  /** How failed attempts are retried; seed 002's policy unless given. */
  readonly retries?: RetryPolicy;
}

/** A timer this instance holds a lease on, to fire at `dueAt` (or now, when that has passed). */
export interface DueTimer<T extends string = string> {
  readonly id: string;
  /** The timer's subject: a campaign, or what else the context's policy sets timers for. */
  readonly campaignId: string;
  readonly timerType: T;
  /** When the timer was scheduled to fire (seed 002 scheduled_at). */
  readonly dueAt: Date;
  /** When this attempt is due: dueAt, or later for a retry. */
  readonly attemptAt: Date;
  /** 1 for the first attempt; retries count up from 2. */
  readonly attempt: number;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface Claimed<T extends string = string> {
  readonly timers: DueTimer<T>[];
}

/** What happened when a timer fired. */
export interface Finished<T extends string = string> {
  readonly timer: DueTimer<T>;
  readonly executionId: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly outcome:
    | { readonly ok: true; readonly result: Readonly<Record<string, unknown>> }
    | { readonly ok: false; readonly error: string; readonly retryable: boolean };
}

interface TimerRow<T extends string> extends OwnedRow {
  campaign_id: string;
  timer_type: T;
  due_at: Date;
  next_attempt_at: Date;
  payload: Record<string, unknown>;
}

/**
 * The durable side of the timers: claiming due timers under a lease (several instances never
 * hold the same timer at once), and recording how each firing ended — with its timer events,
 * in one transaction.
 */
export class TimerStore<T extends string = string> {
  readonly s: string;
  readonly events: TimerEventLog;

  constructor(
    readonly pool: Pool,
    readonly options: TimerStoreOptions,
  ) {
    this.s = quoteIdent(options.schema);
    this.events = options.events ?? NO_TIMER_EVENTS;
  }

  /** The schema's tables, made or brought up to date once per version of the DDL (migrateOnce). */
  async migrate(): Promise<void> {
    const { schema } = this.options;
    await migrateOnce(this.pool, schema, `migrate:${schema}`, (this.options.ddl ?? timersDdl)(schema));
  }

  /**
   * Leases up to `limit` timers whose attempt falls due within `lookaheadMs` by the database
   * clock, and timers whose lease ran out (their holder died). SKIP LOCKED lets instances
   * claim side by side without waiting on each other.
   */
  async claim(owner: string, lookaheadMs: number, leaseMs: number, limit: number): Promise<Claimed<T>> {
    const { rows } = await this.pool.query<TimerRow<T>>(
      `WITH pending AS (
         SELECT id FROM ${this.s}.timers WHERE status = 'PENDING' AND next_attempt_at <= now() + $1 * interval '1 ms'
          ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED
       ), abandoned AS (
         SELECT id FROM ${this.s}.timers WHERE status = 'RUNNING' AND lease_until < now()
          ORDER BY lease_until LIMIT $4 FOR UPDATE SKIP LOCKED
       )
       UPDATE ${this.s}.timers t
          SET status = 'RUNNING', lease_owner = $3,
              lease_until = greatest(t.next_attempt_at, now()) + $2 * interval '1 ms'
         FROM (SELECT id FROM pending UNION ALL SELECT id FROM abandoned LIMIT $4) due WHERE t.id = due.id
       RETURNING t.id, t.campaign_id, t.timer_type, t.due_at, t.next_attempt_at, t.retry_count, t.payload,
                 t.stream_version`,
      [lookaheadMs, leaseMs, owner, limit],
    );
    return { timers: rows.map((row) => toDueTimer(row)) };
  }

  async databaseNow(): Promise<number> {
    const { rows } = await this.pool.query<{ now: string }>(`SELECT (extract(epoch FROM clock_timestamp()) * 1000)::text AS now`);
    return Number(rows[0].now);
  }

  /**
   * A subject's (campaign's) active timers and the ones it already finished, for operators.
   * With `withPayloadCampaign`, also the active timers whose payload names the campaign (a
   * context's timers of the campaign's contacts; its schema should index that) — their
   * finished ones are listed by their own subject's id.
   */
  async listForCampaign(campaignId: string, withPayloadCampaign = false): Promise<{ active: object[]; finished: object[] }> {
    const where = withPayloadCampaign ? `(campaign_id = $1 OR payload->>'campaignId' = $1::text)` : 'campaign_id = $1';
    const [active, finished] = await Promise.all([
      this.pool.query(
        `SELECT id, campaign_id AS subject_id, timer_type, status, due_at, next_attempt_at, retry_count, lease_owner, lease_until, payload
           FROM ${this.s}.timers WHERE ${where} ORDER BY due_at`,
        [campaignId],
      ),
      this.pool.query(
        `SELECT id, campaign_id AS subject_id, timer_type, status, due_at, first_fired_at, finished_at, retry_count, result, error
           FROM ${this.s}.timer_history WHERE campaign_id = $1 ORDER BY finished_at`,
        [campaignId],
      ),
    ]);
    return { active: active.rows, finished: finished.rows };
  }

  /**
   * Makes a PENDING timer's attempt due now (its scheduled time is kept, for the record) and
   * wakes the engines; null when there is no such timer.
   */
  async makeDueNow(timerId: string): Promise<object | null> {
    const { rows } = await this.pool.query(
      `WITH moved AS (
         UPDATE ${this.s}.timers SET next_attempt_at = now() WHERE id = $1 AND status = 'PENDING'
         RETURNING id, timer_type, due_at, next_attempt_at
       ), woken AS (SELECT pg_notify($2, 'fire-now') FROM moved)
       SELECT moved.* FROM moved, woken`,
      [timerId, wakeChannel(this.options.schema)],
    );
    return rows[0] ?? null;
  }

  /**
   * Extends this owner's leases on timers it still holds to at least `leaseMs` from now: an
   * engine slowed down (a loaded machine, a slow command side) keeps the timers it is firing
   * or about to fire, instead of their lapsing and another instance firing them too.
   */
  async renew(owner: string, ids: readonly string[], leaseMs: number): Promise<void> {
    if (ids.length === 0) return;
    // SKIP LOCKED: a row locked right now is in one of this owner's own start or finish
    // transactions, which extend its lease themselves. Waiting for it instead would hold back
    // every other lease of the batch (and could deadlock with a transaction locking in id order).
    await this.pool.query(
      `UPDATE ${this.s}.timers t SET lease_until = greatest(t.lease_until, now() + $3 * interval '1 ms')
         FROM (SELECT id FROM ${this.s}.timers WHERE id = ANY($1::uuid[]) AND lease_owner = $2 AND status = 'RUNNING'
                ORDER BY id FOR UPDATE SKIP LOCKED) held
        WHERE t.id = held.id`,
      [ids, owner, leaseMs],
    );
  }

  /** Gives timers back unfired (an instance shutting down); they are claimable again at once. */
  async release(owner: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      `UPDATE ${this.s}.timers SET status = 'PENDING', lease_owner = NULL, lease_until = NULL
        WHERE id = ANY($1::uuid[]) AND lease_owner = $2 AND status = 'RUNNING'`,
      [ids, owner],
    );
  }

  /**
   * Whether attempts' starts are recorded as they begin: only where the context records timer
   * events, since nothing else reads them (and the engine skips the write otherwise).
   */
  get recordsStarts(): boolean {
    return this.options.events !== undefined;
  }

  /**
   * Records that attempts began (seed 002: TimerExecutionStarted, so campaign_timers shows
   * RUNNING and timer_executions STARTED while the timer fires), on each timer's stream after
   * the version its row has. Only timers this owner still leases, whose leases it extends to
   * `leaseMs` from now at least (renew skips rows locked here); returns their ids.
   */
  async start(owner: string, starts: readonly Starting<T>[], leaseMs: number): Promise<Set<string>> {
    if (starts.length === 0) return new Set();
    return this.events.transaction(this.pool, async (client) => {
      const { rows } = await client.query<StartRow>(
        `SELECT id, retry_count, stream_version, execution_id, execution_started_at FROM ${this.s}.timers
          WHERE id = ANY($1::uuid[]) AND lease_owner = $2 AND status = 'RUNNING' ORDER BY id FOR UPDATE`,
        [starts.map((s) => s.timer.id), owner],
      );
      const owned = new Map(rows.map((row) => [row.id, row]));
      const mine = starts.filter((s) => owned.has(s.timer.id));
      const plans = mine.map((s) => planStart(s, owned.get(s.timer.id) as StartRow));
      if (plans.length === 0) return new Set();
      await client.query(
        `UPDATE ${this.s}.timers t SET stream_version = r.stream_version, execution_id = r.execution_id,
                execution_started_at = r.started_at, first_fired_at = coalesce(t.first_fired_at, r.started_at),
                lease_until = greatest(t.lease_until, now() + $2 * interval '1 ms')
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, stream_version int, execution_id uuid, started_at timestamptz)
          WHERE t.id = r.id`,
        [JSON.stringify(plans.map((plan) => plan.row)), leaseMs],
      );
      await this.events.append(
        client,
        plans.map((plan) => plan.events),
      );
      return new Set(mine.map((s) => s.timer.id));
    });
  }

  /**
   * Records firings: completed timers and timers out of retries leave the active table for the
   * history; a retryable failure waits for its backoff (seed 002: at most 5 retries). Only
   * timers this owner still leases are touched — after a lost lease the new holder decides.
   * Returns the ids whose outcome was recorded.
   */
  async finish(owner: string, finished: readonly Finished<T>[]): Promise<Set<string>> {
    if (finished.length === 0) return new Set();
    return this.events.transaction(this.pool, async (client) => {
      const { rows } = await client.query<OwnedRow>(
        `SELECT id, retry_count, stream_version, execution_id, execution_started_at FROM ${this.s}.timers
          WHERE id = ANY($1::uuid[]) AND lease_owner = $2 AND status = 'RUNNING' ORDER BY id FOR UPDATE`,
        [finished.map((f) => f.timer.id), owner],
      );
      const owned = new Map(rows.map((row) => [row.id, row]));
      const mine = finished.filter((f) => owned.has(f.timer.id));
      const plans = mine.map((f) => planOutcome(f, owned.get(f.timer.id) as OwnedRow, this.options.retries ?? SEED_002_RETRIES));
      await this.writeOutcomes(client, plans);
      await this.events.append(
        client,
        plans.map((plan) => plan.events),
      );
      return new Set(mine.map((f) => f.timer.id));
    });
  }

  private async writeOutcomes(client: PoolClient, plans: readonly OutcomePlan[]): Promise<void> {
    const retries = plans.filter((p) => p.kind === 'retry');
    const done = plans.filter((p) => p.kind !== 'retry');
    if (retries.length > 0) {
      await client.query(
        `UPDATE ${this.s}.timers t SET status = 'PENDING', lease_owner = NULL, lease_until = NULL,
                retry_count = r.retry_count, next_attempt_at = r.next_attempt_at, stream_version = r.stream_version,
                execution_id = NULL, execution_started_at = NULL,
                first_fired_at = coalesce(t.first_fired_at, r.fired_at)
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, retry_count int, next_attempt_at timestamptz,
                stream_version int, fired_at timestamptz)
          WHERE t.id = r.id`,
        [JSON.stringify(retries.map((p) => p.row))],
      );
    }
    if (done.length === 0) return;
    await client.query(
      `WITH r AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, status text, retry_count int, fired_at timestamptz,
           finished_at timestamptz, result jsonb, error text)
       ), gone AS (
         DELETE FROM ${this.s}.timers t USING r WHERE t.id = r.id
         RETURNING t.id, t.campaign_id, t.timer_type, t.due_at, t.first_fired_at, t.payload
       ), kept AS (
         -- The payload is kept so a timer that failed for good can be armed again after a fix.
         INSERT INTO ${this.s}.timer_history (id, campaign_id, timer_type, status, due_at, first_fired_at, finished_at, retry_count, result, error, payload)
         SELECT g.id, g.campaign_id, g.timer_type, r.status, g.due_at, coalesce(g.first_fired_at, r.fired_at), r.finished_at,
                r.retry_count, r.result, r.error, g.payload
           FROM gone g JOIN r ON r.id = g.id
         ON CONFLICT (id) DO NOTHING
         RETURNING id, campaign_id, timer_type, status, error
       )
       INSERT INTO ${this.s}.dead_letters (timer_id, campaign_id, timer_type, reason)
       SELECT id, campaign_id, timer_type, error FROM kept WHERE status = 'FAILED'`,
      [JSON.stringify(done.map((p) => p.row))],
    );
  }
}

const toDueTimer = <T extends string>(row: TimerRow<T>): DueTimer<T> => ({
  id: row.id,
  campaignId: row.campaign_id,
  timerType: row.timer_type,
  dueAt: row.due_at,
  attemptAt: row.next_attempt_at,
  attempt: row.retry_count + 1,
  payload: row.payload,
});
