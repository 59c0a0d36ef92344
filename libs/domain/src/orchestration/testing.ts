/**
 * Builders for the orchestration specs: steps and templates for the pure core; ids, metadata and
 * one builder per command (defaults accepted on an empty history, in ORG_ID at NOW by an admin)
 * for the deciders; workflow histories. Production code never imports this file.
 */
import { accepted, given } from '../testing';
import type { Command, CommandMetadata } from '../shared/decider';
import type { CampaignEvent } from './campaign';
import { type CampaignCommand, campaignDecider } from './campaign.decide';
import type { ContentCommand } from './content.decide';
import { type OrchestratorCommand, orchestratorDecider } from './orchestrator.decide';
import type { StepCompletion } from './step-report';
import type { StrategyCommand } from './strategy.decide';
import type { StepTemplate, WorkflowTemplate } from './template';
import type { WorkflowEvent } from './workflow';
import { type WorkflowCommand, workflowDecider } from './workflow.decide';
import { isPlanRejection, type PlanResult, type StepState, type WorkflowPlan } from './workflow-plan';
import { stepCompleted, stepDispatched } from './workflow-plan.steps';

// --- the pure core -----------------------------------------------------------------------------

export const T0 = Date.UTC(2026, 0, 1);
export const SECOND = 1_000;

export const stepOf = (key: string, dependsOn: readonly string[] = [], overrides: Partial<StepTemplate> = {}): StepTemplate => ({
  key,
  name: `Step ${key}`,
  agentType: 'writer',
  dependsOn,
  timeoutMs: 60 * SECOND,
  maxAttempts: 3,
  backoff: { initialDelayMs: SECOND, multiplier: 2, maxDelayMs: 30 * SECOND },
  input: {},
  ...overrides,
});

export const templateOf = (...steps: StepTemplate[]): WorkflowTemplate => ({ version: 1, steps });

/** a → {b, c} → d */
export const diamond = (overrides: Partial<StepTemplate> = {}): WorkflowTemplate =>
  templateOf(stepOf('a', [], overrides), stepOf('b', ['a'], overrides), stepOf('c', ['a'], overrides), stepOf('d', ['b', 'c'], overrides));

/** The state a transition applied; throws, naming the outcome, otherwise. */
export const must = (result: PlanResult | WorkflowPlan): WorkflowPlan => {
  if (isPlanRejection(result)) throw new Error(`expected a state, got ${result.code}: ${result.message}`);
  if ('kind' in result) {
    if (result.kind === 'unchanged') throw new Error(`expected a state, got unchanged/${result.reason}`);
    return result.state;
  }
  return result;
};

export const done = (attempt = 1, output: Record<string, unknown> = { text: 'ok' }): StepCompletion => ({ attempt, output });

/** Dispatches `key` at `at` and completes it one second later. */
export const runStep = (state: WorkflowPlan, key: string, at: number): WorkflowPlan =>
  must(stepCompleted(must(stepDispatched(state, key, at)), key, done(), at + SECOND));

export const stepIn = (state: WorkflowPlan, key: string): StepState => state.steps.get(key) as StepState;

// --- the deciders ------------------------------------------------------------------------------

export const NOW = '2026-04-01T09:00:00.000Z';
export const ORG_ID = '0b7e2a4c-1d3f-4a5b-8c6d-7e8f9a0b1c2d';
export const OTHER_ORG_ID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
export const STRATEGY_ID = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
export const ORCHESTRATOR_ID = '5a0c7e2b-8d1f-4b3a-9e6c-2f4d6b8a0c1e';
export const CAMPAIGN_ID = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a';
export const WORKFLOW_ID = '6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e';

/** The n-th content id: a distinct lowercase UUID per n. */
export const contentId = (n: number): string => `c0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
/** The n-th workflow id. */
export const workflowId = (n: number): string => `f0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The instant `seconds` after NOW (before, when negative). */
export const at = (seconds: number): string => new Date(Date.parse(NOW) + seconds * 1_000).toISOString();

export const METADATA: CommandMetadata = { commandId: '0b9e3c1d-7a2f-4e5b-8c6d-1f2a3b4c5d6e', now: NOW, actor: 'user:admin', tenant: ORG_ID, role: 'admin' };

/** What a service sends with: no role. */
export const AS_SERVICE: Partial<CommandMetadata> = { actor: 'service:timer-scheduler', role: undefined };

type AnyCommand = StrategyCommand | OrchestratorCommand | CampaignCommand | ContentCommand | WorkflowCommand;
type Of<T extends AnyCommand['type']> = Extract<AnyCommand, { type: T }>;
type Build<C extends Command> = (data?: Partial<C['data']>, metadata?: Partial<CommandMetadata>) => C;

const build =
  <T extends AnyCommand['type']>(type: T, defaults: Of<T>['data']): Build<Of<T>> =>
  (data = {}, metadata = {}) => {
    const merged = { ...METADATA, ...metadata };
    // A key given as undefined removes it (a service has no role).
    const clean = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as unknown as CommandMetadata;
    return { type, data: { ...defaults, ...data }, metadata: clean } as Of<T>;
  };

const content = { campaignId: CAMPAIGN_ID, contentId: contentId(1) };
const step = { workflowId: WORKFLOW_ID, stepKey: 'a', attempt: 1 };

export const command = {
  createStrategy: build('CreateStrategy', { strategyId: STRATEGY_ID, name: 'Evergreen', strategyType: 'content' }),
  updateStrategy: build('UpdateStrategy', { strategyId: STRATEGY_ID }),
  deleteStrategy: build('DeleteStrategy', { strategyId: STRATEGY_ID }),
  createOrchestrator: build('CreateOrchestrator', { orchestratorId: ORCHESTRATOR_ID, name: 'Blog pipeline', steps: [stepOf('a')] }),
  reviseTemplate: build('ReviseOrchestratorTemplate', { orchestratorId: ORCHESTRATOR_ID, steps: [stepOf('a'), stepOf('b', ['a'])] }),
  deleteOrchestrator: build('DeleteOrchestrator', { orchestratorId: ORCHESTRATOR_ID }),
  startWorkflow: build('StartWorkflow', { orchestratorId: ORCHESTRATOR_ID, workflowId: WORKFLOW_ID, campaignId: CAMPAIGN_ID }),
  releaseWorkflow: build('ReleaseWorkflow', { orchestratorId: ORCHESTRATOR_ID, workflowId: WORKFLOW_ID }),
  createCampaign: build('CreateCampaign', { campaignId: CAMPAIGN_ID, name: 'Spring launch' }),
  updateCampaign: build('UpdateCampaign', { campaignId: CAMPAIGN_ID }),
  changeStatus: build('ChangeCampaignStatus', { campaignId: CAMPAIGN_ID, status: 'active' }),
  deleteCampaign: build('DeleteCampaign', { campaignId: CAMPAIGN_ID }),
  createContent: build('CreateContent', { ...content, title: 'Launch post', contentType: 'blog_post', platform: 'website' }),
  updateContent: build('UpdateContent', content),
  relate: build('RelateContent', { campaignId: CAMPAIGN_ID, sourceContentId: contentId(1), targetContentId: contentId(2), relationshipType: 'references' }),
  unrelate: build('UnrelateContent', { campaignId: CAMPAIGN_ID, sourceContentId: contentId(1), targetContentId: contentId(2), relationshipType: 'references' }),
  schedule: build('ScheduleContentPublish', { ...content, scheduledPublishAt: at(3_600) }),
  publish: build('PublishContent', content),
  setActive: build('SetContentActive', { ...content, isActive: false }),
  deleteContent: build('DeleteContent', content),
  recordAnalytics: build('RecordContentAnalytics', {
    ...content,
    measurementDate: '2026-04-01',
    views: 100,
    clicks: 10,
    conversions: 1,
    engagements: 5,
    shares: 2,
    revenue: '19.90',
  }),
  reportStarted: build('ReportStepStarted', step),
  completeStep: build('CompleteStep', { ...step, output: { text: 'ok' } }),
  failStep: build('FailStep', { ...step, error: 'rate limited', retryable: true }),
  timeOutStep: build('TimeOutStep', step),
  retryStep: build('RetryStep', step),
};

/** The metadata of a command sent `seconds` after NOW. */
export const after = (seconds: number, metadata: Partial<CommandMetadata> = {}): Partial<CommandMetadata> => ({ now: at(seconds), ...metadata });

// --- workflow histories ------------------------------------------------------------------------

/** The workflow stream's first events: WorkflowStarted and the dispatch of the steps without dependencies, at NOW. */
export const startedWith = (steps: readonly StepTemplate[]): WorkflowEvent[] => {
  const campaign = accepted(given(campaignDecider).when(command.createCampaign())) as readonly CampaignEvent[];
  const before = [...campaign, ...accepted(given(orchestratorDecider).when(command.createOrchestrator({ steps })))];
  const start = command.startWorkflow();
  return accepted(given(orchestratorDecider, before).when(start)).filter(
    (event) => orchestratorDecider.streamOfNew?.(event, start) !== null,
  ) as WorkflowEvent[];
};

/** `events` followed by what each command recorded, decided in turn; every one must be accepted. */
export const run = (events: readonly WorkflowEvent[], ...commands: WorkflowCommand[]): WorkflowEvent[] =>
  commands.reduce<WorkflowEvent[]>((sofar, next) => [...sofar, ...accepted(given(workflowDecider, sofar).when(next))], [...events]);

export const typesOf = (events: readonly WorkflowEvent[]): string[] =>
  events.map((event) => `${event.type}${'stepKey' in event.data ? ` ${event.data.stepKey}` : ''}`);
