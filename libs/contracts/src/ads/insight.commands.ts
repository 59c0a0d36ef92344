import { json, optional, timestamp } from '../avro';

/**
 * Avro schemas of the alerts', recommendations' and automation's commands (accepted on
 * `ads.commands`; HTTP builds the same data). Optional fields are nullable with default null;
 * the deciders treat null as "not given". The org is the envelope's `tenant`, never a data
 * field. Types, severities and platforms are plain strings: the deciders validate them with
 * their own codes (ALERT_INVALID, RECOMMENDATION_INVALID, AD_ACTION_INVALID).
 */
const NS = 'campaign.ads.commands';

const cmd = (name: string, fields: readonly object[]) => ({ version: 1, schema: { type: 'record', name, namespace: NS, fields } }) as const;

const strings = (...names: string[]) => names.map((name) => ({ name, type: 'string' }));
const nullableStrings = (...names: string[]) => names.map((name) => ({ name, ...optional('string') }));
const jsonField = (name: string) => ({ name, type: json });
const alertAddress = strings('campaignId', 'alertType');

const actionSpec = {
  type: 'record',
  name: 'AdActionInput',
  namespace: 'campaign.ads',
  fields: [...strings('actionType', 'platform'), jsonField('previousState'), jsonField('newState'), ...strings('changeAmount')],
} as const;

const alertCommandSchemas = {
  RaiseAlert: cmd('RaiseAlert', strings('campaignId', 'alertType', 'severity', 'platform', 'message', 'metricName', 'metricValue', 'thresholdValue')),
  AcknowledgeAlert: cmd('AcknowledgeAlert', [...alertAddress, ...nullableStrings('alertId')]),
  ResolveAlert: cmd('ResolveAlert', [...alertAddress, ...nullableStrings('alertId'), { name: 'automatic', ...optional('boolean') }]),
} as const;

const recommendationCommandSchemas = {
  ProposeRecommendation: cmd('ProposeRecommendation', [
    ...strings('recommendationId', 'campaignId', 'recommendationType', 'text'),
    { name: 'confidence', type: 'double' },
    ...strings('provider'),
    { name: 'action', ...optional(actionSpec) },
    jsonField('baseline'),
  ]),
  AcceptRecommendation: cmd('AcceptRecommendation', strings('recommendationId')),
  RejectRecommendation: cmd('RejectRecommendation', strings('recommendationId')),
  RecordRecommendationExecuted: cmd('RecordRecommendationExecuted', [...strings('recommendationId', 'actionId'), { name: 'executedAt', type: timestamp }]),
  RequestRecommendationResult: cmd('RequestRecommendationResult', strings('recommendationId')),
  RecordRecommendationResult: cmd('RecordRecommendationResult', [...strings('recommendationId'), jsonField('resultMetrics')]),
} as const;

const automationCommandSchemas = {
  SetAutomationGuardrails: cmd('SetAutomationGuardrails', [
    { name: 'autonomousEnabled', type: 'boolean' },
    { name: 'confidenceFloor', type: 'double' },
    ...strings('maxChangePerAction', 'maxChangePerDay'),
    { name: 'approvalTtlHours', type: 'int' },
  ]),
  // With a recommendation id, what is left out is the recommendation's (automation.request.ts).
  RequestAdAction: cmd('RequestAdAction', [
    ...strings('actionId'),
    ...nullableStrings('recommendationId', 'campaignId', 'actionType', 'platform'),
    { name: 'previousState', ...optional(json) },
    { name: 'newState', ...optional(json) },
    ...nullableStrings('reasoning'),
    { name: 'confidence', ...optional('double') },
    ...nullableStrings('changeAmount'),
  ]),
  ApproveAdAction: cmd('ApproveAdAction', strings('actionId')),
  RejectAdAction: cmd('RejectAdAction', strings('actionId')),
  ExpireAdAction: cmd('ExpireAdAction', strings('actionId')),
  RecordAdActionExecuted: cmd('RecordAdActionExecuted', [
    ...strings('actionId'),
    { name: 'attempt', type: 'int' },
    jsonField('newState'),
    { name: 'executedAt', type: timestamp },
  ]),
  RecordAdActionFailed: cmd('RecordAdActionFailed', [...strings('actionId'), { name: 'attempt', type: 'int' }, ...strings('error')]),
  RetryAdAction: cmd('RetryAdAction', strings('actionId')),
} as const;

export const adsInsightCommandSchemas = { ...alertCommandSchemas, ...recommendationCommandSchemas, ...automationCommandSchemas } as const;
