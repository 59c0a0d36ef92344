import { AuthModule, authConfigSchema, CONFIG, createHttpApp, JsonLogger, PG_POOL, signJwt } from '@campaign/runtime';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';
import { LifecycleAdminController } from './lifecycle-admin.controller';
import { DATABASE_TABLE_STATS, DATABASE_TABLE_STATS_IN_SCHEMA } from './seed-queries';
import { ago, CampaignHistory, TimerHistory, useProjectionSchemas } from './testing';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const tokenWith = (scopes: string[]) => signJwt({ sub: 'ops', scope: scopes.join(' '), exp: Math.floor(Date.now() / 1000) + 3600 }, SECRET);

describe('GET /v1/lifecycle/admin/table-sizes (seed 002 "Database table sizes")', () => {
  const schemas = useProjectionSchemas();
  let pool: Pool;
  let app: NestFastifyApplication;
  let schema: string;

  beforeAll(async () => {
    pool = schemas.pool();
    const made = await schemas.projectionIn('lt_sizes');
    schema = made.schema;
    const campaign = new CampaignHistory().run('CreateCampaign', { durationHours: 2 }, 0).run('StartCampaign');
    const timer = new TimerHistory(campaign.campaignId, 'CLOSE_CAMPAIGN').scheduled(ago(-60_000), ago(60_000)).started(ago(0));
    await made.runner.applyBatch([...campaign.envelopes, ...timer.envelopes]);
    await pool.query(`ANALYZE ${schema}.campaigns, ${schema}.campaign_timers, ${schema}.timer_executions`);
    @Module({
      imports: [AuthModule.forRoot(authConfigSchema.parse({ JWT_SECRET: SECRET }))],
      controllers: [LifecycleAdminController],
      providers: [
        { provide: CONFIG, useValue: { LIFECYCLE_SCHEMA: schema } },
        { provide: PG_POOL, useValue: pool },
      ],
    })
    class TestModule {}
    app = await createHttpApp({ module: TestModule }, new JsonLogger('lifecycle-admin-test', 'error'));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = async (token?: string) => {
    const response = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url: '/v1/lifecycle/admin/table-sizes', headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.statusCode, body: response.json() };
  };

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
