import { randomUUID } from 'node:crypto';
import type { CommandEnvelope } from '@campaign/contracts';
import { ads } from '@campaign/domain';
import { KafkaCommandClient } from '@campaign/messaging';
import { JsonLogger, signJwt } from '@campaign/runtime';
import { testCommandSigner, testKafka } from '@campaign/testing';
import { type Actor, actor, call, type CommandApp, startCommandApp, TEST_JWT_SECRET } from '../../testing';

/**
 * The HTTP doors to alerts, recommendations and guarded actions (seed 003, issue 12 points 5–7)
 * against the real event store and Kafka: the evaluator, the analyzer and the AI speak as a
 * service over `<prefix>ads.commands`; people act over HTTP with their JWT's org and role.
 */
describe('ads insight HTTP doors (alerts, recommendations, guarded actions)', () => {
  let app: CommandApp;
  let admin: Actor;
  let marketer: Actor;
  let analyst: Actor;
  let stranger: Actor;
  /** A person of the org whose token carries no role. */
  let roleless: string;
  let service: KafkaCommandClient;
  let campaignId: string;
  const kafka = testKafka();

  const envelope = (type: string, data: unknown): CommandEnvelope => ({
    commandId: randomUUID(),
    type,
    schemaVersion: 1,
    context: 'ads',
    issuedAt: new Date().toISOString(),
    actor: 'service:ads-analyzer',
    correlationId: null,
    causationId: null,
    tenant: admin.orgId,
    data,
  });
  const sendAsService = (type: string, data: Record<string, unknown>, key: string) => service.send(envelope(type, data), key);
  const eventsOf = async (streamId: string) => (await app.store.readStream(streamId)).events;
  const automationEvents = async () => eventsOf(ads.automationStreamId(admin.orgId));
  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    app = await startCommandApp();
    const orgId = randomUUID();
    admin = actor('admin', orgId);
    marketer = actor('marketer', orgId);
    analyst = actor('analyst', orgId);
    stranger = actor('marketer');
    roleless = signJwt({ sub: randomUUID(), org_id: orgId, exp: Math.floor(Date.now() / 1000) + 3_600 }, TEST_JWT_SECRET);
    service = new KafkaCommandClient(
      kafka,
      {
        context: 'ads',
        topicPrefix: app.config.TOPIC_PREFIX,
        instanceId: randomUUID(),
        clientName: 'ads-insight-test',
        timeoutMs: 60_000,
        signer: testCommandSigner(['ads:service']),
      },
      new JsonLogger('test', 'error'),
    );
    await service.start();
    // The org's Google account and one of its campaigns (H1's doors).
    const platformAccountId = `acc-${randomUUID()}`;
    const connected = await call(app, 'POST', '/v1/ads/accounts', admin, {
      platform: 'google',
      platform_account_id: platformAccountId,
      name: 'Acme Search',
      currency: 'EUR',
      time_zone: 'Europe/Berlin',
    });
    expect(connected).toMatchObject({ status: 201 });
    const registered = await call(app, 'POST', '/v1/ads/campaigns', admin, {
      account_id: connected.body['accountId'],
      platform: 'google',
      platform_campaign_id: `cmp-${randomUUID()}`,
      name: 'Brand – DACH',
    });
    expect(registered).toMatchObject({ status: 201 });
    campaignId = registered.body.campaignId as string;
  });
  afterAll(async () => {
    await service?.stop();
    await app?.stop();
  });

  describe('alerts (issue 12 point 5)', () => {
    const raise = (severity: string, metricValue: string) =>
      sendAsService(
        'RaiseAlert',
        {
          campaignId,
          alertType: 'ROAS_DROP',
          severity,
          platform: 'google',
          message: `ROAS at ${metricValue}`,
          metricName: 'roas',
          metricValue,
          thresholdValue: '2.0000',
        },
        ads.alertStreamId(campaignId, 'ROAS_DROP'),
      );
    const path = (verb: string) => `/v1/ads/alerts/${campaignId}/roas_drop/${verb}`;

    // seed 003 alerts / issue 12: one open alert per campaign and rule — a repeat updates it, it does not duplicate.
    it('one open alert per campaign and rule: the evaluator raises it, a repeat updates it', async () => {
      expect(await raise('HIGH', '1.2000')).toMatchObject({ status: 'ACCEPTED' });
      expect(await raise('CRITICAL', '0.5000')).toMatchObject({ status: 'ACCEPTED' });
      const events = await eventsOf(ads.alertStreamId(campaignId, 'ROAS_DROP'));
      expect(events.map((e) => e.type)).toEqual(['AlertRaised', 'AlertUpdated']);
      expect(events[1].data).toMatchObject({ alertId: (events[0].data as { alertId: string }).alertId, severity: 'CRITICAL', metricValue: '0.5000' });
    });

    it('acknowledge by a person: an analyst or a token without a role gets 403 AD_ROLE_REQUIRED', async () => {
      expect(await call(app, 'POST', path('acknowledge'), analyst)).toMatchObject({ status: 403, body: { code: 'AD_ROLE_REQUIRED' } });
      expect(await call(app, 'POST', path('acknowledge'), roleless)).toMatchObject({ status: 403, body: { code: 'AD_ROLE_REQUIRED' } });
    });

    it('another org cannot see the alert (404 ALERT_NOT_FOUND)', async () => {
      expect(await call(app, 'POST', path('acknowledge'), stranger)).toMatchObject({ status: 404, body: { code: 'ALERT_NOT_FOUND' } });
    });

    it('a marketer acknowledges and resolves it; resolving again is 409 ALERT_NOT_OPEN', async () => {
      expect(await call(app, 'POST', path('acknowledge'), marketer)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
      expect(await call(app, 'POST', path('resolve'), marketer)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
      const events = await eventsOf(ads.alertStreamId(campaignId, 'ROAS_DROP'));
      expect(events.slice(-2).map((e) => [e.type, e.data])).toEqual([
        ['AlertAcknowledged', expect.objectContaining({ acknowledgedBy: marketer.sub })],
        ['AlertResolved', expect.objectContaining({ resolvedBy: marketer.sub })],
      ]);
      expect(await call(app, 'POST', path('resolve'), marketer)).toMatchObject({ status: 409, body: { code: 'ALERT_NOT_OPEN' } });
    });
  });

  describe('recommendations (issue 12 point 6)', () => {
    const propose = async (
      action: Record<string, unknown> | null = {
        actionType: 'PAUSE',
        platform: 'google',
        previousState: { status: 'ENABLED' },
        newState: { status: 'PAUSED' },
        changeAmount: '0.00',
      },
    ) => {
      const recommendationId = randomUUID();
      const data = {
        recommendationId,
        campaignId,
        recommendationType: 'PAUSE_CAMPAIGN',
        text: 'Spending without conversions',
        confidence: 0.9,
        provider: 'statistical',
        action,
        baseline: { spend: '300.00' },
      };
      expect(await sendAsService('ProposeRecommendation', data, ads.recommendationStreamId(recommendationId))).toMatchObject({ status: 'ACCEPTED' });
      return recommendationId;
    };

    it('status pending → accepted by a marketer, whose acceptance approves its action (executed_by the user)', async () => {
      const recommendationId = await propose();
      const answer = await call(app, 'POST', `/v1/ads/recommendations/${recommendationId}/accept`, marketer);
      expect(answer).toMatchObject({ status: 200, body: { status: 'ACCEPTED', recommendationId, action: { status: 'ACCEPTED' } } });
      const actionId = (answer.body['action'] as { actionId: string }).actionId;
      const events = (await automationEvents()).filter((e) => (e.data as { actionId?: string }).actionId === actionId);
      expect(events.map((e) => [e.type, e.data])).toEqual([
        ['AdActionRequested', expect.objectContaining({ recommendationId, actionType: 'PAUSE', approvalRequired: false, requestedBy: marketer.sub })],
        ['AdActionApproved', expect.objectContaining({ executedBy: marketer.sub, approvedBy: marketer.sub })],
      ]);
      const again = await call(app, 'POST', `/v1/ads/recommendations/${recommendationId}/accept`, marketer);
      expect(again).toMatchObject({ status: 409, body: { code: 'RECOMMENDATION_NOT_PENDING' } });
    });

    it('status pending → rejected; an analyst may not, another org does not find it', async () => {
      const recommendationId = await propose(null);
      expect(await call(app, 'POST', `/v1/ads/recommendations/${recommendationId}/reject`, analyst)).toMatchObject({
        status: 403,
        body: { code: 'AD_ROLE_REQUIRED' },
      });
      expect(await call(app, 'POST', `/v1/ads/recommendations/${recommendationId}/reject`, stranger)).toMatchObject({
        status: 404,
        body: { code: 'RECOMMENDATION_NOT_FOUND' },
      });
      expect(await call(app, 'POST', `/v1/ads/recommendations/${recommendationId}/reject`, admin)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    });
  });

  describe('guarded actions (issue 12 point 7)', () => {
    const guardrails = {
      autonomous_enabled: true,
      confidence_floor: 0.8,
      max_change_per_action: '100.00',
      max_change_per_day: '500.00',
      approval_ttl_hours: 24,
    };
    const aiRequest = async (confidence: number, changeAmount = '50.00') => {
      const actionId = randomUUID();
      const data = {
        actionId,
        campaignId,
        actionType: 'BUDGET_CHANGE',
        platform: 'google',
        previousState: { budgetAmount: '100.00' },
        newState: { budgetAmount: '150.00' },
        reasoning: 'ROAS 4.2',
        confidence,
        changeAmount,
      };
      expect(await sendAsService('RequestAdAction', data, ads.automationStreamId(admin.orgId))).toMatchObject({ status: 'ACCEPTED' });
      return actionId;
    };
    const eventsOfAction = async (actionId: string) => (await automationEvents()).filter((e) => (e.data as { actionId?: string }).actionId === actionId);

    beforeAll(async () => {
      // Only an admin sets the guardrails.
      expect(await call(app, 'PUT', '/v1/ads/guardrails', marketer, guardrails)).toMatchObject({ status: 403, body: { code: 'AD_ROLE_REQUIRED' } });
      expect(await call(app, 'PUT', '/v1/ads/guardrails', admin, guardrails)).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
      const month = today().slice(0, 7);
      const budget = await call(app, 'POST', '/v1/ads/budgets', admin, {
        period_start: `${month}-01`,
        period_end: `${month}-${lastDay(month)}`,
        total_budget: '2000.00',
        allocations: { google: '1000.00' },
      });
      expect(budget).toMatchObject({ status: 201 });
    });

    it('inside the guardrails and the budget allocation the AI approves it: executed_by ai_autonomous', async () => {
      const actionId = await aiRequest(0.9);
      expect((await eventsOfAction(actionId)).map((e) => [e.type, e.data])).toEqual([
        ['AdActionRequested', expect.objectContaining({ approvalRequired: false, confidence: 0.9 })],
        ['AdActionApproved', { actionId, executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null }],
      ]);
    });

    it('confidence floor: below it the action waits for approval; approval without a role is 403 AD_ROLE_REQUIRED', async () => {
      const actionId = await aiRequest(0.5);
      expect((await eventsOfAction(actionId)).map((e) => [e.type, e.data])).toEqual([
        ['AdActionRequested', expect.objectContaining({ approvalRequired: true })],
        ['AdActionAwaitingApproval', expect.objectContaining({ reason: 'CONFIDENCE_BELOW_FLOOR' })],
      ]);
      expect(await call(app, 'POST', `/v1/ads/actions/${actionId}/approve`, roleless)).toMatchObject({ status: 403, body: { code: 'AD_ROLE_REQUIRED' } });
    });

    it('an analyst cannot approve (403); another org cannot see or approve it (404)', async () => {
      const actionId = await aiRequest(0.5);
      expect(await call(app, 'POST', `/v1/ads/actions/${actionId}/approve`, analyst)).toMatchObject({ status: 403, body: { code: 'AD_ROLE_REQUIRED' } });
      expect(await call(app, 'POST', `/v1/ads/actions/${actionId}/approve`, stranger)).toMatchObject({ status: 404, body: { code: 'AD_ACTION_NOT_FOUND' } });
      expect((await eventsOfAction(actionId)).map((e) => e.type)).toEqual(['AdActionRequested', 'AdActionAwaitingApproval']);
    });

    it('a marketer approves a held action once (approved_by, approved_at); a second approval is 409', async () => {
      const actionId = await aiRequest(0.5);
      expect(await call(app, 'POST', `/v1/ads/actions/${actionId}/approve`, marketer)).toMatchObject({ status: 200, body: { status: 'ACCEPTED', actionId } });
      const approved = (await eventsOfAction(actionId)).at(-1);
      expect(approved).toMatchObject({
        type: 'AdActionApproved',
        data: { executedBy: marketer.sub, approvedBy: marketer.sub, approvedAt: expect.any(String) },
      });
      expect(await call(app, 'POST', `/v1/ads/actions/${actionId}/approve`, admin)).toMatchObject({ status: 409, body: { code: 'AD_ACTION_INVALID_STATUS' } });
    });

    it('max change per action: above it the action waits; an admin rejects it', async () => {
      const actionId = await aiRequest(0.95, '100.01');
      expect((await eventsOfAction(actionId)).at(-1)).toMatchObject({ data: { reason: 'CHANGE_ABOVE_MAX_PER_ACTION' } });
      expect(await call(app, 'POST', `/v1/ads/actions/${actionId}/reject`, admin)).toMatchObject({ status: 200 });
      expect((await eventsOfAction(actionId)).at(-1)).toMatchObject({ type: 'AdActionRejected', data: { rejectedBy: admin.sub } });
    });

    it('a person asks for an action: asking approves it (201), an analyst may not ask (403)', async () => {
      const body = {
        campaign_id: campaignId,
        action_type: 'PAUSE',
        platform: 'google',
        previous_state: { status: 'ENABLED' },
        new_state: { status: 'PAUSED' },
        change_amount: 0,
        reasoning: 'holiday',
      };
      expect(await call(app, 'POST', '/v1/ads/actions', analyst, body)).toMatchObject({ status: 403, body: { code: 'AD_ROLE_REQUIRED' } });
      const answer = await call(app, 'POST', '/v1/ads/actions', marketer, body);
      expect(answer).toMatchObject({ status: 201, body: { status: 'ACCEPTED' } });
      const events = await eventsOfAction(answer.body['actionId'] as string);
      expect(events.map((e) => e.type)).toEqual(['AdActionRequested', 'AdActionApproved']);
      expect(await call(app, 'POST', '/v1/ads/actions', marketer, { ...body, action_type: 'DELETE' })).toMatchObject({
        status: 422,
        body: { code: 'AD_ACTION_INVALID', details: { field: 'action_type' } },
      });
    });
  });

  it('describes every alerts, recommendations and actions path in /openapi.json', async () => {
    const document = (await (await fetch(`${app.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(document.paths['/v1/ads/guardrails']).toHaveProperty('put');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/ads/alerts/{campaignId}/{alertType}/acknowledge',
        '/v1/ads/alerts/{campaignId}/{alertType}/resolve',
        '/v1/ads/recommendations/{recommendationId}/accept',
        '/v1/ads/recommendations/{recommendationId}/reject',
        '/v1/ads/actions',
        '/v1/ads/actions/{actionId}/approve',
        '/v1/ads/actions/{actionId}/reject',
      ]),
    );
  });
});

/** The last day of a YYYY-MM month. */
const lastDay = (month: string): string => {
  const [year, m] = month.split('-').map(Number);
  return String(new Date(Date.UTC(year, m, 0)).getUTCDate());
};
