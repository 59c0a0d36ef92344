import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@campaign/contracts';
import { lifecycle } from '@campaign/domain';
import { CommandExecutor, LOG_START, PostgresEventStore } from '@campaign/eventstore';
import { envelopeOf } from '@campaign/messaging';
import { dumpTables, testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { ProjectionRunner } from '../shared/projection-runner';
import { Rebuilder, RebuildTargetError } from '../shared/rebuild';
import { LifecycleProjection } from './lifecycle.projection';
import { LIFECYCLE_TABLES } from './lifecycle.schema';
import { ago, TimerHistory } from './testing';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('rebuilding the lifecycle read models from the event store', () => {
  let pool: Pool;
  let store: PostgresEventStore;
  const suffix = uniqueSuffix();
  const live = `lc_live_${suffix}`;

  const timerEvents: EventEnvelope[] = [];
  let history: EventEnvelope[] = [];
  /** Events the first test appends while the rebuild runs. */
  let liveWrites = 0;
  const historyCount = () => 20 + 10 + 5 + 5 + timerEvents.length;
  /** Every index of a schema, its definition with the schema's name taken out. */
  const indexesOf = async (schema: string) =>
    (await pool.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`, [schema])).rows.map((r) =>
      r.indexdef.replaceAll(schema, '<schema>'),
    );
  const checkpointsOf = async (schema: string) =>
    (await pool.query(`SELECT stream_id, stream_version FROM ${schema}.projection_checkpoints ORDER BY stream_id`)).rows;

  /** Records a timer's events as the timer-scheduler does: one append per event, in its own stream. */
  const recordTimer = async (timer: TimerHistory) => {
    for (const e of timer.envelopes) {
      const commandId = randomUUID();
      const metadata = {
        context: 'lifecycle',
        occurredAt: e.occurredAt,
        correlationId: e.correlationId,
        causationId: null,
        actor: e.actor,
        tenant: null,
        commandId,
      };
      await store.append(
        e.streamId,
        e.streamVersion - 1,
        [{ eventId: e.eventId, type: e.type, schemaVersion: 1, data: e.data }],
        metadata,
        (streamVersion) => ({
          status: 'ACCEPTED',
          commandId,
          streamId: e.streamId,
          streamVersion,
          eventIds: [e.eventId],
        }),
      );
      timerEvents.push(e);
    }
  };

  type LifecycleExecutor = CommandExecutor<lifecycle.CampaignCommand, lifecycle.CampaignEvent, lifecycle.CampaignState>;
  const lifecycleExecutor = (): LifecycleExecutor => new CommandExecutor(store, lifecycle.campaignDecider, { context: 'lifecycle', schemaVersionOf: () => 1 });
  const run = (executor: LifecycleExecutor, type: string, data: object) =>
    executor.execute({ type, data, metadata: { commandId: randomUUID(), now: new Date().toISOString(), actor: 'test' } } as lifecycle.CampaignCommand);

  beforeAll(async () => {
    pool = testPool();
    store = new PostgresEventStore(pool, `es_rb_${suffix}`);
    await store.migrate();
    const executor = lifecycleExecutor();
    for (let i = 0; i < 20; i++) {
      const campaignId = randomUUID();
      await run(executor, 'CreateCampaign', { campaignId, durationHours: 1 + i });
      if (i % 2 === 0) await run(executor, 'StartCampaign', { campaignId });
      if (i % 4 === 0) await run(executor, 'JoinCampaign', { campaignId, participantId: `p${i}` });
      if (i % 4 === 0) await run(executor, 'CloseCampaign', { campaignId });
      // Timer events in the history: a START_CAMPAIGN that ran, a retried and finally completed
      // CLOSE_CAMPAIGN, and an EXPIRE_CAMPAIGN cancelled — or left PENDING on the odd campaigns.
      if (i % 2 === 0)
        await recordTimer(new TimerHistory(campaignId, 'START_CAMPAIGN').scheduled(ago(5_000), ago(6_000)).started(ago(4_000)).completed(ago(3_990), 10));
      if (i % 4 === 0) {
        await recordTimer(
          new TimerHistory(campaignId, 'CLOSE_CAMPAIGN')
            .scheduled(ago(3_000), ago(6_000))
            .started(ago(3_000))
            .failed(ago(2_900), 100, 1, ago(2_000))
            .started(ago(2_000))
            .completed(ago(1_950), 50),
        );
      }
      const expire = new TimerHistory(campaignId, 'EXPIRE_CAMPAIGN').scheduled(ago(-3_600_000), ago(1_000));
      await recordTimer(i % 2 === 0 ? expire.cancelled(ago(500)) : expire);
    }
    const projection = new LifecycleProjection(live);
    await projection.migrate(pool);
    // A parallel test's long transaction holds the snapshot xmin back, hiding our newest events
    // from readCommitted for a while: wait until all of them are visible.
    const events = await waitFor(
      'every appended event to be committed-visible',
      async () => {
        const read = await store.readCommitted(LOG_START, 10_000, 'lifecycle');
        return read.length === historyCount() && read;
      },
      { timeoutMs: 60_000 },
    );
    history = events.map(envelopeOf);
    await new ProjectionRunner(pool, projection).applyBatch(history);
  });

  afterAll(async () => {
    for (const schema of [live, `${live}_rebuild`, `lc_copy_${suffix}`, `es_rb_${suffix}`]) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  /** Fails with `what` instead of the test's timeout when a step hangs (e.g. blocked by the rebuild). */
  const within = <T>(what: string, ms: number, work: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)));
    return Promise.race([work, expired]).finally(() => clearTimeout(timer));
  };

  /** What live serving does: a command appended, its events projected into `live`, the row read back. */
  const serveLive = async (executor: LifecycleExecutor, campaignId: string) => {
    const outcomes = [await run(executor, 'CreateCampaign', { campaignId, durationHours: 3 }), await run(executor, 'StartCampaign', { campaignId })];
    const { events } = await store.readStream(lifecycle.campaignStreamId(campaignId));
    const projected = await new ProjectionRunner(pool, new LifecycleProjection(live)).applyBatch(events.map(envelopeOf));
    const { rows } = await pool.query(`SELECT status FROM ${live}.campaigns WHERE id = $1`, [campaignId]);
    return { accepted: outcomes.map((o) => o.outcome.status), applied: projected.applied, read: rows };
  };

  /** A dump without the rows of one campaign. */
  const without = (dump: Record<string, unknown[]>, campaignId: string) =>
    Object.fromEntries(
      Object.entries(dump).map(([table, rows]) => [
        table,
        rows.filter((row) => {
          const { id, campaign_id: owner } = row as { id?: unknown; campaign_id?: unknown };
          return id !== campaignId && owner !== campaignId;
        }),
      ]),
    );

  it('builds a copy equal to the live read models while they keep serving (writes projected and read during the rebuild)', async () => {
    const executor = lifecycleExecutor();
    const campaignId = randomUUID();
    let served: Awaited<ReturnType<typeof serveLive>> | null = null;
    // Live serving runs inside the rebuild's first batch, so it is certain to overlap the rebuild.
    const serving = (schema: string) => {
      const projection = new LifecycleProjection(schema);
      const apply = projection.applyBatch.bind(projection);
      projection.applyBatch = async (client, events) => {
        served ??= await within('live serving during the rebuild', 30_000, serveLive(executor, campaignId));
        return apply(client, events);
      };
      return projection;
    };
    const report = await new Rebuilder(pool, store, silent).rebuild(serving, { liveSchema: live, target: `lc_copy_${suffix}`, swap: false });

    expect(served).toEqual({ accepted: ['ACCEPTED', 'ACCEPTED'], applied: 2, read: [{ status: 'RUNNING' }] });
    expect(report.deadLetters).toBe(0);
    expect(report.events).toBeGreaterThanOrEqual(historyCount());
    // Whether the rebuild read the campaign written during it depends on when it read: compare the rest.
    const copy = await dumpTables(pool, `lc_copy_${suffix}`, LIFECYCLE_TABLES);
    expect(without(copy, campaignId)).toEqual(without(await dumpTables(pool, live, LIFECYCLE_TABLES), campaignId));
    expect(copy.campaign_timers).toHaveLength(10 + 5 + 20);
    expect(copy.timer_executions).toHaveLength(10 + 2 * 5);
    // The rebuild keeps checkpoints in memory and writes them at the end: the same as live consumption's.
    const streamOf = (rows: { stream_id: string }[]) => rows.filter((r) => r.stream_id !== lifecycle.campaignStreamId(campaignId));
    expect(streamOf(await checkpointsOf(`lc_copy_${suffix}`))).toEqual(streamOf(await checkpointsOf(live)));
    // Later rebuilds replay the live-written campaign too: wait until the log shows it to readers.
    await waitFor(
      'the campaign written during the rebuild to be committed-visible',
      async () => (await store.readCommitted(LOG_START, 10_000, 'lifecycle')).length === historyCount() + 2,
      { timeoutMs: 60_000 },
    );
    liveWrites = 2;
  });

  it('replays without the secondary indexes and ends with every index the live schema has', async () => {
    // What the replay's batches see of the shadow schema's indexes.
    const seenInReplay = new Set<string>();
    const watched = (schema: string) => {
      const projection = new LifecycleProjection(schema);
      const apply = projection.applyBatch.bind(projection);
      projection.applyBatch = async (client, events) => {
        const { rows } = await client.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1`, [schema]);
        for (const row of rows) seenInReplay.add(row.indexname);
        return apply(client, events);
      };
      return projection;
    };
    const report = await new Rebuilder(pool, store, silent).rebuild(watched, { liveSchema: live, target: `lc_copy_${suffix}`, swap: false });
    expect(report.deadLetters).toBe(0);
    // Plain indexes are built after the replay; keys and unique indexes guard every batch.
    expect(seenInReplay).not.toContain('idx_campaigns_status');
    expect(seenInReplay).not.toContain('idx_campaign_timers_status');
    expect(seenInReplay).toContain('unique_active_timer_per_type');
    expect(seenInReplay).toContain('campaigns_pkey');
    const rebuilt = await indexesOf(`lc_copy_${suffix}`);
    expect(rebuilt).toEqual(await indexesOf(live));
    expect(rebuilt).toEqual(
      expect.arrayContaining([expect.stringContaining('idx_campaign_timers_processing'), expect.stringContaining('unique_active_timer_per_type')]),
    );
  });

  it('swaps the rebuilt schema in: the live schema name now holds a fresh, equal copy', async () => {
    const liveOid = async () => (await pool.query(`SELECT oid::int AS oid FROM pg_namespace WHERE nspname = $1`, [live])).rows[0]?.oid;
    const served = await dumpTables(pool, live, LIFECYCLE_TABLES);
    const oidBefore = await liveOid();
    // Damage the live copy: the rebuild must bring back every row, not keep the old schema.
    await pool.query(`DELETE FROM ${live}.campaign_metrics`);
    await pool.query(`UPDATE ${live}.campaigns SET metadata = '{"tampered": true}'`);
    const report = await new Rebuilder(pool, store, silent).rebuild((schema) => new LifecycleProjection(schema), { liveSchema: live, swap: true });
    expect(report).toMatchObject({ swapped: true, schema: live, events: historyCount() + liveWrites, deadLetters: 0 });
    expect(await liveOid()).not.toBe(oidBefore);
    const rebuilt = await dumpTables(pool, live, LIFECYCLE_TABLES);
    expect(rebuilt.campaign_metrics.length).toBeGreaterThan(0);
    expect(rebuilt).toEqual(served);
    const { rows: schemas } = await pool.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${live}%`]);
    expect(schemas.map((s) => s.nspname)).toEqual([live]);
    // Live consumption over the swapped-in schema recognises every event the rebuild applied.
    expect(await new ProjectionRunner(pool, new LifecycleProjection(live)).applyBatch(history)).toMatchObject({ applied: 0, skipped: history.length });
  });

  it('never drops a schema it did not make: not the event store, not the live schema, not a stranger', async () => {
    const stranger = `stranger_${suffix}`;
    await pool.query(`CREATE SCHEMA ${stranger}; CREATE TABLE ${stranger}.precious (id int); INSERT INTO ${stranger}.precious VALUES (1)`);
    const rebuilder = new Rebuilder(pool, store, silent);
    const create = (schema: string) => new LifecycleProjection(schema);
    const eventsBefore = (await pool.query(`SELECT count(*)::int AS n FROM ${store.schema}.events`)).rows[0].n;
    for (const target of [store.schema, live, stranger]) {
      await expect(rebuilder.rebuild(create, { liveSchema: live, target, swap: false })).rejects.toThrow(RebuildTargetError);
    }
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${store.schema}.events`)).rows[0].n).toBe(eventsBefore);
    expect((await pool.query(`SELECT id FROM ${stranger}.precious`)).rows).toEqual([{ id: 1 }]);
    // A shadow it made itself may be rebuilt again.
    await rebuilder.rebuild(create, { liveSchema: live, target: `lc_again_${suffix}`, swap: false });
    await expect(rebuilder.rebuild(create, { liveSchema: live, target: `lc_again_${suffix}`, swap: false })).resolves.toMatchObject({
      schema: `lc_again_${suffix}`,
    });
    await pool.query(`DROP SCHEMA ${stranger} CASCADE; DROP SCHEMA lc_again_${suffix} CASCADE`);
  });
});
