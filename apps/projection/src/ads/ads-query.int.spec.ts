import { randomUUID } from 'node:crypto';
import { JsonLogger, LOGGER, signJwt } from '@campaign/runtime';
import { TEST_JWT_SECRET } from '@campaign/testing';
import { Redis } from 'ioredis';
import { useQueryApp } from '../shared/testing';
import { AdsQueryController } from './ads-query.controller';
import { AdsQueryService } from './ads-query.service';
import { AccountSyncs } from './realtime/account-syncs';
import { ADS_REDIS, RealtimeFigures } from './realtime/realtime-figures';
import { AdsHistory, useAdsSchemas } from './testing';

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const userToken = (orgId: string, role = 'analyst') => signJwt({ sub: randomUUID(), org_id: orgId, role, exp: inAnHour() }, TEST_JWT_SECRET);
const serviceToken = (scope: string) => signJwt({ sub: 'ads-analyzer', scope, exp: inAnHour() }, TEST_JWT_SECRET);

/** Two orgs, each with a campaign, a pending recommendation, an executed and a held action, alerts and a budget. */
const orgWorld = (name: string) => {
  const h = new AdsHistory();
  const account = h.connectAccount('google');
  const campaign = h.registerCampaign(account, 'google', `${name} campaign`);
  const recommendation = h.propose(campaign, 0.8);
  const executed = h.requestAction(campaign, { approvalRequired: false });
  h.action(executed, 'AdActionApproved', { executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null });
  h.action(executed, 'AdActionExecuted', { attempt: 1, newState: { budget: '120.00' }, executedAt: h.at() });
  const held = h.requestAction(campaign, { approvalRequired: true });
  h.action(held, 'AdActionAwaitingApproval', { reason: 'AUTONOMY_DISABLED', expiresAt: h.at() });
  const low = h.raiseAlert(campaign, 'ZERO_CONVERSIONS', 'LOW');
  const critical = h.raiseAlert(campaign, 'ROAS_DROP', 'CRITICAL');
  const resolved = h.raiseAlert(campaign, 'CPA_SPIKE', 'HIGH');
  h.alert(campaign, 'CPA_SPIKE', 'AlertResolved', { alertId: resolved, resolvedAt: h.at(), resolvedBy: 'auto' });
  const budget = h.setBudget('1000.00', { google: '600.00', meta: '400.00' });
  h.synced(account);
  return { h, account, campaign, recommendation, executed, held, low, critical, resolved, budget };
};

describe('ads query API: seed 003 Sample Queries as endpoints, each answer confined to the caller’s org', () => {
  const schemas = useAdsSchemas();
  const { start, get } = useQueryApp('ads-query-test');
  let redis: Redis;
  let one: ReturnType<typeof orgWorld>;
  let two: ReturnType<typeof orgWorld>;
  const prefix = `t${randomUUID().slice(0, 8)}:`;

  beforeAll(async () => {
    const pool = schemas.pool();
    const { schema, runner } = await schemas.projectionIn('ads_api');
    one = orgWorld('One');
    two = orgWorld('Two');
    await runner.applyBatch([...one.h.envelopes, ...two.h.envelopes]);
    await pool.query(
      `INSERT INTO ${schema}.campaign_metrics (time, campaign_id, impressions, clicks, spend, conversions, revenue) VALUES (date_trunc('day', NOW()::timestamp), $1, 10, 2, 3.50, 1, 9.00)`,
      [one.campaign],
    );
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    await start({
      config: { ADS_SCHEMA: schema, ADS_REDIS_KEY_PREFIX: prefix },
      pool,
      controllers: [AdsQueryController],
      providers: [
        { provide: ADS_REDIS, useValue: redis },
        { provide: LOGGER, useValue: new JsonLogger('ads-query-test', 'error') },
        { provide: AccountSyncs, useValue: new AccountSyncs() },
        AdsQueryService,
        RealtimeFigures,
      ],
    });
  });
  afterAll(async () => {
    // The test's real-time keys only (the Redis is shared).
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis?.disconnect();
  });

  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

  it('seed 003 "Get pending AI recommendations": GET /v1/ads/recommendations?status=pending answers the org’s own only', async () => {
    const { status, body } = await get('/v1/ads/recommendations?status=pending', userToken(one.h.orgId));
    expect(status).toBe(200);
    expect(body.items).toEqual([
      expect.objectContaining({ id: one.recommendation, status: 'pending', campaign_name: 'One campaign', platform: 'google', confidence_score: '0.80' }),
    ]);
    expect(ids((await get('/v1/ads/recommendations', userToken(two.h.orgId, 'marketer'))).body)).toEqual([two.recommendation]);
  });

  it('seed 003 "Get AI actions history": GET /v1/ads/actions?hours=24 lists the org’s executed actions; ?status=awaiting_approval the held ones', async () => {
    const history = await get('/v1/ads/actions?hours=24', userToken(one.h.orgId));
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({ id: one.executed, executed_by: 'ai_autonomous', campaign_name: 'One campaign', new_state: { budget: '120.00' } }),
    ]);
    expect(history.body.items[0].executed_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const held = await get('/v1/ads/actions?status=awaiting_approval', userToken(one.h.orgId));
    expect(held.body.items).toEqual([expect.objectContaining({ id: one.held, approval_required: true, executed_at: null })]);
  });

  it('seed 003 "Get active alerts": GET /v1/ads/alerts?active=true in severity order, resolved ones only with active=false', async () => {
    expect(ids((await get('/v1/ads/alerts?active=true', userToken(one.h.orgId))).body)).toEqual([one.critical, one.low]);
    expect(ids((await get('/v1/ads/alerts?active=false', userToken(one.h.orgId))).body).sort()).toEqual([one.critical, one.low, one.resolved].sort());
  });

  it('GET /v1/ads/budgets and /v1/ads/campaigns answer the org’s own; another org’s campaign is not found', async () => {
    const budgets = await get('/v1/ads/budgets', userToken(one.h.orgId));
    expect(budgets.body.items).toEqual([
      expect.objectContaining({ id: one.budget, period_start: '2026-04-01', total_budget: '1000.00', allocations: { google: 600, meta: 400 } }),
    ]);
    const campaigns = await get('/v1/ads/campaigns?platform=google', userToken(one.h.orgId));
    expect(campaigns.body).toMatchObject({ items: [{ id: one.campaign, name: 'One campaign' }], total: 1 });
    const mine = await get(`/v1/ads/campaigns/${one.campaign}`, userToken(one.h.orgId));
    expect(mine.body).toMatchObject({ id: one.campaign, open_alerts: 2, pending_recommendations: 1, account: { id: one.account, platform: 'google' } });
    const theirs = await get(`/v1/ads/campaigns/${two.campaign}`, userToken(one.h.orgId));
    expect(theirs).toMatchObject({ status: 404, body: { code: 'AD_CAMPAIGN_NOT_FOUND' } });
  });

  it('GET /v1/ads/realtime serves Redis’s running totals and last syncs beside PostgreSQL’s, for the org only', async () => {
    const { status, body } = await get('/v1/ads/realtime', userToken(one.h.orgId));
    expect(status).toBe(200);
    expect(body.redis.campaigns).toEqual([
      expect.objectContaining({ campaign_id: one.campaign, impressions: 10, spend_cents: 350, spend: '3.50', revenue: '9.00' }),
    ]);
    expect(body.redis.last_syncs).toEqual([{ account_id: one.account, synced_at: expect.any(String) }]);
    expect(body.postgres.platforms).toEqual([expect.objectContaining({ platform: 'google', spend: '3.50', revenue: '9.00' })]);
    expect(body.postgres.accounts.map((a: { id: string }) => a.id)).toEqual([one.account]);
    const other = await get('/v1/ads/realtime', userToken(two.h.orgId));
    expect(other.body.redis.campaigns).toEqual([]);
  });

  it('a service token with ads:read reads the org it names; without the scope, or without org_id, it is refused', async () => {
    expect(ids((await get(`/v1/ads/recommendations?org_id=${two.h.orgId}`, serviceToken('ads:read'))).body)).toEqual([two.recommendation]);
    expect(await get('/v1/ads/recommendations', serviceToken('ads:read'))).toMatchObject({ status: 400, body: { code: 'INVALID_QUERY' } });
    expect(await get(`/v1/ads/recommendations?org_id=${two.h.orgId}`, serviceToken('ads:write'))).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('a user reads only with the role analyst, marketer or admin (AD_ROLE_REQUIRED), only its own org, and only with a token', async () => {
    expect(await get('/v1/ads/alerts', userToken(one.h.orgId, 'recruiter'))).toMatchObject({ status: 403, body: { code: 'AD_ROLE_REQUIRED' } });
    expect(await get(`/v1/ads/alerts?org_id=${two.h.orgId}`, userToken(one.h.orgId, 'admin'))).toMatchObject({
      status: 403,
      body: { code: 'TENANT_MISMATCH' },
    });
    expect((await get('/v1/ads/alerts')).status).toBe(401);
  });

  it.each([
    ['recommendations?status=done', 'status must be one of pending, accepted, rejected, executed'],
    ['actions?hours=0', 'hours must be an integer from 1 to 720'],
    ['actions?status=awaiting_approval&hours=2', 'hours cannot be combined with status'],
    ['alerts?active=yes', 'active must be one of true, false'],
    ['budgets?limit=5000', 'limit must be an integer from 1 to 1000'],
    ['campaigns/not-a-uuid', 'id must be a UUID'],
    ['campaigns?colour=red', 'colour is not a parameter'],
  ])('GET /v1/ads/%s is refused with 400 INVALID_QUERY naming the parameter', async (path, message) => {
    const { status, body } = await get(`/v1/ads/${path}`, userToken(one.h.orgId));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'INVALID_QUERY' });
    expect(body.message).toContain(message);
  });
});
