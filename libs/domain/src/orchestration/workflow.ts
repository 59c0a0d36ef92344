/**
 * One workflow execution (seed 000: "Campaign (1) → CampaignWorkflow (*)", "each workflow
 * contains multiple ordered steps", "steps can have dependencies on other steps"): its events
 * and their fold into the pure core's WorkflowPlan. `StepDispatched` is the agents' request
 * contract: an agent of the step's agentType answers it for the same attempt.
 */
import type { Event } from '../shared/decider';
import { parseInstant } from '../shared/validation';
import type { StepTemplate } from './template';
import { isPlanRejection, type PlanResult, startWorkflow, type WorkflowPlan } from './workflow-plan';
import { stepCompleted, stepDispatched, stepFailed, stepStarted, stepTimedOut } from './workflow-plan.steps';
import type { JsonObject } from './values';

export const workflowStreamId = (orgId: string, workflowId: string): string => `orchestration-workflow-${orgId}-${workflowId}`;

/** A template step as the execution instantiated it, with its seed 000 step_order (chk_step_order: > 0). */
export interface WorkflowStep extends StepTemplate {
  readonly stepOrder: number;
}

interface Ref {
  readonly orgId: string;
  readonly workflowId: string;
  readonly campaignId: string;
}

export type WorkflowStarted = Event<
  'WorkflowStarted',
  Ref & {
    readonly orchestratorId: string;
    readonly templateVersion: number;
    /** The A/B label (seed 000: "supports retry, versioning, and A/B testing"). */
    readonly variant: string;
    readonly steps: readonly WorkflowStep[];
    readonly startedAt: string;
  }
>;

/** The agents' request: run attempt `attempt` of the step before timeoutAt. */
export type StepDispatched = Event<
  'StepDispatched',
  Ref & {
    readonly stepKey: string;
    readonly stepName: string;
    readonly agentType: string;
    readonly attempt: number;
    readonly input: JsonObject;
    /** The output of each step this one depends on, by step key. */
    readonly dependencyOutputs: Readonly<Record<string, JsonObject>>;
    readonly dispatchedAt: string;
    readonly timeoutAt: string;
  }
>;

export type StepStarted = Event<'StepStarted', Ref & { readonly stepKey: string; readonly attempt: number; readonly startedAt: string }>;

export type StepCompleted = Event<
  'StepCompleted',
  Ref & {
    readonly stepKey: string;
    readonly attempt: number;
    readonly output: JsonObject;
    readonly costCents: number | null;
    readonly tokens: number | null;
    readonly qualityScore: number | null;
    readonly durationMs: number | null;
    readonly completedAt: string;
    /** The workflow's share of completed steps after this one (seed 000 chk_campaign_progress: 0–100). */
    readonly progressPercentage: number;
  }
>;

/** retryDueAt: when the next attempt is due; null when the step failed for good. */
export type StepFailed = Event<
  'StepFailed',
  Ref & {
    readonly stepKey: string;
    readonly attempt: number;
    readonly error: string;
    readonly retryable: boolean;
    readonly timedOut: boolean;
    readonly failedAt: string;
    readonly retryDueAt: string | null;
  }
>;

export type WorkflowCompleted = Event<'WorkflowCompleted', Ref & { readonly orchestratorId: string; readonly completedAt: string }>;

export type WorkflowFailed = Event<
  'WorkflowFailed',
  Ref & { readonly orchestratorId: string; readonly stepKey: string; readonly error: string; readonly failedAt: string }
>;

export type WorkflowEvent = WorkflowStarted | StepDispatched | StepStarted | StepCompleted | StepFailed | WorkflowCompleted | WorkflowFailed;

export const WORKFLOW_EVENT_TYPES: readonly WorkflowEvent['type'][] = [
  'WorkflowStarted',
  'StepDispatched',
  'StepStarted',
  'StepCompleted',
  'StepFailed',
  'WorkflowCompleted',
  'WorkflowFailed',
];

export interface WorkflowView {
  readonly workflowId: string;
  readonly campaignId: string;
  readonly orchestratorId: string;
  readonly variant: string;
  readonly steps: readonly WorkflowStep[];
  readonly plan: WorkflowPlan;
  /** Every report accepted, without its instant: the same report sent again (another command id) changes nothing. */
  readonly reports: ReadonlySet<string>;
}

export interface WorkflowState {
  readonly workflow: WorkflowView | null;
}

export const initialWorkflowState = (): WorkflowState => ({ workflow: null });

const ms = (iso: string): number => parseInstant(iso) as number;

/** A report's identity without its instant: kind, step, attempt and what the report says. */
export const reportKey = (kind: string, stepKey: string, report: object): string => JSON.stringify([kind, stepKey, sortedJson(report)]);

const sortedJson = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined && item !== null);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => [key, sortedJson(item)]));
};

/** What StepCompleted reports, as the plan and the report key read it (absent measures left out). */
export const completionOf = (data: StepCompleted['data']) => ({
  attempt: data.attempt,
  output: data.output,
  ...(data.costCents === null ? {} : { costCents: data.costCents }),
  ...(data.tokens === null ? {} : { tokens: data.tokens }),
  ...(data.qualityScore === null ? {} : { qualityScore: data.qualityScore }),
  ...(data.durationMs === null ? {} : { durationMs: data.durationMs }),
});

const planned = (view: WorkflowView, result: PlanResult, report: string | null): WorkflowView => {
  if (isPlanRejection(result) || result.kind !== 'applied') return view;
  return { ...view, plan: result.state, reports: report === null ? view.reports : new Set(view.reports).add(report) };
};

const evolveStep = (view: WorkflowView, event: Exclude<WorkflowEvent, WorkflowStarted>): WorkflowView => {
  switch (event.type) {
    case 'StepDispatched':
      return planned(view, stepDispatched(view.plan, event.data.stepKey, ms(event.data.dispatchedAt)), null);
    case 'StepStarted': {
      const report = { attempt: event.data.attempt };
      return planned(view, stepStarted(view.plan, event.data.stepKey, report, ms(event.data.startedAt)), reportKey('started', event.data.stepKey, report));
    }
    case 'StepCompleted': {
      const report = completionOf(event.data);
      return planned(
        view,
        stepCompleted(view.plan, event.data.stepKey, report, ms(event.data.completedAt)),
        reportKey('completed', event.data.stepKey, report),
      );
    }
    case 'StepFailed': {
      const { stepKey, attempt, error, retryable, timedOut, failedAt } = event.data;
      if (timedOut) return planned(view, stepTimedOut(view.plan, stepKey, { attempt }, ms(failedAt)), null);
      const report = { attempt, error, retryable };
      return planned(view, stepFailed(view.plan, stepKey, report, ms(failedAt)), reportKey('failed', stepKey, report));
    }
    case 'WorkflowCompleted':
    case 'WorkflowFailed':
      // The plan finished with the step event that preceded it.
      return view;
  }
};

export const evolveWorkflow = (state: WorkflowState, event: WorkflowEvent): WorkflowState => {
  if (event.type === 'WorkflowStarted') {
    const { workflowId, campaignId, orchestratorId, variant, steps, templateVersion, startedAt } = event.data;
    const plan = startWorkflow({ version: templateVersion, steps: steps.map(({ stepOrder: _order, ...step }) => step) }, ms(startedAt));
    if (isPlanRejection(plan)) return state;
    return { workflow: { workflowId, campaignId, orchestratorId, variant, steps, plan, reports: new Set() } };
  }
  return state.workflow === null ? state : { workflow: evolveStep(state.workflow, event) };
};
