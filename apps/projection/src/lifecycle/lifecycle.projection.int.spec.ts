import { dumpTables } from '@campaign/testing';
import type { Pool } from 'pg';
import { LIFECYCLE_TABLES } from './lifecycle.schema';
import { CAMPAIGN_STATE_DISTRIBUTION } from './seed-queries';
import { CampaignHistory, useProjectionSchemas } from './testing';

describe('lifecycle projection (seed 002 read models)', () => {
  const schemas = useProjectionSchemas();
  const { projectionIn } = schemas;
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));

  it('a projection fed each event twice equals one fed once', async () => {
    const histories = [CampaignHistory.fullLife(), CampaignHistory.fullLife()];
    const events = histories.flatMap((h) => h.envelopes);
    const once = await projectionIn('lc_once');
    await once.runner.applyBatch(events);
    const twice = await projectionIn('lc_twice');
    for (const event of events) await twice.runner.applyBatch([event, event]);
    const replay = await twice.runner.applyBatch(events);

    expect(replay).toMatchObject({ applied: 0, skipped: events.length });
    const strip = (dump: Record<string, unknown[]>) => JSON.parse(JSON.stringify(dump));
    expect(strip(await dumpTables(pool, twice.schema, LIFECYCLE_TABLES))).toEqual(strip(await dumpTables(pool, once.schema, LIFECYCLE_TABLES)));
  });

  it('records the whole life CREATED → RUNNING → CLOSED → REWARD_CLAIM → EXPIRED in campaigns and campaign_state_log', async () => {
    const { schema, runner } = await projectionIn('lc_life');
    const history = CampaignHistory.fullLife();
    await runner.applyBatch(history.envelopes);

    const {
      rows: [campaign],
    } = await pool.query(`SELECT * FROM ${schema}.campaigns WHERE id = $1`, [history.campaignId]);
    expect(campaign).toMatchObject({ status: 'EXPIRED', duration_hours: 48, auto_close: true, rewards_enabled: true, metadata: { name: 'Spring rewards' } });
    // seed 002: calculated_end_time — end_time = start_time + duration_hours * INTERVAL '1 hour'
    expect(campaign.end_time.getTime() - campaign.start_time.getTime()).toBe(48 * 3_600_000);

    const { rows: log } = await pool.query(
      `SELECT from_state, to_state, trigger_event FROM ${schema}.campaign_state_log WHERE campaign_id = $1 ORDER BY created_at`,
      [history.campaignId],
    );
    expect(log).toEqual([
      { from_state: null, to_state: 'CREATED', trigger_event: 'MANUAL' },
      { from_state: 'CREATED', to_state: 'RUNNING', trigger_event: 'MANUAL' },
      { from_state: 'RUNNING', to_state: 'CLOSED', trigger_event: 'TIMER' },
      { from_state: 'CLOSED', to_state: 'REWARD_CLAIM', trigger_event: 'MANUAL' },
      { from_state: 'REWARD_CLAIM', to_state: 'EXPIRED', trigger_event: 'TIMER' },
    ]);
    const { rows: partitions } = await pool.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = 'campaign_state_log_y2026m03'`,
      [schema],
    );
    expect(partitions).toHaveLength(1);
  });

  it('measures campaign_metrics from the events: counts as running totals, STATE_TRANSITION_TIME in ms', async () => {
    const { schema, runner } = await projectionIn('lc_metrics');
    const history = CampaignHistory.fullLife();
    await runner.applyBatch(history.envelopes);
    const { rows } = await pool.query(
      `SELECT metric_type, value::float AS value, attributes FROM ${schema}.campaign_metrics WHERE campaign_id = $1 ORDER BY recorded_at, metric_type`,
      [history.campaignId],
    );
    const values = (type: string) => rows.filter((r) => r.metric_type === type).map((r) => r.value);
    expect(values('PARTICIPANT_COUNT')).toEqual([1, 2, 3]);
    expect(values('ENGAGEMENT_COUNT')).toEqual([1, 2]);
    expect(values('REWARD_CLAIMED')).toEqual([1]);
    // Each step of the history is one minute after the previous; RUNNING lasted 6 steps.
    expect(values('STATE_TRANSITION_TIME')).toEqual([60_000, 360_000, 60_000, 120_000]);
    expect(rows.find((r) => r.metric_type === 'STATE_TRANSITION_TIME').attributes).toMatchObject({ from_state: 'CREATED', to_state: 'RUNNING', unit: 'ms' });
  });

  it('runs the seed query "Campaign state distribution" unmodified with search_path set to the schema', async () => {
    const { schema, runner, projection } = await projectionIn('lc_queries');
    const expired = CampaignHistory.fullLife();
    const running = new CampaignHistory().run('CreateCampaign', { durationHours: 1 }, 0).run('StartCampaign');
    const created = new CampaignHistory().run('CreateCampaign', { durationHours: 2 }, 0);
    await runner.applyBatch([...expired.envelopes, ...running.envelopes, ...created.envelopes]);
    await projection.refreshViews(pool);
    const client = await pool.connect();
    try {
      await client.query(`SET search_path TO ${schema}`);
      const { rows } = await client.query(CAMPAIGN_STATE_DISTRIBUTION);
      expect(rows.map((r) => [r.status, Number(r.count), Number(r.percentage)]).sort()).toEqual([
        ['CREATED', 1, 33.33],
        ['EXPIRED', 1, 33.33],
        ['RUNNING', 1, 33.33],
      ]);
      const { rows: active } = await client.query('SELECT status, campaign_count::int FROM mv_active_campaigns ORDER BY status');
      expect(active).toEqual([
        { status: 'CREATED', campaign_count: 1 },
        { status: 'RUNNING', campaign_count: 1 },
      ]);
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  });

  it('sets an event that breaks a seed constraint aside as a dead letter without blocking the rest', async () => {
    const { schema, runner } = await projectionIn('lc_dead');
    const good = new CampaignHistory().run('CreateCampaign', { durationHours: 5 }, 0);
    const bad = new CampaignHistory().run('CreateCampaign', { durationHours: 5 }, 0);
    const broken = { ...bad.envelopes[0], data: { ...(bad.envelopes[0].data as object), durationHours: 0 } };
    const result = await runner.applyBatch([broken, ...good.envelopes]);
    expect(result.applied).toBe(1);
    expect(result.deadLetters.map((d) => d.event.eventId)).toEqual([broken.eventId]);
    expect(result.deadLetters[0].error).toMatch(/valid_duration/);
    const { rows } = await pool.query(`SELECT event_id FROM ${schema}.projection_dead_letters`);
    expect(rows).toEqual([{ event_id: broken.eventId }]);
  });
});
