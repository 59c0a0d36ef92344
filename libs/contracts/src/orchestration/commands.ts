import { optional } from '../avro';
import { jsonField, longs, NS as BASE, nullableJson, nullableLongs, nullableStrings, record, stepTemplates, strings } from './schema-parts';

/**
 * Avro schemas of the orchestration commands accepted on `orchestration.commands` (HTTP builds
 * the same data). Optional fields are nullable with default null; the deciders treat null as
 * "not given" (in an update: keep the value). Instants are ISO-8601 strings, as the sender wrote
 * them: the deciders parse and bound them. The org is the envelope's tenant, never a field.
 */
const NS = `${BASE}.commands`;
const command = (name: string, fields: readonly object[]) => record(name, NS, fields);

const attempt = { name: 'attempt', type: 'int' } as const;
const stepRef = [...strings('workflowId', 'stepKey'), attempt];
const contentRef = strings('campaignId', 'contentId');
const relation = strings('campaignId', 'sourceContentId', 'targetContentId', 'relationshipType');
const steps = { name: 'steps', type: stepTemplates };

/** The fields of a campaign a create or an update may give. */
const campaignFields = [
  ...nullableStrings('description', 'strategyId', 'orchestratorId', 'priority', 'scheduledStart', 'deadline', 'budget'),
  nullableJson('targetAudience'),
];

const strategyCommands = {
  CreateStrategy: command('CreateStrategy', [...strings('strategyId', 'name', 'strategyType'), ...nullableStrings('description'), nullableJson('settings')]),
  UpdateStrategy: command('UpdateStrategy', [...strings('strategyId'), ...nullableStrings('name', 'strategyType', 'description'), nullableJson('settings')]),
  DeleteStrategy: command('DeleteStrategy', strings('strategyId')),
};

const orchestratorCommands = {
  CreateOrchestrator: command('CreateOrchestrator', [...strings('orchestratorId', 'name'), ...nullableStrings('description'), steps]),
  ReviseOrchestratorTemplate: command('ReviseOrchestratorTemplate', [...strings('orchestratorId'), steps]),
  DeleteOrchestrator: command('DeleteOrchestrator', strings('orchestratorId')),
  StartWorkflow: command('StartWorkflow', [...strings('orchestratorId', 'workflowId', 'campaignId'), ...nullableStrings('variant')]),
  ReleaseWorkflow: command('ReleaseWorkflow', strings('orchestratorId', 'workflowId')),
};

const campaignCommands = {
  CreateCampaign: command('CreateCampaign', [...strings('campaignId', 'name'), ...campaignFields]),
  UpdateCampaign: command('UpdateCampaign', [
    ...strings('campaignId'),
    ...nullableStrings('name'),
    ...campaignFields,
    { name: 'progressPercentage', ...optional('int') },
  ]),
  ChangeCampaignStatus: command('ChangeCampaignStatus', strings('campaignId', 'status')),
  DeleteCampaign: command('DeleteCampaign', strings('campaignId')),
};

const contentCommands = {
  CreateContent: command('CreateContent', [
    ...contentRef,
    ...strings('title', 'contentType', 'platform'),
    ...nullableStrings('contentMarkdown', 'status', 'parentContentId', 'workflowId', 'stepKey', 'scheduledPublishAt', 'reviewDeadline'),
  ]),
  UpdateContent: command('UpdateContent', [...contentRef, ...nullableStrings('title', 'contentMarkdown', 'status', 'parentContentId', 'reviewDeadline')]),
  RelateContent: command('RelateContent', relation),
  UnrelateContent: command('UnrelateContent', relation),
  ScheduleContentPublish: command('ScheduleContentPublish', [...contentRef, ...strings('scheduledPublishAt')]),
  PublishContent: command('PublishContent', contentRef),
  SetContentActive: command('SetContentActive', [...contentRef, { name: 'isActive', type: 'boolean' }]),
  DeleteContent: command('DeleteContent', contentRef),
  RecordContentAnalytics: command('RecordContentAnalytics', [
    ...strings('campaignId'),
    ...nullableStrings('contentId'),
    ...strings('measurementDate'),
    ...nullableStrings('platform'),
    ...longs('views', 'clicks', 'conversions', 'engagements', 'shares'),
    ...strings('revenue'),
  ]),
};

const workflowCommands = {
  ReportStepStarted: command('ReportStepStarted', stepRef),
  CompleteStep: command('CompleteStep', [
    ...stepRef,
    jsonField('output'),
    ...nullableLongs('costCents', 'tokens'),
    { name: 'qualityScore', ...optional('double') },
    ...nullableLongs('durationMs'),
  ]),
  FailStep: command('FailStep', [...stepRef, ...strings('error'), { name: 'retryable', type: 'boolean' }]),
  TimeOutStep: command('TimeOutStep', stepRef),
  RetryStep: command('RetryStep', stepRef),
};

export const orchestrationCommandSchemas = {
  ...strategyCommands,
  ...orchestratorCommands,
  ...campaignCommands,
  ...contentCommands,
  ...workflowCommands,
} as const;
