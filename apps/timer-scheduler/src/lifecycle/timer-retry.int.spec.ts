import { randomUUID } from 'node:crypto';
import { lifecycle } from '@campaign/domain';
import { PostgresEventStore } from '@campaign/eventstore';
import { serviceToken, testPool, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { type SchedulerUnderTest, startScheduler } from '../testing';
import { lifecycleBus } from './testing';

describe("an operator's retry of a FAILED timer (POST /v1/timers/:context/:timerId/retry)", () => {
  let scheduler: SchedulerUnderTest;
  let bus: ReturnType<typeof lifecycleBus>;
  let pool: Pool;
  let events: PostgresEventStore;
  let s: string;
  const auditLines: Record<string, unknown>[] = [];
  const operator = serviceToken(['timers:operate', 'timers:read'], 'ops-alice');
  const call = (path: string, token: string | null) =>
    fetch(`${scheduler.url}${path}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Record<string, unknown>,
    }));
  const retry = (timerId: string, token: string | null = operator, context = 'lifecycle') => call(`/v1/timers/${context}/${timerId}/retry`, token);

  beforeAll(async () => {
    // The audit trail is the service's log: each line the scheduler writes is read as it goes out.
    const write = process.stdout.write.bind(process.stdout) as (chunk: string | Uint8Array) => boolean;
    jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      const text = String(chunk);
      if (text.includes('"audit":"timer-retry"')) auditLines.push(JSON.parse(text));
      return write(chunk);
    }) as typeof process.stdout.write);
    scheduler = await startScheduler(undefined, { LOG_LEVEL: 'warn' });
    s = scheduler.config.LIFECYCLE_TIMER_SCHEMA;
    pool = testPool(3);
    events = new PostgresEventStore(pool, scheduler.config.EVENTSTORE_SCHEMA);
    await events.migrate();
    bus = lifecycleBus(scheduler.config.TOPIC_PREFIX);
    await bus.start();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await bus?.stop();
    await scheduler?.app.close();
    for (const schema of [scheduler?.config.EVENTSTORE_SCHEMA, scheduler?.config.LIFECYCLE_TIMER_SCHEMA, scheduler?.config.OUTREACH_TIMER_SCHEMA]) {
      if (schema) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
    await pool?.end();
  });

  /** A timer that failed for good: its history row and the dead letter that names it. */
  const failedForGood = async (campaignId: string): Promise<string> => {
    const timerId = randomUUID();
    await pool.query(
      `INSERT INTO ${s}.timer_history (id, campaign_id, timer_type, status, due_at, finished_at, retry_count, error, payload)
       VALUES ($1, $2, 'START_CAMPAIGN', 'FAILED', now() - interval '1 hour', now(), 5, 'the campaign service was down', '{}')`,
      [timerId, campaignId],
    );
    await pool.query(`INSERT INTO ${s}.dead_letters (timer_id, campaign_id, timer_type, reason) VALUES ($1, $2, 'START_CAMPAIGN', 'down')`, [
      timerId,
      campaignId,
    ]);
    return timerId;
  };
  const historyStatus = (timerId: string) =>
    waitFor('the retried timer to complete', async () => {
      const { rows } = await pool.query(`SELECT status, retry_count FROM ${s}.timer_history WHERE id = $1`, [timerId]);
      return rows[0]?.status === 'COMPLETED' && rows[0];
    });
  const commandsFor = (campaignId: string) => bus.commandSide.commandsWith('campaignId', campaignId);

  // seed 002: an operator can retry a FAILED timer (campaign_timers.status 'FAILED', retry_count ≤ 5)
  it('a timer failed for good is armed again with its retries from zero, fires once more, and the retry is audited with who asked', async () => {
    const campaignId = randomUUID();
    const timerId = await failedForGood(campaignId);

    expect((await retry(timerId, null)).status).toBe(401);
    expect((await retry(timerId, serviceToken(['timers:read']))).status).toBe(403);
    expect(await retry(timerId)).toMatchObject({
      status: 202,
      body: { context: 'lifecycle', timerId, subjectId: campaignId, timerType: 'START_CAMPAIGN', how: 'rearmed', retryCount: 0 },
    });

    expect(await historyStatus(timerId)).toEqual({ status: 'COMPLETED', retry_count: 0 });
    expect(commandsFor(campaignId).map((c) => c.type)).toEqual(['StartCampaign']);
    // The projection learns of the new attempt: its start, then its outcome, on the timer's stream.
    const { events: recorded } = await events.readStream(lifecycle.timerStreamId(campaignId, timerId));
    expect(recorded.map((e) => e.type)).toEqual(['TimerExecutionStarted', 'TimerExecutionCompleted']);
    expect(recorded[0].data).toMatchObject({ attempt: 1 });
    const { rows: letters } = await pool.query(`SELECT redriven_at IS NOT NULL AS redriven FROM ${s}.dead_letters WHERE timer_id = $1`, [timerId]);
    expect(letters).toEqual([{ redriven: true }]);
    expect(auditLines).toContainEqual(
      expect.objectContaining({ audit: 'timer-retry', actor: 'service:ops-alice', context: 'lifecycle', timerId, how: 'rearmed' }),
    );

    // Completed now: a second retry is refused, and audited as refused.
    expect(await retry(timerId)).toMatchObject({ status: 409, body: { code: 'TIMER_NOT_FAILED' } });
    expect(auditLines).toContainEqual(expect.objectContaining({ actor: 'service:ops-alice', timerId, code: 'TIMER_NOT_FAILED' }));
    expect(commandsFor(campaignId)).toHaveLength(1);
  });

  // seed 002: "failed timers needing retry" — FAILED with retry_count < 5: its owed retry is made due now
  it('a timer whose failed attempt waits for its back-off is retried now, its retries counted as they were', async () => {
    const [timerId, campaignId] = [randomUUID(), randomUUID()];
    await pool.query(
      `INSERT INTO ${s}.timers (id, campaign_id, timer_type, due_at, next_attempt_at, retry_count)
       VALUES ($1, $2, 'START_CAMPAIGN', now() - interval '10 minutes', now() + interval '1 hour', 2)`,
      [timerId, campaignId],
    );
    expect(await retry(timerId)).toMatchObject({ status: 202, body: { timerId, how: 'hurried', retryCount: 2 } });
    expect(await historyStatus(timerId)).toEqual({ status: 'COMPLETED', retry_count: 2 });
    expect(commandsFor(campaignId)).toHaveLength(1);
  });

  it('refuses with typed codes: an unknown timer 404, a timer that has not failed 409, a bad id 400, an unknown context 404', async () => {
    expect(await retry(randomUUID())).toMatchObject({ status: 404, body: { code: 'TIMER_NOT_FOUND' } });
    const pending = randomUUID();
    await pool.query(
      `INSERT INTO ${s}.timers (id, campaign_id, timer_type, due_at, next_attempt_at) VALUES ($1, $2, 'CLOSE_CAMPAIGN', now() + interval '1 day', now() + interval '1 day')`,
      [pending, randomUUID()],
    );
    expect(await retry(pending)).toMatchObject({ status: 409, body: { code: 'TIMER_NOT_FAILED' } });
    const { rows } = await pool.query(`SELECT next_attempt_at > now() + interval '23 hours' AS untouched FROM ${s}.timers WHERE id = $1`, [pending]);
    expect(rows).toEqual([{ untouched: true }]);
    expect(await retry('not-a-uuid')).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect(await retry(randomUUID(), operator, 'billing')).toMatchObject({ status: 404, body: { code: 'UNKNOWN_CONTEXT' } });
  });

  // seed 002: unique_active_timer_per_type
  it('a FAILED timer whose campaign has a newer active timer of its type is not armed twice', async () => {
    const campaignId = randomUUID();
    const timerId = await failedForGood(campaignId);
    await pool.query(
      `INSERT INTO ${s}.timers (id, campaign_id, timer_type, due_at, next_attempt_at) VALUES ($1, $2, 'START_CAMPAIGN', now() + interval '1 day', now() + interval '1 day')`,
      [randomUUID(), campaignId],
    );
    expect(await retry(timerId)).toMatchObject({ status: 409, body: { code: 'TIMER_ALREADY_ACTIVE' } });
    const { rows } = await pool.query(`SELECT status FROM ${s}.timer_history WHERE id = $1`, [timerId]);
    expect(rows).toEqual([{ status: 'FAILED' }]);
  });
});
