import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@campaign/contracts';
import { orchestration } from '@campaign/domain';
import { useSchemasOf } from '../shared/testing';
import { OrchestrationProjection } from './orchestration.projection';

type Event = orchestration.OrchestrationEvent;
type DataOf<T extends Event['type']> = Extract<Event, { type: T }>['data'];
type Campaign = Partial<orchestration.CampaignFields>;
type Content = Partial<orchestration.ContentFields>;

/** A test pool and orchestration projections in fresh schemas, dropped after the enclosing describe. */
export const useOrchestrationSchemas = () => useSchemasOf((schema) => new OrchestrationProjection(schema));

/** A template step with the defaults a test rarely changes. */
export const stepOf = (key: string, dependsOn: readonly string[] = [], agentType = 'writer'): orchestration.StepTemplate => ({
  key,
  name: `Step ${key}`,
  agentType,
  dependsOn,
  timeoutMs: 600_000,
  maxAttempts: 3,
  backoff: { initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 30_000 },
  input: { brief: key },
});

interface Execution {
  readonly orgId: string;
  readonly campaignId: string;
  readonly orchestratorId: string;
  readonly steps: readonly orchestration.StepTemplate[];
  readonly completed: Set<string>;
}

/**
 * The envelopes campaign-command stores for an org's orchestration history, stream by stream as
 * the deciders name them, with contiguous versions and a clock that advances a minute per event.
 * The events are the domain's own types; the histories are ones the deciders accept.
 */
export class OrchestrationHistory {
  readonly envelopes: EventEnvelope[] = [];
  private readonly versions = new Map<string, number>();
  private readonly executions = new Map<string, Execution>();
  private clock = Date.parse('2026-04-01T09:00:00.000Z');

  constructor(readonly orgId: string = randomUUID()) {}

  /** The next instant of the history (a minute after the last). */
  at(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }

  /** An instant `days` after the history's current time. */
  inDays(days: number): string {
    return new Date(this.clock + days * 86_400_000).toISOString();
  }

  emit<T extends Event['type']>(streamId: string, type: T, data: DataOf<T>): this {
    const version = (this.versions.get(streamId) ?? 0) + 1;
    this.versions.set(streamId, version);
    const commandId = randomUUID();
    this.envelopes.push({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      context: 'orchestration',
      streamId,
      streamVersion: version,
      globalPosition: String(this.envelopes.length + 1),
      occurredAt: new Date(this.clock).toISOString(),
      correlationId: commandId,
      causationId: commandId,
      actor: 'user:editor',
      tenant: this.orgId,
      data,
    });
    return this;
  }

  strategy(name = 'Thought leadership', strategyType = 'content_marketing', strategyId: string = randomUUID()): string {
    const stream = orchestration.strategyStreamId(this.orgId, strategyId);
    this.emit(stream, 'StrategyCreated', {
      orgId: this.orgId,
      strategyId,
      name,
      strategyType,
      description: null,
      settings: { cadence: 'weekly' },
      createdAt: this.at(),
    });
    return strategyId;
  }

  orchestrator(steps: readonly orchestration.StepTemplate[], name = 'Blog pipeline', orchestratorId: string = randomUUID()): string {
    const stream = orchestration.orchestratorStreamId(this.orgId, orchestratorId);
    const template = { version: 1, steps };
    this.emit(stream, 'OrchestratorCreated', { orgId: this.orgId, orchestratorId, name, description: null, template, createdAt: this.at() });
    return orchestratorId;
  }

  campaign(fields: Campaign = {}, campaignId: string = randomUUID()): string {
    const defaults = { name: 'Spring launch', description: null, strategyId: null, orchestratorId: null, priority: 'medium' as const };
    const rest = { scheduledStart: null, deadline: null, budget: null, targetAudience: null };
    const data = { orgId: this.orgId, campaignId, ...defaults, ...rest, ...fields, status: 'draft' as const, createdAt: this.at() };
    this.emit(orchestration.campaignStreamId(this.orgId, campaignId), 'CampaignCreated', data);
    return campaignId;
  }

  /** draft → active: the first activation sets actual_start. */
  activate(campaignId: string): string {
    const at = this.at();
    const data = { orgId: this.orgId, campaignId, from: 'draft' as const, to: 'active' as const, actualStart: at, changedAt: at };
    this.emit(orchestration.campaignStreamId(this.orgId, campaignId), 'CampaignStatusChanged', data);
    return at;
  }

  updateCampaign(campaignId: string, changes: orchestration.CampaignChanges): this {
    return this.emit(orchestration.campaignStreamId(this.orgId, campaignId), 'CampaignUpdated', {
      orgId: this.orgId,
      campaignId,
      changes,
      updatedAt: this.at(),
    });
  }

  deleteCampaign(campaignId: string): this {
    return this.emit(orchestration.campaignStreamId(this.orgId, campaignId), 'CampaignDeleted', { orgId: this.orgId, campaignId, deletedAt: this.at() });
  }

  deleteStrategy(strategyId: string): this {
    return this.emit(orchestration.strategyStreamId(this.orgId, strategyId), 'StrategyDeleted', { orgId: this.orgId, strategyId, deletedAt: this.at() });
  }

  deleteOrchestrator(orchestratorId: string): this {
    const data = { orgId: this.orgId, orchestratorId, deletedAt: this.at() };
    return this.emit(orchestration.orchestratorStreamId(this.orgId, orchestratorId), 'OrchestratorDeleted', data);
  }

  /** StartWorkflow: WorkflowBound on the orchestrator, then WorkflowStarted and a dispatch per step without dependencies. */
  startWorkflow(orchestratorId: string, campaignId: string, steps: readonly orchestration.StepTemplate[], variant = 'default'): string {
    const workflowId = randomUUID();
    const orgId = this.orgId;
    this.emit(orchestration.orchestratorStreamId(orgId, orchestratorId), 'WorkflowBound', {
      orgId,
      orchestratorId,
      workflowId,
      campaignId,
      boundAt: this.at(),
    });
    const orders = orchestration.stepOrders({ version: 1, steps });
    const planned = steps.map((step) => ({ ...step, stepOrder: orders.get(step.key) as number }));
    const data = { orgId, workflowId, campaignId, orchestratorId, templateVersion: 1, variant, steps: planned, startedAt: this.at() };
    this.emit(orchestration.workflowStreamId(orgId, workflowId), 'WorkflowStarted', data);
    this.executions.set(workflowId, { orgId, campaignId, orchestratorId, steps, completed: new Set() });
    for (const step of steps.filter((s) => s.dependsOn.length === 0)) this.dispatch(workflowId, step.key);
    return workflowId;
  }

  dispatch(workflowId: string, stepKey: string, attempt = 1): this {
    const e = this.execution(workflowId);
    const step = e.steps.find((s) => s.key === stepKey) as orchestration.StepTemplate;
    const dispatchedAt = this.at();
    const timeoutAt = new Date(Date.parse(dispatchedAt) + step.timeoutMs).toISOString();
    const data = { ...this.ref(workflowId), stepKey, stepName: step.name, agentType: step.agentType, attempt, input: step.input };
    return this.emit(this.stream(workflowId), 'StepDispatched', { ...data, dependencyOutputs: {}, dispatchedAt, timeoutAt });
  }

  started(workflowId: string, stepKey: string, attempt = 1): this {
    return this.emit(this.stream(workflowId), 'StepStarted', { ...this.ref(workflowId), stepKey, attempt, startedAt: this.at() });
  }

  /** CompleteStep: StepCompleted, then the dispatch of every step it made ready, as the decider does. */
  complete(workflowId: string, stepKey: string, attempt = 1, measures: { costCents?: number; tokens?: number; qualityScore?: number } = {}): this {
    const e = this.execution(workflowId);
    e.completed.add(stepKey);
    const progressPercentage = Math.floor((e.completed.size / e.steps.length) * 100);
    const { costCents = 120, tokens = 900, qualityScore = 0.9 } = measures;
    const data = { ...this.ref(workflowId), stepKey, attempt, output: { text: `${stepKey} done` }, costCents, tokens, qualityScore, durationMs: null };
    this.emit(this.stream(workflowId), 'StepCompleted', { ...data, completedAt: this.at(), progressPercentage });
    const ready = e.steps.filter((s) => !e.completed.has(s.key) && s.dependsOn.includes(stepKey) && s.dependsOn.every((d) => e.completed.has(d)));
    for (const step of ready) this.dispatch(workflowId, step.key);
    if (e.completed.size === e.steps.length) {
      this.emit(this.stream(workflowId), 'WorkflowCompleted', { ...this.ref(workflowId), orchestratorId: e.orchestratorId, completedAt: this.at() });
    }
    return this;
  }

  /** FailStep: retried after a back-off while attempts remain, else the step and the workflow fail for good. */
  fail(workflowId: string, stepKey: string, attempt = 1, { retry = true, timedOut = false } = {}): this {
    const e = this.execution(workflowId);
    const failedAt = this.at();
    const retryDueAt = retry ? new Date(Date.parse(failedAt) + 1_000).toISOString() : null;
    const data = { ...this.ref(workflowId), stepKey, attempt, error: timedOut ? 'timed out' : 'agent error', retryable: retry, timedOut };
    this.emit(this.stream(workflowId), 'StepFailed', { ...data, failedAt, retryDueAt });
    if (retry) return this;
    const failed = { ...this.ref(workflowId), orchestratorId: e.orchestratorId, stepKey, error: 'agent error', failedAt: this.at() };
    return this.emit(this.stream(workflowId), 'WorkflowFailed', failed);
  }

  release(workflowId: string): this {
    const { orchestratorId } = this.execution(workflowId);
    const data = { orgId: this.orgId, orchestratorId, workflowId, releasedAt: this.at() };
    return this.emit(orchestration.orchestratorStreamId(this.orgId, orchestratorId), 'WorkflowReleased', data);
  }

  content(campaignId: string, fields: Content = {}, contentId: string = randomUUID()): string {
    const base = { title: 'Launch post', contentType: 'blog_post', platform: 'website', contentMarkdown: '# Launch', status: 'draft' as const };
    const links = { parentContentId: null, workflowId: null, stepKey: null, scheduledPublishAt: null, reviewDeadline: null };
    const data = { orgId: this.orgId, campaignId, contentId, ...base, ...links, ...fields, createdAt: this.at() };
    this.emit(orchestration.contentStreamId(this.orgId, campaignId), 'ContentCreated', data);
    return contentId;
  }

  /** Any other event of a campaign's content stream (orgId and campaignId filled in). */
  contentEvent<T extends orchestration.ContentEvent['type']>(campaignId: string, type: T, data: Omit<DataOf<T>, 'orgId' | 'campaignId'>): this {
    return this.emit(orchestration.contentStreamId(this.orgId, campaignId), type, { orgId: this.orgId, campaignId, ...data } as DataOf<T>);
  }

  private execution(workflowId: string): Execution {
    return this.executions.get(workflowId) as Execution;
  }

  private ref(workflowId: string) {
    return { orgId: this.orgId, workflowId, campaignId: this.execution(workflowId).campaignId };
  }

  private stream(workflowId: string): string {
    return orchestration.workflowStreamId(this.orgId, workflowId);
  }
}
