/**
 * What must hold once the load has stopped and the system has drained, read from the run's own
 * database: every acknowledged command's events are stored, none twice; every timer the facts
 * made due fired once in effect; and the read models equal a rebuild from the event store.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, sleep } from '@campaign/testing';
import type { Pool } from 'pg';
import type { Ack } from './client';
import { CAMPAIGN_TIMERS } from './load';

export interface CommandFigures {
  readonly acknowledged: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly rejectedByCode: Record<string, number>;
  /** ACCEPTED, but an event id of the answer is not in the event store. */
  readonly lost: number;
  /** More events under one command id than its answer named (or any, for a rejection). */
  readonly duplicateEffects: number;
  /** Up to 5 lost and 5 doubled commands with the events stored under their ids. */
  readonly examples: { readonly lost: readonly unknown[]; readonly duplicated: readonly unknown[] };
}

export interface TimerFigures {
  readonly expected: number;
  /** Sent once and accepted once (a re-sent command id is answered from its first outcome). */
  readonly firedOnce: number;
  /** Sent, but the campaign had moved on (fired late, after a later timer): no effect, not a duplicate. */
  readonly declined: number;
  readonly firedTwice: number;
  readonly neverFired: number;
  readonly failed: number;
  readonly stuck: number;
  /** First firing − due time over every timer of the run, in ms. */
  readonly latenessMs: { readonly p50: number | null; readonly p99: number | null; readonly max: number | null };
  /** Up to 5 timers that fired never or twice, with what the scheduler recorded: for a bug report. */
  readonly examples: readonly unknown[];
}

export interface ReadModelFigures {
  readonly equal: boolean;
  readonly tables: Record<string, { readonly live: string; readonly rebuilt: string; readonly rows: number; readonly differences?: unknown }>;
}

/** Loads the acknowledgements into temporary tables on one connection and counts what went wrong. */
export const checkCommands = async (pool: Pool, acks: readonly Ack[], runId: string): Promise<CommandFigures> => {
  const client = await pool.connect();
  try {
    await client.query(
      'CREATE TEMP TABLE acks (command_id text PRIMARY KEY, status text, events int); CREATE TEMP TABLE ack_events (command_id text, event_id uuid)',
    );
    for (let i = 0; i < acks.length; i += 20_000) {
      const chunk = acks.slice(i, i + 20_000);
      await client.query('INSERT INTO acks SELECT * FROM unnest($1::text[], $2::text[], $3::int[])', [
        chunk.map((a) => a.commandId),
        chunk.map((a) => a.status),
        chunk.map((a) => a.eventIds.length),
      ]);
      const pairs = chunk.flatMap((a) => a.eventIds.map((e) => [a.commandId, e] as const));
      await client.query('INSERT INTO ack_events SELECT * FROM unnest($1::text[], $2::uuid[])', [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
    }
    await client.query(
      `CREATE TEMP TABLE lost AS SELECT DISTINCT a.command_id FROM ack_events a
         LEFT JOIN eventstore.events e ON e.event_id = a.event_id AND e.command_id = a.command_id WHERE e.event_id IS NULL`,
    );
    await client.query(
      `CREATE TEMP TABLE duplicated AS SELECT a.command_id FROM acks a
         JOIN (SELECT command_id, count(*)::int AS n FROM eventstore.events WHERE command_id LIKE $1 GROUP BY command_id) e USING (command_id)
        WHERE e.n > CASE WHEN a.status = 'ACCEPTED' THEN a.events ELSE 0 END`,
      [`chaos-${runId}-%`],
    );
    const example = async (table: string) =>
      (
        await client.query(
          `SELECT t.command_id, a.status, (SELECT array_agg(event_id) FROM ack_events x WHERE x.command_id = t.command_id) AS acknowledged,
                (SELECT jsonb_agg(jsonb_build_object('id', e.event_id, 'stream', e.stream_id, 'v', e.stream_version, 'type', e.event_type))
                   FROM eventstore.events e WHERE e.command_id = t.command_id) AS stored
           FROM ${table} t JOIN acks a USING (command_id) LIMIT 5`,
        )
      ).rows;
    const { rows: lost } = await client.query('SELECT count(*)::int AS n FROM lost');
    const { rows: duplicates } = await client.query('SELECT count(*)::int AS n FROM duplicated');
    const rejectedByCode: Record<string, number> = {};
    for (const a of acks) if (a.status === 'REJECTED') rejectedByCode[a.code ?? '?'] = (rejectedByCode[a.code ?? '?'] ?? 0) + 1;
    const accepted = acks.filter((a) => a.status === 'ACCEPTED').length;
    return {
      acknowledged: acks.length,
      accepted,
      rejected: acks.length - accepted,
      rejectedByCode,
      lost: lost[0].n,
      duplicateEffects: duplicates[0].n,
      examples: { lost: await example('lost'), duplicated: await example('duplicated') },
    };
  } finally {
    client.release();
  }
};

const EXPECTED_VS_FIRED = `WITH expected AS (
       SELECT data->>'campaignId' AS campaign_id, 'START_CAMPAIGN' AS timer_type, (data->>'startTime')::timestamptz AS due
         FROM eventstore.events WHERE event_type = 'CampaignCreated' AND data->>'startTime' IS NOT NULL
       UNION ALL SELECT data->>'campaignId', 'OPEN_REWARD_CLAIM', (data->>'transitionedAt')::timestamptz + make_interval(secs => $2)
         FROM eventstore.events WHERE event_type = 'StateTransitioned' AND data->>'to' = 'CLOSED'
       UNION ALL SELECT data->>'campaignId', 'REWARD_REMINDER', (data->>'transitionedAt')::timestamptz + make_interval(secs => $3)
         FROM eventstore.events WHERE event_type = 'StateTransitioned' AND data->>'to' = 'REWARD_CLAIM'
       UNION ALL SELECT data->>'campaignId', 'EXPIRE_CAMPAIGN', (data->>'transitionedAt')::timestamptz + make_interval(secs => $4)
         FROM eventstore.events WHERE event_type = 'StateTransitioned' AND data->>'to' = 'REWARD_CLAIM'
     ), fired AS (
       SELECT h.campaign_id::text, h.timer_type, count(*)::int AS sent, count(*) FILTER (WHERE p.result->>'status' = 'ACCEPTED')::int AS n
         FROM scheduler.timer_history h
         JOIN eventstore.processed_commands p ON p.context = 'lifecycle' AND p.command_id = 'timer-' || h.id
        GROUP BY 1, 2
     )`;

const timerParams = (dueBefore: Date) => {
  const t = CAMPAIGN_TIMERS;
  return [dueBefore, t.rewardClaimOpensAfterSeconds, t.rewardClaimWindowSeconds - t.rewardReminderBeforeExpirySeconds, t.rewardClaimWindowSeconds];
};

/**
 * The timers the facts in the event store imply (seed 002's policy with the run's settings),
 * each due before `dueBefore`, against what the scheduler did: a timer fired "in effect" when
 * campaign-command ACCEPTED its `timer-<id>` command. Twice: two accepted firings of one
 * (campaign, timer type), or two events under one timer command id.
 */
export const checkTimers = async (pool: Pool, dueBefore: Date): Promise<TimerFigures> => {
  const { rows } = await pool.query(
    `${EXPECTED_VS_FIRED}
     SELECT count(*) FILTER (WHERE f.n = 1)::int AS once, count(*) FILTER (WHERE f.n > 1)::int AS twice,
            count(*) FILTER (WHERE f.sent IS NULL)::int AS never, count(*) FILTER (WHERE f.n = 0)::int AS declined, count(*)::int AS expected
       FROM expected x LEFT JOIN fired f USING (campaign_id, timer_type) WHERE x.due < $1`,
    timerParams(dueBefore),
  );
  const { rows: examples } = await pool.query(
    // The wrong ones first, materialized: joined under the LIMIT, PostgreSQL chose a nested loop
    // over both sets (10^9 pairs, hours, in an hour-long run) hoping to find five rows early.
    `${EXPECTED_VS_FIRED}, wrong AS MATERIALIZED (
       SELECT x.campaign_id, x.timer_type, x.due, coalesce(f.n, 0) AS fired
         FROM expected x LEFT JOIN fired f USING (campaign_id, timer_type) WHERE x.due < $1 AND (f.sent IS NULL OR f.n > 1)
     )
     SELECT x.campaign_id, x.timer_type, x.due, x.fired,
            (SELECT jsonb_agg(jsonb_build_object('id', h.id, 'status', h.status, 'due_at', h.due_at, 'finished_at', h.finished_at,
                     'retries', h.retry_count, 'result', h.result, 'error', h.error,
                     'command', (SELECT p.result FROM eventstore.processed_commands p WHERE p.context = 'lifecycle' AND p.command_id = 'timer-' || h.id)))
               FROM scheduler.timer_history h WHERE h.campaign_id::text = x.campaign_id AND h.timer_type = x.timer_type) AS history,
            (SELECT jsonb_agg(jsonb_build_object('type', e.event_type, 'v', e.stream_version, 'command', e.command_id, 'to', e.data->>'to') ORDER BY e.stream_version)
               FROM eventstore.events e WHERE e.stream_id = 'campaign-' || x.campaign_id) AS stream
       FROM (SELECT * FROM wrong LIMIT 5) x`,
    timerParams(dueBefore),
  );
  const { rows: sameCommand } = await pool.query(
    `SELECT count(*)::int AS n FROM (SELECT command_id FROM eventstore.events
      WHERE command_id LIKE 'timer-%' AND stream_id NOT LIKE '%/timer-%' GROUP BY command_id HAVING count(*) > 1) d`,
  );
  const { rows: failed } = await pool.query(`SELECT count(*)::int AS n FROM scheduler.timer_history WHERE status = 'FAILED'`);
  const { rows: stuck } = await pool.query(`SELECT count(*)::int AS n FROM scheduler.timers WHERE due_at < $1`, [dueBefore]);
  const { rows: lateness } = await pool.query(
    `SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::int AS p50, round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))::int AS p99, round(max(ms))::int AS max
       FROM (SELECT extract(epoch FROM first_fired_at - due_at) * 1000 AS ms FROM scheduler.timer_history WHERE first_fired_at IS NOT NULL) l`,
  );
  const r = rows[0];
  return {
    expected: r.expected,
    firedOnce: r.once,
    firedTwice: r.twice + sameCommand[0].n,
    neverFired: r.never,
    declined: r.declined,
    failed: failed[0].n,
    stuck: stuck[0].n,
    latenessMs: lateness[0],
    examples,
  };
};

/**
 * Streams whose last event the projection (or the scheduler's planner) has not applied yet, and
 * timers due within two minutes (the load's reward-claim chains, seconds apart): while any is
 * left the read models still change. Timers hours or days away (a campaign's close, a probe's
 * default seven-day claim window when a run outlives its one-hour probes) do not hold the drain.
 */
export const lagging = async (pool: Pool): Promise<{ projection: number; scheduler: number; timersDueSoon: number }> => {
  const { rows } = await pool.query(
    `WITH heads AS (SELECT stream_id, max(stream_version) AS v FROM eventstore.events WHERE context = 'lifecycle' GROUP BY stream_id)
     SELECT (SELECT count(*)::int FROM heads h LEFT JOIN lifecycle.projection_checkpoints c USING (stream_id) WHERE c.stream_version IS DISTINCT FROM h.v) AS projection,
            (SELECT count(*)::int FROM heads h LEFT JOIN scheduler.campaigns c ON 'campaign-' || c.campaign_id = h.stream_id
              WHERE h.stream_id NOT LIKE '%/%' AND c.stream_version IS DISTINCT FROM h.v) AS scheduler,
            (SELECT count(*)::int FROM scheduler.timers WHERE due_at < now() + interval '2 minutes') AS timers_due_soon`,
  );
  return { projection: rows[0].projection, scheduler: rows[0].scheduler, timersDueSoon: rows[0].timers_due_soon };
};

/** Waits until nothing lags and no timer is due soon; returns the last reading (drained or not). */
export const drain = async (pool: Pool, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await lagging(pool).catch(() => undefined);
    const drained = !!state && state.projection === 0 && state.scheduler === 0 && state.timersDueSoon === 0;
    if (drained || Date.now() >= deadline) return { drained, ...state };
    await sleep(500);
  }
};

const READ_MODEL_TABLES = ['campaigns', 'campaign_state_log', 'campaign_metrics', 'campaign_timers', 'timer_executions'];

const checksum = async (pool: Pool, schema: string, table: string) => {
  const { rows } = await pool.query(
    `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum, count(*)::int AS n FROM ${schema}.${table} t`,
  );
  return { sum: rows[0].sum as string, rows: rows[0].n as number };
};

/** How many rows only one side has, and a few of each: what a bug report needs. */
const differences = async (pool: Pool, live: string, rebuilt: string, table: string) => {
  const side = async (a: string, b: string) => {
    const { rows } = await pool.query(
      `SELECT count(*) OVER ()::int AS n, to_jsonb(x) AS row FROM (SELECT * FROM ${a}.${table} EXCEPT ALL SELECT * FROM ${b}.${table}) x LIMIT 3`,
    );
    return { rows: rows[0]?.n ?? 0, examples: rows.map((r) => r.row) };
  };
  return { onlyLive: await side(live, rebuilt), onlyRebuilt: await side(rebuilt, live) };
};

/** Rebuilds the lifecycle read models into a shadow schema and compares each table's checksum. */
export const checkReadModels = async (pool: Pool, env: Record<string, string>): Promise<ReadModelFigures> => {
  const shadow = 'chaos_rebuilt';
  await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'apps/projection/dist/rebuild.main.js'), 'lifecycle', '--into', shadow], {
    env: { ...process.env, ...env, SERVICE_NAME: 'projection', HTTP_PORT: '0' },
    timeout: 300_000,
  });
  const tables: ReadModelFigures['tables'] = {};
  for (const table of READ_MODEL_TABLES) {
    const [live, rebuilt] = await Promise.all([checksum(pool, 'lifecycle', table), checksum(pool, shadow, table)]);
    tables[table] = { live: live.sum, rebuilt: rebuilt.sum, rows: live.rows };
    if (live.sum !== rebuilt.sum) tables[table] = { ...tables[table], differences: await differences(pool, 'lifecycle', shadow, table) };
  }
  return { equal: Object.values(tables).every((t) => t.live === t.rebuilt), tables };
};
