import { signJwt } from '@campaign/runtime';
import { TEST_JWT_SECRET } from '@campaign/testing';
import type { Pool } from 'pg';
import { useQueryApp } from '../shared/testing';
import { LifecycleAdminController } from './lifecycle-admin.controller';
import { DATABASE_TABLE_STATS, DATABASE_TABLE_STATS_IN_SCHEMA } from './seed-queries';
import { ago, CampaignHistory, TimerHistory, useProjectionSchemas } from './testing';

const tokenWith = (scopes: string[]) => signJwt({ sub: 'ops', scope: scopes.join(' '), exp: Math.floor(Date.now() / 1000) + 3600 }, TEST_JWT_SECRET);

describe('GET /v1/lifecycle/admin/table-sizes (seed 002 "Database table sizes")', () => {
  const schemas = useProjectionSchemas();
  const queryApp = useQueryApp('lifecycle-admin-test');
  let pool: Pool;
  let schema: string;

  beforeAll(async () => {
    pool = schemas.pool();
    const made = await schemas.projectionIn('lt_sizes');
    schema = made.schema;
    const campaign = new CampaignHistory().run('CreateCampaign', { durationHours: 2 }, 0).run('StartCampaign');
    const timer = new TimerHistory(campaign.campaignId, 'CLOSE_CAMPAIGN').scheduled(ago(-60_000), ago(60_000)).started(ago(0));
    await made.runner.applyBatch([...campaign.envelopes, ...timer.envelopes]);
    await pool.query(`ANALYZE ${schema}.campaigns, ${schema}.campaign_timers, ${schema}.timer_executions`);
    await queryApp.start({ config: { LIFECYCLE_SCHEMA: schema }, pool, controllers: [LifecycleAdminController], providers: [] });
  });

  const get = (token?: string) => queryApp.get('/v1/lifecycle/admin/table-sizes', token);

  // seed 002: Monitoring Queries → Performance Monitoring → "Database table sizes", for this project's schema
  it("serves the seed's table-size query for the lifecycle schema, with each table's size beside it", async () => {
    const { status, body } = await get(tokenWith(['projection:admin']));
    expect(status).toBe(200);
    expect(body.schema).toBe(schema);
    // The seed's rows: pg_stats of the campaign% tables, per column, in the lifecycle schema.
    const columns = body.columns as { schemaname: string; tablename: string; attname: string }[];
    expect(columns).toContainEqual(expect.objectContaining({ schemaname: schema, tablename: 'campaign_timers', attname: 'status' }));
    expect(columns).toContainEqual(expect.objectContaining({ schemaname: schema, tablename: 'campaigns', attname: 'id' }));
    expect(new Set(columns.map((c) => c.tablename))).toEqual(new Set(['campaigns', 'campaign_timers']));
    const { rows: direct } = await pool.query(DATABASE_TABLE_STATS_IN_SCHEMA, [schema]);
    expect(columns).toEqual(JSON.parse(JSON.stringify(direct)));
    // The sizes its title promises: every table of the schema, with bytes and estimated rows.
    const tables = body.tables as { tablename: string; total_bytes: number; estimated_rows: number }[];
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining(['campaigns', 'campaign_timers', 'timer_executions', 'campaign_metrics', 'mv_pending_timers']),
    );
    expect(tables.find((t) => t.tablename === 'campaign_timers')).toMatchObject({ total_bytes: expect.any(Number), estimated_rows: 1 });
    expect(tables.every((t) => t.total_bytes > 0)).toBe(true);
  });

  it("differs from the seed's text only in the schema it reads: as printed ('public') it finds none of the lifecycle tables", async () => {
    expect(DATABASE_TABLE_STATS_IN_SCHEMA).toBe(DATABASE_TABLE_STATS.replace("'public'", '$1'));
    const { rows } = await pool.query(DATABASE_TABLE_STATS);
    expect(rows.filter((r) => r.schemaname === schema)).toEqual([]);
  });

  it('is for operators: no token 401, an analyst token (lifecycle:read) 403', async () => {
    expect((await get()).status).toBe(401);
    expect(await get(tokenWith(['lifecycle:read']))).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });
});
