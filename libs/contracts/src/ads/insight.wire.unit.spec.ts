import type { ads } from '@campaign/domain';
import { randomUUID } from 'node:crypto';
import { type CommandEnvelope, decodeCommand, decodeEvent, encodeCommand, encodeEvent, type EventEnvelope } from '../envelope';
import { adsInsightCommandSchemas } from './insight.commands';
import { adsInsightEventSchemas } from './insight.events';
import { adCampaignIdOf } from './ids';

/** Samples typed by the domain's data, so a field the domain lacks (or misses) does not compile. */
type EventSamples = { readonly [K in ads.AdsInsightEvent['type']]: readonly Extract<ads.AdsInsightEvent, { type: K }>['data'][] };
/** On the wire an optional field is always there, null when not given. */
type Wire<T> = { readonly [K in keyof T]-?: Exclude<T[K], undefined> };
type CommandSamples = { readonly [K in ads.AdsInsightCommand['type']]: readonly Wire<Extract<ads.AdsInsightCommand, { type: K }>['data']>[] };

const orgId = '6f1c2a9e-3b7d-4e0a-9c5f-1a2b3c4d5e6f';
const campaignId = adCampaignIdOf('google', '987654321');
const alertId = '5a1e7000-0000-5000-8000-000000000001';
const recommendationId = '0b0f7a2e-5f61-4f7e-9d7c-1d2f3a4b5c6d';
const actionId = 'c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b';
const userId = 'a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d';
const at = '2026-05-01T12:00:00.000Z';
const figures = { metricName: 'roas', metricValue: '1.2000', thresholdValue: '2.1700' };
const action = {
  actionType: 'BUDGET_CHANGE' as const,
  platform: 'google',
  previousState: { budgetAmount: '100.00', status: 'ENABLED' },
  newState: { budgetAmount: '150.00', status: 'ENABLED' },
  changeAmount: '50.00',
};
const pause = { actionType: 'PAUSE' as const, platform: 'meta', previousState: { status: 'ACTIVE' }, newState: { status: 'PAUSED' }, changeAmount: '0.00' };
const guardrails = { autonomousEnabled: true, confidenceFloor: 0.8, maxChangePerAction: '100.00', maxChangePerDay: '500.00', approvalTtlHours: 24 };
const resultMetrics = { before: { roas: '4.2000', spend: '700.00' }, after: { roas: '4.6000', spend: '1050.00' } };

const EVENTS: EventSamples = {
  AlertRaised: [
    { alertId, orgId, campaignId, alertType: 'ROAS_DROP', severity: 'CRITICAL', platform: 'google', message: 'ROAS fell to 1.2', ...figures, raisedAt: at },
  ],
  AlertUpdated: [{ alertId, severity: 'LOW', message: 'ROAS at 1.9', metricValue: '1.9000', thresholdValue: '2.1700', updatedAt: at }],
  AlertAcknowledged: [{ alertId, acknowledgedBy: userId, acknowledgedAt: at }],
  AlertResolved: [
    { alertId, resolvedAt: at, resolvedBy: 'auto' },
    { alertId, resolvedAt: at, resolvedBy: userId },
  ],
  RecommendationProposed: [
    {
      recommendationId,
      orgId,
      campaignId,
      recommendationType: 'BUDGET_REALLOCATION',
      text: 'Move 50.00 a day to this campaign',
      confidence: 0.86,
      provider: 'statistical',
      action,
      baseline: { roas: '4.2000', spend: '700.00' },
      proposedAt: at,
    },
    {
      recommendationId,
      orgId,
      campaignId,
      recommendationType: 'BUDGET_DECREASE',
      text: 'Spend less',
      confidence: 1,
      provider: 'anthropic',
      action: null,
      baseline: {},
      proposedAt: at,
    },
  ],
  RecommendationAccepted: [{ recommendationId, acceptedBy: userId, acceptedAt: at }],
  RecommendationRejected: [{ recommendationId, rejectedBy: userId, rejectedAt: at }],
  RecommendationExecuted: [{ recommendationId, actionId, executedAt: at }],
  RecommendationResultRequested: [{ recommendationId, campaignId, executedAt: at, windowEnd: '2026-05-08T12:00:00.000Z' }],
  RecommendationResultRecorded: [{ recommendationId, resultMetrics, recordedAt: at }],
  AutomationGuardrailsSet: [{ orgId, ...guardrails, setBy: userId, setAt: at }],
  AdActionRequested: [
    {
      actionId,
      orgId,
      recommendationId,
      campaignId,
      ...action,
      reasoning: 'marginal ROAS 4.2',
      confidence: 0.86,
      requestedBy: 'service:analytics-ingest',
      requestedAt: at,
      approvalRequired: true,
    },
    {
      actionId,
      orgId,
      recommendationId: null,
      campaignId,
      ...pause,
      reasoning: null,
      confidence: null,
      requestedBy: userId,
      requestedAt: at,
      approvalRequired: false,
    },
  ],
  AdActionApproved: [
    { actionId, executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null },
    { actionId, executedBy: userId, approvedBy: userId, approvedAt: at },
  ],
  AdActionAwaitingApproval: [{ actionId, reason: 'CONFIDENCE_BELOW_FLOOR', expiresAt: at }],
  AdActionRejected: [{ actionId, rejectedBy: userId, rejectedAt: at }],
  AdActionExpired: [{ actionId, expiredAt: at }],
  AdActionExecuted: [{ actionId, attempt: 2, newState: { budgetAmount: '150.00' }, executedAt: at }],
  AdActionAttemptFailed: [{ actionId, attempt: 1, error: 'HTTP 503', retryAt: '2026-05-01T12:00:30.000Z' }],
  AdActionDeadLettered: [{ actionId, attempt: 5, error: 'HTTP 503', deadLetteredAt: at }],
  AdActionRetryRequested: [{ actionId, attempt: 2 }],
};

const address = { campaignId, alertType: 'CPA_SPIKE' as const };
const COMMANDS: CommandSamples = {
  RaiseAlert: [
    { ...address, severity: 'MEDIUM', platform: 'google', message: 'CPA rose to 42.10', metricName: 'cpa', metricValue: '42.1000', thresholdValue: '30.0000' },
  ],
  AcknowledgeAlert: [
    { ...address, alertId },
    { ...address, alertId: null },
  ],
  ResolveAlert: [
    { ...address, alertId: null, automatic: true },
    { ...address, alertId, automatic: null },
  ],
  ProposeRecommendation: [
    {
      recommendationId,
      campaignId,
      recommendationType: 'PAUSE_CAMPAIGN',
      text: 'Pause: 300.00 spent, no conversion',
      confidence: 0.95,
      provider: 'statistical',
      action: pause,
      baseline: { spend: '300.00' },
    },
    {
      recommendationId,
      campaignId,
      recommendationType: 'BUDGET_INCREASE',
      text: 'Room to grow',
      confidence: 0.5,
      provider: 'anthropic',
      action: null,
      baseline: {},
    },
  ],
  AcceptRecommendation: [{ recommendationId }],
  RejectRecommendation: [{ recommendationId }],
  RecordRecommendationExecuted: [{ recommendationId, actionId, executedAt: at }],
  RequestRecommendationResult: [{ recommendationId }],
  RecordRecommendationResult: [{ recommendationId, resultMetrics }],
  SetAutomationGuardrails: [guardrails],
  RequestAdAction: [
    { actionId, recommendationId: null, campaignId, ...action, reasoning: 'a person asked', confidence: null },
    {
      actionId,
      recommendationId,
      campaignId: null,
      actionType: null,
      platform: null,
      previousState: null,
      newState: null,
      reasoning: null,
      confidence: null,
      changeAmount: null,
    },
  ],
  ApproveAdAction: [{ actionId }],
  RejectAdAction: [{ actionId }],
  ExpireAdAction: [{ actionId }],
  RecordAdActionExecuted: [{ actionId, attempt: 1, newState: { status: 'PAUSED' }, executedAt: at }],
  RecordAdActionFailed: [{ actionId, attempt: 3, error: 'rate limited' }],
  RetryAdAction: [{ actionId }],
};

const eventEnvelope = (type: string, data: unknown): EventEnvelope => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  context: 'ads',
  streamId: `ads-automation-${orgId}`,
  streamVersion: 7,
  globalPosition: '42',
  occurredAt: at,
  correlationId: randomUUID(),
  causationId: null,
  actor: `user:${userId}`,
  tenant: orgId,
  data,
});

const commandEnvelope = (type: string, data: unknown): CommandEnvelope => ({
  commandId: randomUUID(),
  type,
  schemaVersion: 1,
  context: 'ads',
  issuedAt: at,
  actor: 'service:analytics-ingest',
  correlationId: null,
  causationId: null,
  tenant: orgId,
  data,
});

const casesOf = (samples: Readonly<Record<string, readonly unknown[]>>) =>
  Object.entries(samples).flatMap(([type, list]) => list.map((data, i) => [type, i, data] as const));
const fieldNames = (schema: { readonly schema: { readonly fields: readonly object[] } }): string[] =>
  schema.schema.fields.map((f) => (f as { name: string }).name).sort();

describe('ads insight event contracts', () => {
  it('have a schema for every alert, recommendation and automation event of the domain, and no other', () => {
    expect(Object.keys(adsInsightEventSchemas).sort()).toEqual(Object.keys(EVENTS).sort());
  });

  it.each(casesOf(EVENTS))('round-trip a %s event (sample %i) through the envelope unchanged', (type, _i, data) => {
    const original = eventEnvelope(type, data);
    expect(decodeEvent(encodeEvent(original))).toEqual(original);
  });

  it.each(Object.keys(EVENTS))('name exactly the fields of the domain event data of %s', (type) => {
    const sample = EVENTS[type as keyof EventSamples][0];
    expect(fieldNames(adsInsightEventSchemas[type as keyof typeof adsInsightEventSchemas])).toEqual(Object.keys(sample).sort());
  });

  it('refuse a severity outside LOW…CRITICAL (seed 003: alerts.severity)', () => {
    const bad = eventEnvelope('AlertRaised', { ...EVENTS.AlertRaised[0], severity: 'URGENT' });
    expect(() => encodeEvent(bad)).toThrow(expect.objectContaining({ code: 'SCHEMA_MISMATCH' }));
  });

  it('keep a two-decimal confidence exactly (seed 003: DECIMAL(3,2))', () => {
    const decoded = decodeEvent(encodeEvent(eventEnvelope('RecommendationProposed', { ...EVENTS.RecommendationProposed[0], confidence: 0.07 })));
    expect((decoded.data as { confidence: number }).confidence).toBe(0.07);
  });
});

describe('ads insight command contracts', () => {
  it('have a schema for every alert, recommendation and automation command of the domain, and no other', () => {
    expect(Object.keys(adsInsightCommandSchemas).sort()).toEqual(Object.keys(COMMANDS).sort());
  });

  it.each(casesOf(COMMANDS))('round-trip a %s command (sample %i) through the envelope unchanged', (type, _i, data) => {
    const original = commandEnvelope(type, data);
    expect(decodeCommand(encodeCommand(original))).toEqual(original);
  });

  it('read an action request that names only its recommendation with every other field null', () => {
    const decoded = decodeCommand(encodeCommand(commandEnvelope('RequestAdAction', { actionId, recommendationId }))).data;
    expect(decoded).toEqual(COMMANDS.RequestAdAction[1]);
  });
});
