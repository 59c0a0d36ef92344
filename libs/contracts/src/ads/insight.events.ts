import { ads } from '@campaign/domain';
import { json, optional, timestamp } from '../avro';

/**
 * Avro schemas of the alerts', recommendations' and automation's events (seed 003), one per
 * type and version. Field names and nullability are the domain's (libs/domain/src/ads/{alert,
 * recommendation,automation}.ts); instants are timestamp-millis; money and the DECIMAL(15,4)
 * metric values decimal strings; confidence a double with two decimals; states and metrics JSON
 * objects. The seed's closed lists (alert types, severities, action types) are Avro enums built
 * from the domain's lists; recommendation types and hold reasons, which may grow, are strings.
 */
const NS = 'campaign.ads.events';

const record = (name: string, fields: readonly object[]) => ({ version: 1, schema: { type: 'record', name, namespace: NS, fields } }) as const;
const enumOf = (name: string, symbols: readonly string[]) => ({ type: 'enum', name, namespace: 'campaign.ads', symbols: [...symbols] }) as const;

const strings = (...names: string[]) => names.map((name) => ({ name, type: 'string' }));
const nullableStrings = (...names: string[]) => names.map((name) => ({ name, ...optional('string') }));
const instant = (name: string) => ({ name, type: timestamp });
const jsonField = (name: string) => ({ name, type: json });

const alertType = enumOf('AlertType', ads.ALERT_TYPES);
const alertSeverity = enumOf('AlertSeverity', ads.ALERT_SEVERITIES);
const actionType = enumOf('AdActionType', ads.AD_ACTION_TYPES);

/** What an action does (ad-action.ts), nested in a recommendation, flat in an action request. */
const actionSpecFields = [
  { name: 'actionType', type: actionType },
  ...strings('platform'),
  jsonField('previousState'),
  jsonField('newState'),
  ...strings('changeAmount'),
] as const;
const actionSpec = { type: 'record', name: 'AdActionSpec', namespace: 'campaign.ads', fields: actionSpecFields } as const;

const alertEventSchemas = {
  AlertRaised: record('AlertRaised', [
    ...strings('alertId', 'orgId', 'campaignId'),
    { name: 'alertType', type: alertType },
    { name: 'severity', type: alertSeverity },
    ...strings('platform', 'message', 'metricName', 'metricValue', 'thresholdValue'),
    instant('raisedAt'),
  ]),
  AlertUpdated: record('AlertUpdated', [
    ...strings('alertId'),
    { name: 'severity', type: alertSeverity },
    ...strings('message', 'metricValue', 'thresholdValue'),
    instant('updatedAt'),
  ]),
  AlertAcknowledged: record('AlertAcknowledged', [...strings('alertId', 'acknowledgedBy'), instant('acknowledgedAt')]),
  AlertResolved: record('AlertResolved', [...strings('alertId'), instant('resolvedAt'), ...strings('resolvedBy')]),
} as const;

const recommendationEventSchemas = {
  RecommendationProposed: record('RecommendationProposed', [
    ...strings('recommendationId', 'orgId', 'campaignId', 'recommendationType', 'text'),
    { name: 'confidence', type: 'double' },
    ...strings('provider'),
    { name: 'action', ...optional(actionSpec) },
    jsonField('baseline'),
    instant('proposedAt'),
  ]),
  RecommendationAccepted: record('RecommendationAccepted', [...strings('recommendationId', 'acceptedBy'), instant('acceptedAt')]),
  RecommendationRejected: record('RecommendationRejected', [...strings('recommendationId', 'rejectedBy'), instant('rejectedAt')]),
  RecommendationExecuted: record('RecommendationExecuted', [...strings('recommendationId', 'actionId'), instant('executedAt')]),
  RecommendationResultRequested: record('RecommendationResultRequested', [
    ...strings('recommendationId', 'campaignId'),
    instant('executedAt'),
    instant('windowEnd'),
  ]),
  RecommendationResultRecorded: record('RecommendationResultRecorded', [...strings('recommendationId'), jsonField('resultMetrics'), instant('recordedAt')]),
} as const;

const automationEventSchemas = {
  AutomationGuardrailsSet: record('AutomationGuardrailsSet', [
    ...strings('orgId'),
    { name: 'autonomousEnabled', type: 'boolean' },
    { name: 'confidenceFloor', type: 'double' },
    ...strings('maxChangePerAction', 'maxChangePerDay'),
    { name: 'approvalTtlHours', type: 'int' },
    ...strings('setBy'),
    instant('setAt'),
  ]),
  AdActionRequested: record('AdActionRequested', [
    ...strings('actionId', 'orgId'),
    ...nullableStrings('recommendationId'),
    ...strings('campaignId'),
    ...actionSpecFields,
    ...nullableStrings('reasoning'),
    { name: 'confidence', ...optional('double') },
    ...strings('requestedBy'),
    instant('requestedAt'),
    { name: 'approvalRequired', type: 'boolean' },
  ]),
  AdActionApproved: record('AdActionApproved', [
    ...strings('actionId', 'executedBy'),
    ...nullableStrings('approvedBy'),
    { name: 'approvedAt', ...optional(timestamp) },
  ]),
  AdActionAwaitingApproval: record('AdActionAwaitingApproval', [...strings('actionId', 'reason'), instant('expiresAt')]),
  AdActionRejected: record('AdActionRejected', [...strings('actionId', 'rejectedBy'), instant('rejectedAt')]),
  AdActionExpired: record('AdActionExpired', [...strings('actionId'), instant('expiredAt')]),
  AdActionExecuted: record('AdActionExecuted', [...strings('actionId'), { name: 'attempt', type: 'int' }, jsonField('newState'), instant('executedAt')]),
  AdActionAttemptFailed: record('AdActionAttemptFailed', [...strings('actionId'), { name: 'attempt', type: 'int' }, ...strings('error'), instant('retryAt')]),
  AdActionDeadLettered: record('AdActionDeadLettered', [
    ...strings('actionId'),
    { name: 'attempt', type: 'int' },
    ...strings('error'),
    instant('deadLetteredAt'),
  ]),
  AdActionRetryRequested: record('AdActionRetryRequested', [...strings('actionId'), { name: 'attempt', type: 'int' }]),
} as const;

export const adsInsightEventSchemas = { ...alertEventSchemas, ...recommendationEventSchemas, ...automationEventSchemas } as const;
