import { randomUUID } from 'node:crypto';
import { lifecycle } from '@campaign/domain';
import { type DueTimer, type Finished, listTimerDeadLetters, redriveFailedTimer, TimerRedriveError, type TimerStore } from '@campaign/timers';
import { useTimerTestbed } from './lifecycle/testing';
import { useOutreachTimerTestbed } from './outreach/testing';

const finished = (timer: DueTimer<string>, ok: boolean): Finished<string> => ({
  timer,
  executionId: randomUUID(),
  startedAt: new Date(),
  finishedAt: new Date(),
  outcome: ok ? { ok: true, result: { done: timer.id } } : { ok: false, error: 'the command was refused', retryable: false },
});

/** Claims the one timer due now, fires it with the given outcome, and says what was claimed. */
const fireOnce = async (store: TimerStore<string>, id: string, ok: boolean): Promise<DueTimer<string>> => {
  const { timers } = await store.claim('engine-a', 0, 60_000, 100);
  const timer = timers.find((t) => t.id === id);
  if (!timer) throw new Error(`timer ${id} was not due`);
  await store.finish('engine-a', [finished(timer, ok)]);
  return timer;
};

const refusedCode = async (work: Promise<unknown>): Promise<string> => {
  try {
    await work;
  } catch (error) {
    if (error instanceof TimerRedriveError) return error.code;
    throw error;
  }
  return 'redriven';
};

describe("redriving the scheduler's dead letters", () => {
  const bed = useTimerTestbed(5);
  const insertDue = async (campaignId: string, payload: object = {}): Promise<string> => {
    const id = randomUUID();
    await bed.pool.query(
      `INSERT INTO ${bed.schema}.timers (id, campaign_id, timer_type, due_at, next_attempt_at, payload) VALUES ($1, $2, 'START_CAMPAIGN', now(), now(), $3)`,
      [id, campaignId, payload],
    );
    return id;
  };
  /** A timer as the planner stores it: its row, and TimerScheduled as version 1 of its stream. */
  const schedule = async (campaignId: string, payload: Record<string, unknown>): Promise<string> => {
    const id = await insertDue(campaignId, payload);
    const now = new Date().toISOString();
    const data = { timerId: id, campaignId, timerType: 'START_CAMPAIGN' as const, scheduledAt: now, payload, createdAt: now };
    await bed.store.events.transaction(bed.pool, async (client) => {
      await bed.store.events.append(client, [
        { campaignId, timerId: id, afterVersion: 0, events: [{ type: 'TimerScheduled', data }], correlationId: id, causationId: null, occurredAt: now },
      ]);
      await client.query(`UPDATE ${bed.schema}.timers SET stream_version = 1 WHERE id = $1`, [id]);
    });
    return id;
  };
  const letterOf = async (timerId: string) => (await listTimerDeadLetters(bed.store, true)).find((l) => l.timerId === timerId);

  it('a FAILED timer redriven is due again with its retries reset, fires once more, and its stream records the new attempt', async () => {
    const campaignId = randomUUID();
    const id = await schedule(campaignId, { reason: 'kept' });
    await fireOnce(bed.store, id, false);
    const letter = await letterOf(id);
    expect(letter).toMatchObject({ subjectId: campaignId, timerType: 'START_CAMPAIGN', redrivable: true, redrivenAt: null });

    await redriveFailedTimer(bed.store, letter?.id as string);

    const { rows: active } = await bed.pool.query(`SELECT status, retry_count, payload FROM ${bed.schema}.timers WHERE id = $1`, [id]);
    expect(active).toEqual([{ status: 'PENDING', retry_count: 0, payload: { reason: 'kept' } }]);
    const again = await fireOnce(bed.store, id, true);
    expect(again.attempt).toBe(1);
    const { rows: history } = await bed.pool.query(`SELECT status FROM ${bed.schema}.timer_history WHERE id = $1`, [id]);
    expect(history).toEqual([{ status: 'COMPLETED' }]);
    const { events } = await bed.events.readStream(lifecycle.timerStreamId(campaignId, id));
    expect(events.map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'TimerScheduled'],
      [2, 'TimerExecutionStarted'],
      [3, 'TimerExecutionFailed'],
      [4, 'TimerExecutionStarted'],
      [5, 'TimerExecutionCompleted'],
    ]);
    expect((await letterOf(id))?.redrivenAt).toBeInstanceOf(Date);
    expect((await listTimerDeadLetters(bed.store)).some((l) => l.timerId === id)).toBe(false);
  });

  it('a dead letter is redriven once: the second redrive is refused and the timer fires once', async () => {
    const id = await insertDue(randomUUID());
    await fireOnce(bed.store, id, false);
    const letter = (await letterOf(id))?.id as string;
    expect(await refusedCode(redriveFailedTimer(bed.store, letter))).toBe('redriven');
    expect(await refusedCode(redriveFailedTimer(bed.store, letter))).toBe('ALREADY_REDRIVEN');
    const { rows } = await bed.pool.query(`SELECT count(*)::int AS n FROM ${bed.schema}.timers WHERE id = $1`, [id]);
    expect(rows[0].n).toBe(1);
  });

  it('a timer the rules refused has no timer to arm; an unknown letter is not found', async () => {
    const { rows } = await bed.pool.query<{ id: string }>(
      `INSERT INTO ${bed.schema}.dead_letters (campaign_id, timer_type, reason) VALUES ($1, 'START_CAMPAIGN', 'scheduled in the past') RETURNING id::text`,
      [randomUUID()],
    );
    expect(await refusedCode(redriveFailedTimer(bed.store, rows[0].id))).toBe('NOT_REDRIVABLE');
    expect((await listTimerDeadLetters(bed.store)).find((l) => l.id === rows[0].id)?.redrivable).toBe(false);
    expect(await refusedCode(redriveFailedTimer(bed.store, '999999999'))).toBe('DEAD_LETTER_NOT_FOUND');
    expect(await refusedCode(redriveFailedTimer(bed.store, 'x; DROP TABLE'))).toBe('DEAD_LETTER_NOT_FOUND');
  });

  it('a timer whose campaign has a new active timer of the same type is not armed twice (seed 002: one active per type)', async () => {
    const campaignId = randomUUID();
    const id = await insertDue(campaignId);
    await fireOnce(bed.store, id, false);
    await insertDue(campaignId);
    expect(await refusedCode(redriveFailedTimer(bed.store, (await letterOf(id))?.id as string))).toBe('TIMER_ALREADY_ACTIVE');
    const { rows } = await bed.pool.query(`SELECT status FROM ${bed.schema}.timer_history WHERE id = $1`, [id]);
    expect(rows).toEqual([{ status: 'FAILED' }]);
    expect((await letterOf(id))?.redrivenAt).toBeNull();
  });
});

describe('redriving an outreach timer (no event store)', () => {
  const bed = useOutreachTimerTestbed(3);

  it('is armed again with the payload its finished row kept (its org and campaign), due now', async () => {
    const id = randomUUID();
    await bed.pool.query(
      `INSERT INTO ${bed.schema}.timers (id, campaign_id, timer_type, due_at, next_attempt_at, payload) VALUES ($1, $2, 'COMPLETE_CAMPAIGN', now(), now(), '{"orgId":"o"}')`,
      [id, randomUUID()],
    );
    await fireOnce(bed.store, id, false);
    const letter = (await listTimerDeadLetters(bed.store)).find((l) => l.timerId === id);
    await redriveFailedTimer(bed.store, letter?.id as string);
    const { rows } = await bed.pool.query(`SELECT status, retry_count, payload FROM ${bed.schema}.timers WHERE id = $1`, [id]);
    expect(rows).toEqual([{ status: 'PENDING', retry_count: 0, payload: { orgId: 'o' } }]);
  });

  it('a timer that finished before payloads were kept is refused rather than armed without its org', async () => {
    const id = randomUUID();
    await bed.pool.query(
      `INSERT INTO ${bed.schema}.timers (id, campaign_id, timer_type, due_at, next_attempt_at, payload) VALUES ($1, $2, 'COMPLETE_CAMPAIGN', now(), now(), '{"orgId":"o"}')`,
      [id, randomUUID()],
    );
    await fireOnce(bed.store, id, false);
    await bed.pool.query(`UPDATE ${bed.schema}.timer_history SET payload = NULL WHERE id = $1`, [id]);
    const letter = (await listTimerDeadLetters(bed.store)).find((l) => l.timerId === id);
    expect(await refusedCode(redriveFailedTimer(bed.store, letter?.id as string))).toBe('TIMER_PAYLOAD_UNKNOWN');
    const { rows } = await bed.pool.query(`SELECT count(*)::int AS n FROM ${bed.schema}.timers WHERE id = $1`, [id]);
    expect(rows[0].n).toBe(0);
  });
});
