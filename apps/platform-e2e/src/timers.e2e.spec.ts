/**
 * seed 002's timers, end to end through the four apps as processes: campaigns driven by
 * timers alone, two scheduler instances sharing a burst, and a scheduler killed mid-burst.
 */
import { randomUUID } from 'node:crypto';
import { testPool, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import type { RunningApp } from '@campaign/testing';
import { Platform, getJson, postJson } from './support/platform';

/**
 * Leases short enough that a killed instance's timers come back within the test, and at most
 * 1,000 timers held per instance, so a burst of 5,000 must be shared by the two instances.
 */
const SCHEDULER_ENV = { TIMER_LEASE_MS: '5000', TIMER_MAX_HELD: '1000' };

describe('durable campaign timers (seed 002)', () => {
  const platform = new Platform();
  let pool: Pool;
  let schedulerA: RunningApp;

  beforeAll(async () => {
    pool = testPool(4);
    await Promise.all([platform.start('campaign-command'), platform.start('projection')]);
    schedulerA = await platform.startInstance('timer-scheduler', 'scheduler-a', { ...SCHEDULER_ENV, INSTANCE_ID: `a-${platform.suffix}` });
  });
  afterAll(async () => {
    await platform.stopAll();
    await pool.end();
  });

  const schema = () => platform.lifecycleSchema;

  /** Creates campaigns starting at `startTime`, 50 requests at a time. */
  const createCampaigns = async (count: number, startTime: Date): Promise<string[]> => {
    const ids = Array.from({ length: count }, () => randomUUID());
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(
        ids.slice(i, i + 50).map(async (campaignId) => {
          const response = await postJson(`${platform.url('campaign-command')}/v1/lifecycle/campaigns`, {
            campaignId,
            durationHours: 1,
            startTime: startTime.toISOString(),
          });
          expect(response.body.status).toBe('ACCEPTED');
        }),
      );
    }
    return ids;
  };

  const runningCount = async (ids: readonly string[]): Promise<number> => {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${schema()}.campaigns WHERE status = 'RUNNING' AND id = ANY($1::uuid[])`, [ids]);
    return rows[0].n;
  };

  /** How many CREATED → RUNNING rows the state log holds per campaign: 1 each, or a bug. */
  const startsPerCampaign = async (ids: readonly string[]): Promise<Map<number, number>> => {
    const { rows } = await pool.query<{ starts: number; campaigns: number }>(
      `SELECT starts, count(*)::int AS campaigns FROM (
         SELECT c.id, count(l.id)::int AS starts FROM ${schema()}.campaigns c
           LEFT JOIN ${schema()}.campaign_state_log l ON l.campaign_id = c.id AND l.to_state = 'RUNNING'
          WHERE c.id = ANY($1::uuid[]) GROUP BY c.id) per GROUP BY starts`,
      [ids],
    );
    return new Map(rows.map((row) => [row.starts, row.campaigns]));
  };

  /** TimerExecutionStarted events per START_CAMPAIGN timer: how often a timer actually fired. */
  const firingsPerTimer = async (ids: readonly string[]): Promise<Map<number, number>> => {
    const { rows } = await pool.query<{ firings: number; timers: number }>(
      `SELECT firings, count(*)::int AS timers FROM (
         SELECT stream_id, count(*)::int AS firings FROM ${platform.env.EVENTSTORE_SCHEMA}.events
          WHERE event_type = 'TimerExecutionStarted' AND data->>'campaignId' = ANY($1::text[]) GROUP BY stream_id) per
        GROUP BY firings`,
      [ids],
    );
    return new Map(rows.map((row) => [row.firings, row.timers]));
  };

  /** START_CAMPAIGN attempts an instance completed, from its own /metrics. */
  const completedStarts = async (app: RunningApp): Promise<number> => {
    const text = await (await fetch(`${app.url}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith('timers_finished_total{') && l.includes('timer_type="START_CAMPAIGN"') && l.includes('outcome="completed"'));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  it('a campaign created with start_time = now + 2 s and duration 1 hour runs by itself', async () => {
    const startTime = new Date(Date.now() + 2_000);
    const [campaignId] = await createCampaigns(1, startTime);
    await waitFor('the campaign to be RUNNING', async () => (await runningCount([campaignId])) === 1, { timeoutMs: 30_000, intervalMs: 100 });

    const { rows: log } = await pool.query(
      `SELECT from_state, to_state, trigger_event FROM ${schema()}.campaign_state_log WHERE campaign_id = $1 ORDER BY created_at`,
      [campaignId],
    );
    expect(log).toEqual([
      { from_state: null, to_state: 'CREATED', trigger_event: 'MANUAL' },
      { from_state: 'CREATED', to_state: 'RUNNING', trigger_event: 'TIMER' },
    ]);
    const campaign = (await getJson(`${platform.url('projection')}/v1/lifecycle/campaigns/${campaignId}`)).body as Record<string, string>;
    const started = Date.parse(campaign.start_time);
    // The timer fired at its time, not before (how late it may be is bench/'s timer lateness).
    expect(started - startTime.getTime()).toBeGreaterThanOrEqual(0);

    // seed 002: CLOSE_CAMPAIGN at end_time = start_time + duration_hours, waiting; START_CAMPAIGN done.
    const timers = await waitFor('the projected timers', async () => {
      const { rows } = await pool.query(`SELECT timer_type, status, scheduled_at FROM ${schema()}.campaign_timers WHERE campaign_id = $1 ORDER BY timer_type`, [
        campaignId,
      ]);
      // The campaign's RUNNING event can reach the projection (and schedule CLOSE) before the
      // scheduler has recorded how the START attempt ended: wait until START has an ending.
      const startEnded = rows.some((row) => row.timer_type === 'START_CAMPAIGN' && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(row.status));
      return rows.length === 2 && startEnded ? rows : undefined;
    });
    expect(timers.map((t) => [t.timer_type, t.status])).toEqual([
      ['CLOSE_CAMPAIGN', 'PENDING'],
      ['START_CAMPAIGN', 'COMPLETED'],
    ]);
    expect(new Date(timers[0].scheduled_at).getTime()).toBe(started + 3_600_000);
  });

  it('two scheduler instances fire each of 5,000 timers due within the same second exactly once', async () => {
    const firedByABefore = await completedStarts(schedulerA);
    const schedulerB = await platform.startInstance('timer-scheduler', 'scheduler-b', { ...SCHEDULER_ENV, INSTANCE_ID: `b-${platform.suffix}` });
    const ids = await createCampaigns(5_000, new Date(Math.ceil((Date.now() + 25_000) / 1_000) * 1_000));
    await waitFor('5,000 campaigns RUNNING', async () => (await runningCount(ids)) === 5_000, { timeoutMs: 150_000, intervalMs: 500 });
    // A campaign can show RUNNING before its scheduler recorded the attempt: wait for every ending.
    const completedTimers = async () => {
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n FROM ${platform.env.LIFECYCLE_TIMER_SCHEMA}.timer_history WHERE timer_type = 'START_CAMPAIGN' AND status = 'COMPLETED' AND campaign_id = ANY($1::uuid[])`,
        [ids],
      );
      return rows[0].n as number;
    };
    await waitFor('5,000 START timers recorded', async () => (await completedTimers()) >= 5_000, { timeoutMs: 30_000, intervalMs: 250 });

    expect(await startsPerCampaign(ids)).toEqual(new Map([[1, 5_000]]));
    expect(await firingsPerTimer(ids)).toEqual(new Map([[1, 5_000]]));
    expect(await completedTimers()).toBe(5_000);
    // Both instances took part (SKIP LOCKED shares the burst), and together fired 5,000.
    const [a, b] = await Promise.all([completedStarts(schedulerA).then((n) => n - firedByABefore), completedStarts(schedulerB)]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a + b).toBe(5_000);
    // Longer than its waits added up (a minute to start, 150 s and 30 s for the burst).
  }, 420_000);

  it('kill -9 of the scheduler in the middle of a burst: after a restart every due timer has fired once in effect', async () => {
    await platform.killInstance('scheduler-b', 'SIGTERM');
    const ids = await createCampaigns(2_000, new Date(Math.ceil((Date.now() + 15_000) / 1_000) * 1_000));
    await waitFor(
      'the burst to be under way',
      async () => {
        const n = await runningCount(ids);
        return n > 0 && n < ids.length;
      },
      { timeoutMs: 60_000, intervalMs: 20 },
    );
    await platform.killInstance('scheduler-a', 'SIGKILL');
    const before = await runningCount(ids);
    expect(before).toBeLessThan(ids.length);

    await platform.startInstance('timer-scheduler', 'scheduler-a', { ...SCHEDULER_ENV, INSTANCE_ID: `a2-${platform.suffix}` });
    await waitFor('2,000 campaigns RUNNING', async () => (await runningCount(ids)) === 2_000, { timeoutMs: 120_000, intervalMs: 500 });
    // seed 002: the state log shows each transition once, however often a timer was re-fired.
    expect(await startsPerCampaign(ids)).toEqual(new Map([[1, 2_000]]));
    // The state machine would hide a second firing; these would not. Each timer ended
    // COMPLETED in the scheduler's history, and every attempt at it sent the one same command:
    // one outcome per timer, ACCEPTED, so no attempt acted under another id.
    // A timer whose command the killed instance sent but did not record is fired again once its
    // lease ends: its campaign is RUNNING before its history row is written.
    const endedTimers = async () =>
      (
        await pool.query(
          `SELECT status, count(*)::int AS n FROM ${platform.env.LIFECYCLE_TIMER_SCHEMA}.timer_history
            WHERE timer_type = 'START_CAMPAIGN' AND campaign_id = ANY($1::uuid[]) GROUP BY status`,
          [ids],
        )
      ).rows;
    await waitFor('2,000 timers ended', async () => (await endedTimers()).reduce((n, row) => n + row.n, 0) >= 2_000, { timeoutMs: 60_000, intervalMs: 500 });
    expect(await endedTimers()).toEqual([{ status: 'COMPLETED', n: 2_000 }]);
    const { rows: commands } = await pool.query(
      `SELECT p.result->>'status' AS status, count(*)::int AS n
         FROM ${platform.env.LIFECYCLE_TIMER_SCHEMA}.timer_history h
         JOIN ${platform.env.EVENTSTORE_SCHEMA}.processed_commands p ON p.command_id LIKE 'timer-' || h.id || '%'
        WHERE h.timer_type = 'START_CAMPAIGN' AND h.campaign_id = ANY($1::uuid[]) GROUP BY 1`,
      [ids],
    );
    expect(commands).toEqual([{ status: 'ACCEPTED', n: 2_000 }]);
    // Longer than its waits added up (60 s for the burst, a minute to restart, 120 s to finish, 60 s to record).
  }, 420_000);
});
