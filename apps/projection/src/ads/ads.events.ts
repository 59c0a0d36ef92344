import type { EventEnvelope } from '@campaign/contracts';
import type { ads } from '@campaign/domain';

/**
 * The ads events the read models read, as the projection sees them on `<prefix>ads.events`: only
 * the fields it uses (libs/domain/src/ads defines the whole events; /work/notes/ads-design.md
 * names them). Money and decimals arrive as decimal strings, instants as ISO-8601, dates as YYYY-MM-DD.
 */
type Json = Readonly<Record<string, unknown>>;

export interface AdsEventData {
  AdAccountConnected: {
    accountId: string;
    orgId: string;
    platform: string;
    platformAccountId: string;
    name: string;
    currency: string;
    timeZone: string;
    connectedAt: string;
  };
  AdAccountDetailsChanged: { accountId: string; name?: string; currency?: string; timeZone?: string; changedAt: string };
  AdAccountDisconnected: { accountId: string; disconnectedAt: string };
  AdAccountSyncRequested: { accountId: string; syncId: string; requestedAt: string };
  AdAccountSynced: { accountId: string; syncId: string; syncedAt: string };
  AdAccountSyncFailed: { accountId: string; syncId: string; error: string; failedAt?: string };
  AdCampaignRegistered: {
    campaignId: string;
    orgId: string;
    accountId: string | null;
    platform: string;
    platformCampaignId: string;
    name: string | null;
    status: string | null;
    objective: string | null;
    budgetAmount: string | null;
    budgetType: string | null;
    startDate: string | null;
    endDate: string | null;
    registeredAt: string;
  };
  AdCampaignDetailsChanged: { campaignId: string; changes: Partial<CampaignDetails>; changedAt: string };
  BudgetAllocationSet: {
    allocationId: string;
    orgId: string;
    periodStart: string;
    periodEnd: string;
    totalBudget: string;
    allocations: Readonly<Record<string, string | number>>;
    aiSuggested: boolean;
    createdBy: string;
    createdAt: string;
  };
  RecommendationProposed: {
    recommendationId: string;
    orgId: string;
    campaignId: string;
    recommendationType: string;
    text: string;
    confidence: number | string;
    provider?: string;
    action?: object | null;
    baseline?: object | null;
    proposedAt: string;
  };
  RecommendationAccepted: { recommendationId: string; acceptedBy: string; acceptedAt: string };
  RecommendationRejected: { recommendationId: string; rejectedBy: string; rejectedAt: string };
  RecommendationExecuted: { recommendationId: string; actionId?: string | null; executedAt: string };
  RecommendationResultRecorded: { recommendationId: string; resultMetrics: Json; recordedAt?: string };
  AdActionRequested: {
    actionId: string;
    orgId: string;
    recommendationId: string | null;
    actionType: string;
    platform: string;
    campaignId: string;
    previousState: Json | null;
    newState: Json | null;
    reasoning: string | null;
    confidence: number | string | null;
    changeAmount?: string | null;
    requestedBy: string;
    requestedAt: string;
    approvalRequired: boolean;
  };
  AdActionAwaitingApproval: { actionId: string; reason: string; expiresAt: string };
  AdActionApproved: { actionId: string; executedBy: string; approvedBy: string | null; approvedAt: string | null };
  AdActionRejected: { actionId: string; rejectedBy?: string; rejectedAt?: string; reason?: string };
  AdActionExpired: { actionId: string; expiredAt?: string };
  AdActionExecuted: { actionId: string; attempt: number; newState: Json | null; executedAt: string };
  AdActionAttemptFailed: { actionId: string; attempt: number; error: string; retryAt: string };
  AdActionRetryRequested: { actionId: string; attempt: number };
  AdActionDeadLettered: { actionId: string; attempt: number; error: string; deadLetteredAt?: string };
  AlertRaised: {
    alertId: string;
    orgId: string;
    campaignId: string;
    alertType: string;
    severity: string;
    platform: string | null;
    message: string;
    metricName: string | null;
    metricValue: string | number | null;
    thresholdValue: string | number | null;
    raisedAt: string;
  };
  AlertUpdated: {
    alertId: string;
    severity: string;
    message: string;
    metricValue: string | number | null;
    thresholdValue: string | number | null;
    updatedAt: string;
  };
  AlertAcknowledged: { alertId: string; acknowledgedBy: string; acknowledgedAt: string };
  AlertResolved: { alertId: string; resolvedAt: string; resolvedBy: string };
}

/** What AdCampaignRegistered sets and AdCampaignDetailsChanged may change. */
export interface CampaignDetails {
  readonly accountId: string | null;
  readonly name: string | null;
  readonly status: string | null;
  readonly objective: string | null;
  readonly budgetAmount: string | null;
  readonly budgetType: string | null;
  readonly startDate: string | null;
  readonly endDate: string | null;
}

export type AdsEventType = keyof AdsEventData;

/** An ads event as it arrives from the bus: its data inside the envelope. */
export type AdsEnvelope = { [T in AdsEventType]: EventEnvelope<AdsEventData[T]> & { type: T } }[AdsEventType];

export type EnvelopeOf<T extends AdsEventType> = Extract<AdsEnvelope, { type: T }>;

/** The event types of the domain a projected type names that do not fit the shape read here. */
type Misfits<E extends { readonly type: string; readonly data: unknown }> = E extends { readonly type: infer K extends AdsEventType }
  ? E['data'] extends AdsEventData[K]
    ? never
    : K
  : never;
type MustBeNever<T extends never> = T;
/**
 * Checked by the compiler: every domain event (libs/domain/src/ads) this projection reads carries
 * the fields it reads, with their types. A renamed or retyped field fails the type check here.
 */
export type DomainEventsFit = MustBeNever<Misfits<ads.AdsCoreEvent | ads.AdsInsightEvent>>;
