import type { Pool } from 'pg';
import { CampaignNotYetProjectedError } from './ads.writer';
import { AdsHistory, useAdsSchemas } from './testing';

/** The row of `table` with this id, times as the projection stored them (UTC, ISO). */
const rowOf = async (pool: Pool, schema: string, table: string, id: string) =>
  (await pool.query(`SELECT to_jsonb(t) AS row FROM ${schema}.${table} t WHERE id = $1`, [id])).rows[0]?.row;

/** seed 003 stores instants in TIMESTAMP columns (UTC): what to_jsonb prints for an ISO instant (no zone, no trailing zeros). */
const ts = (iso: string) => iso.replace('Z', '').replace(/\.?0+$/, '');

describe('ads projection: the seed 003 tables kept from the ads events', () => {
  const schemas = useAdsSchemas();
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));

  it('seed 003 campaigns: a stub written by a metric fact is filled in by the registration; a change sets only its fields', async () => {
    const h = new AdsHistory();
    const account = h.connectAccount('google', 'acc-1');
    const { schema, runner } = await schemas.projectionIn('ads_campaigns');
    const campaign = h.registerCampaign(account, 'google', 'Spring sale', 'g-123');
    // What ./metrics inserts when a fact arrives before the registration.
    await pool.query(`INSERT INTO ${schema}.campaigns (id, org_id, platform, platform_campaign_id) VALUES ($1, $2, 'google', 'g-123')`, [campaign, h.orgId]);
    h.emit(`ads-campaign-${campaign}`, 'AdCampaignDetailsChanged', {
      campaignId: campaign,
      changes: { status: 'PAUSED', budgetAmount: '99.50' },
      changedAt: h.at(),
    });
    await runner.applyBatch(h.envelopes);
    expect(await rowOf(pool, schema, 'campaigns', campaign)).toMatchObject({
      org_id: h.orgId,
      account_id: account,
      platform: 'google',
      platform_campaign_id: 'g-123',
      name: 'Spring sale',
      status: 'PAUSED',
      objective: 'SALES',
      budget_amount: 99.5,
      budget_type: 'daily',
      start_date: '2026-03-01T00:00:00',
      end_date: null,
    });
  });

  it('ad_accounts: AdAccountSynced sets the last sync time, a failure its error, a disconnect the status', async () => {
    const h = new AdsHistory();
    const account = h.connectAccount('meta', 'act_9');
    h.synced(account);
    const last = h.synced(account);
    h.emit(`ads-account-${account}`, 'AdAccountSyncFailed', { accountId: account, syncId: 's3', error: 'rate limited', failedAt: h.at() });
    h.emit(`ads-account-${account}`, 'AdAccountDisconnected', { accountId: account, disconnectedAt: h.at() });
    const { schema, runner } = await schemas.projectionIn('ads_accounts');
    await runner.applyBatch(h.envelopes);
    expect(await rowOf(pool, schema, 'ad_accounts', account)).toMatchObject({
      org_id: h.orgId,
      platform: 'meta',
      platform_account_id: 'act_9',
      status: 'disconnected',
      last_synced_at: ts(last),
      last_sync_error: 'rate limited',
    });
  });

  it('seed 003 budget_allocations: the split as JSONB numbers, ai_suggested for the analyzer’s proposal', async () => {
    const h = new AdsHistory();
    const byPerson = h.setBudget('8000.00', { google: '5000.00', meta: '3000.00' });
    const byAi = h.setBudget('8000.00', { google: '4500.50', meta: '3499.50' }, true);
    const { schema, runner } = await schemas.projectionIn('ads_budgets');
    await runner.applyBatch(h.envelopes);
    expect(await rowOf(pool, schema, 'budget_allocations', byPerson)).toMatchObject({
      period_start: '2026-04-01',
      period_end: '2026-04-30',
      total_budget: 8000,
      allocations: { google: 5000, meta: 3000 },
      ai_suggested: false,
    });
    expect(await rowOf(pool, schema, 'budget_allocations', byAi)).toMatchObject({
      allocations: { google: 4500.5, meta: 3499.5 },
      ai_suggested: true,
      created_by: 'ai_analyzer',
    });
  });

  it('seed 003 ai_recommendations: pending → accepted → executed (executed_at), then result_metrics; or rejected', async () => {
    const h = new AdsHistory();
    const campaign = h.registerCampaign(h.connectAccount(), 'google', 'Shoes');
    const kept = h.propose(campaign, 0.83);
    const refused = h.propose(campaign, 0.55);
    h.recommendation(kept, 'RecommendationAccepted', { acceptedBy: 'user:marketer', acceptedAt: h.at() });
    const executedAt = h.at();
    h.recommendation(kept, 'RecommendationExecuted', { actionId: '00000000-0000-4000-8000-000000000001', executedAt });
    h.recommendation(kept, 'RecommendationResultRecorded', { resultMetrics: { before: { roas: '0.4' }, after: { roas: '1.9' } }, recordedAt: h.at() });
    h.recommendation(refused, 'RecommendationRejected', { rejectedBy: 'user:marketer', rejectedAt: h.at() });
    const { schema, runner } = await schemas.projectionIn('ads_recs');
    await runner.applyBatch(h.envelopes);
    expect(await rowOf(pool, schema, 'ai_recommendations', kept)).toMatchObject({
      status: 'executed',
      confidence_score: 0.83,
      executed_at: ts(executedAt),
      decided_by: 'user:marketer',
      result_metrics: { before: { roas: '0.4' }, after: { roas: '1.9' } },
    });
    expect(await rowOf(pool, schema, 'ai_recommendations', refused)).toMatchObject({ status: 'rejected', executed_at: null, result_metrics: null });
  });

  it('seed 003 ai_actions_log: held for approval, approved by a person (approved_by/at, executed_by the user), executed (executed_at, new_state)', async () => {
    const h = new AdsHistory();
    const campaign = h.registerCampaign(h.connectAccount(), 'google', 'Shoes');
    const action = h.requestAction(campaign, { approvalRequired: true });
    h.action(action, 'AdActionAwaitingApproval', { reason: 'MAX_CHANGE_PER_ACTION', expiresAt: h.at() });
    const { schema, runner } = await schemas.projectionIn('ads_actions');
    await runner.applyBatch(h.envelopes);
    expect(await rowOf(pool, schema, 'ai_actions_log', action)).toMatchObject({
      status: 'awaiting_approval',
      approval_required: true,
      executed_at: null,
      executed_by: null,
      awaiting_reason: 'MAX_CHANGE_PER_ACTION',
      previous_state: { budget: '150.00' },
      reasoning: 'ROAS below target for three days',
      confidence: 0.87,
    });
    const approvedAt = h.at();
    h.action(action, 'AdActionApproved', { executedBy: 'user:marketer', approvedBy: 'user:marketer', approvedAt });
    h.action(action, 'AdActionAttemptFailed', { attempt: 1, error: 'platform 503', retryAt: h.at() });
    const executedAt = h.at();
    h.action(action, 'AdActionExecuted', { attempt: 2, newState: { budget: '120.00', platformAck: 'ok' }, executedAt });
    await runner.applyBatch(h.envelopes);
    expect(await rowOf(pool, schema, 'ai_actions_log', action)).toMatchObject({
      status: 'executed',
      approval_required: true,
      approved_by: 'user:marketer',
      approved_at: ts(approvedAt),
      executed_by: 'user:marketer',
      executed_at: ts(executedAt),
      new_state: { budget: '120.00', platformAck: 'ok' },
      attempts: 2,
    });
  });

  it('ai_actions_log: an action that never runs ends dead_lettered, expired or rejected, and is not in the history (executed_at NULL)', async () => {
    const h = new AdsHistory();
    const campaign = h.registerCampaign(h.connectAccount(), 'google', 'Shoes');
    const failing = h.requestAction(campaign, { approvalRequired: false });
    h.action(failing, 'AdActionApproved', { executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null });
    h.action(failing, 'AdActionDeadLettered', { attempt: 5, error: 'platform 400', deadLetteredAt: h.at() });
    const expiring = h.requestAction(campaign, { approvalRequired: true });
    h.action(expiring, 'AdActionExpired', { expiredAt: h.at() });
    const refused = h.requestAction(campaign, { approvalRequired: true });
    h.action(refused, 'AdActionRejected', { rejectedBy: 'user:admin', rejectedAt: h.at() });
    const { schema, runner } = await schemas.projectionIn('ads_actions_end');
    await runner.applyBatch(h.envelopes);
    expect(await rowOf(pool, schema, 'ai_actions_log', failing)).toMatchObject({
      status: 'dead_lettered',
      attempts: 5,
      last_error: 'platform 400',
      executed_at: null,
      executed_by: 'ai_autonomous',
    });
    expect(await rowOf(pool, schema, 'ai_actions_log', expiring)).toMatchObject({ status: 'expired', executed_at: null });
    expect(await rowOf(pool, schema, 'ai_actions_log', refused)).toMatchObject({ status: 'rejected', executed_at: null });
  });

  it('seed 003 alerts: a repeat updates the open alert, acknowledge sets acknowledged_at/by, resolution resolved_at (automatic: resolved_by auto)', async () => {
    const h = new AdsHistory();
    const campaign = h.registerCampaign(h.connectAccount(), 'google', 'Shoes');
    const alert = h.raiseAlert(campaign, 'ROAS_DROP', 'MEDIUM');
    h.alert(campaign, 'ROAS_DROP', 'AlertUpdated', {
      alertId: alert,
      severity: 'CRITICAL',
      message: 'ROAS 0.2 vs 2.0',
      metricValue: '0.2000',
      thresholdValue: '2.0000',
      updatedAt: h.at(),
    });
    const acknowledgedAt = h.at();
    h.alert(campaign, 'ROAS_DROP', 'AlertAcknowledged', { alertId: alert, acknowledgedBy: 'user:marketer', acknowledgedAt });
    const { schema, runner } = await schemas.projectionIn('ads_alerts');
    await runner.applyBatch(h.envelopes);
    expect(await rowOf(pool, schema, 'alerts', alert)).toMatchObject({
      alert_type: 'ROAS_DROP',
      severity: 'CRITICAL',
      message: 'ROAS 0.2 vs 2.0',
      metric_name: 'roas',
      metric_value: 0.2,
      threshold_value: 2,
      acknowledged_at: ts(acknowledgedAt),
      acknowledged_by: 'user:marketer',
      resolved_at: null,
    });
    const resolvedAt = h.at();
    h.alert(campaign, 'ROAS_DROP', 'AlertResolved', { alertId: alert, resolvedAt, resolvedBy: 'auto' });
    await runner.applyBatch(h.envelopes);
    expect(await rowOf(pool, schema, 'alerts', alert)).toMatchObject({ resolved_at: ts(resolvedAt), resolved_by: 'auto' });
  });

  it('seed 003 alerts.campaign_id REFERENCES campaigns(id): an alert whose campaign is not projected yet is retried, not dead-lettered', async () => {
    const h = new AdsHistory();
    const campaign = h.registerCampaign(h.connectAccount(), 'google', 'Shoes');
    const registration = h.envelopes.length;
    const alert = h.raiseAlert(campaign, 'ROAS_DROP', 'HIGH');
    const { schema, runner } = await schemas.projectionIn('ads_fk');
    // The alert's partition is applied before the campaign's.
    await expect(runner.applyBatch(h.envelopes.slice(registration))).rejects.toBeInstanceOf(CampaignNotYetProjectedError);
    expect(await pool.query(`SELECT 1 FROM ${schema}.projection_dead_letters`)).toMatchObject({ rowCount: 0 });
    await runner.applyBatch(h.envelopes.slice(0, registration));
    await runner.applyBatch(h.envelopes.slice(registration));
    expect(await rowOf(pool, schema, 'alerts', alert)).toMatchObject({ campaign_id: campaign, severity: 'HIGH' });
  });
});
