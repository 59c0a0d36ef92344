import type { lifecycle } from '@campaign/domain';
import { inTransaction } from '@campaign/eventstore';
import { dumpTables } from '@campaign/testing';
import type { Pool } from 'pg';
import { LIFECYCLE_TABLES } from './lifecycle.schema';
import { AVERAGE_TIMER_EXECUTION_TIMES, FAILED_TIMERS_NEEDING_RETRY, STUCK_TIMERS } from './seed-queries';
import { ago, CampaignHistory, TimerHistory, useProjectionSchemas } from './testing';

const MIN = 60_000;
const at = (iso: string) => new Date(iso);

describe('lifecycle projection of timer events (seed 002 campaign_timers, timer_executions)', () => {
  const schemas = useProjectionSchemas();
  const { projectionIn } = schemas;
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));
  const created = () => new CampaignHistory().run('CreateCampaign', { durationHours: 2 }, 0);
  const timerRow = async (schema: string, id: string) => (await pool.query(`SELECT * FROM ${schema}.campaign_timers WHERE id = $1`, [id])).rows[0];
  const executions = async (schema: string, timerId: string) =>
    (await pool.query(`SELECT * FROM ${schema}.timer_executions WHERE timer_id = $1 ORDER BY started_at`, [timerId])).rows;

  // seed 002: campaign_timers.status DEFAULT 'PENDING'; valid_timer_status PENDING → RUNNING → COMPLETED
  it('a scheduled timer is PENDING, RUNNING while it executes, and COMPLETED with executed_at once it has run', async () => {
    const { schema, runner } = await projectionIn('lt_life');
    const campaign = created();
    const timer = new TimerHistory(campaign.campaignId, 'CLOSE_CAMPAIGN').scheduled('2026-03-01T12:00:00.000Z', '2026-03-01T10:00:00.000Z', {
      endTime: '2026-03-01T12:00:00.000Z',
    });
    await runner.applyBatch([...campaign.envelopes, ...timer.envelopes]);
    expect(await timerRow(schema, timer.timerId)).toEqual({
      id: timer.timerId,
      campaign_id: campaign.campaignId,
      timer_type: 'CLOSE_CAMPAIGN',
      status: 'PENDING',
      scheduled_at: at('2026-03-01T12:00:00.000Z'),
      executed_at: null,
      payload: { endTime: '2026-03-01T12:00:00.000Z' },
      retry_count: 0,
      created_at: at('2026-03-01T10:00:00.000Z'),
      updated_at: at('2026-03-01T10:00:00.000Z'),
    });

    timer.started('2026-03-01T12:00:00.050Z');
    await runner.applyBatch(timer.envelopes.slice(-1));
    expect(await timerRow(schema, timer.timerId)).toMatchObject({ status: 'RUNNING', updated_at: at('2026-03-01T12:00:00.050Z') });
    // seed 002: timer_executions.status DEFAULT 'STARTED', completed_at NULL while STARTED
    expect(await executions(schema, timer.timerId)).toEqual([
      {
        id: timer.executionIds[0],
        timer_id: timer.timerId,
        status: 'STARTED',
        result: null,
        error_message: null,
        started_at: at('2026-03-01T12:00:00.050Z'),
        completed_at: null,
        execution_time_ms: null,
      },
    ]);

    timer.completed('2026-03-01T12:00:00.300Z', 250);
    await runner.applyBatch(timer.envelopes.slice(-1));
    expect(await timerRow(schema, timer.timerId)).toMatchObject({
      status: 'COMPLETED',
      executed_at: at('2026-03-01T12:00:00.300Z'),
      updated_at: at('2026-03-01T12:00:00.300Z'),
      retry_count: 0,
    });
    expect(await executions(schema, timer.timerId)).toEqual([
      {
        id: timer.executionIds[0],
        timer_id: timer.timerId,
        status: 'COMPLETED',
        result: { status: 'ACCEPTED' },
        error_message: null,
        started_at: at('2026-03-01T12:00:00.050Z'),
        completed_at: at('2026-03-01T12:00:00.300Z'),
        execution_time_ms: 250,
      },
    ]);
    // seed 002: campaign_metrics.metric_type 'TIMER_EXECUTION_TIME'
    const { rows: metrics } = await pool.query(
      `SELECT id, value::float AS value, attributes, recorded_at FROM ${schema}.campaign_metrics WHERE metric_type = 'TIMER_EXECUTION_TIME'`,
    );
    expect(metrics).toEqual([
      {
        id: timer.envelopes[2].eventId,
        value: 250,
        attributes: { timer_id: timer.timerId, timer_type: 'CLOSE_CAMPAIGN', unit: 'ms' },
        recorded_at: at('2026-03-01T12:00:00.300Z'),
      },
    ]);
  });

  // seed 002: "Check for failed timers needing retry" — status = 'FAILED' AND retry_count < 5: retries left
  it('a failed timer with retries left is FAILED with the retries made so far; one failed for good has none left (retry_count 5)', async () => {
    const { schema, runner } = await projectionIn('lt_fail');
    const campaign = created();
    const timer = new TimerHistory(campaign.campaignId, 'EXPIRE_CAMPAIGN')
      .scheduled('2026-03-02T00:00:00.000Z', '2026-03-01T10:00:00.000Z')
      .started('2026-03-02T00:00:00.000Z')
      .failed('2026-03-02T00:00:01.000Z', 1_000, 1, '2026-03-02T00:00:02.000Z');
    await runner.applyBatch([...campaign.envelopes, ...timer.envelopes]);
    expect(await timerRow(schema, timer.timerId)).toMatchObject({
      status: 'FAILED',
      retry_count: 0,
      executed_at: null,
      updated_at: at('2026-03-02T00:00:01.000Z'),
    });

    // seed 002: RUNNING while its retry fires, that retry counted
    timer.started('2026-03-02T00:00:02.000Z');
    await runner.applyBatch(timer.envelopes.slice(-1));
    expect(await timerRow(schema, timer.timerId)).toMatchObject({ status: 'RUNNING', retry_count: 1 });

    timer.failed('2026-03-02T00:00:02.500Z', 500, 1, null, 'campaign not found');
    await runner.applyBatch(timer.envelopes.slice(-1));
    // seed 002: valid_retry_count CHECK (retry_count >= 0 AND retry_count <= 5) — 5: no retry left
    expect(await timerRow(schema, timer.timerId)).toMatchObject({ status: 'FAILED', retry_count: 5, updated_at: at('2026-03-02T00:00:02.500Z') });
    expect((await executions(schema, timer.timerId)).map((r) => [r.status, r.error_message, r.completed_at, r.execution_time_ms])).toEqual([
      ['FAILED', 'command timed out', at('2026-03-02T00:00:01.000Z'), 1_000],
      ['FAILED', 'campaign not found', at('2026-03-02T00:00:02.500Z'), 500],
    ]);

    // An operator's retry arms it again: its next attempt is the first of a fresh set of retries.
    timer.started('2026-03-02T01:00:00.000Z', 1);
    await runner.applyBatch(timer.envelopes.slice(-1));
    expect(await timerRow(schema, timer.timerId)).toMatchObject({ status: 'RUNNING', retry_count: 0 });
  });

  // seed 002: timer_executions STARTED (completed_at NULL) until the outcome arrives; valid_completion
  it('an attempt whose instance died is closed FAILED and the timer is RUNNING again with the next attempt', async () => {
    const { schema, runner } = await projectionIn('lt_abandoned');
    const campaign = created();
    const timer = new TimerHistory(campaign.campaignId, 'CLOSE_CAMPAIGN')
      .scheduled('2026-03-02T00:00:00.000Z', '2026-03-01T10:00:00.000Z')
      .started('2026-03-02T00:00:00.000Z');
    await runner.applyBatch([...campaign.envelopes, ...timer.envelopes]);
    expect((await executions(schema, timer.timerId)).map((r) => [r.status, r.completed_at])).toEqual([['STARTED', null]]);

    // What the scheduler records when it fires the timer again after the lease lapsed.
    timer.failed('2026-03-02T00:01:00.000Z', 60_000, 0, '2026-03-02T00:01:00.000Z', 'abandoned').started('2026-03-02T00:01:00.000Z', 1);
    await runner.applyBatch(timer.envelopes.slice(-2));
    expect(await timerRow(schema, timer.timerId)).toMatchObject({ status: 'RUNNING', retry_count: 0 });
    expect((await executions(schema, timer.timerId)).map((r) => [r.status, r.error_message])).toEqual([
      ['FAILED', 'abandoned'],
      ['STARTED', null],
    ]);
  });

  // seed 002: unique_active_timer_per_type ON campaign_timers(campaign_id, timer_type) WHERE status IN ('PENDING', 'RUNNING')
  it('prevents duplicate active timers of same type, yet lets a cancelled timer be replaced in the same batch', async () => {
    const { schema, runner, projection } = await projectionIn('lt_unique');
    const campaign = created();
    const first = new TimerHistory(campaign.campaignId, 'START_CAMPAIGN').scheduled('2026-03-01T11:00:00.000Z', '2026-03-01T10:00:00.000Z');
    await runner.applyBatch([...campaign.envelopes, ...first.envelopes]);
    first.cancelled('2026-03-01T10:30:00.000Z', 'start time moved');
    const second = new TimerHistory(campaign.campaignId, 'START_CAMPAIGN').scheduled('2026-03-01T12:00:00.000Z', '2026-03-01T10:30:00.000Z');
    // Applied as one batch, not one event at a time (the runner's fallback after a failed batch).
    await inTransaction(pool, (client) => projection.applyBatch(client, [...first.envelopes.slice(-1), ...second.envelopes]));
    expect(await timerRow(schema, first.timerId)).toMatchObject({ status: 'CANCELLED', updated_at: at('2026-03-01T10:30:00.000Z') });
    expect(await timerRow(schema, second.timerId)).toMatchObject({ status: 'PENDING' });

    const duplicate = new TimerHistory(campaign.campaignId, 'START_CAMPAIGN').scheduled('2026-03-01T13:00:00.000Z', '2026-03-01T10:40:00.000Z');
    const rejected = await runner.applyBatch(duplicate.envelopes);
    expect(rejected.deadLetters.map((d) => d.error)).toEqual([expect.stringMatching(/unique_active_timer_per_type/)]);
  });

  // seed 002: valid_completion — COMPLETED and FAILED have completed_at, STARTED has none
  it('keeps valid_completion for every execution row', async () => {
    const { schema, runner } = await projectionIn('lt_completion');
    const campaign = created();
    const done = new TimerHistory(campaign.campaignId, 'START_CAMPAIGN').scheduled(ago(-MIN), ago(MIN)).started(ago(0)).completed(ago(0), 12);
    const failed = new TimerHistory(campaign.campaignId, 'CLOSE_CAMPAIGN').scheduled(ago(-MIN), ago(MIN)).started(ago(0)).failed(ago(0), 7, 1, ago(-MIN));
    const running = new TimerHistory(campaign.campaignId, 'EXPIRE_CAMPAIGN').scheduled(ago(-MIN), ago(MIN)).started(ago(0));
    await runner.applyBatch([...campaign.envelopes, ...done.envelopes, ...failed.envelopes, ...running.envelopes]);
    const { rows } = await pool.query(
      `SELECT status, (status = 'COMPLETED' AND completed_at IS NOT NULL) OR (status = 'FAILED' AND completed_at IS NOT NULL)
              OR (status = 'STARTED' AND completed_at IS NULL) AS valid FROM ${schema}.timer_executions ORDER BY status`,
    );
    expect(rows).toEqual([
      { status: 'COMPLETED', valid: true },
      { status: 'FAILED', valid: true },
      { status: 'STARTED', valid: true },
    ]);
    await expect(pool.query(`UPDATE ${schema}.timer_executions SET completed_at = NULL WHERE status = 'COMPLETED'`)).rejects.toThrow(/valid_completion/);
  });

  it('a projection fed each event twice equals one fed once, timer events and RewardReminderIssued included', async () => {
    const campaign = CampaignHistory.fullLife();
    const reminded = new CampaignHistory()
      .run('CreateCampaign', { durationHours: 1 }, 0)
      .run('StartCampaign')
      .run('CloseCampaign')
      .run('OpenRewardClaim')
      .run('RemindRewardClaim');
    const close = new TimerHistory(campaign.campaignId, 'CLOSE_CAMPAIGN')
      .scheduled(ago(-MIN), ago(MIN))
      .started(ago(0))
      .failed(ago(0), 9, 1, ago(-MIN))
      .started(ago(0))
      .completed(ago(0), 30);
    const expire = new TimerHistory(campaign.campaignId, 'EXPIRE_CAMPAIGN').scheduled(ago(-MIN), ago(MIN)).cancelled(ago(0));
    const remind = new TimerHistory(reminded.campaignId, 'REWARD_REMINDER').scheduled(ago(-MIN), ago(MIN)).started(ago(0)).completed(ago(0), 4);
    const events = [...campaign.envelopes, ...reminded.envelopes, ...close.envelopes, ...expire.envelopes, ...remind.envelopes];
    expect(reminded.envelopes.map((e) => e.type)).toContain('RewardReminderIssued');

    const once = await projectionIn('lt_once');
    expect(await once.runner.applyBatch(events)).toMatchObject({ applied: events.length, deadLetters: [] });
    const twice = await projectionIn('lt_twice');
    for (const event of events) await twice.runner.applyBatch([event, event]);
    expect(await twice.runner.applyBatch(events)).toMatchObject({ applied: 0, skipped: events.length });

    const strip = (dump: Record<string, unknown[]>) => JSON.parse(JSON.stringify(dump));
    const dump = strip(await dumpTables(pool, once.schema, LIFECYCLE_TABLES));
    expect(strip(await dumpTables(pool, twice.schema, LIFECYCLE_TABLES))).toEqual(dump);
    expect(dump.campaign_timers).toHaveLength(3);
    expect(dump.timer_executions).toHaveLength(3);
  });

  it('runs the seed queries on timers unmodified with search_path set to the schema', async () => {
    const { schema, runner, projection } = await projectionIn('lt_queries');
    const [c1, c2, c3, c4] = [created(), created(), created(), created()];
    const timer = (c: CampaignHistory, type: lifecycle.TimerType) => new TimerHistory(c.campaignId, type);
    const stuck = timer(c1, 'START_CAMPAIGN').scheduled(ago(11 * MIN), ago(60 * MIN));
    const dueSoon = timer(c2, 'START_CAMPAIGN').scheduled(ago(9 * MIN), ago(60 * MIN));
    const inHalfAnHour = timer(c1, 'CLOSE_CAMPAIGN').scheduled(ago(-30 * MIN), ago(60 * MIN));
    const inTwoHours = timer(c2, 'CLOSE_CAMPAIGN').scheduled(ago(-120 * MIN), ago(60 * MIN));
    // Its third attempt failed (retry 3 is owed), six minutes ago: two retries made.
    const retryDue = timer(c3, 'REWARD_REMINDER')
      .scheduled(ago(20 * MIN), ago(120 * MIN))
      .started(ago(7 * MIN), 3)
      .failed(ago(6 * MIN), 40, 3, ago(-MIN));
    // Its fifth attempt failed: the fifth retry is still owed.
    const lastRetryDue = timer(c2, 'EXPIRE_CAMPAIGN')
      .scheduled(ago(60 * MIN), ago(120 * MIN))
      .started(ago(9 * MIN), 5)
      .failed(ago(8 * MIN), 20, 5, ago(-MIN));
    // Failed for good at its first attempt (no retry mends it): not one "needing retry".
    const givenUp = timer(c1, 'EXPIRE_CAMPAIGN')
      .scheduled(ago(60 * MIN), ago(120 * MIN))
      .started(ago(9 * MIN))
      .failed(ago(9 * MIN), 10, 0, null, 'campaign not found');
    const justFailed = timer(c4, 'REWARD_REMINDER')
      .scheduled(ago(10 * MIN), ago(120 * MIN))
      .started(ago(3 * MIN))
      .failed(ago(2 * MIN), 60, 1, ago(-MIN));
    const exhausted = timer(c3, 'EXPIRE_CAMPAIGN')
      .scheduled(ago(60 * MIN), ago(120 * MIN))
      .started(ago(15 * MIN))
      .failed(ago(10 * MIN), 80, 5, null);
    const fast = timer(c4, 'CLOSE_CAMPAIGN')
      .scheduled(ago(60 * MIN), ago(120 * MIN))
      .started(ago(30 * MIN))
      .completed(ago(30 * MIN), 100);
    const slow = timer(c3, 'CLOSE_CAMPAIGN')
      .scheduled(ago(60 * MIN), ago(120 * MIN))
      .started(ago(30 * MIN))
      .completed(ago(30 * MIN), 300);
    const yesterday = timer(c4, 'START_CAMPAIGN')
      .scheduled(ago(25 * 60 * MIN), ago(26 * 60 * MIN))
      .started(ago(25 * 60 * MIN))
      .completed(ago(25 * 60 * MIN), 999);
    const timers = [stuck, dueSoon, inHalfAnHour, inTwoHours, retryDue, lastRetryDue, givenUp, justFailed, exhausted, fast, slow, yesterday];
    const result = await runner.applyBatch([c1, c2, c3, c4, ...timers].flatMap((h) => h.envelopes));
    expect(result.deadLetters).toEqual([]);
    await projection.refreshViews(pool);

    const client = await pool.connect();
    try {
      await client.query(`SET search_path TO ${schema}`);
      // seed 002: "Check for stuck timers" — PENDING and scheduled_at < NOW() - INTERVAL '10 minutes'
      const { rows: stuckRows } = await client.query(STUCK_TIMERS);
      expect(stuckRows.map((r) => [r.timer_type, Number(r.stuck_count), r.oldest_stuck.toISOString()])).toEqual([
        ['START_CAMPAIGN', 1, (stuck.envelopes[0].data as { scheduledAt: string }).scheduledAt],
      ]);

      // seed 002: "Check for failed timers needing retry" — FAILED, retry_count < 5, updated_at < NOW() - INTERVAL '5 minutes'
      // It means what its name says: the timers the scheduler still owes a retry (retries left),
      // failed over 5 minutes ago — not the one failed for good, nor the one that just failed.
      const { rows: failedRows } = await client.query(FAILED_TIMERS_NEEDING_RETRY);
      const failedAt = (h: TimerHistory) => (h.envelopes[2].data as { completedAt: string }).completedAt;
      const needingRetry = failedRows.map((r) => [r.campaign_id, r.timer_type, r.retry_count, r.updated_at.toISOString()]);
      expect(needingRetry.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
        [c2.campaignId, 'EXPIRE_CAMPAIGN', 4, failedAt(lastRetryDue)],
        [c3.campaignId, 'REWARD_REMINDER', 2, failedAt(retryDue)],
      ]);

      // seed 002: "Average timer execution times" — per timer_type over executions started in the last 24 hours
      const { rows: times } = await client.query(AVERAGE_TIMER_EXECUTION_TIMES);
      expect(times.map((r) => [r.timer_type, Number(r.executions), Number(r.avg_ms), r.max_ms, Number(r.failures)])).toEqual([
        ['CLOSE_CAMPAIGN', 2, 200, 300, 0],
        ['REWARD_REMINDER', 2, 50, 60, 2],
        ['EXPIRE_CAMPAIGN', 3, 37, 80, 3],
      ]);

      // seed 002: mv_pending_timers — PENDING and scheduled_at <= NOW() + INTERVAL '1 hour'
      const { rows: pending } = await client.query('SELECT timer_type, timer_count::int, avg_retries::float FROM mv_pending_timers ORDER BY timer_type');
      expect(pending).toEqual([
        { timer_type: 'CLOSE_CAMPAIGN', timer_count: 1, avg_retries: 0 },
        { timer_type: 'START_CAMPAIGN', timer_count: 2, avg_retries: 0 },
      ]);
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  });
});
