import { randomUUID } from 'node:crypto';
import type { lifecycle } from '@campaign/domain';
import { insertEvents } from '@campaign/eventstore';
import { waitFor } from '@campaign/testing';
import { useTimerTestbed } from './testing';
import { type CampaignEventRecord, lifecyclePlanner } from './timers.policy';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The relay publishes the log in transaction-id order. A planner batch takes its id at its first
 * write and may append to a timer's stream later, after a firing that began afterwards committed
 * on the same stream: its event would be published before its predecessor, and consumers that
 * checkpoint by stream version would skip the predecessor (issue 9, per-stream order).
 */
describe('per-stream order across timer writers', () => {
  const bed = useTimerTestbed(10);

  const record = (campaignId: string, streamVersion: number, event: lifecycle.CampaignEvent): CampaignEventRecord => ({
    eventId: randomUUID(),
    streamId: `campaign-${campaignId}`,
    streamVersion,
    occurredAt: iso(Date.now()),
    correlationId: campaignId,
    event,
  });
  const created = (campaignId: string, startTime: string) =>
    record(campaignId, 1, {
      type: 'CampaignCreated',
      data: { campaignId, durationHours: 1, autoClose: true, rewardsEnabled: true, startTime, endTime: null, metadata: {}, createdAt: iso(Date.now()) },
    });
  const running = (campaignId: string) =>
    record(campaignId, 2, {
      type: 'StateTransitioned',
      data: { campaignId, from: 'CREATED', to: 'RUNNING', trigger: 'MANUAL', reason: null, startTime: null, endTime: null, transitionedAt: iso(Date.now()) },
    } as lifecycle.CampaignEvent);
  /** A stream's events in the order the relay publishes them. */
  const publishingOrder = async (streamId: string) =>
    (
      await bed.pool.query<{ v: number; type: string }>(
        `SELECT stream_version AS v, event_type AS type FROM ${bed.esSchema}.events WHERE stream_id = $1 ORDER BY transaction_id, global_position`,
        [streamId],
      )
    ).rows;

  it('a planner batch that began before a firing finished on the same timer still appends after it in publishing order', async () => {
    const planner = lifecyclePlanner(bed.store, 2_000, bed.esSchema);
    const [early, c] = [randomUUID(), randomUUID()];
    await planner.apply([created(c, iso(Date.now() + 30_000))]);
    const { timers } = await bed.store.claim('engine', 60_000, 60_000, 10);
    const timer = timers.find((t) => t.campaignId === c);
    if (!timer) throw new Error('the START_CAMPAIGN timer was not claimed');

    // Hold campaign c's planner row so the batch below stops after its first write (campaign `early`).
    const blocker = await bed.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT 1 FROM ${bed.schema}.campaigns WHERE campaign_id = $1 FOR UPDATE`, [c]);
      const batch = planner.apply([created(early, iso(Date.now() + 3_600_000)), running(c)]);
      await waitFor(
        "the planner batch to wait for campaign c's row",
        async () => {
          const { rows } = await bed.pool.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1`, [
            `%${bed.schema}".campaigns%FOR UPDATE%`,
          ]);
          return rows.length > 0;
        },
        { timeoutMs: 20_000 },
      );
      // Meanwhile the engine's firing fails retryably: version 2 of the timer's stream, committed
      // by a transaction that began after the planner's; the timer is PENDING again.
      const failedAt = new Date();
      const finished = await bed.store.finish('engine', [
        { timer, executionId: randomUUID(), startedAt: failedAt, finishedAt: failedAt, outcome: { ok: false, error: 'broker away', retryable: true } },
      ]);
      expect([...finished]).toEqual([timer.id]);
      await blocker.query('COMMIT');
      // → RUNNING cancels the PENDING START_CAMPAIGN timer: version 3 of its stream.
      expect(await batch).toMatchObject({ cancelled: 1 });
    } finally {
      blocker.release();
    }
    const published = await publishingOrder(`campaign-${c}/timer-${timer.id}`);
    expect(published.map((e) => e.v)).toEqual(published.map((_, i) => i + 1));
    expect(published.map((e) => e.type)).toEqual(['TimerScheduled', 'TimerExecutionStarted', 'TimerExecutionFailed', 'TimerCancelled']);
  });

  it('a campaign transition that never arrived is read from the event store and applied before the one after it', async () => {
    const planner = lifecyclePlanner(bed.store, 2_000, bed.esSchema);
    const c = randomUUID();
    const closed = {
      ...running(c),
      streamVersion: 3,
      eventId: randomUUID(),
      event: {
        type: 'StateTransitioned',
        data: {
          campaignId: c,
          from: 'RUNNING',
          to: 'CLOSED',
          trigger: 'MANUAL',
          reason: null,
          startTime: null,
          endTime: null,
          transitionedAt: iso(Date.now()),
        },
      },
    } as CampaignEventRecord;
    const history = [created(c, iso(Date.now() + 3_600_000)), running(c), closed];
    // The log holds all three (as campaign-command wrote them); the bus delivers 1 and 3 only.
    for (const r of history) {
      await insertEvents(bed.pool, `"${bed.esSchema}"`, [
        {
          streamId: r.streamId,
          expectedVersion: r.streamVersion - 1,
          events: [{ eventId: r.eventId, type: r.event.type, schemaVersion: 1, data: r.event.data as unknown as Record<string, unknown> }],
          metadata: {
            context: 'lifecycle',
            occurredAt: r.occurredAt,
            correlationId: r.correlationId,
            causationId: null,
            actor: 'user:ops',
            tenant: null,
            commandId: r.eventId,
          },
          outcome: null,
        },
      ]);
    }
    await planner.apply([history[0]]);
    await planner.apply([history[2]]);
    // → RUNNING (version 2) cancelled START_CAMPAIGN; without it the campaign would still wait to start.
    const { rows } = await bed.pool.query(
      `SELECT timer_type, status FROM ${bed.schema}.timer_history WHERE campaign_id = $1 AND timer_type = 'START_CAMPAIGN'`,
      [c],
    );
    expect(rows).toEqual([{ timer_type: 'START_CAMPAIGN', status: 'CANCELLED' }]);
    const { rows: seen } = await bed.pool.query(`SELECT stream_version FROM ${bed.schema}.campaigns WHERE campaign_id = $1`, [c]);
    expect(seen).toEqual([{ stream_version: 3 }]);
    const { rows: pending } = await bed.pool.query(`SELECT timer_type FROM ${bed.schema}.timers WHERE campaign_id = $1 AND timer_type = 'START_CAMPAIGN'`, [c]);
    expect(pending).toEqual([]);
  });
});
