import { optional } from '../avro';
import {
  instant,
  jsonField,
  longs,
  NS as BASE,
  nullableInstant,
  nullableJson,
  nullableLongs,
  nullableStrings,
  record,
  strings,
  workflowSteps,
  workflowTemplate,
} from './schema-parts';

/**
 * Avro schemas of the orchestration events' data, one per type and version. Field names and
 * nullability are the domain's (libs/domain/src/orchestration/{strategy,orchestrator,campaign,
 * content,workflow}.ts); instants are timestamp-millis, JSON objects `json` strings, money
 * (budget, revenue) DECIMAL(12,2) as decimal strings, measurement dates YYYY-MM-DD strings.
 * An update's `changes` hold only the fields that changed (instants as ISO strings), as ads'.
 * No field is personal: the context holds campaign material, not people (no crypto-shredding).
 */
const NS = `${BASE}.events`;
const event = (name: string, fields: readonly object[]) => record(name, NS, fields);

const strategyEvents = {
  StrategyCreated: event('StrategyCreated', [
    ...strings('orgId', 'strategyId', 'name', 'strategyType'),
    ...nullableStrings('description'),
    jsonField('settings'),
    instant('createdAt'),
  ]),
  StrategyUpdated: event('StrategyUpdated', [...strings('orgId', 'strategyId'), jsonField('changes'), instant('updatedAt')]),
  StrategyDeleted: event('StrategyDeleted', [...strings('orgId', 'strategyId'), instant('deletedAt')]),
};

const orchestratorEvents = {
  OrchestratorCreated: event('OrchestratorCreated', [
    ...strings('orgId', 'orchestratorId', 'name'),
    ...nullableStrings('description'),
    { name: 'template', type: workflowTemplate },
    instant('createdAt'),
  ]),
  OrchestratorTemplateRevised: event('OrchestratorTemplateRevised', [
    ...strings('orgId', 'orchestratorId'),
    { name: 'template', type: workflowTemplate },
    instant('revisedAt'),
  ]),
  OrchestratorDeleted: event('OrchestratorDeleted', [...strings('orgId', 'orchestratorId'), instant('deletedAt')]),
  WorkflowBound: event('WorkflowBound', [...strings('orgId', 'orchestratorId', 'workflowId', 'campaignId'), instant('boundAt')]),
  WorkflowReleased: event('WorkflowReleased', [...strings('orgId', 'orchestratorId', 'workflowId'), instant('releasedAt')]),
};

const campaignEvents = {
  CampaignCreated: event('CampaignCreated', [
    ...strings('orgId', 'campaignId', 'name'),
    ...nullableStrings('description', 'strategyId', 'orchestratorId'),
    ...strings('priority'),
    nullableInstant('scheduledStart'),
    nullableInstant('deadline'),
    ...nullableStrings('budget'),
    nullableJson('targetAudience'),
    ...strings('status'),
    instant('createdAt'),
  ]),
  CampaignUpdated: event('CampaignUpdated', [...strings('orgId', 'campaignId'), jsonField('changes'), instant('updatedAt')]),
  CampaignStatusChanged: event('CampaignStatusChanged', [
    ...strings('orgId', 'campaignId', 'from', 'to'),
    nullableInstant('actualStart'),
    instant('changedAt'),
  ]),
  CampaignDeleted: event('CampaignDeleted', [...strings('orgId', 'campaignId'), instant('deletedAt')]),
};

const contentRef = strings('orgId', 'campaignId', 'contentId');
const relation = [...strings('orgId', 'campaignId', 'sourceContentId', 'targetContentId', 'relationshipType'), instant('at')];

const contentEvents = {
  ContentCreated: event('ContentCreated', [
    ...contentRef,
    ...strings('title'),
    ...nullableStrings('contentMarkdown'),
    ...strings('status'),
    ...nullableStrings('parentContentId'),
    nullableInstant('reviewDeadline'),
    ...strings('contentType', 'platform'),
    ...nullableStrings('workflowId', 'stepKey'),
    nullableInstant('scheduledPublishAt'),
    instant('createdAt'),
  ]),
  ContentUpdated: event('ContentUpdated', [...contentRef, jsonField('changes'), instant('updatedAt')]),
  ContentRelated: event('ContentRelated', relation),
  ContentUnrelated: event('ContentUnrelated', relation),
  ContentPublishScheduled: event('ContentPublishScheduled', [...contentRef, instant('scheduledPublishAt'), instant('at')]),
  ContentPublished: event('ContentPublished', [...contentRef, instant('publishedAt')]),
  ContentActivationChanged: event('ContentActivationChanged', [...contentRef, { name: 'isActive', type: 'boolean' }, instant('at')]),
  ContentDeleted: event('ContentDeleted', [...contentRef, instant('deletedAt')]),
  ContentAnalyticsRecorded: event('ContentAnalyticsRecorded', [
    ...strings('orgId', 'campaignId'),
    ...nullableStrings('contentId'),
    ...strings('measurementDate'),
    ...nullableStrings('platform'),
    ...longs('views', 'clicks', 'conversions', 'engagements', 'shares'),
    ...strings('revenue'),
    instant('recordedAt'),
  ]),
};

const workflowRef = strings('orgId', 'workflowId', 'campaignId');

const workflowEvents = {
  WorkflowStarted: event('WorkflowStarted', [
    ...workflowRef,
    ...strings('orchestratorId'),
    { name: 'templateVersion', type: 'int' },
    ...strings('variant'),
    { name: 'steps', type: workflowSteps },
    instant('startedAt'),
  ]),
  StepDispatched: event('StepDispatched', [
    ...workflowRef,
    ...strings('stepKey', 'stepName', 'agentType'),
    { name: 'attempt', type: 'int' },
    jsonField('input'),
    jsonField('dependencyOutputs'),
    instant('dispatchedAt'),
    instant('timeoutAt'),
  ]),
  StepStarted: event('StepStarted', [...workflowRef, ...strings('stepKey'), { name: 'attempt', type: 'int' }, instant('startedAt')]),
  StepCompleted: event('StepCompleted', [
    ...workflowRef,
    ...strings('stepKey'),
    { name: 'attempt', type: 'int' },
    jsonField('output'),
    ...nullableLongs('costCents', 'tokens'),
    { name: 'qualityScore', ...optional('double') },
    ...nullableLongs('durationMs'),
    instant('completedAt'),
    { name: 'progressPercentage', type: 'int' },
  ]),
  StepFailed: event('StepFailed', [
    ...workflowRef,
    ...strings('stepKey'),
    { name: 'attempt', type: 'int' },
    ...strings('error'),
    { name: 'retryable', type: 'boolean' },
    { name: 'timedOut', type: 'boolean' },
    instant('failedAt'),
    nullableInstant('retryDueAt'),
  ]),
  WorkflowCompleted: event('WorkflowCompleted', [...workflowRef, ...strings('orchestratorId'), instant('completedAt')]),
  WorkflowFailed: event('WorkflowFailed', [...workflowRef, ...strings('orchestratorId', 'stepKey', 'error'), instant('failedAt')]),
};

export const orchestrationEventSchemas = { ...strategyEvents, ...orchestratorEvents, ...campaignEvents, ...contentEvents, ...workflowEvents } as const;
