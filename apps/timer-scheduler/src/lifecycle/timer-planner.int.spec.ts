import { randomUUID } from 'node:crypto';
import type { lifecycle } from '@campaign/domain';
import { PostgresEventStore } from '@campaign/eventstore';
import { waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { TimerEngine, type TimerStore } from '@campaign/timers';
import { silentLog, useTimerTestbed } from './testing';
import { type CampaignEventRecord, lifecyclePlanner } from './timers.policy';

const iso = (ms: number) => new Date(ms).toISOString();

describe('TimerPlanner', () => {
  const bed = useTimerTestbed(20);
  const { suffix, schema } = bed;
  let pool: Pool;
  let store: TimerStore;
  let planner: ReturnType<typeof lifecyclePlanner>;
  let events: PostgresEventStore;

  beforeAll(() => {
    ({ pool, store, events } = bed);
    planner = lifecyclePlanner(store, 2_000, bed.esSchema);
  });

  /** A campaign's event stream as the scheduler reads it off the bus. */
  const campaign = (campaignId = randomUUID()) => {
    let version = 0;
    const record = (event: lifecycle.CampaignEvent, occurredAt = new Date().toISOString()): CampaignEventRecord => ({
      eventId: randomUUID(),
      streamId: `campaign-${campaignId}`,
      streamVersion: ++version,
      occurredAt,
      correlationId: campaignId,
      event,
    });
    return {
      campaignId,
      created: (startTime: string | null, occurredAt?: string, rewardsEnabled = true) =>
        record(
          {
            type: 'CampaignCreated',
            data: {
              campaignId,
              durationHours: 1,
              autoClose: true,
              rewardsEnabled,
              startTime,
              endTime: null,
              metadata: {},
              createdAt: occurredAt ?? iso(Date.now()),
            },
          },
          occurredAt,
        ),
      moved: (from: lifecycle.CampaignStatus, to: lifecycle.CampaignStatus, endTime: string | null = null) =>
        record({
          type: 'StateTransitioned',
          data: { campaignId, from, to, trigger: 'MANUAL', reason: null, startTime: null, endTime, transitionedAt: iso(Date.now()) },
        } as lifecycle.CampaignEvent),
    };
  };
  const active = async (campaignId: string) =>
    (await pool.query(`SELECT * FROM ${schema}.timers WHERE campaign_id = $1 ORDER BY timer_type`, [campaignId])).rows;
  const history = async (campaignId: string) => (await pool.query(`SELECT * FROM ${schema}.timer_history WHERE campaign_id = $1`, [campaignId])).rows;
  const deadLetters = async (campaignId: string) => (await pool.query(`SELECT * FROM ${schema}.dead_letters WHERE campaign_id = $1`, [campaignId])).rows;
  const streamOf = async (campaignId: string, timerId: string) => (await events.readStream(`campaign-${campaignId}/timer-${timerId}`)).events;

  it('CampaignCreated with a start_time schedules START_CAMPAIGN at it, recorded as TimerScheduled version 1', async () => {
    const c = campaign();
    const start = iso(Date.now() + 3_600_000);
    expect(await planner.apply([c.created(start)])).toEqual({ scheduled: 1, cancelled: 0, refused: 0, skipped: 0 });
    const [timer] = await active(c.campaignId);
    expect(timer).toMatchObject({ timer_type: 'START_CAMPAIGN', status: 'PENDING', retry_count: 0, stream_version: 1 });
    expect(timer.due_at.toISOString()).toBe(start);
    const stream = await streamOf(c.campaignId, timer.id);
    expect(stream.map((e) => [e.streamVersion, e.type])).toEqual([[1, 'TimerScheduled']]);
    expect(stream[0].data).toMatchObject({ timerId: timer.id, timerType: 'START_CAMPAIGN', scheduledAt: start });
  });

  it('a redelivered event (same stream version) changes nothing', async () => {
    const c = campaign();
    const created = c.created(iso(Date.now() + 3_600_000));
    await planner.apply([created]);
    const before = await active(c.campaignId);
    expect(await planner.apply([created])).toEqual({ scheduled: 0, cancelled: 0, refused: 0, skipped: 1 });
    expect(await planner.apply([{ ...created, eventId: randomUUID() }])).toMatchObject({ scheduled: 0, skipped: 1 });
    expect(await active(c.campaignId)).toEqual(before);
    expect(await deadLetters(c.campaignId)).toEqual([]);
    expect(await streamOf(c.campaignId, before[0].id)).toHaveLength(1);
  });

  it('→ RUNNING cancels the PENDING START_CAMPAIGN timer and schedules CLOSE_CAMPAIGN at end_time', async () => {
    const c = campaign();
    await planner.apply([c.created(iso(Date.now() + 3_600_000))]);
    const [start] = await active(c.campaignId);
    const end = iso(Date.now() + 7_200_000);
    expect(await planner.apply([c.moved('CREATED', 'RUNNING', end)])).toEqual({ scheduled: 1, cancelled: 1, refused: 0, skipped: 0 });
    const [close] = await active(c.campaignId);
    expect(close).toMatchObject({ timer_type: 'CLOSE_CAMPAIGN', status: 'PENDING' });
    expect(close.due_at.toISOString()).toBe(end);
    expect(await history(c.campaignId)).toMatchObject([{ id: start.id, status: 'CANCELLED', timer_type: 'START_CAMPAIGN' }]);
    const stream = await streamOf(c.campaignId, start.id);
    expect(stream.map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'TimerScheduled'],
      [2, 'TimerCancelled'],
    ]);
    expect(stream[1].data).toMatchObject({ reason: 'campaign moved to RUNNING' });
  });

  it('a RUNNING (leased) timer is not cancelled: it finishes its attempt', async () => {
    const c = campaign();
    await planner.apply([c.created(iso(Date.now() + 1_000))]);
    const [start] = await active(c.campaignId);
    const { timers } = await store.claim(`owner-${suffix}`, 60_000, 60_000, 1_000);
    expect(timers.map((t) => t.id)).toContain(start.id);
    expect(await planner.apply([c.moved('CREATED', 'RUNNING', iso(Date.now() + 3_600_000))])).toMatchObject({ cancelled: 0, scheduled: 1 });
    expect((await active(c.campaignId)).find((t) => t.id === start.id)).toMatchObject({ status: 'RUNNING' });
    expect(await history(c.campaignId)).toEqual([]);
    await store.release(
      `owner-${suffix}`,
      timers.map((t) => t.id),
    );
  });

  // seed 002: CREATE UNIQUE INDEX unique_active_timer_per_type ON campaign_timers(campaign_id, timer_type) WHERE status IN ('PENDING', 'RUNNING')
  it('at most one active timer per campaign and type: a second one is refused into dead_letters', async () => {
    const c = campaign();
    await pool.query(
      `INSERT INTO ${schema}.timers (id, campaign_id, timer_type, due_at, next_attempt_at) VALUES ($1, $2, 'START_CAMPAIGN', now() + interval '1 day', now() + interval '1 day')`,
      [randomUUID(), c.campaignId],
    );
    expect(await planner.apply([c.created(iso(Date.now() + 3_600_000))])).toMatchObject({ scheduled: 0, refused: 1 });
    expect(await active(c.campaignId)).toHaveLength(1);
    expect((await deadLetters(c.campaignId)).map((d) => [d.timer_type, d.reason])).toEqual([
      ['START_CAMPAIGN', `an active START_CAMPAIGN timer already exists for campaign ${c.campaignId}`],
    ]);
  });

  // seed 002: validate_timer_schedule() — 'Cannot schedule timer for expired campaign'
  it('no timer for an EXPIRED campaign: expiry cancels every pending timer and later events schedule none', async () => {
    const c = campaign();
    await planner.apply([c.created(null, undefined, false), c.moved('CREATED', 'RUNNING', iso(Date.now() + 3_600_000)), c.moved('RUNNING', 'CLOSED')]);
    expect((await active(c.campaignId)).map((t) => t.timer_type)).toEqual(['EXPIRE_CAMPAIGN']);
    expect(await planner.apply([c.moved('CLOSED', 'EXPIRED')])).toMatchObject({ cancelled: 1, scheduled: 0 });
    expect(await planner.apply([c.moved('CLOSED', 'REWARD_CLAIM'), c.moved('RUNNING', 'CLOSED')])).toMatchObject({ scheduled: 0 });
    expect(await active(c.campaignId)).toEqual([]);
  });

  // seed 002: validate_timer_schedule() — 'Cannot schedule timer in the past' (1 minute tolerance)
  it('no timer in the past beyond 1 minute of the deciding event: refused into dead_letters', async () => {
    const c = campaign();
    const start = iso(Date.now() - 2 * 60_000);
    expect(await planner.apply([c.created(start)])).toMatchObject({ scheduled: 0, refused: 1 });
    expect(await active(c.campaignId)).toEqual([]);
    expect((await deadLetters(c.campaignId)).map((d) => d.reason)).toEqual([`Cannot schedule timer in the past: ${start}`]);
  });

  // seed 002: validate_timer_schedule() — within the 1 minute tolerance a timer is still stored
  it('a timer that came due while the scheduler was down is stored and fires', async () => {
    const c = campaign();
    const start = iso(Date.now() - 1_000);
    expect(await planner.apply([c.created(start, iso(Date.now() - 30_000))])).toMatchObject({ scheduled: 1, refused: 0 });
    const [timer] = await active(c.campaignId);
    const fired: string[] = [];
    const engine = new TimerEngine(
      store,
      { instanceId: `engine-${suffix}`, pollMs: 50, fire: async (t) => (fired.push(t.id), { ok: true, result: {} }) },
      silentLog,
    );
    await engine.start();
    try {
      await waitFor('the overdue timer to complete', async () => (await history(c.campaignId)).find((h) => h.status === 'COMPLETED'));
    } finally {
      await engine.stop();
    }
    expect(fired).toContain(timer.id);
  });
});
