import { unchecked } from '../testing';
import { OrchestrationErrorCode as Code } from './errors';
import type { StepCompletion } from './step-report';
import { diamond, done, must, runStep, SECOND, stepIn, stepOf, T0, templateOf } from './testing';
import { startWorkflow, type WorkflowPlan } from './workflow-plan';
import { stepCompleted, stepDispatched, stepFailed, stepStarted, stepTimedOut } from './workflow-plan.steps';

const started = (): WorkflowPlan => must(startWorkflow(diamond(), T0));
/** The diamond with `a` dispatched at T0 + 1 s. */
const aDispatched = (): WorkflowPlan => must(stepDispatched(started(), 'a', T0 + SECOND));

describe('impossible transitions are refused with a typed code', () => {
  it('completing a step never dispatched (pending or ready) is refused', () => {
    expect(stepCompleted(started(), 'a', done(), T0 + SECOND)).toMatchObject({
      code: Code.WORKFLOW_STEP_INVALID_STATUS,
      details: { step: 'a', status: 'ready' },
    });
    expect(stepCompleted(started(), 'd', done(), T0 + SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_INVALID_STATUS, details: { status: 'pending' } });
    expect(stepFailed(started(), 'b', { attempt: 1, error: 'x', retryable: true }, T0 + SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_INVALID_STATUS });
  });

  it('dispatching a step that waits for dependencies, or is already with an agent, is refused', () => {
    expect(stepDispatched(started(), 'd', T0 + SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_INVALID_STATUS, details: { status: 'pending' } });
    expect(stepDispatched(aDispatched(), 'a', T0 + 2 * SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_INVALID_STATUS, details: { status: 'dispatched' } });
  });

  it.each(['ghost', 'constructor', '__proto__', 'toString'])('a report on a step the workflow does not have (%p) is refused', (key) => {
    expect(stepCompleted(aDispatched(), key, done(), T0 + 2 * SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_UNKNOWN, details: { step: key } });
    expect(stepDispatched(started(), key, T0)).toMatchObject({ code: Code.WORKFLOW_STEP_UNKNOWN });
  });

  it('a report on a finished workflow is refused', () => {
    let state = started();
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) state = runStep(state, key, T0 + 10 * i * SECOND);
    expect(stepCompleted(state, 'd', done(1, { text: 'again, differently' }), T0 + 99 * SECOND)).toMatchObject({
      code: Code.WORKFLOW_ALREADY_FINISHED,
      details: { status: 'completed' },
    });
  });

  it('a second, different outcome for a step already completed is a conflict', () => {
    const state = must(stepCompleted(aDispatched(), 'a', done(), T0 + 2 * SECOND));
    expect(stepCompleted(state, 'a', done(1, { text: 'other' }), T0 + 2 * SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_REPORT_CONFLICT });
    expect(stepFailed(state, 'a', { attempt: 1, error: 'late', retryable: true }, T0 + 3 * SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_REPORT_CONFLICT });
  });

  it('a report about an attempt never dispatched is refused', () => {
    expect(stepCompleted(aDispatched(), 'a', done(2), T0 + 2 * SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_ATTEMPT_UNKNOWN, details: { attempt: 2 } });
  });

  it('an attempt starts once', () => {
    const running = must(stepStarted(aDispatched(), 'a', { attempt: 1 }, T0 + 2 * SECOND));
    expect(stepStarted(running, 'a', { attempt: 1 }, T0 + 3 * SECOND)).toMatchObject({
      code: Code.WORKFLOW_STEP_INVALID_STATUS,
      details: { status: 'running' },
    });
  });

  it.each<[string, StepCompletion]>([
    ['attempt', { attempt: 0, output: {} }],
    ['output', { attempt: 1, output: unchecked<StepCompletion['output']>('text') }],
    ['output', { attempt: 1, output: { n: Number.NaN } }],
    ['costCents', { attempt: 1, output: {}, costCents: -1 }],
    ['tokens', { attempt: 1, output: {}, tokens: 1.5 }],
    ['durationMs', { attempt: 1, output: {}, durationMs: unchecked<number>('5') }],
    ['qualityScore', { attempt: 1, output: {}, qualityScore: 1.01 }],
    ['qualityScore', { attempt: 1, output: {}, qualityScore: Number.NaN }],
  ])('a completion with a bad %s is refused, naming the field', (field, report) => {
    expect(stepCompleted(aDispatched(), 'a', report, T0 + 2 * SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_REPORT_INVALID, details: { field } });
  });

  it.each([
    ['error', { attempt: 1, error: ' ', retryable: true }],
    ['error', { attempt: 1, error: 'x'.repeat(2_001), retryable: true }],
    ['retryable', { attempt: 1, error: 'boom', retryable: unchecked<boolean>('yes') }],
  ])('a failure with a bad %s is refused, naming the field', (field, report) => {
    expect(stepFailed(aDispatched(), 'a', report, T0 + 2 * SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_REPORT_INVALID, details: { field } });
  });

  it.each([Number.NaN, T0 + 0.5, Date.UTC(3000, 0, 1)])('a report at an instant that is not whole milliseconds in bounds (%p) is refused', (at) => {
    expect(stepCompleted(aDispatched(), 'a', done(), at)).toMatchObject({ code: Code.WORKFLOW_TIME_INVALID });
  });
});

describe('timing (seed 000 chk_step_timing, chk_workflow_timing)', () => {
  // seed 000 chk_step_timing: CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at > started_at) on campaign_workflow_steps
  it('chk_step_timing: completed_at > started_at — a completion at the instant the attempt started is refused', () => {
    expect(stepCompleted(aDispatched(), 'a', done(), T0 + SECOND)).toMatchObject({
      code: Code.WORKFLOW_STEP_TIMING_INVALID,
      details: { rule: 'chk_step_timing' },
    });
    expect(stepIn(must(stepCompleted(aDispatched(), 'a', done(), T0 + SECOND + 1)), 'a')).toMatchObject({
      startedAt: T0 + SECOND,
      completedAt: T0 + SECOND + 1,
    });
  });

  // seed 000 chk_step_timing: CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at > started_at) on campaign_workflow_steps
  it('chk_step_timing: a completion before the agent said the attempt started is refused', () => {
    const running = must(stepStarted(aDispatched(), 'a', { attempt: 1 }, T0 + 5 * SECOND));
    expect(stepCompleted(running, 'a', done(), T0 + 4 * SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_TIMING_INVALID });
    expect(stepCompleted(running, 'a', done(), T0 + 5 * SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_TIMING_INVALID });
  });

  // seed 000 chk_step_timing: CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at > started_at) on campaign_workflow_steps
  it('chk_step_timing: an attempt does not start, fail or time out before it was dispatched', () => {
    expect(stepStarted(aDispatched(), 'a', { attempt: 1 }, T0 + SECOND - 1)).toMatchObject({ code: Code.WORKFLOW_STEP_TIMING_INVALID });
    expect(stepFailed(aDispatched(), 'a', { attempt: 1, error: 'x', retryable: true }, T0 + SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_TIMING_INVALID });
    expect(must(stepStarted(aDispatched(), 'a', { attempt: 1 }, T0 + SECOND)).steps.get('a')?.status).toBe('running');
  });

  // seed 000 chk_step_timing: CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at > started_at) on campaign_workflow_steps
  it('chk_step_timing: a step is dispatched no earlier than it became ready', () => {
    const state = must(stepCompleted(aDispatched(), 'a', done(), T0 + 5 * SECOND));
    expect(stepDispatched(state, 'b', T0 + 5 * SECOND - 1)).toMatchObject({ code: Code.WORKFLOW_STEP_TIMING_INVALID });
  });

  // seed 000 chk_workflow_timing: CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at > started_at) on campaign_workflows
  it('chk_workflow_timing: nothing is dispatched before the workflow started', () => {
    expect(stepDispatched(started(), 'a', T0 - 1)).toMatchObject({ code: Code.WORKFLOW_TIMING_INVALID, details: { rule: 'chk_workflow_timing' } });
  });

  // seed 000 chk_workflow_timing: CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at > started_at) on campaign_workflows
  it('chk_workflow_timing: completed_at > started_at — an outcome at the workflow start instant is refused', () => {
    const atStart = must(stepDispatched(must(startWorkflow(templateOf(stepOf('a')), T0)), 'a', T0));
    expect(stepCompleted(atStart, 'a', done(), T0)).toMatchObject({ code: Code.WORKFLOW_TIMING_INVALID, details: { rule: 'chk_workflow_timing' } });
    expect(must(stepCompleted(atStart, 'a', done(), T0 + 1))).toMatchObject({ status: 'completed', startedAt: T0, finishedAt: T0 + 1 });
  });
});

describe('a redelivered report is recognised and changes nothing', () => {
  it('the same completion delivered twice: the second is a duplicate, even once the workflow completed', () => {
    const single = must(stepDispatched(must(startWorkflow(templateOf(stepOf('a')), T0)), 'a', T0));
    const report = { attempt: 1, output: { title: 't', body: 'b' }, costCents: 3 };
    const completed = must(stepCompleted(single, 'a', report, T0 + SECOND));
    expect(completed.status).toBe('completed');
    expect(stepCompleted(completed, 'a', report, T0 + SECOND)).toEqual({ kind: 'unchanged', reason: 'duplicate' });
    expect(stepCompleted(completed, 'a', { costCents: 3, output: { body: 'b', title: 't' }, attempt: 1 }, T0 + SECOND)).toEqual({
      kind: 'unchanged',
      reason: 'duplicate',
    });
  });

  it('an older report redelivered after a newer one (started after completed) is a duplicate', () => {
    let state = must(stepStarted(aDispatched(), 'a', { attempt: 1 }, T0 + 2 * SECOND));
    state = must(stepCompleted(state, 'a', done(), T0 + 3 * SECOND));
    expect(stepStarted(state, 'a', { attempt: 1 }, T0 + 2 * SECOND)).toEqual({ kind: 'unchanged', reason: 'duplicate' });
    expect(stepDispatched(state, 'a', T0 + SECOND)).toEqual({ kind: 'unchanged', reason: 'duplicate' });
  });

  it('a failure redelivered is a duplicate and a timeout fired twice is stale: the retry is scheduled once', () => {
    const failure = { attempt: 1, error: 'boom', retryable: true };
    const retrying = must(stepFailed(aDispatched(), 'a', failure, T0 + 2 * SECOND));
    expect(stepFailed(retrying, 'a', failure, T0 + 2 * SECOND)).toEqual({ kind: 'unchanged', reason: 'duplicate' });
    const timedOut = must(stepTimedOut(aDispatched(), 'a', { attempt: 1 }, T0 + 61 * SECOND));
    expect(stepTimedOut(timedOut, 'a', { attempt: 1 }, T0 + 61 * SECOND)).toEqual({ kind: 'unchanged', reason: 'stale_attempt' });
  });

  it('the same outcome at another instant is not a duplicate', () => {
    const state = must(stepCompleted(aDispatched(), 'a', done(), T0 + 2 * SECOND));
    expect(stepCompleted(state, 'a', done(), T0 + 3 * SECOND)).toMatchObject({ code: Code.WORKFLOW_STEP_REPORT_CONFLICT });
  });
});
