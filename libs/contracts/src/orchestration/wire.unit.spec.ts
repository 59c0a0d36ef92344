import type { orchestration } from '@campaign/domain';
import { decodeData, encodeData } from '../registry';
import { stepContentId } from './ids';

/** Samples typed by the domain's data, so a field the domain lacks (or the schema misses) does not compile. */
type Samples<M extends { type: string; data: unknown }> = { readonly [K in M['type']]: Extract<M, { type: K }>['data'] };

const orgId = '0b7e2a4c-1d3f-4a5b-8c6d-7e8f9a0b1c2d';
const strategyId = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const orchestratorId = '5a0c7e2b-8d1f-4b3a-9e6c-2f4d6b8a0c1e';
const campaignId = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a';
const contentId = '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b';
const parentContentId = '4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b8c';
const workflowId = '6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e';
const at = '2026-04-01T09:00:00.000Z';
const later = '2026-04-02T09:00:00.000Z';

const backoff = { initialDelayMs: 1_000, multiplier: 2.5, maxDelayMs: 60_000 };
const stepA = { key: 'draft', name: 'Draft', agentType: 'writer', dependsOn: [], timeoutMs: 60_000, maxAttempts: 3, backoff, input: { tone: 'warm' } };
const stepB = { ...stepA, key: 'review', name: 'Review', agentType: 'reviewer', dependsOn: ['draft'], input: { nested: { list: [1, 'two', null] } } };
const template = { version: 2, steps: [stepA, stepB] };
const step = { workflowId, campaignId, orgId, stepKey: 'draft', attempt: 2 };

const events: Samples<orchestration.OrchestrationEvent> = {
  StrategyCreated: { orgId, strategyId, name: 'Evergreen', strategyType: 'content', description: null, settings: { cadence: 'weekly' }, createdAt: at },
  StrategyUpdated: { orgId, strategyId, changes: { description: null, settings: { cadence: 'daily' } }, updatedAt: at },
  StrategyDeleted: { orgId, strategyId, deletedAt: at },
  OrchestratorCreated: { orgId, orchestratorId, name: 'Blog pipeline', description: 'draft then review', template, createdAt: at },
  OrchestratorTemplateRevised: { orgId, orchestratorId, template: { version: 3, steps: [stepA] }, revisedAt: at },
  OrchestratorDeleted: { orgId, orchestratorId, deletedAt: at },
  WorkflowBound: { orgId, orchestratorId, workflowId, campaignId, boundAt: at },
  WorkflowReleased: { orgId, orchestratorId, workflowId, releasedAt: at },
  CampaignCreated: {
    orgId,
    campaignId,
    name: 'Spring launch',
    description: null,
    strategyId,
    orchestratorId: null,
    priority: 'urgent',
    scheduledStart: at,
    deadline: later,
    budget: '1500.00',
    targetAudience: { segments: ['smb'] },
    status: 'draft',
    createdAt: at,
  },
  CampaignUpdated: { orgId, campaignId, changes: { strategyId: null, deadline: later, progressPercentage: 40 }, updatedAt: at },
  CampaignStatusChanged: { orgId, campaignId, from: 'draft', to: 'active', actualStart: at, changedAt: at },
  CampaignDeleted: { orgId, campaignId, deletedAt: at },
  ContentCreated: {
    orgId,
    campaignId,
    contentId,
    title: 'Launch post',
    contentMarkdown: '# Hello',
    status: 'draft',
    parentContentId,
    reviewDeadline: later,
    contentType: 'blog_post',
    platform: 'website',
    workflowId,
    stepKey: 'draft',
    scheduledPublishAt: null,
    createdAt: at,
  },
  ContentUpdated: { orgId, campaignId, contentId, changes: { parentContentId: null, title: 'Launch post v2' }, updatedAt: at },
  ContentRelated: { orgId, campaignId, sourceContentId: contentId, targetContentId: parentContentId, relationshipType: 'repurposes', at },
  ContentUnrelated: { orgId, campaignId, sourceContentId: contentId, targetContentId: parentContentId, relationshipType: 'supports', at },
  ContentPublishScheduled: { orgId, campaignId, contentId, scheduledPublishAt: later, at },
  ContentPublished: { orgId, campaignId, contentId, publishedAt: later },
  ContentActivationChanged: { orgId, campaignId, contentId, isActive: false, at },
  ContentDeleted: { orgId, campaignId, contentId, deletedAt: at },
  ContentAnalyticsRecorded: {
    orgId,
    campaignId,
    contentId: null,
    measurementDate: '2026-04-01',
    platform: 'linkedin',
    views: 12_000_000_000,
    clicks: 30,
    conversions: 2,
    engagements: 7,
    shares: 1,
    revenue: '9999999999.99',
    recordedAt: at,
  },
  WorkflowStarted: {
    orgId,
    workflowId,
    campaignId,
    orchestratorId,
    templateVersion: 2,
    variant: 'B',
    steps: [
      { ...stepA, stepOrder: 1 },
      { ...stepB, stepOrder: 2 },
    ],
    startedAt: at,
  },
  StepDispatched: {
    ...step,
    stepName: 'Draft',
    agentType: 'writer',
    input: { tone: 'warm' },
    dependencyOutputs: { research: { facts: ['a'] } },
    dispatchedAt: at,
    timeoutAt: later,
  },
  StepStarted: { ...step, startedAt: at },
  StepCompleted: {
    ...step,
    output: { text: 'ok' },
    costCents: 12,
    tokens: null,
    qualityScore: 0.75,
    durationMs: 900,
    completedAt: later,
    progressPercentage: 50,
  },
  StepFailed: { ...step, error: 'rate limited', retryable: true, timedOut: false, failedAt: at, retryDueAt: later },
  WorkflowCompleted: { orgId, workflowId, campaignId, orchestratorId, completedAt: later },
  WorkflowFailed: { orgId, workflowId, campaignId, orchestratorId, stepKey: 'review', error: 'gave up', failedAt: later },
};

const stepRef = { workflowId, stepKey: 'draft', attempt: 1 };

const commands: Samples<orchestration.OrchestrationCommand> = {
  CreateStrategy: { strategyId, name: 'Evergreen', strategyType: 'content', description: null, settings: { cadence: 'weekly' } },
  UpdateStrategy: { strategyId, name: null, strategyType: 'social', description: 'now social', settings: null },
  DeleteStrategy: { strategyId },
  CreateOrchestrator: { orchestratorId, name: 'Blog pipeline', description: null, steps: [stepA, stepB] },
  ReviseOrchestratorTemplate: { orchestratorId, steps: [stepA] },
  DeleteOrchestrator: { orchestratorId },
  StartWorkflow: { orchestratorId, workflowId, campaignId, variant: null },
  ReleaseWorkflow: { orchestratorId, workflowId },
  CreateCampaign: {
    campaignId,
    name: 'Spring launch',
    description: null,
    strategyId,
    orchestratorId: null,
    priority: 'high',
    scheduledStart: at,
    deadline: '2026-05-01T00:00:00+02:00',
    budget: '1500',
    targetAudience: { segments: ['smb'] },
  },
  UpdateCampaign: {
    campaignId,
    name: null,
    description: 'more',
    strategyId: null,
    orchestratorId,
    priority: null,
    scheduledStart: null,
    deadline: null,
    budget: null,
    targetAudience: null,
    progressPercentage: 30,
  },
  ChangeCampaignStatus: { campaignId, status: 'active' },
  DeleteCampaign: { campaignId },
  CreateContent: {
    campaignId,
    contentId,
    title: 'Launch post',
    contentType: 'blog_post',
    platform: 'website',
    contentMarkdown: null,
    status: null,
    parentContentId,
    workflowId: null,
    stepKey: null,
    scheduledPublishAt: later,
    reviewDeadline: null,
  },
  UpdateContent: { campaignId, contentId, title: null, contentMarkdown: '# v2', status: 'in_review', parentContentId: null, reviewDeadline: later },
  RelateContent: { campaignId, sourceContentId: contentId, targetContentId: parentContentId, relationshipType: 'references' },
  UnrelateContent: { campaignId, sourceContentId: contentId, targetContentId: parentContentId, relationshipType: 'references' },
  ScheduleContentPublish: { campaignId, contentId, scheduledPublishAt: later },
  PublishContent: { campaignId, contentId },
  SetContentActive: { campaignId, contentId, isActive: true },
  DeleteContent: { campaignId, contentId },
  RecordContentAnalytics: {
    campaignId,
    contentId,
    measurementDate: '2026-04-01',
    platform: null,
    views: 10,
    clicks: 3,
    conversions: 1,
    engagements: 4,
    shares: 0,
    revenue: '12.50',
  },
  ReportStepStarted: stepRef,
  CompleteStep: { ...stepRef, output: { content: { title: 'T' } }, costCents: null, tokens: 1_200, qualityScore: 1, durationMs: null },
  FailStep: { ...stepRef, error: 'bad input', retryable: false },
  TimeOutStep: stepRef,
  RetryStep: stepRef,
};

describe("the orchestration contract carries the domain's messages unchanged", () => {
  it.each(Object.entries(events))('event %s', (type, data) => {
    const { version, bytes } = encodeData('orchestration', 'events', type, data);
    expect(decodeData('orchestration', 'events', type, version, bytes)).toEqual(data);
  });

  it.each(Object.entries(commands))('command %s', (type, data) => {
    const { version, bytes } = encodeData('orchestration', 'commands', type, data);
    expect(decodeData('orchestration', 'commands', type, version, bytes)).toEqual(data);
  });
});

describe("a step's content id", () => {
  it('is a name-based UUID of the workflow and the step: the same twice, another for another step', () => {
    expect(stepContentId(workflowId, 'draft')).toBe(stepContentId(workflowId, 'draft'));
    expect(stepContentId(workflowId, 'draft')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stepContentId(workflowId, 'review')).not.toBe(stepContentId(workflowId, 'draft'));
  });
});
