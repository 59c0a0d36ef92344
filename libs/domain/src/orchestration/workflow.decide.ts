/**
 * Step reports and timers, decided on the workflow's stream: each folds into the pure core's
 * WorkflowPlan (workflow-plan.steps.ts) and maps its answer — `applied` to events (a completion
 * also dispatches every step it made ready, in the same decision), `unchanged` (a redelivery, a
 * report or timer about an attempt already given up) to no events, a DomainError to the rejection.
 */
import { assertNever, type Command, type Decider, type Decision, DomainError } from '../shared/decider';
import { toIso } from '../shared/validation';
import { nowOf, roleRequired, serviceRequired, tenantOf, WRITERS } from './access';
import { OrchestrationErrorCode as Code, reject } from './errors';
import type { StepCompletion } from './step-report';
import { type JsonObject, ORCHESTRATION_LIMITS as LIMITS } from './values';
import {
  evolveWorkflow,
  initialWorkflowState,
  reportKey,
  type StepCompleted,
  type WorkflowEvent,
  type WorkflowState,
  type WorkflowView,
  workflowStreamId,
} from './workflow';
import { dispatchAll, dispatchStep } from './workflow.dispatch';
import { isPlanRejection, type PlanResult, progressPercentage, type WorkflowPlan } from './workflow-plan';
import { stepCompleted, stepFailed, stepStarted, stepTimedOut } from './workflow-plan.steps';

interface StepRef {
  readonly workflowId: string;
  readonly stepKey: string;
  readonly attempt: number;
}

export type ReportStepStarted = Command<'ReportStepStarted', StepRef>;
export type CompleteStep = Command<
  'CompleteStep',
  StepRef & {
    readonly output: JsonObject;
    readonly costCents?: number | null;
    readonly tokens?: number | null;
    readonly qualityScore?: number | null;
    readonly durationMs?: number | null;
  }
>;
export type FailStep = Command<'FailStep', StepRef & { readonly error: string; readonly retryable: boolean }>;
/** The timer-scheduler's, when the attempt's timeoutAt passed. */
export type TimeOutStep = Command<'TimeOutStep', StepRef>;
/** The timer-scheduler's, when the retry after failed attempt `attempt` is due: dispatches attempt + 1. */
export type RetryStep = Command<'RetryStep', StepRef>;

export type WorkflowCommand = ReportStepStarted | CompleteStep | FailStep | TimeOutStep | RetryStep;

export const WORKFLOW_COMMAND_TYPES: readonly WorkflowCommand['type'][] = ['ReportStepStarted', 'CompleteStep', 'FailStep', 'TimeOutStep', 'RetryStep'];

const NOTHING: readonly WorkflowEvent[] = [];

const refOf = (command: WorkflowCommand, view: WorkflowView) => ({ orgId: tenantOf(command), workflowId: view.workflowId, campaignId: view.campaignId });

/** The completion as the plan reads it: measures not given are left out (as the event's fold leaves out its nulls). */
const completionOf = ({ attempt, output, costCents, tokens, qualityScore, durationMs }: CompleteStep['data']): StepCompletion => ({
  attempt,
  output,
  ...(costCents === undefined || costCents === null ? {} : { costCents }),
  ...(tokens === undefined || tokens === null ? {} : { tokens }),
  ...(qualityScore === undefined || qualityScore === null ? {} : { qualityScore }),
  ...(durationMs === undefined || durationMs === null ? {} : { durationMs }),
});

/**
 * A report the workflow has no use for: one already accepted (sent again under another command
 * id), or about a step still out with an agent when the workflow already finished otherwise.
 */
const isIgnored = (view: WorkflowView, kind: string, stepKey: string, report: object): boolean => {
  if (view.reports.has(reportKey(kind, stepKey, report))) return true;
  const step = view.plan.steps.get(stepKey);
  return view.plan.status !== 'running' && step !== undefined && (step.status === 'dispatched' || step.status === 'running');
};

/** The outcome events of a failure the plan applied: StepFailed, and WorkflowFailed when it was the last chance. */
const failureEvents = (command: FailStep | TimeOutStep, view: WorkflowView, plan: WorkflowPlan, error: string, retryable: boolean): WorkflowEvent[] => {
  const { stepKey, attempt } = command.data;
  const step = plan.steps.get(stepKey);
  const at = toIso(nowOf(command));
  const retryDueAt = step?.status === 'retry_scheduled' ? toIso(step.retryDueAt as number) : null;
  const timedOut = command.type === 'TimeOutStep';
  const events: WorkflowEvent[] = [
    { type: 'StepFailed', data: { ...refOf(command, view), stepKey, attempt, error, retryable, timedOut, failedAt: at, retryDueAt } },
  ];
  if (plan.status === 'failed')
    events.push({ type: 'WorkflowFailed', data: { ...refOf(command, view), orchestratorId: view.orchestratorId, stepKey, error, failedAt: at } });
  return events;
};

const completionEvents = (command: CompleteStep, view: WorkflowView, applied: Extract<PlanResult, { kind: 'applied' }>): Decision<WorkflowEvent> => {
  const { stepKey, attempt, output, costCents = null, tokens = null, qualityScore = null, durationMs = null } = command.data;
  const now = nowOf(command);
  const completed: StepCompleted = {
    type: 'StepCompleted',
    data: {
      ...refOf(command, view),
      stepKey,
      attempt,
      output,
      costCents,
      tokens,
      qualityScore,
      durationMs,
      completedAt: toIso(now),
      progressPercentage: progressPercentage(applied.state),
    },
  };
  const dispatched = dispatchAll({ ...refOf(command, view), steps: view.steps }, applied.state, applied.newlyReady, now);
  if (dispatched instanceof DomainError) return dispatched;
  const finished: WorkflowEvent[] =
    applied.state.status === 'completed'
      ? [{ type: 'WorkflowCompleted', data: { ...refOf(command, view), orchestratorId: view.orchestratorId, completedAt: toIso(now) } }]
      : [];
  return [completed, ...dispatched.events, ...finished];
};

const retry = (command: RetryStep, view: WorkflowView): Decision<WorkflowEvent> => {
  const { stepKey, attempt } = command.data;
  const step = view.plan.steps.get(stepKey);
  if (step === undefined) return reject(Code.WORKFLOW_STEP_UNKNOWN, `The workflow has no step ${stepKey}`, { step: stepKey });
  if (attempt > step.attempt) return reject(Code.WORKFLOW_STEP_ATTEMPT_UNKNOWN, `Step ${stepKey} has no attempt ${attempt}`, { step: stepKey, attempt });
  // A retry timer for an attempt already superseded, or a workflow that ended meanwhile, changes nothing.
  if (view.plan.status !== 'running' || attempt < step.attempt || step.status !== 'retry_scheduled') return NOTHING;
  const dispatched = dispatchStep({ ...refOf(command, view), steps: view.steps }, view.plan, stepKey, nowOf(command));
  return isPlanRejection(dispatched) ? dispatched : [dispatched.event];
};

const outcome = (command: WorkflowCommand, view: WorkflowView): Decision<WorkflowEvent> => {
  const { stepKey, attempt } = command.data;
  const now = nowOf(command);
  const plan = view.plan;
  switch (command.type) {
    case 'ReportStepStarted': {
      if (isIgnored(view, 'started', stepKey, { attempt })) return NOTHING;
      const result = stepStarted(plan, stepKey, { attempt }, now);
      return mapped(result, () => [{ type: 'StepStarted', data: { ...refOf(command, view), stepKey, attempt, startedAt: toIso(now) } }]);
    }
    case 'CompleteStep': {
      if (JSON.stringify(command.data.output ?? null).length > LIMITS.stepOutput)
        return reject(Code.WORKFLOW_STEP_REPORT_INVALID, `A step's output serializes to at most ${LIMITS.stepOutput} characters`, { field: 'output' });
      const report = completionOf(command.data);
      if (isIgnored(view, 'completed', stepKey, report)) return NOTHING;
      const result = stepCompleted(plan, stepKey, report, now);
      return mapped(result, (applied) => completionEvents(command, view, applied));
    }
    case 'FailStep': {
      const { error, retryable } = command.data;
      if (isIgnored(view, 'failed', stepKey, { attempt, error, retryable })) return NOTHING;
      const result = stepFailed(plan, stepKey, { attempt, error, retryable }, now);
      return mapped(result, (applied) => failureEvents(command, view, applied.state, error, retryable));
    }
    case 'TimeOutStep': {
      const result = stepTimedOut(plan, stepKey, { attempt }, now);
      return mapped(result, (applied) => failureEvents(command, view, applied.state, applied.state.steps.get(stepKey)?.lastError ?? 'timed out', true));
    }
    case 'RetryStep':
      return retry(command, view);
    default:
      return assertNever(command);
  }
};

const mapped = (result: PlanResult, events: (applied: Extract<PlanResult, { kind: 'applied' }>) => Decision<WorkflowEvent>): Decision<WorkflowEvent> => {
  if (isPlanRejection(result)) return result;
  return result.kind === 'unchanged' ? NOTHING : events(result);
};

export const decideWorkflow = (command: WorkflowCommand, state: WorkflowState): Decision<WorkflowEvent> => {
  const timer = command.type === 'TimeOutStep' || command.type === 'RetryStep';
  const denied = timer ? serviceRequired(command) : roleRequired(command, WRITERS);
  if (denied) return denied;
  const view = state.workflow;
  if (view === null) return reject(Code.WORKFLOW_NOT_FOUND, `Workflow ${command.data.workflowId} does not exist`, { workflowId: command.data.workflowId });
  return outcome(command, view);
};

export const workflowDecider: Decider<WorkflowCommand, WorkflowEvent, WorkflowState> = {
  initialState: initialWorkflowState,
  decide: decideWorkflow,
  evolve: evolveWorkflow,
  streamIdOf: (command) => workflowStreamId(tenantOf(command), command.data.workflowId),
};
