import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@campaign/contracts';
import { ads } from '@campaign/contracts';
import { useSchemasOf } from '../shared/testing';
import type { AdsEventData, AdsEventType } from './ads.events';
import { AdsProjection } from './ads.projection';

/** A test pool and ads projections in fresh schemas, dropped after the enclosing describe. */
export const useAdsSchemas = () => useSchemasOf((schema) => new AdsProjection(schema));

/**
 * The envelopes campaign-command stores for an org's ads history, stream by stream as the
 * deciders name them (ads-design.md), with contiguous versions and a clock that advances a minute
 * per event. Times are recent (the seed's queries look back from NOW()).
 */
export class AdsHistory {
  readonly envelopes: EventEnvelope[] = [];
  private readonly versions = new Map<string, number>();
  private clock: number;

  constructor(
    readonly orgId: string = randomUUID(),
    start = Date.now() - 3 * 3_600_000,
  ) {
    this.clock = start;
  }

  now(): string {
    return new Date(this.clock).toISOString();
  }

  emit<T extends AdsEventType>(streamId: string, type: T, data: AdsEventData[T], actor = 'user:marketer'): this {
    this.clock += 60_000;
    const version = (this.versions.get(streamId) ?? 0) + 1;
    this.versions.set(streamId, version);
    const commandId = randomUUID();
    this.envelopes.push({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      context: 'ads',
      streamId,
      streamVersion: version,
      globalPosition: String(this.envelopes.length + 1),
      occurredAt: this.now(),
      correlationId: commandId,
      causationId: commandId,
      actor,
      tenant: this.orgId,
      data,
    });
    return this;
  }

  connectAccount(platform = 'google', platformAccountId = randomUUID().slice(0, 12)): string {
    const accountId = ads.adAccountIdOf(platform, platformAccountId);
    this.emit(`ads-account-${accountId}`, 'AdAccountConnected', {
      accountId,
      orgId: this.orgId,
      platform,
      platformAccountId,
      name: `${platform} account`,
      currency: 'USD',
      timeZone: 'America/New_York',
      connectedAt: this.at(),
    });
    return accountId;
  }

  synced(accountId: string, syncId = randomUUID()): string {
    const syncedAt = this.at();
    this.emit(`ads-account-${accountId}`, 'AdAccountSynced', { accountId, syncId, syncedAt });
    return syncedAt;
  }

  registerCampaign(accountId: string, platform: string, name: string, platformCampaignId = randomUUID().slice(0, 16)): string {
    const campaignId = ads.adCampaignIdOf(platform, platformCampaignId);
    this.emit(`ads-campaign-${campaignId}`, 'AdCampaignRegistered', {
      campaignId,
      orgId: this.orgId,
      accountId,
      platform,
      platformCampaignId,
      name,
      status: 'ENABLED',
      objective: 'SALES',
      budgetAmount: '150.00',
      budgetType: 'daily',
      startDate: '2026-03-01',
      endDate: null,
      registeredAt: this.at(),
    });
    return campaignId;
  }

  setBudget(totalBudget: string, allocations: Record<string, string>, aiSuggested = false): string {
    const allocationId = randomUUID();
    this.emit(`ads-budgets-${this.orgId}`, 'BudgetAllocationSet', {
      allocationId,
      orgId: this.orgId,
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
      totalBudget,
      allocations,
      aiSuggested,
      createdBy: aiSuggested ? 'ai_analyzer' : 'user:marketer',
      createdAt: this.at(),
    });
    return allocationId;
  }

  propose(campaignId: string, confidence: number, recommendationType = 'PAUSE_CAMPAIGN'): string {
    const recommendationId = randomUUID();
    this.emit(`ads-recommendation-${recommendationId}`, 'RecommendationProposed', {
      recommendationId,
      orgId: this.orgId,
      campaignId,
      recommendationType,
      text: `${recommendationType} for ${campaignId}`,
      confidence,
      provider: 'statistical',
      action: { actionType: 'PAUSE', platform: 'google', previousState: { status: 'ENABLED' }, newState: { status: 'PAUSED' }, changeAmount: '150.00' },
      baseline: { roas: '0.4000' },
      proposedAt: this.at(),
    });
    return recommendationId;
  }

  recommendation<T extends 'RecommendationAccepted' | 'RecommendationRejected' | 'RecommendationExecuted' | 'RecommendationResultRecorded'>(
    recommendationId: string,
    type: T,
    data: Omit<AdsEventData[T], 'recommendationId'>,
  ): this {
    return this.emit(`ads-recommendation-${recommendationId}`, type, { recommendationId, ...data } as AdsEventData[T]);
  }

  requestAction(campaignId: string, options: { approvalRequired: boolean; recommendationId?: string | null }): string {
    const actionId = randomUUID();
    this.emit(`ads-automation-${this.orgId}`, 'AdActionRequested', {
      actionId,
      orgId: this.orgId,
      recommendationId: options.recommendationId ?? null,
      actionType: 'BUDGET_CHANGE',
      platform: 'google',
      campaignId,
      previousState: { budget: '150.00' },
      newState: { budget: '120.00' },
      reasoning: 'ROAS below target for three days',
      confidence: 0.87,
      changeAmount: '30.00',
      requestedBy: 'ai_analyzer',
      requestedAt: this.at(),
      approvalRequired: options.approvalRequired,
    });
    return actionId;
  }

  action<T extends Exclude<AdsEventType, 'AdActionRequested'> & `AdAction${string}`>(actionId: string, type: T, data: Omit<AdsEventData[T], 'actionId'>): this {
    return this.emit(`ads-automation-${this.orgId}`, type, { actionId, ...data } as AdsEventData[T]);
  }

  raiseAlert(campaignId: string, alertType: string, severity: string): string {
    const alertId = randomUUID();
    this.emit(`ads-alert-${campaignId}-${alertType.toLowerCase()}`, 'AlertRaised', {
      alertId,
      orgId: this.orgId,
      campaignId,
      alertType,
      severity,
      platform: 'google',
      message: `${alertType} on ${campaignId}`,
      metricName: 'roas',
      metricValue: '0.8000',
      thresholdValue: '2.0000',
      raisedAt: this.at(),
    });
    return alertId;
  }

  alert<T extends 'AlertUpdated' | 'AlertAcknowledged' | 'AlertResolved'>(campaignId: string, alertType: string, type: T, data: AdsEventData[T]): this {
    return this.emit(`ads-alert-${campaignId}-${alertType.toLowerCase()}`, type, data);
  }

  /** The instant of the next event (emit advances the clock first). */
  at(): string {
    return new Date(this.clock + 60_000).toISOString();
  }
}
