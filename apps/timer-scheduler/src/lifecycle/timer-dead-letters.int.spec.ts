import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@campaign/eventstore';
import { DEAD_LETTER_HEADERS, headerText } from '@campaign/messaging';
import { collectMessages, serviceToken, testKafka, testPool, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { type SchedulerUnderTest, startScheduler } from '../testing';
import { campaignCreated, lifecycleBus } from './testing';
import { runTimerRedrive } from '../shared/timer-redrive.cli';

describe("the timer-scheduler's dead letters", () => {
  let scheduler: SchedulerUnderTest;
  let bus: ReturnType<typeof lifecycleBus>;
  let pool: Pool;
  const operator = serviceToken(['timers:operate', 'timers:read']);
  const call = (method: string, path: string, token: string | null) =>
    fetch(`${scheduler.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Record<string, unknown>,
    }));

  beforeAll(async () => {
    scheduler = await startScheduler();
    pool = testPool(3);
    await new PostgresEventStore(pool, scheduler.config.EVENTSTORE_SCHEMA).migrate();
    bus = lifecycleBus(scheduler.config.TOPIC_PREFIX);
    await bus.start();
  });
  afterAll(async () => {
    await bus?.stop();
    await scheduler?.app.close();
    for (const schema of [scheduler?.config.EVENTSTORE_SCHEMA, scheduler?.config.LIFECYCLE_TIMER_SCHEMA, scheduler?.config.OUTREACH_TIMER_SCHEMA]) {
      if (schema) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
    await pool?.end();
  });

  it('the planner sets aside an unreadable event and one that fails on its data, and plans the valid event after them on the same partition', async () => {
    const valid = randomUUID();
    const key = `campaign-${randomUUID()}`;
    const startTime = new Date(Date.now() + 3_600_000).toISOString();
    // Avro takes any string; the scheduler's UUID column does not (SQLSTATE 22P02).
    const poison = campaignCreated('not-a-uuid', startTime);
    await bus.send([
      { key, value: Buffer.from('not an event') },
      { key, value: poison },
      { key, value: campaignCreated(valid, startTime) },
    ]);
    const planned = await waitFor("the valid campaign's START_CAMPAIGN timer", async () => {
      const { rows } = await pool.query(`SELECT timer_type FROM ${scheduler.config.LIFECYCLE_TIMER_SCHEMA}.timers WHERE campaign_id = $1`, [valid]);
      return rows.length > 0 && rows;
    });
    expect(planned).toEqual([{ timer_type: 'START_CAMPAIGN' }]);
    const letters = await collectMessages(testKafka(), bus.topics.deadLetter, (all) => all.length >= 2);
    const described = letters.map(({ message }) => ({
      kind: headerText(message.headers, DEAD_LETTER_HEADERS.kind),
      origin: headerText(message.headers, DEAD_LETTER_HEADERS.originTopic),
      consumer: headerText(message.headers, DEAD_LETTER_HEADERS.consumer),
      offset: headerText(message.headers, DEAD_LETTER_HEADERS.originOffset),
    }));
    expect(described).toEqual([
      { kind: 'raw', origin: bus.topics.events, consumer: scheduler.config.LIFECYCLE_TIMER_GROUP, offset: expect.stringMatching(/^\d+$/) },
      { kind: 'raw', origin: bus.topics.events, consumer: scheduler.config.LIFECYCLE_TIMER_GROUP, offset: expect.stringMatching(/^\d+$/) },
    ]);
    expect(headerText(letters[1].message.headers, DEAD_LETTER_HEADERS.error)).toContain('uuid');
    expect(letters[1].message.value?.equals(poison)).toBe(true);
  });

  it('a FAILED timer redriven over HTTP fires again: its command is sent and its history says COMPLETED', async () => {
    const s = scheduler.config.LIFECYCLE_TIMER_SCHEMA;
    const [timerId, campaignId] = [randomUUID(), randomUUID()];
    await pool.query(
      `INSERT INTO ${s}.timer_history (id, campaign_id, timer_type, status, due_at, finished_at, retry_count, error) VALUES ($1, $2, 'START_CAMPAIGN', 'FAILED', now() - interval '1 hour', now(), 5, 'the campaign service was down')`,
      [timerId, campaignId],
    );
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO ${s}.dead_letters (timer_id, campaign_id, timer_type, reason) VALUES ($1, $2, 'START_CAMPAIGN', 'down') RETURNING id::text`,
      [timerId, campaignId],
    );
    const path = `/v1/timers/dead-letters/lifecycle/${rows[0].id}/redrive`;

    expect((await call('POST', path, null)).status).toBe(401);
    expect((await call('POST', path, serviceToken(['timers:read']))).status).toBe(403);
    const listed = await call('GET', '/v1/timers/dead-letters/lifecycle', operator);
    expect(listed.body.deadLetters).toContainEqual(expect.objectContaining({ id: rows[0].id, timerId, redrivable: true }));
    expect(await call('POST', path, operator)).toMatchObject({ status: 202, body: { timerId, subjectId: campaignId } });

    const history = await waitFor('the redriven timer to complete', async () => {
      const { rows: done } = await pool.query(`SELECT status FROM ${s}.timer_history WHERE id = $1`, [timerId]);
      return done[0]?.status === 'COMPLETED' && done;
    });
    expect(history).toEqual([{ status: 'COMPLETED' }]);
    expect(bus.commandSide.commandsWith('campaignId', campaignId).filter((c) => c.type === 'StartCampaign')).toHaveLength(1);
    expect(await call('POST', path, operator)).toMatchObject({ status: 409, body: { code: 'ALREADY_REDRIVEN' } });
    expect((await call('POST', '/v1/timers/dead-letters/billing/1/redrive', operator)).status).toBe(404);
  });

  it('a refused timer is answered 422 over HTTP and refused by the command line too', async () => {
    const s = scheduler.config.LIFECYCLE_TIMER_SCHEMA;
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO ${s}.dead_letters (campaign_id, timer_type, reason) VALUES ($1, 'START_CAMPAIGN', 'refused') RETURNING id::text`,
      [randomUUID()],
    );
    expect(await call('POST', `/v1/timers/dead-letters/lifecycle/${rows[0].id}/redrive`, operator)).toMatchObject({
      status: 422,
      body: { code: 'NOT_REDRIVABLE' },
    });
    const cli = await runTimerRedrive(['--context', 'lifecycle', '--id', rows[0].id], () => scheduler.config);
    expect(cli).toMatchObject({ code: 1, output: [{ id: rows[0].id, refused: { code: 'NOT_REDRIVABLE' } }] });
    expect((await runTimerRedrive(['--context', 'billing', '--list'], () => scheduler.config)).code).toBe(2);
  });

  it('GET /v1/timers/:context answers one context alike for each; GET /v1/timers keeps the first context at the top level', async () => {
    const campaignId = randomUUID();
    await bus.send([{ key: `campaign-${campaignId}`, value: campaignCreated(campaignId, new Date(Date.now() + 3_600_000).toISOString()) }]);
    const one = await waitFor("the campaign's timer listed", async () => {
      const answer = await call('GET', `/v1/timers/lifecycle?campaignId=${campaignId}`, operator);
      return (answer.body.active as unknown[] | undefined)?.length === 1 && answer;
    });
    expect(one).toMatchObject({
      status: 200,
      body: { campaignId, context: 'lifecycle', active: [{ subject_id: campaignId, timer_type: 'START_CAMPAIGN' }], finished: [] },
    });
    expect(await call('GET', `/v1/timers/outreach?campaignId=${campaignId}`, operator)).toEqual({
      status: 200,
      body: { campaignId, context: 'outreach', active: [], finished: [] },
    });
    const all = await call('GET', `/v1/timers?campaignId=${campaignId}`, operator);
    expect(all.body).toEqual({
      campaignId,
      active: one.body.active,
      finished: [],
      outreach: { active: [], finished: [] },
      ads: { active: [], finished: [] },
      orchestration: { active: [], finished: [] },
    });
    expect(await call('GET', `/v1/timers/billing?campaignId=${campaignId}`, operator)).toMatchObject({ status: 404, body: { code: 'UNKNOWN_CONTEXT' } });
    expect((await call('GET', `/v1/timers/lifecycle?campaignId=${campaignId}`, serviceToken(['timers:operate']))).status).toBe(403);
  });
});
