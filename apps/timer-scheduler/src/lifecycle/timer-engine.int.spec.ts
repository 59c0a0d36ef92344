import { randomUUID } from 'node:crypto';
import { waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { type DueTimer, type FireResult, TimerEngine, type TimerEngineOptions, type TimerStore } from '@campaign/timers';
import { silentLog, useTimerTestbed } from './testing';
import { lifecyclePlanner } from './timers.policy';

const done: FireResult = { ok: true, result: {} };

describe('TimerEngine', () => {
  const bed = useTimerTestbed(30);
  const { schema } = bed;
  let pool: Pool;
  let store: TimerStore;
  /** Database clock minus local clock, in ms (the sample with the shortest round trip). */
  let offset = 0;
  const engines: TimerEngine[] = [];

  beforeAll(async () => {
    ({ pool, store } = bed);
    let best = Infinity;
    for (let i = 0; i < 20; i++) {
      const sent = Date.now();
      const dbNow = await store.databaseNow();
      const received = Date.now();
      if (received - sent < best) [best, offset] = [received - sent, dbNow - (sent + received) / 2];
    }
  });
  beforeEach(() => pool.query(`TRUNCATE ${schema}.timers, ${schema}.timer_history, ${schema}.dead_letters, ${schema}.campaigns`));
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
  });

  const dbNow = () => Date.now() + offset;
  const engine = (options: Partial<TimerEngineOptions> & Pick<TimerEngineOptions, 'fire'>) => {
    const created = new TimerEngine(store, { instanceId: `engine-${randomUUID()}`, pollMs: 50, ...options }, silentLog);
    engines.push(created);
    return created;
  };
  /** Inserts `count` timers due `dueInMs` (plus i · spreadMs) from the database's now. */
  const insert = async (dueInMs: number, count = 1, spreadMs = 0) => {
    const { rows } = await pool.query<{ id: string; due_at: Date }>(
      `INSERT INTO ${schema}.timers (id, campaign_id, timer_type, due_at, next_attempt_at)
       SELECT gen_random_uuid(), gen_random_uuid(), 'CLOSE_CAMPAIGN', d, d
         FROM generate_series(0, $2 - 1) AS i, LATERAL (SELECT now() + ($1 + i * $3::float8) * interval '1 ms' AS d) due
       RETURNING id, due_at`,
      [dueInMs, count, spreadMs],
    );
    return rows;
  };
  const row = async (id: string) => (await pool.query(`SELECT * FROM ${schema}.timers WHERE id = $1`, [id])).rows[0];
  const history = async (id: string) => (await pool.query(`SELECT * FROM ${schema}.timer_history WHERE id = $1`, [id])).rows[0];

  it('fires a timer at its time from the held queue: not before it is due, and not at the next poll', async () => {
    const [timer] = await insert(300);
    let firedAt = 0;
    // One claim at start takes the timer into the look-ahead; the next poll is 10 s away.
    await engine({ pollMs: 10_000, lookaheadMs: 2_000, fire: async () => ((firedAt = dbNow()), done) }).start();
    await waitFor('the timer to fire', async () => firedAt > 0);
    expect(firedAt).toBeGreaterThanOrEqual(timer.due_at.getTime() - 5);
    expect(firedAt - timer.due_at.getTime()).toBeLessThan(10_000);
    await waitFor('the timer to complete', () => history(timer.id));
  });

  it('a timer scheduled after the last claim is fired at its time thanks to NOTIFY, not at the next (10 s) poll', async () => {
    const fired = new Map<string, number>();
    const slowPoll = engine({ pollMs: 10_000, lookaheadMs: 2_000, fire: async (t) => (fired.set(t.id, dbNow()), done) });
    await slowPoll.start();
    await waitFor('the first (empty) claim', async () => slowPoll.state.lastClaimAt !== null);
    const campaignId = randomUUID();
    const startTime = new Date(dbNow() + 700).toISOString();
    const created = {
      type: 'CampaignCreated' as const,
      data: {
        campaignId,
        durationHours: 1,
        autoClose: true,
        rewardsEnabled: true,
        startTime,
        endTime: null,
        metadata: {},
        createdAt: new Date().toISOString(),
      },
    };
    const planner = lifecyclePlanner(store, 2_000, bed.esSchema);
    await planner.apply([
      {
        eventId: randomUUID(),
        streamId: `campaign-${campaignId}`,
        streamVersion: 1,
        occurredAt: created.data.createdAt,
        correlationId: campaignId,
        event: created,
      },
    ]);
    const firedAt = await waitFor('the new timer to fire', async () => [...fired.values()][0], { timeoutMs: 5_000 });
    expect(firedAt).toBeGreaterThanOrEqual(Date.parse(startTime) - 5);
    expect(firedAt - Date.parse(startTime)).toBeLessThan(10_000);
  });

  it('two engines fire each of 2,000 timers due within the same second exactly once, all COMPLETED', async () => {
    const timers = await insert(1_500, 2_000, 0.5);
    const calls = new Map<string, number>();
    const fire = async (t: DueTimer) => (calls.set(t.id, (calls.get(t.id) ?? 0) + 1), done);
    const [a, b] = [engine({ fire }), engine({ fire })];
    await Promise.all([a.start(), b.start()]);
    const count = async () => Number((await pool.query(`SELECT count(*) FROM ${schema}.timer_history WHERE status = 'COMPLETED'`)).rows[0].count);
    await waitFor('every timer to complete', async () => (await count()) === 2_000, { timeoutMs: 90_000, intervalMs: 200 });
    expect(calls.size).toBe(2_000);
    expect([...calls.values()].filter((n) => n !== 1)).toEqual([]);
    expect(timers.every((t) => calls.has(t.id))).toBe(true);
    expect(Number((await pool.query(`SELECT count(*) FROM ${schema}.timers`)).rows[0].count)).toBe(0);
    expect(a.state.fired + b.state.fired).toBe(2_000);
  });

  it('a fire that outlasts the lease keeps its timer: renewed leases, so a second engine never fires it too', async () => {
    const timers = await insert(200, 20);
    const calls = new Map<string, number>();
    // Each fire takes 1.5 s, five leases of 300 ms: without renewal the other engine would take every timer over.
    const slow = async (t: DueTimer) => (calls.set(t.id, (calls.get(t.id) ?? 0) + 1), await new Promise((resolve) => setTimeout(resolve, 1_500)), done);
    const [a, b] = [engine({ fire: slow, leaseMs: 300 }), engine({ fire: slow, leaseMs: 300 })];
    await Promise.all([a.start(), b.start()]);
    const count = async () => Number((await pool.query(`SELECT count(*) FROM ${schema}.timer_history WHERE status = 'COMPLETED'`)).rows[0].count);
    await waitFor('every timer to complete', async () => (await count()) === 20, { timeoutMs: 30_000, intervalMs: 100 });
    expect([...calls.values()].filter((n) => n !== 1)).toEqual([]);
    expect(timers.every((t) => calls.get(t.id) === 1)).toBe(true);
  });

  it('renewing leases does not wait for a timer row locked by a transaction in flight: the other leases are extended at once', async () => {
    const timers = await insert(60_000, 3);
    const owner = `engine-${randomUUID()}`;
    const { timers: held } = await store.claim(owner, 120_000, 5_000, 10);
    expect(held).toHaveLength(3);
    const leaseOf = async (id: string) => (await row(id)).lease_until.getTime() as number;
    const before = await leaseOf(timers[1].id);
    // A start or finish of this owner's (a long one, on a loaded machine) holds one row.
    const locker = await pool.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`SELECT id FROM ${schema}.timers WHERE id = $1 FOR UPDATE`, [timers[0].id]);
      const renewed = store.renew(
        owner,
        held.map((t) => t.id),
        600_000,
      );
      const outcome = await Promise.race([renewed.then(() => 'renewed'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000))]);
      expect(outcome).toBe('renewed');
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    expect(await leaseOf(timers[1].id)).toBeGreaterThan(before + 500_000);
    expect(await leaseOf(timers[2].id)).toBeGreaterThan(before + 500_000);
  });

  it('recording an attempt start extends its lease, so a start that waited on the database does not leave a lapsed lease behind', async () => {
    const [timer] = await insert(0);
    const owner = `engine-${randomUUID()}`;
    const {
      timers: [held],
    } = await store.claim(owner, 1_000, 5_000, 1);
    const leaseAtClaim = (await row(timer.id)).lease_until.getTime();
    const recorded = await store.start(owner, [{ timer: held, executionId: randomUUID(), startedAt: new Date(dbNow()) }], 600_000);
    expect([...recorded]).toEqual([timer.id]);
    expect((await row(timer.id)).lease_until.getTime()).toBeGreaterThan(leaseAtClaim + 500_000);
  });

  it('a fire that throws is retried after the backoff, as attempt 2', async () => {
    const [timer] = await insert(100);
    let failedAt = 0;
    const failing = engine({
      lookaheadMs: 200,
      fire: async () => {
        throw new Error('command bus unavailable');
      },
      onFinished: (f) => (failedAt = f.finishedAt.getTime()),
    });
    await failing.start();
    await waitFor('the first attempt to fail', async () => failedAt > 0);
    await failing.stop();
    const retry = await row(timer.id);
    expect(retry).toMatchObject({ status: 'PENDING', retry_count: 1, lease_owner: null, lease_until: null });
    expect(retry.next_attempt_at.getTime()).toBe(failedAt + 1_000);

    const attempts: { attempt: number; at: number }[] = [];
    await engine({ fire: async (t) => (attempts.push({ attempt: t.attempt, at: dbNow() }), done) }).start();
    await waitFor('the retry to complete', () => history(timer.id));
    expect(attempts).toHaveLength(1);
    expect(attempts[0].attempt).toBe(2);
    expect(attempts[0].at).toBeGreaterThanOrEqual(failedAt + 1_000 - 5);
    expect(await history(timer.id)).toMatchObject({ status: 'COMPLETED', retry_count: 1 });
  });

  it('stop() releases held but unfired timers: lease cleared, status PENDING', async () => {
    const [timer] = await insert(30_000);
    const fire = jest.fn(async () => done);
    const holder = engine({ lookaheadMs: 60_000, fire });
    await holder.start();
    await waitFor('the timer to be held', async () => holder.state.held === 1);
    expect(await row(timer.id)).toMatchObject({ status: 'RUNNING' });
    await holder.stop();
    expect(await row(timer.id)).toMatchObject({ status: 'PENDING', lease_owner: null, lease_until: null, retry_count: 0 });
    expect(fire).not.toHaveBeenCalled();
  });
});
