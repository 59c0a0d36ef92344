import { OrchestrationErrorCode as Code } from './errors';
import { diamond, done, must, SECOND, stepIn, stepOf, T0, templateOf } from './testing';
import { startWorkflow, type WorkflowPlan } from './workflow-plan';
import { stepCompleted, stepDispatched, stepFailed, stepTimedOut } from './workflow-plan.steps';

const oops = (attempt: number, retryable = true) => ({ attempt, error: 'agent crashed', retryable });

/** A single step `a` (3 attempts, back-off 1 s × 2^(n−1) up to 30 s) dispatched at T0. */
const dispatchedOnce = (maxAttempts = 3): WorkflowPlan => must(stepDispatched(must(startWorkflow(templateOf(stepOf('a', [], { maxAttempts })), T0)), 'a', T0));

describe('a failed attempt is retried with back-off while attempts remain', () => {
  it('a retryable failure schedules the retry at failedAt + initialDelayMs', () => {
    const state = must(stepFailed(dispatchedOnce(), 'a', oops(1), T0 + 5 * SECOND));
    expect(stepIn(state, 'a')).toMatchObject({ status: 'retry_scheduled', attempt: 1, retryDueAt: T0 + 6 * SECOND, lastError: 'agent crashed' });
    expect(state.status).toBe('running');
  });

  it('the retry is dispatched no earlier than it is due, as the next attempt', () => {
    const state = must(stepFailed(dispatchedOnce(), 'a', oops(1), T0 + 5 * SECOND));
    expect(stepDispatched(state, 'a', T0 + 6 * SECOND - 1)).toMatchObject({ code: Code.WORKFLOW_STEP_RETRY_NOT_DUE, details: { retryDueAt: T0 + 6 * SECOND } });
    expect(stepIn(must(stepDispatched(state, 'a', T0 + 6 * SECOND)), 'a')).toMatchObject({
      status: 'dispatched',
      attempt: 2,
      startedAt: T0,
      dispatchedAt: T0 + 6 * SECOND,
      retryDueAt: null,
    });
  });

  it('each further retry waits twice as long (exponential back-off)', () => {
    let state = dispatchedOnce(4);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const failedAt = (stepIn(state, 'a').dispatchedAt as number) + SECOND;
      state = must(stepFailed(state, 'a', oops(attempt), failedAt));
      const due = stepIn(state, 'a').retryDueAt as number;
      delays.push(due - failedAt);
      state = must(stepDispatched(state, 'a', due));
    }
    expect(delays).toEqual([1_000, 2_000, 4_000]);
  });

  it('when attempts are exhausted the step fails for good and the workflow fails', () => {
    let state = dispatchedOnce(2);
    state = must(stepFailed(state, 'a', oops(1), T0 + SECOND));
    state = must(stepDispatched(state, 'a', T0 + 2 * SECOND));
    state = must(stepFailed(state, 'a', oops(2), T0 + 3 * SECOND));
    expect(stepIn(state, 'a')).toMatchObject({ status: 'failed', attempt: 2, failedAt: T0 + 3 * SECOND });
    expect(state).toMatchObject({ status: 'failed', finishedAt: T0 + 3 * SECOND });
  });

  it('a non-retryable failure fails the step and the workflow at once', () => {
    const state = must(stepFailed(dispatchedOnce(), 'a', oops(1, false), T0 + SECOND));
    expect(stepIn(state, 'a').status).toBe('failed');
    expect(state.status).toBe('failed');
  });

  it('with maxAttempts 1 the first failure is final', () => {
    expect(must(stepFailed(dispatchedOnce(1), 'a', oops(1), T0 + SECOND)).status).toBe('failed');
  });

  it('a workflow that failed takes no more reports: its ready steps are not dispatched', () => {
    let state = must(startWorkflow(templateOf(stepOf('a', [], { maxAttempts: 1 }), stepOf('b')), T0));
    state = must(stepFailed(must(stepDispatched(state, 'a', T0)), 'a', oops(1), T0 + SECOND));
    expect(stepDispatched(state, 'b', T0 + 2 * SECOND)).toMatchObject({ code: Code.WORKFLOW_ALREADY_FINISHED, details: { status: 'failed' } });
  });
});

describe('a timed-out attempt is a retryable failure', () => {
  it('the timeout at dispatchedAt + timeoutMs schedules a retry', () => {
    const state = must(stepTimedOut(dispatchedOnce(), 'a', { attempt: 1 }, T0 + 60 * SECOND));
    expect(stepIn(state, 'a')).toMatchObject({ status: 'retry_scheduled', retryDueAt: T0 + 61 * SECOND, lastError: 'Attempt 1 timed out after 60000 ms' });
  });

  it('a timeout before the attempt ran its time is refused', () => {
    expect(stepTimedOut(dispatchedOnce(), 'a', { attempt: 1 }, T0 + 60 * SECOND - 1)).toMatchObject({ code: Code.WORKFLOW_STEP_NOT_TIMED_OUT });
  });

  it('the last attempt timing out fails the workflow', () => {
    expect(must(stepTimedOut(dispatchedOnce(1), 'a', { attempt: 1 }, T0 + 60 * SECOND)).status).toBe('failed');
  });

  it('a timer for an attempt that already completed, failed or was retried changes nothing', () => {
    const completed = must(stepCompleted(dispatchedOnce(), 'a', done(), T0 + SECOND));
    expect(stepTimedOut(completed, 'a', { attempt: 1 }, T0 + 60 * SECOND)).toEqual({ kind: 'unchanged', reason: 'stale_attempt' });
    const retrying = must(stepFailed(dispatchedOnce(), 'a', oops(1), T0 + SECOND));
    expect(stepTimedOut(retrying, 'a', { attempt: 1 }, T0 + 60 * SECOND)).toEqual({ kind: 'unchanged', reason: 'stale_attempt' });
    const retried = must(stepDispatched(retrying, 'a', T0 + 2 * SECOND));
    expect(stepTimedOut(retried, 'a', { attempt: 1 }, T0 + 60 * SECOND)).toEqual({ kind: 'unchanged', reason: 'stale_attempt' });
  });

  it('a late completion of an attempt given up is stale; the retry is what counts', () => {
    const retried = must(stepDispatched(must(stepTimedOut(dispatchedOnce(), 'a', { attempt: 1 }, T0 + 60 * SECOND)), 'a', T0 + 61 * SECOND));
    expect(stepCompleted(retried, 'a', done(1), T0 + 62 * SECOND)).toEqual({ kind: 'unchanged', reason: 'stale_attempt' });
    expect(stepIn(must(stepCompleted(retried, 'a', done(2), T0 + 62 * SECOND)), 'a')).toMatchObject({ status: 'completed', attempt: 2 });
  });
});

describe('a diamond with one step failing once and retried still completes', () => {
  it('d becomes ready only after the retried c completed', () => {
    let state = must(startWorkflow(diamond(), T0));
    state = must(stepCompleted(must(stepDispatched(state, 'a', T0)), 'a', done(), T0 + SECOND));
    state = must(stepDispatched(must(stepDispatched(state, 'b', T0 + SECOND)), 'c', T0 + SECOND));
    state = must(stepCompleted(state, 'b', done(), T0 + 2 * SECOND));
    state = must(stepFailed(state, 'c', oops(1), T0 + 2 * SECOND));
    expect(stepIn(state, 'd').status).toBe('pending');
    state = must(stepDispatched(state, 'c', T0 + 3 * SECOND));
    const result = stepCompleted(state, 'c', done(2), T0 + 4 * SECOND);
    expect(result).toMatchObject({ kind: 'applied', newlyReady: ['d'] });
    state = must(stepCompleted(must(stepDispatched(must(result), 'd', T0 + 4 * SECOND)), 'd', done(), T0 + 5 * SECOND));
    expect(state).toMatchObject({ status: 'completed', finishedAt: T0 + 5 * SECOND });
  });
});
