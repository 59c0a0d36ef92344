/**
 * One workflow execution (seed 000: "Campaign (1) → CampaignWorkflow (*)", "each workflow
 * contains multiple ordered steps") as pure state: which steps wait, which an agent works on,
 * which are done. The transitions live in workflow-plan.steps.ts; nothing here reads a clock:
 * every instant arrives as epoch milliseconds.
 */
import { DomainError } from '../shared/decider';
import { isInstantInBounds } from '../shared/validation';
import { OrchestrationErrorCode as Code, reject } from './errors';
import type { StepCompletion } from './step-report';
import { type StepTemplate, validateTemplate, type WorkflowTemplate } from './template';

/**
 * pending → ready (every dependency completed) → dispatched (handed to an agent; the attempt
 * counts from here) → running (the agent said it started; optional) → completed, or, on a
 * failure or timeout, retry_scheduled (attempts left; dispatched again once due) or failed
 * (for good). 'completed' and 'failed' are the values the seed's validation queries count.
 */
export const STEP_STATUSES = ['pending', 'ready', 'dispatched', 'running', 'retry_scheduled', 'completed', 'failed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** running until every step completed (completed) or one failed for good (failed). */
export const WORKFLOW_STATUSES = ['running', 'completed', 'failed'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export type StepResult = Omit<StepCompletion, 'attempt'>;

export interface StepState {
  readonly key: string;
  readonly status: StepStatus;
  /** The number of the latest attempt dispatched (0 before the first). */
  readonly attempt: number;
  readonly readyAt: number | null;
  /** The step's started_at: when its first attempt was dispatched. */
  readonly startedAt: number | null;
  /** When the latest attempt was dispatched, and when it timed out or times out. */
  readonly dispatchedAt: number | null;
  readonly timeoutAt: number | null;
  /** When the agent said the latest attempt started running, if it did. */
  readonly runningAt: number | null;
  readonly retryDueAt: number | null;
  /** The step's completed_at (seed 000 chk_step_timing: after started_at). */
  readonly completedAt: number | null;
  readonly failedAt: number | null;
  readonly lastError: string | null;
  readonly result: StepResult | null;
  /** Fingerprints of every report accepted for the step: a redelivery of one changes nothing. */
  readonly reports: readonly string[];
}

export interface WorkflowPlan {
  readonly template: WorkflowTemplate;
  readonly status: WorkflowStatus;
  readonly startedAt: number;
  /** The workflow's completed_at: when its last step completed, or its failing step failed for good. */
  readonly finishedAt: number | null;
  /** In template order. */
  readonly steps: ReadonlyMap<string, StepState>;
}

/** What a transition did: a new state and the steps it made ready, or nothing to do. */
export type PlanResult =
  | { readonly kind: 'applied'; readonly state: WorkflowPlan; readonly newlyReady: readonly string[] }
  | { readonly kind: 'unchanged'; readonly reason: 'duplicate' | 'stale_attempt' }
  | DomainError;

/** The rejection of a transition (or of startWorkflow), as opposed to its result. */
export const isPlanRejection = (result: unknown): result is DomainError => result instanceof DomainError;

export const timeError = (at: number): DomainError | null =>
  Number.isSafeInteger(at) && isInstantInBounds(at)
    ? null
    : reject(Code.WORKFLOW_TIME_INVALID, 'An instant is integer epoch milliseconds from 2000 to before 3000', { at });

const stepStateOf = (step: StepTemplate, at: number): StepState => ({
  key: step.key,
  status: step.dependsOn.length === 0 ? 'ready' : 'pending',
  attempt: 0,
  readyAt: step.dependsOn.length === 0 ? at : null,
  startedAt: null,
  dispatchedAt: null,
  timeoutAt: null,
  runningAt: null,
  retryDueAt: null,
  completedAt: null,
  failedAt: null,
  lastError: null,
  result: null,
  reports: [],
});

/** A new execution of `template` started at `at`: the steps without dependencies are ready. */
export const startWorkflow = (template: WorkflowTemplate, at: number): WorkflowPlan | DomainError => {
  const wrong = validateTemplate(template) ?? timeError(at);
  if (wrong) return wrong;
  return { template, status: 'running', startedAt: at, finishedAt: null, steps: new Map(template.steps.map((step) => [step.key, stepStateOf(step, at)])) };
};

export const readySteps = (state: WorkflowPlan): string[] => [...state.steps.values()].filter((step) => step.status === 'ready').map((step) => step.key);

/**
 * seed 000 chk_campaign_progress: an integer 0..100 — the completed share of the steps, rounded
 * down so that 100 means every step completed.
 */
export const progressPercentage = (state: WorkflowPlan): number => {
  const steps = [...state.steps.values()];
  return Math.floor((100 * steps.filter((step) => step.status === 'completed').length) / steps.length);
};
