import { randomUUID } from 'node:crypto';
import { waitFor } from '@campaign/testing';
import { type AlertingBed, hourlyFacts, produceEvent, produceFacts, startAlertingBed } from './testing';
import { derivedId } from './derived-id';
import { DAY_MS, HOUR_MS } from './window-totals';

// seed 003 AI Recommendations and ai_actions_log (issue 12 point 6), over real Kafka and
// PostgreSQL: the analyzer proposes from the facts, asks for autonomous actions inside the
// guardrails, keeps one pending per campaign and type, and answers the result requests.
describe('ads insights: recommendations from the facts, results from the buckets', () => {
  let bed: AlertingBed;
  const now = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  // The day the analyzer closes: that of the last hourly fact (now - 1 h). In the first hour of a
  // UTC day it is yesterday, not today (the spec failed between 00:00 and 01:00).
  const windowEnd = Math.floor((now - HOUR_MS) / DAY_MS) * DAY_MS;

  beforeAll(async () => {
    bed = await startAlertingBed({ analyzer: true });
  }, 60_000);
  afterAll(() => bed.close());

  const register = (orgId: string, campaignId: string, name: string, platform = 'google') =>
    produceEvent(bed.producer, bed.prefix, {
      type: 'AdCampaignRegistered',
      streamId: `ads-campaign-${campaignId}`,
      tenant: orgId,
      data: {
        campaignId,
        orgId,
        accountId: randomUUID(),
        platform,
        platformCampaignId: `pc-${campaignId.slice(0, 8)}`,
        name,
        status: 'ENABLED',
        objective: null,
        budgetAmount: '100.00',
        budgetType: 'daily',
        startDate: null,
        endDate: null,
        registeredAt: new Date().toISOString(),
      },
    });
  const row = async (sql: string, params: unknown[]) => (await bed.pool.query(sql, params)).rows[0];

  it('PAUSE_CAMPAIGN proposed for spend without conversions, asked as an autonomous action inside the guardrails; a pending one is not proposed twice', async () => {
    const orgId = randomUUID();
    const idle = { orgId, campaignId: randomUUID() };
    const pending = { orgId, campaignId: randomUUID() };
    await register(orgId, idle.campaignId, 'Idle search');
    await register(orgId, pending.campaignId, 'Already flagged');
    await produceEvent(bed.producer, bed.prefix, {
      type: 'AutomationGuardrailsSet',
      streamId: `ads-automation-${orgId}`,
      tenant: orgId,
      data: {
        orgId,
        autonomousEnabled: true,
        confidenceFloor: 0.8,
        maxChangePerAction: '500.00',
        maxChangePerDay: '1000.00',
        approvalTtlHours: 24,
        setBy: 'admin-1',
        setAt: new Date().toISOString(),
      },
    });
    const earlier = randomUUID();
    await produceEvent(bed.producer, bed.prefix, {
      type: 'RecommendationProposed',
      streamId: `ads-recommendation-${earlier}`,
      tenant: orgId,
      data: {
        recommendationId: earlier,
        orgId,
        campaignId: pending.campaignId,
        recommendationType: 'PAUSE_CAMPAIGN',
        text: 'Pause it',
        confidence: 0.9,
        provider: 'statistical',
        action: null,
        baseline: {},
        proposedAt: new Date().toISOString(),
      },
    });
    await waitFor(
      'the guardrails and the pending recommendation',
      async () =>
        (await row(`SELECT count(*)::int AS n FROM "${bed.schema}".alerting_recommendations WHERE org_id = $1`, [orgId])).n === 1 &&
        (await row(`SELECT count(*)::int AS n FROM "${bed.schema}".alerting_guardrails WHERE org_id = $1`, [orgId])).n === 1,
    );
    await waitFor(
      'the campaigns in the directory',
      async () => (await row(`SELECT count(*)::int AS n FROM "${bed.schema}".campaigns WHERE org_id = $1`, [orgId])).n === 2,
    );

    // Two days at 10.00 an hour without a conversion, up to now.
    const facts = [
      ...hourlyFacts(idle, windowEnd - 2 * DAY_MS, now, { conversions: 0, revenueCents: 0 }),
      ...hourlyFacts(pending, windowEnd - 2 * DAY_MS, now, { conversions: 0, revenueCents: 0 }),
    ];
    await produceFacts(bed.producer, bed.prefix, facts);

    const proposed = await bed.commandSide.waitFor('ProposeRecommendation', idle.campaignId);
    const recommendationId = derivedId(idle.campaignId, 'PAUSE_CAMPAIGN', windowEnd);
    expect(proposed.commandId).toBe(recommendationId);
    expect(proposed.tenant).toBe(orgId);
    expect(proposed.data).toMatchObject({
      recommendationId,
      recommendationType: 'PAUSE_CAMPAIGN',
      provider: 'statistical',
      text: expect.stringContaining('Idle search'),
      action: { actionType: 'PAUSE', platform: 'google', previousState: { status: 'ENABLED' }, newState: { status: 'paused' }, changeAmount: '100.00' },
      baseline: { current: { spend: '240.00', conversions: 0 } },
    });
    // λ = 240.00 / 50.00 = 4.8 expected conversions: 1 − e^−4.8 = 0.99 ≥ the 0.80 floor.
    expect((proposed.data as { confidence: number }).confidence).toBe(0.99);
    const action = await bed.commandSide.waitFor('RequestAdAction', idle.campaignId);
    expect(action.data).toMatchObject({
      actionId: derivedId(recommendationId, 'action'),
      recommendationId,
      actionType: 'PAUSE',
      confidence: 0.99,
      changeAmount: '100.00',
    });

    await waitFor(
      'the analysis recorded',
      async () => (await row(`SELECT proposals FROM "${bed.schema}".alerting_analyses WHERE org_id = $1`, [orgId]))?.proposals === 1,
    );
    expect(bed.commandSide.of('ProposeRecommendation', pending.campaignId)).toEqual([]);
  }, 90_000);

  it('BUDGET_REALLOCATION toward the higher marginal ROAS, and an ai_suggested split of the period moved toward the better platform', async () => {
    const orgId = randomUUID();
    const strong = { orgId, campaignId: randomUUID(), platform: 'google' };
    const weak = { orgId, campaignId: randomUUID(), platform: 'meta' };
    await register(orgId, strong.campaignId, 'Strong search', 'google');
    await register(orgId, weak.campaignId, 'Weak feed', 'meta');
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const allocationId = randomUUID();
    await produceEvent(bed.producer, bed.prefix, {
      type: 'BudgetAllocationSet',
      streamId: `ads-budgets-${orgId}`,
      tenant: orgId,
      data: {
        allocationId,
        orgId,
        periodStart: day(windowEnd - 10 * DAY_MS),
        periodEnd: day(windowEnd + 10 * DAY_MS),
        totalBudget: '10000.00',
        allocations: { google: '5000.00', meta: '5000.00' },
        aiSuggested: false,
        createdBy: 'marketer-1',
        createdAt: new Date().toISOString(),
      },
    });
    await waitFor(
      'the allocation',
      async () => (await row(`SELECT count(*)::int AS n FROM "${bed.schema}".alerting_budget_allocations WHERE org_id = $1`, [orgId])).n === 1,
    );
    await waitFor(
      'the campaigns in the directory',
      async () => (await row(`SELECT count(*)::int AS n FROM "${bed.schema}".campaigns WHERE org_id = $1`, [orgId])).n === 2,
    );

    // The day before the window at 10.00 an hour; in the window the strong one spent 20.00 for
    // 100.00 (marginal ROAS 9), the weak one 20.00 for 12.00 (marginal ROAS 0.2).
    const before = windowEnd - DAY_MS;
    await produceFacts(bed.producer, bed.prefix, [
      ...hourlyFacts(strong, before - DAY_MS, before, { spendCents: 1000, revenueCents: 1000, conversions: 1 }),
      ...hourlyFacts(strong, before, now, { spendCents: 2000, revenueCents: 10_000, conversions: 2 }),
      ...hourlyFacts(weak, before - DAY_MS, before, { spendCents: 1000, revenueCents: 1000, conversions: 1 }),
      ...hourlyFacts(weak, before, now, { spendCents: 2000, revenueCents: 1200, conversions: 1 }),
    ]);

    const realloc = await bed.commandSide.waitFor('ProposeRecommendation', weak.campaignId, (d) => d.recommendationType === 'BUDGET_REALLOCATION');
    expect(realloc.data).toMatchObject({
      action: {
        actionType: 'REALLOCATE',
        platform: 'meta',
        changeAmount: '20.00',
        previousState: { from: { campaignId: weak.campaignId, budgetAmount: '100.00' }, to: { campaignId: strong.campaignId, budgetAmount: '100.00' } },
        newState: { from: { budgetAmount: '80.00' }, to: { budgetAmount: '120.00' } },
      },
    });
    const split = await waitFor('ProposeBudgetAllocation', async () =>
      bed.commandSide.received.find((c) => c.type === 'ProposeBudgetAllocation' && c.tenant === orgId),
    );
    // google ROAS 5, meta 0.6, overall 2.8: google ×1.2, meta ×0.8 → 6000 / 4000 of the 10,000.
    expect(split.data).toMatchObject({ totalBudget: '10000.00', allocations: { google: '6000.00', meta: '4000.00' } });
  }, 90_000);

  it('records a recommendation executed when its action ran, and its result metrics before and after execution', async () => {
    const orgId = randomUUID();
    const subject = { orgId, campaignId: randomUUID() };
    const recommendationId = randomUUID();
    const actionId = randomUUID();
    const executedAt = now - 2 * DAY_MS;
    // Before execution ROAS 1 (10.00 → 10.00 an hour), after it ROAS 3.
    await produceFacts(bed.producer, bed.prefix, [
      ...hourlyFacts(subject, executedAt - 2 * DAY_MS, executedAt, { revenueCents: 1000 }),
      ...hourlyFacts(subject, executedAt, now, { revenueCents: 3000, conversions: 2 }),
    ]);
    await waitFor(
      'the buckets',
      async () => (await row(`SELECT count(*)::int AS n FROM "${bed.schema}".alerting_buckets WHERE campaign_id = $1`, [subject.campaignId])).n === 96,
    );

    const automation = `ads-automation-${orgId}`;
    const spec = { actionType: 'PAUSE', platform: 'google', previousState: {}, newState: { status: 'paused' }, changeAmount: '0.00' };
    await produceEvent(bed.producer, bed.prefix, {
      type: 'AdActionRequested',
      streamId: automation,
      tenant: orgId,
      data: {
        actionId,
        orgId,
        recommendationId,
        campaignId: subject.campaignId,
        ...spec,
        reasoning: null,
        confidence: null,
        requestedBy: 'user-1',
        requestedAt: new Date(executedAt).toISOString(),
        approvalRequired: false,
      },
    });
    await produceEvent(bed.producer, bed.prefix, {
      type: 'AdActionExecuted',
      streamId: automation,
      tenant: orgId,
      streamVersion: 2,
      data: { actionId, attempt: 1, newState: { status: 'paused' }, executedAt: new Date(executedAt).toISOString() },
    });
    const executed = await waitFor('RecordRecommendationExecuted', async () =>
      bed.commandSide.received.find((c) => c.type === 'RecordRecommendationExecuted' && (c.data as { actionId: string }).actionId === actionId),
    );
    expect(executed.data).toMatchObject({ recommendationId, actionId });

    const resultWindowEnd = now;
    await produceEvent(bed.producer, bed.prefix, {
      type: 'RecommendationResultRequested',
      streamId: `ads-recommendation-${recommendationId}`,
      tenant: orgId,
      data: {
        recommendationId,
        campaignId: subject.campaignId,
        executedAt: new Date(executedAt).toISOString(),
        windowEnd: new Date(resultWindowEnd).toISOString(),
      },
    });
    const result = await waitFor('RecordRecommendationResult', async () =>
      bed.commandSide.received.find(
        (c) => c.type === 'RecordRecommendationResult' && (c.data as { recommendationId: string }).recommendationId === recommendationId,
      ),
    );
    expect(result.commandId).toBe(derivedId(recommendationId, 'result', resultWindowEnd));
    expect(result.data).toEqual({
      recommendationId,
      resultMetrics: {
        before: expect.objectContaining({
          from: new Date(executedAt - 2 * DAY_MS).toISOString(),
          spend: '480.00',
          revenue: '480.00',
          conversions: 48,
          roas: '1.0000',
          cpa: '10.00',
        }),
        after: expect.objectContaining({
          to: new Date(resultWindowEnd).toISOString(),
          spend: '480.00',
          revenue: '1440.00',
          conversions: 96,
          roas: '3.0000',
          cpa: '5.00',
        }),
      },
    });
  }, 90_000);
});
