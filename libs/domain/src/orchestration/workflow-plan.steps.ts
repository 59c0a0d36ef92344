/**
 * The transitions of a workflow execution, one function per fact the engine learns: a step was
 * dispatched, an agent started, completed or failed an attempt, an attempt timed out.
 *
 * Redelivery: every accepted fact leaves a fingerprint (kind, instant and the report with its
 * keys sorted) on its step; the same fact delivered again is answered `unchanged/duplicate`
 * before any other check, even once the workflow finished. A report about an attempt that was
 * already given up (failed, timed out or superseded by a retry) is `unchanged/stale_attempt`:
 * at-least-once delivery and timeouts make such late answers normal, not errors.
 */
import type { DomainError } from '../shared/decider';
import { retryDelayMs } from './backoff';
import { OrchestrationErrorCode as Code, reject } from './errors';
import { type AttemptReport, completionError, failureError, fingerprintOf, isAttemptNumber, type StepCompletion, type StepFailure } from './step-report';
import type { StepTemplate } from './template';
import { isPlanRejection, type PlanResult, type StepState, timeError, type WorkflowPlan } from './workflow-plan';

const DUPLICATE: PlanResult = { kind: 'unchanged', reason: 'duplicate' };
const STALE: PlanResult = { kind: 'unchanged', reason: 'stale_attempt' };

const applied = (state: WorkflowPlan, newlyReady: readonly string[] = []): PlanResult => ({ kind: 'applied', state, newlyReady });

const templateOf = (state: WorkflowPlan, key: string): StepTemplate => state.template.steps.find((step) => step.key === key) as StepTemplate;

const withStep = (state: WorkflowPlan, step: StepState, workflow: Partial<Pick<WorkflowPlan, 'status' | 'finishedAt'>> = {}): WorkflowPlan => ({
  ...state,
  ...workflow,
  steps: new Map(state.steps).set(step.key, step),
});

const locate = (state: WorkflowPlan, key: string, at: number): StepState | DomainError =>
  timeError(at) ?? state.steps.get(key) ?? reject(Code.WORKFLOW_STEP_UNKNOWN, `The workflow has no step ${key}`, { step: key });

const finished = (state: WorkflowPlan): DomainError =>
  reject(Code.WORKFLOW_ALREADY_FINISHED, `The workflow ${state.status}: it takes no more reports`, { status: state.status });

const wrongStatus = (step: StepState, fact: string): DomainError =>
  reject(Code.WORKFLOW_STEP_INVALID_STATUS, `Step ${step.key} is ${step.status}: it cannot be ${fact}`, { step: step.key, status: step.status });

const isLive = (step: StepState): boolean => step.status === 'dispatched' || step.status === 'running';

/** A ready step, or a retry whose back-off elapsed, handed to an agent as attempt n + 1. */
export const stepDispatched = (state: WorkflowPlan, key: string, at: number): PlanResult => {
  const step = locate(state, key, at);
  if (isPlanRejection(step)) return step;
  const fingerprint = fingerprintOf('dispatched', at);
  if (step.reports.includes(fingerprint)) return DUPLICATE;
  if (state.status !== 'running') return finished(state);
  // seed 000 chk_workflow_timing: nothing of the workflow happens before its started_at.
  if (at < state.startedAt)
    return reject(Code.WORKFLOW_TIMING_INVALID, 'A step is dispatched no earlier than its workflow started', { rule: 'chk_workflow_timing', step: key });
  if (step.status === 'retry_scheduled' && at < (step.retryDueAt as number))
    return reject(Code.WORKFLOW_STEP_RETRY_NOT_DUE, `Step ${key} retries no earlier than its back-off allows`, { step: key, retryDueAt: step.retryDueAt });
  if (step.status === 'ready' && at < (step.readyAt as number))
    return reject(Code.WORKFLOW_STEP_TIMING_INVALID, `Step ${key} is dispatched no earlier than it became ready`, { step: key });
  if (step.status !== 'ready' && step.status !== 'retry_scheduled') return wrongStatus(step, 'dispatched');
  const timeoutAt = at + templateOf(state, key).timeoutMs;
  const dispatched: StepState = {
    ...step,
    status: 'dispatched',
    attempt: step.attempt + 1,
    startedAt: step.startedAt ?? at,
    dispatchedAt: at,
    timeoutAt,
    runningAt: null,
    retryDueAt: null,
  };
  return applied(withStep(state, { ...dispatched, reports: [...step.reports, fingerprint] }));
};

/** The checks every agent report shares, in order; the live step and the report's fingerprint when it may be applied. */
const reportOn = (state: WorkflowPlan, key: string, kind: string, report: AttemptReport, at: number): { step: StepState; fingerprint: string } | PlanResult => {
  const step = locate(state, key, at);
  if (isPlanRejection(step)) return step;
  if (!isAttemptNumber(report.attempt)) return reject(Code.WORKFLOW_STEP_REPORT_INVALID, 'A report names its attempt (1, 2, …)', { field: 'attempt' });
  const fingerprint = fingerprintOf(kind, at, report);
  if (step.reports.includes(fingerprint)) return DUPLICATE;
  if (report.attempt < step.attempt || (report.attempt === step.attempt && step.status === 'retry_scheduled')) return STALE;
  if (state.status !== 'running') return finished(state);
  if (step.status === 'completed' || step.status === 'failed')
    return reject(Code.WORKFLOW_STEP_REPORT_CONFLICT, `Step ${key} already ${step.status} otherwise`, { step: key, status: step.status });
  if (!isLive(step)) return wrongStatus(step, kind);
  if (report.attempt > step.attempt)
    return reject(Code.WORKFLOW_STEP_ATTEMPT_UNKNOWN, `Step ${key} has no attempt ${report.attempt}`, { step: key, attempt: report.attempt });
  // seed 000 chk_workflow_timing / chk_step_timing: an outcome comes strictly after the start.
  const outcome = kind !== 'started';
  if (outcome ? at <= state.startedAt : at < state.startedAt)
    return reject(Code.WORKFLOW_TIMING_INVALID, `A step ${kind} report comes after its workflow's start`, { rule: 'chk_workflow_timing', step: key });
  const start = step.runningAt ?? (step.dispatchedAt as number);
  if (outcome ? at <= start : at < start)
    return reject(Code.WORKFLOW_STEP_TIMING_INVALID, `Step ${key} cannot be ${kind} before it started`, { rule: 'chk_step_timing', step: key });
  return { step, fingerprint };
};

const isChecked = (checked: ReturnType<typeof reportOn>): checked is { step: StepState; fingerprint: string } => 'fingerprint' in checked;

/** The agent says it began the attempt (optional: a completion may follow the dispatch directly). */
export const stepStarted = (state: WorkflowPlan, key: string, report: AttemptReport, at: number): PlanResult => {
  const checked = reportOn(state, key, 'started', { attempt: report.attempt }, at);
  if (!isChecked(checked)) return checked;
  const { step, fingerprint } = checked;
  if (step.status !== 'dispatched') return wrongStatus(step, 'started again');
  return applied(withStep(state, { ...step, status: 'running', runningAt: at, reports: [...step.reports, fingerprint] }));
};

/** The attempt produced its output: the step completes, its dependents whose dependencies all completed become ready. */
export const stepCompleted = (state: WorkflowPlan, key: string, report: StepCompletion, at: number): PlanResult => {
  const checked = reportOn(state, key, 'completed', report, at);
  if (!isChecked(checked)) return checked;
  const invalid = completionError(report);
  if (invalid) return invalid;
  const { step, fingerprint } = checked;
  const { output, costCents, tokens, qualityScore, durationMs } = report;
  const result = { output, costCents, tokens, qualityScore, durationMs };
  const steps = new Map(state.steps).set(key, { ...step, status: 'completed', completedAt: at, result, reports: [...step.reports, fingerprint] });
  const newlyReady: string[] = [];
  for (const candidate of state.template.steps) {
    const current = steps.get(candidate.key) as StepState;
    if (current.status !== 'pending' || !candidate.dependsOn.includes(key)) continue;
    if (!candidate.dependsOn.every((dep) => steps.get(dep)?.status === 'completed')) continue;
    steps.set(candidate.key, { ...current, status: 'ready', readyAt: at });
    newlyReady.push(candidate.key);
  }
  const allCompleted = [...steps.values()].every((each) => each.status === 'completed');
  return applied({ ...state, steps, ...(allCompleted ? { status: 'completed', finishedAt: at } : {}) }, newlyReady);
};

/** The attempt failed: retried after its back-off while attempts remain and the failure is retryable, else the step and the workflow fail. */
export const stepFailed = (state: WorkflowPlan, key: string, report: StepFailure, at: number): PlanResult => {
  const checked = reportOn(state, key, 'failed', report, at);
  if (!isChecked(checked)) return checked;
  const invalid = failureError(report);
  return invalid ?? failAttempt(state, checked.step, { error: report.error, retryable: report.retryable }, at, checked.fingerprint);
};

/** The timer-scheduler's timeout of an attempt: a retryable failure. A timer for an attempt no longer live changes nothing. */
export const stepTimedOut = (state: WorkflowPlan, key: string, report: AttemptReport, at: number): PlanResult => {
  const step = locate(state, key, at);
  if (isPlanRejection(step)) return step;
  if (isAttemptNumber(report.attempt) && report.attempt <= step.attempt && (report.attempt < step.attempt || !isLive(step) || state.status !== 'running'))
    return STALE;
  const checked = reportOn(state, key, 'timed_out', { attempt: report.attempt }, at);
  if (!isChecked(checked)) return checked;
  if (at < (step.timeoutAt as number))
    return reject(Code.WORKFLOW_STEP_NOT_TIMED_OUT, `Step ${key} attempt ${step.attempt} times out at ${step.timeoutAt}`, {
      step: key,
      timeoutAt: step.timeoutAt,
    });
  const error = `Attempt ${step.attempt} timed out after ${templateOf(state, key).timeoutMs} ms`;
  return failAttempt(state, step, { error, retryable: true }, at, checked.fingerprint);
};

const failAttempt = (state: WorkflowPlan, step: StepState, failure: Pick<StepFailure, 'error' | 'retryable'>, at: number, fingerprint: string): PlanResult => {
  const template = templateOf(state, step.key);
  const reports = [...step.reports, fingerprint];
  if (failure.retryable && step.attempt < template.maxAttempts) {
    const retryDueAt = at + retryDelayMs(template.backoff, step.attempt);
    return applied(withStep(state, { ...step, status: 'retry_scheduled', retryDueAt, lastError: failure.error, reports }));
  }
  return applied(withStep(state, { ...step, status: 'failed', failedAt: at, lastError: failure.error, reports }, { status: 'failed', finishedAt: at }));
};
