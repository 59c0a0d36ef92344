import { randomUUID } from 'node:crypto';
import { allTopicSpecs, topicsFor } from '@campaign/contracts';
import { PostgresEventStore } from '@campaign/eventstore';
import { ensureTopics } from '@campaign/messaging';
import { testKafka, testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import { timersDdl } from '@campaign/timers';
import type { Pool } from 'pg';
import { CONTEXTS } from '../contexts';
import { campaignCreated, lifecycleBus } from './testing';
import { type SchedulerUnderTest, startScheduler } from '../testing';

/**
 * An instance of the first layout (lifecycle timers in TIMER_SCHEMA, planned by SCHEDULER_GROUP)
 * upgraded in place: the new module, started with those old settings, must carry on from the
 * old tables and the old group's committed offsets — neither losing a timer nor planning again.
 */
describe('upgrading from the first layout, configured with the old setting names', () => {
  const suffix = uniqueSuffix();
  const prefix = `ts_${suffix}.`;
  const oldSchema = `scheduler_${suffix}`;
  const oldGroup = `timer-scheduler-${suffix}`;
  const events = topicsFor('lifecycle', prefix).events;
  const pendingTimer = { id: randomUUID(), campaignId: randomUUID() };
  const plannedBefore = randomUUID();
  const key = `campaign-${plannedBefore}`;
  let pool: Pool;
  let bus: ReturnType<typeof lifecycleBus>;
  let scheduler: SchedulerUnderTest | undefined;

  /** What the first layout left behind: its schema with a pending timer, and its group's offsets at the end of the topic. */
  const leaveFirstLayout = async () => {
    await pool.query(timersDdl(oldSchema));
    await pool.query(
      `INSERT INTO ${oldSchema}.timers (id, campaign_id, timer_type, due_at, next_attempt_at, payload) VALUES ($1, $2, 'START_CAMPAIGN', now() + interval '2 seconds', now() + interval '2 seconds', $3)`,
      [pendingTimer.id, pendingTimer.campaignId, { command: 'StartCampaign', causedBy: randomUUID() }],
    );
    const admin = testKafka().admin();
    await admin.connect();
    try {
      // Planned by the old instance already: its offset is committed below.
      await bus.send([{ key, value: campaignCreated(plannedBefore, new Date(Date.now() + 3_600_000).toISOString()) }]);
      const ends = await admin.fetchTopicOffsets(events);
      await admin.setOffsets({ groupId: oldGroup, topic: events, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    pool = testPool(3);
    await new PostgresEventStore(pool, `es_${suffix}`).migrate();
    const admin = testKafka().admin();
    await admin.connect();
    await ensureTopics(
      admin,
      allTopicSpecs(
        CONTEXTS.map((c) => c.name),
        prefix,
      ),
    ).finally(() => admin.disconnect());
    bus = lifecycleBus(prefix);
    await bus.start();
    await leaveFirstLayout();
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      scheduler = await startScheduler(suffix, { TIMER_SCHEMA: oldSchema, SCHEDULER_GROUP: oldGroup });
    } finally {
      warn.mockRestore();
    }
  }, 90_000);
  afterAll(async () => {
    await bus?.stop();
    await scheduler?.app.close();
    for (const schema of [oldSchema, scheduler?.config.OUTREACH_TIMER_SCHEMA, `es_${suffix}`]) {
      if (schema) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
    await pool?.end();
  });

  it('reads the old names into the new settings', () => {
    expect(scheduler?.config).toMatchObject({ LIFECYCLE_TIMER_SCHEMA: oldSchema, LIFECYCLE_TIMER_GROUP: oldGroup });
  });

  it('keeps the old schema: the timer the first layout left pending fires, exactly once', async () => {
    const done = await waitFor('the old pending timer to complete', async () => {
      const { rows } = await pool.query(`SELECT status FROM ${oldSchema}.timer_history WHERE id = $1`, [pendingTimer.id]);
      return rows[0]?.status === 'COMPLETED' && rows;
    });
    expect(done).toEqual([{ status: 'COMPLETED' }]);
    const { rows: active } = await pool.query(`SELECT id FROM ${oldSchema}.timers WHERE id = $1`, [pendingTimer.id]);
    expect(active).toEqual([]);
    expect(bus.commandSide.received.filter((c) => c.commandId === `timer-${pendingTimer.id}`)).toEqual([
      expect.objectContaining({ type: 'StartCampaign', data: expect.objectContaining({ campaignId: pendingTimer.campaignId }) }),
    ]);
  });

  it("keeps the old group's committed offsets: an event planned before the upgrade is not planned again, a new one is", async () => {
    const after = randomUUID();
    // The same partition as the event before the commit: once this one is planned, that one was passed over.
    await bus.send([{ key, value: campaignCreated(after, new Date(Date.now() + 3_600_000).toISOString()) }]);
    const planned = await waitFor("the new campaign's START_CAMPAIGN timer", async () => {
      const { rows } = await pool.query(`SELECT timer_type FROM ${oldSchema}.timers WHERE campaign_id = $1`, [after]);
      return rows.length > 0 && rows;
    });
    expect(planned).toEqual([{ timer_type: 'START_CAMPAIGN' }]);
    const { rows: replanned } = await pool.query(`SELECT campaign_id FROM ${oldSchema}.campaigns WHERE campaign_id = $1`, [plannedBefore]);
    expect(replanned).toEqual([]);
    const { rows: timers } = await pool.query(`SELECT id FROM ${oldSchema}.timers WHERE campaign_id = $1`, [plannedBefore]);
    expect(timers).toEqual([]);
  });
});
