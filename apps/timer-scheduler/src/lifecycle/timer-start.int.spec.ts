import { randomUUID } from 'node:crypto';
import { lifecycle } from '@campaign/domain';
import { waitFor } from '@campaign/testing';
import { ABANDONED, type DueTimer, type FireResult, TimerEngine } from '@campaign/timers';
import { silentLog, useTimerTestbed } from './testing';

/** A fire() that holds every timer until the test lets it go. */
const heldFire = () => {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const fired: DueTimer[] = [];
  return {
    fired,
    release: () => release(),
    fire: async (timer: DueTimer): Promise<FireResult> => {
      fired.push(timer);
      await released;
      return { ok: true, result: { status: 'ACCEPTED' } };
    },
  };
};

describe('the start of a timer attempt is recorded as it begins', () => {
  const bed = useTimerTestbed(8);
  const engines: TimerEngine<lifecycle.TimerType>[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
  });

  /** A due timer as the planner stores it: its row, and TimerScheduled as version 1 of its stream. */
  const schedule = async (campaignId: string): Promise<string> => {
    const id = randomUUID();
    await bed.pool.query(
      `INSERT INTO ${bed.schema}.timers (id, campaign_id, timer_type, due_at, next_attempt_at, stream_version) VALUES ($1, $2, 'CLOSE_CAMPAIGN', now(), now(), 1)`,
      [id, campaignId],
    );
    const now = new Date().toISOString();
    const data = { timerId: id, campaignId, timerType: 'CLOSE_CAMPAIGN' as const, scheduledAt: now, payload: {}, createdAt: now };
    await bed.store.events.transaction(bed.pool, (client) =>
      bed.store.events.append(client, [
        { campaignId, timerId: id, afterVersion: 0, events: [{ type: 'TimerScheduled', data }], correlationId: id, causationId: null, occurredAt: now },
      ]),
    );
    return id;
  };
  const stream = async (campaignId: string, id: string) => (await bed.events.readStream(lifecycle.timerStreamId(campaignId, id))).events;
  const engine = (fire: (timer: DueTimer) => Promise<FireResult>, instanceId = `engine-${randomUUID()}`) => {
    const created = new TimerEngine<lifecycle.TimerType>(bed.store, { instanceId, pollMs: 50, fire }, silentLog);
    engines.push(created);
    return created;
  };

  // seed 002: campaign_timers RUNNING and timer_executions STARTED while the timer fires
  it('a firing timer has TimerExecutionStarted on its stream before its command is answered, and its outcome after', async () => {
    const campaignId = randomUUID();
    const id = await schedule(campaignId);
    const held = heldFire();
    await engine(held.fire).start();
    await waitFor('the start to be recorded while the timer fires', async () => (await stream(campaignId, id)).length === 2);
    const whileFiring = await stream(campaignId, id);
    expect(whileFiring.map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'TimerScheduled'],
      [2, 'TimerExecutionStarted'],
    ]);
    expect(held.fired.map((t) => t.id)).toEqual([id]);
    const { rows } = await bed.pool.query(`SELECT status, stream_version, execution_id FROM ${bed.schema}.timers WHERE id = $1`, [id]);
    expect(rows).toEqual([{ status: 'RUNNING', stream_version: 2, execution_id: (whileFiring[1].data as { executionId: string }).executionId }]);

    held.release();
    await waitFor('the outcome', async () => (await stream(campaignId, id)).length === 3);
    const after = await stream(campaignId, id);
    expect(after.map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'TimerScheduled'],
      [2, 'TimerExecutionStarted'],
      [3, 'TimerExecutionCompleted'],
    ]);
    // One execution: the outcome names the execution whose start was recorded.
    expect((after[2].data as { executionId: string }).executionId).toBe((after[1].data as { executionId: string }).executionId);
  });

  // seed 002: valid_completion — no execution stays STARTED after its instance died
  it('an attempt whose instance died mid-firing is closed as FAILED when the timer is fired again', async () => {
    const campaignId = randomUUID();
    const id = await schedule(campaignId);
    // The dead instance: it claimed with a short lease, recorded its start, and never finished.
    const { timers } = await bed.store.claim('dead-instance', 0, 1, 10);
    const mine = timers.filter((t) => t.id === id);
    expect(await bed.store.start('dead-instance', [{ timer: mine[0], executionId: randomUUID(), startedAt: new Date() }], 1)).toEqual(new Set([id]));
    await bed.pool.query(`UPDATE ${bed.schema}.timers SET lease_until = now() - interval '1 second' WHERE id = $1`, [id]);

    await engine(async () => ({ ok: true, result: { status: 'ACCEPTED' } })).start();
    await waitFor('the timer to be fired again', async () => (await stream(campaignId, id)).length === 5);
    const events = await stream(campaignId, id);
    expect(events.map((e) => e.type)).toEqual([
      'TimerScheduled',
      'TimerExecutionStarted',
      'TimerExecutionFailed',
      'TimerExecutionStarted',
      'TimerExecutionCompleted',
    ]);
    const [, deadStart, closed, newStart] = events.map((e) => e.data as { executionId: string; error?: string });
    expect(closed).toMatchObject({ executionId: deadStart.executionId, error: ABANDONED });
    expect(newStart.executionId).not.toBe(deadStart.executionId);
  });

  it('a start is recorded only for timers the instance still leases', async () => {
    const id = await schedule(randomUUID());
    const { timers } = await bed.store.claim('holder', 0, 60_000, 10);
    const timer = timers.find((t) => t.id === id) as DueTimer<lifecycle.TimerType>;
    expect(await bed.store.start('someone-else', [{ timer, executionId: randomUUID(), startedAt: new Date() }], 60_000)).toEqual(new Set());
    await bed.store.release('holder', [id]);
  });
});
