import { randomUUID } from 'node:crypto';
import { lifecycle } from '@campaign/domain';
import { PostgresEventStore } from '@campaign/eventstore';
import { waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { type DueTimer, type Finished, TimerStore } from '@campaign/timers';
import { useTimerTestbed } from './testing';

describe('TimerStore', () => {
  const bed = useTimerTestbed(30);
  const { schema } = bed;
  let pool: Pool;
  let store: TimerStore;
  let events: PostgresEventStore;

  beforeAll(() => ({ pool, store, events } = bed));
  beforeEach(() => pool.query(`TRUNCATE ${schema}.timers, ${schema}.timer_history, ${schema}.dead_letters`));

  /** Inserts active timers due `dueInMs` from the database's now; returns their ids. */
  const insert = async (dueInMs: number, count = 1): Promise<string[]> => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO ${schema}.timers (id, campaign_id, timer_type, due_at, next_attempt_at)
       SELECT gen_random_uuid(), gen_random_uuid(), 'START_CAMPAIGN', now() + $1 * interval '1 ms', now() + $1 * interval '1 ms'
         FROM generate_series(1, $2) RETURNING id`,
      [dueInMs, count],
    );
    return rows.map((r) => r.id);
  };
  const row = async (id: string) => (await pool.query(`SELECT * FROM ${schema}.timers WHERE id = $1`, [id])).rows[0];
  const history = async (id: string) => (await pool.query(`SELECT * FROM ${schema}.timer_history WHERE id = $1`, [id])).rows[0];
  const deadLetters = async (id: string) => (await pool.query(`SELECT * FROM ${schema}.dead_letters WHERE timer_id = $1`, [id])).rows;
  const ok = (timer: DueTimer, at = new Date()): Finished => ({
    timer,
    executionId: randomUUID(),
    startedAt: at,
    finishedAt: at,
    outcome: { ok: true, result: { done: timer.id } },
  });
  const failed = (timer: DueTimer, retryable: boolean, at = new Date()): Finished => ({
    timer,
    executionId: randomUUID(),
    startedAt: at,
    finishedAt: at,
    outcome: { ok: false, error: 'command rejected', retryable },
  });
  const claimOne = async (owner: string, id: string, lookaheadMs = 0) => {
    const { timers } = await store.claim(owner, lookaheadMs, 60_000, 100);
    const timer = timers.find((t) => t.id === id);
    if (!timer) throw new Error(`${owner} did not claim ${id}`);
    return timer;
  };

  it('claim leases only timers due within the look-ahead', async () => {
    const [overdue] = await insert(-1_000);
    const [soon] = await insert(500);
    const [later] = await insert(10_000);
    const { timers } = await store.claim('a', 2_000, 60_000, 100);
    expect(timers.map((t) => t.id).sort()).toEqual([overdue, soon].sort());
    expect(await row(soon)).toMatchObject({ status: 'RUNNING', lease_owner: 'a' });
    expect(await row(later)).toMatchObject({ status: 'PENDING', lease_owner: null, lease_until: null });
  });

  it('two owners claiming concurrently never get the same timer', async () => {
    const ids = await insert(0, 600);
    const owners = Array.from({ length: 24 }, (_, i) => (i % 2 ? 'a' : 'b'));
    const claims = await Promise.all(owners.map((owner) => store.claim(owner, 0, 60_000, 40)));
    const claimedBy = new Map<string, string[]>();
    claims.forEach(({ timers }, i) => timers.forEach((t) => claimedBy.set(t.id, [...(claimedBy.get(t.id) ?? []), owners[i]])));
    expect([...claimedBy.values()].filter((by) => by.length > 1)).toEqual([]);
    expect(claimedBy.size).toBeGreaterThan(0);
    const { rows } = await pool.query<{ id: string; lease_owner: string | null }>(`SELECT id, lease_owner FROM ${schema}.timers WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    for (const r of rows) expect(r.lease_owner).toBe(claimedBy.get(r.id)?.[0] ?? null);
  });

  it("a timer whose lease lapsed is claimed by another owner, and the first owner's late finish is ignored", async () => {
    const [id] = await insert(0);
    const { timers } = await store.claim('a', 0, 1_000, 10);
    expect(timers.map((t) => t.id)).toEqual([id]);
    expect((await store.claim('b', 0, 60_000, 10)).timers).toEqual([]);
    const taken = await waitFor('the lapsed lease to be claimed by b', async () => (await store.claim('b', 0, 60_000, 10)).timers.find((t) => t.id === id));
    expect(await row(id)).toMatchObject({ status: 'RUNNING', lease_owner: 'b' });
    expect([...(await store.finish('a', [ok(timers[0])]))]).toEqual([]);
    expect(await row(id)).toMatchObject({ status: 'RUNNING', lease_owner: 'b', retry_count: 0 });
    expect(await history(id)).toBeUndefined();
    expect([...(await store.finish('b', [ok(taken)]))]).toEqual([id]);
    expect(await history(id)).toMatchObject({ status: 'COMPLETED' });
  });

  it('release makes timers claimable again, and only by their holder', async () => {
    const ids = await insert(0, 3);
    await store.claim('a', 0, 60_000, 10);
    await store.release('b', ids);
    expect((await row(ids[0])).lease_owner).toBe('a');
    await store.release('a', ids);
    for (const id of ids) expect(await row(id)).toMatchObject({ status: 'PENDING', lease_owner: null, lease_until: null });
    const { timers } = await store.claim('b', 0, 60_000, 10);
    expect(timers.map((t) => t.id).sort()).toEqual([...ids].sort());
  });

  it('a retryable failure goes back to PENDING with retry_count + 1, next attempt after the backoff', async () => {
    const [id] = await insert(0);
    const timer = await claimOne('a', id);
    const at = new Date();
    expect([...(await store.finish('a', [failed(timer, true, at)]))]).toEqual([id]);
    const r = await row(id);
    expect(r).toMatchObject({ status: 'PENDING', retry_count: 1, lease_owner: null, lease_until: null });
    expect(r.next_attempt_at.getTime()).toBe(at.getTime() + lifecycle.retryDelayMs(1));
    expect(r.first_fired_at.getTime()).toBe(at.getTime());
    // not due yet: a claim without look-ahead leaves it alone
    expect((await store.claim('a', 0, 60_000, 10)).timers).toEqual([]);
    expect((await claimOne('a', id, 60_000)).attempt).toBe(2);
  });

  // seed 002: valid_retry_count CHECK (retry_count >= 0 AND retry_count <= 5)
  it('after 5 retries a failure is final: the timer moves to history FAILED and to dead_letters', async () => {
    const [id] = await insert(0);
    for (let retry = 1; retry <= lifecycle.MAX_TIMER_RETRIES; retry++) {
      const timer = await claimOne('a', id, 60_000);
      expect(timer.attempt).toBe(retry);
      await store.finish('a', [failed(timer, true)]);
      expect(await row(id)).toMatchObject({ status: 'PENDING', retry_count: retry });
    }
    const last = await claimOne('a', id, 60_000);
    expect(last.attempt).toBe(6);
    expect([...(await store.finish('a', [failed(last, true)]))]).toEqual([id]);
    expect(await row(id)).toBeUndefined();
    expect(await history(id)).toMatchObject({ status: 'FAILED', retry_count: 5, error: 'command rejected' });
    expect((await deadLetters(id)).map((d) => d.reason)).toEqual(['command rejected']);
    const { events: stream } = await events.readStream(lifecycle.timerStreamId(last.campaignId, id));
    expect(stream.map((e) => e.streamVersion)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(stream.at(-1)).toMatchObject({ type: 'TimerExecutionFailed', data: { retryCount: 5, nextAttemptAt: null } });
  });

  it('a non-retryable failure is final at once', async () => {
    const [id] = await insert(0);
    const timer = await claimOne('a', id);
    await store.finish('a', [failed(timer, false)]);
    expect(await row(id)).toBeUndefined();
    expect(await history(id)).toMatchObject({ status: 'FAILED', retry_count: 0, error: 'command rejected' });
    expect(await deadLetters(id)).toHaveLength(1);
  });

  it('completion moves the timer to history COMPLETED with its result', async () => {
    const [id] = await insert(0);
    const timer = await claimOne('a', id);
    const at = new Date();
    await store.finish('a', [ok(timer, at)]);
    expect(await row(id)).toBeUndefined();
    const h = await history(id);
    expect(h).toMatchObject({ status: 'COMPLETED', retry_count: 0, result: { done: id }, error: null });
    expect(h.first_fired_at.getTime()).toBe(at.getTime());
    expect(await deadLetters(id)).toEqual([]);
  });

  it('records TimerExecutionStarted and Completed/Failed in the timer stream with consecutive versions', async () => {
    const [id] = await insert(0);
    const first = await claimOne('a', id);
    await store.finish('a', [failed(first, true)]);
    const second = await claimOne('a', id, 60_000);
    await store.finish('a', [ok(second)]);
    const { events: stream } = await events.readStream(`campaign-${first.campaignId}/timer-${id}`);
    expect(stream.map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'TimerExecutionStarted'],
      [2, 'TimerExecutionFailed'],
      [3, 'TimerExecutionStarted'],
      [4, 'TimerExecutionCompleted'],
    ]);
    expect(stream[0].data).toMatchObject({ timerId: id, campaignId: first.campaignId, timerType: 'START_CAMPAIGN', attempt: 1 });
    expect(stream[1].data).toMatchObject({ retryCount: 1, error: 'command rejected' });
    expect(stream[2].data).toMatchObject({ attempt: 2 });
    expect(stream[3].data).toMatchObject({ result: { done: id } });
  });
});
