import type { EventEnvelope } from '@campaign/contracts';
import { dumpTables } from '@campaign/testing';
import type { Pool } from 'pg';
import { ADS_TABLES } from './ads.schema';
import { ACTIONS_HISTORY, ACTIVE_ALERTS, CAMPAIGN_PERFORMANCE_7_DAYS, PENDING_RECOMMENDATIONS } from './seed-queries';
import { AdsHistory, useAdsSchemas } from './testing';

/** Two campaigns with recommendations, actions and alerts in every state the seed's queries tell apart. */
const world = () => {
  const h = new AdsHistory();
  const google = h.connectAccount('google');
  const meta = h.connectAccount('meta');
  const shoes = h.registerCampaign(google, 'google', 'Shoes');
  const hats = h.registerCampaign(meta, 'meta', 'Hats');
  const low = h.propose(shoes, 0.61);
  const high = h.propose(hats, 0.92);
  const sameHigh = h.propose(shoes, 0.92);
  const accepted = h.propose(hats, 0.99);
  h.recommendation(accepted, 'RecommendationAccepted', { acceptedBy: 'user:marketer', acceptedAt: h.at() });
  const executed = h.requestAction(shoes, { approvalRequired: false });
  h.action(executed, 'AdActionApproved', { executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null });
  h.action(executed, 'AdActionExecuted', { attempt: 1, newState: { budget: '120.00' }, executedAt: h.at() });
  const later = h.requestAction(hats, { approvalRequired: false });
  h.action(later, 'AdActionApproved', { executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null });
  h.action(later, 'AdActionExecuted', { attempt: 2, newState: { budget: '90.00' }, executedAt: h.at() });
  const waiting = h.requestAction(hats, { approvalRequired: true });
  h.action(waiting, 'AdActionAwaitingApproval', { reason: 'CONFIDENCE_BELOW_FLOOR', expiresAt: h.at() });
  const lowAlert = h.raiseAlert(shoes, 'ZERO_CONVERSIONS', 'LOW');
  const critical = h.raiseAlert(hats, 'ROAS_DROP', 'CRITICAL');
  const high1 = h.raiseAlert(shoes, 'CPA_SPIKE', 'HIGH');
  const resolved = h.raiseAlert(hats, 'CPA_SPIKE', 'CRITICAL');
  h.alert(hats, 'CPA_SPIKE', 'AlertResolved', { alertId: resolved, resolvedAt: h.at(), resolvedBy: 'auto' });
  return { h, shoes, hats, low, high, sameHigh, executed, later, waiting, lowAlert, critical, high1 };
};

describe('ads seed queries run unmodified against the projection (seed 003 Sample Queries)', () => {
  const schemas = useAdsSchemas();
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));

  /** Runs a seed query as printed, with search_path set to the projection's schema (as an analyst would). */
  const seedQuery = async (schema: string, sql: string) => {
    const client = await pool.connect();
    try {
      await client.query(`SET search_path TO ${schema}`);
      return (await client.query(sql)).rows;
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  };

  it('seed 003 "Get pending AI recommendations": pending only, by confidence_score DESC then created_at ASC, with campaign name and platform', async () => {
    const w = world();
    const { schema, runner } = await schemas.projectionIn('ads_seedq2');
    await runner.applyBatch(w.h.envelopes);
    const rows = await seedQuery(schema, PENDING_RECOMMENDATIONS);
    expect(rows.map((r) => [r.id, r.confidence_score, r.status, r.campaign_name, r.platform])).toEqual([
      [w.high, '0.92', 'pending', 'Hats', 'meta'],
      [w.sameHigh, '0.92', 'pending', 'Shoes', 'google'],
      [w.low, '0.61', 'pending', 'Shoes', 'google'],
    ]);
  });

  it('seed 003 "Get AI actions history": actions executed in the last 24 hours, newest first, with campaign name', async () => {
    const w = world();
    const { schema, runner } = await schemas.projectionIn('ads_seedq3');
    await runner.applyBatch(w.h.envelopes);
    const rows = await seedQuery(schema, ACTIONS_HISTORY);
    expect(rows.map((r) => [r.id, r.executed_by, r.campaign_name, r.new_state])).toEqual([
      [w.later, 'ai_autonomous', 'Hats', { budget: '90.00' }],
      [w.executed, 'ai_autonomous', 'Shoes', { budget: '120.00' }],
    ]);
  });

  it('seed 003 "Get active alerts": unresolved only, CRITICAL → LOW, then newest first, with campaign name', async () => {
    const w = world();
    const { schema, runner } = await schemas.projectionIn('ads_seedq4');
    await runner.applyBatch(w.h.envelopes);
    const rows = await seedQuery(schema, ACTIVE_ALERTS);
    expect(rows.map((r) => [r.id, r.severity, r.campaign_name])).toEqual([
      [w.critical, 'CRITICAL', 'Hats'],
      [w.high1, 'HIGH', 'Shoes'],
      [w.lowAlert, 'LOW', 'Shoes'],
    ]);
  });

  it('seed 003 "Get campaign performance (last 7 days)": sums per campaign from campaign_metrics, ROAS and CPA, best ROAS first', async () => {
    const w = world();
    const { schema, runner } = await schemas.projectionIn('ads_seedq1');
    await runner.applyBatch(w.h.envelopes);
    // Rows as the metric facts consumer writes them (./metrics); one 8 days old stays out of the window.
    await pool.query(
      `INSERT INTO ${schema}.campaign_metrics (time, campaign_id, impressions, clicks, spend, conversions, revenue)
       VALUES (date_trunc('hour', NOW()::timestamp) - INTERVAL '1 day', $1, 1000, 50, 100.00, 4, 300.00),
              (date_trunc('hour', NOW()::timestamp) - INTERVAL '2 days', $1, 1000, 50, 100.00, 6, 100.00),
              (date_trunc('hour', NOW()::timestamp) - INTERVAL '8 days', $1, 1000, 50, 999.00, 1, 0.00),
              (date_trunc('hour', NOW()::timestamp) - INTERVAL '1 day', $2, 500, 10, 50.00, 0, 250.00)`,
      [w.shoes, w.hats],
    );
    const rows = await seedQuery(schema, CAMPAIGN_PERFORMANCE_7_DAYS);
    expect(rows.map((r) => [r.name, r.platform, r.total_spend, r.total_revenue, Number(r.roas), r.total_conversions, r.cpa && Number(r.cpa)])).toEqual([
      ['Hats', 'meta', '50.00', '250.00', 5, '0', null],
      ['Shoes', 'google', '200.00', '400.00', 2, '10', 20],
    ]);
  });

  it('a projection fed each event twice equals one fed once (redelivery changes nothing)', async () => {
    const events: EventEnvelope[] = world().h.envelopes;
    const once = await schemas.projectionIn('ads_once');
    await once.runner.applyBatch(events);
    const twice = await schemas.projectionIn('ads_twice');
    for (const event of events) await twice.runner.applyBatch([event, event]);
    expect(await twice.runner.applyBatch(events)).toMatchObject({ applied: 0, skipped: events.length });
    expect(await dumpTables(pool, twice.schema, ADS_TABLES)).toEqual(await dumpTables(pool, once.schema, ADS_TABLES));
  });
});
