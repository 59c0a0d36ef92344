import { OrchestrationErrorCode as Code } from './errors';
import { diamond, done, must, runStep, SECOND, stepIn, stepOf, T0, templateOf } from './testing';
import { progressPercentage, readySteps, startWorkflow } from './workflow-plan';
import { stepCompleted, stepDispatched, stepStarted } from './workflow-plan.steps';

describe('starting a workflow (seed 000: a campaign has workflow executions of ordered steps)', () => {
  it('instantiates the template: steps without dependencies are ready, the others pending', () => {
    const state = must(startWorkflow(diamond(), T0));
    expect(state).toMatchObject({ status: 'running', startedAt: T0, finishedAt: null });
    expect(Object.fromEntries([...state.steps].map(([key, step]) => [key, step.status]))).toEqual({ a: 'ready', b: 'pending', c: 'pending', d: 'pending' });
    expect(readySteps(state)).toEqual(['a']);
    expect(stepIn(state, 'a')).toMatchObject({ readyAt: T0, attempt: 0 });
  });

  it('every independent step is ready at once', () => {
    expect(readySteps(must(startWorkflow(templateOf(stepOf('x'), stepOf('y'), stepOf('z', ['x'])), T0)))).toEqual(['x', 'y']);
  });

  it('refuses a template validateTemplate refuses', () => {
    expect(startWorkflow(templateOf(stepOf('a', ['b']), stepOf('b', ['a'])), T0)).toMatchObject({ code: Code.TEMPLATE_DEPENDENCY_CYCLE });
  });

  it.each([Number.NaN, T0 + 0.5, Date.UTC(3000, 0, 1), Date.UTC(1999, 11, 31)])(
    'refuses a start instant that is not whole epoch milliseconds in bounds: %p',
    (at) => {
      expect(startWorkflow(diamond(), at)).toMatchObject({ code: Code.WORKFLOW_TIME_INVALID });
    },
  );
});

describe('a step becomes ready when every step it depends on completed', () => {
  // seed 000: "Steps can have dependencies on other steps" — a step waits for all of them.
  it('a diamond a → {b, c} → d: b and c after a, d only after both', () => {
    let state = must(startWorkflow(diamond(), T0));
    state = must(stepDispatched(state, 'a', T0));
    const afterA = stepCompleted(state, 'a', done(), T0 + SECOND);
    expect(afterA).toMatchObject({ kind: 'applied', newlyReady: ['b', 'c'] });
    state = must(afterA);
    state = must(stepDispatched(state, 'b', T0 + 2 * SECOND));
    const afterB = stepCompleted(state, 'b', done(), T0 + 3 * SECOND);
    expect(afterB).toMatchObject({ kind: 'applied', newlyReady: [] });
    expect(stepIn(must(afterB), 'd').status).toBe('pending');
    state = must(stepDispatched(must(afterB), 'c', T0 + 4 * SECOND));
    const afterC = stepCompleted(state, 'c', done(), T0 + 5 * SECOND);
    expect(afterC).toMatchObject({ kind: 'applied', newlyReady: ['d'] });
    expect(stepIn(must(afterC), 'd')).toMatchObject({ status: 'ready', readyAt: T0 + 5 * SECOND });
  });

  // seed 000 validation query "Find inconsistent workflows": a completed workflow has every step completed.
  it('the workflow completes when every step completed, at the last completion', () => {
    let state = must(startWorkflow(diamond(), T0));
    for (const [i, key] of ['a', 'b', 'c'].entries()) {
      state = runStep(state, key, T0 + 10 * i * SECOND);
      expect(state.status).toBe('running');
    }
    state = runStep(state, 'd', T0 + 100 * SECOND);
    expect(state).toMatchObject({ status: 'completed', finishedAt: T0 + 101 * SECOND });
  });

  it('the completion keeps what the agent reported: output, cost, tokens, quality score, duration', () => {
    const state = must(stepDispatched(must(startWorkflow(diamond(), T0)), 'a', T0));
    const report = { attempt: 1, output: { title: 'Launch post' }, costCents: 12, tokens: 3_400, qualityScore: 0.82, durationMs: 950 };
    expect(stepIn(must(stepCompleted(state, 'a', report, T0 + SECOND)), 'a')).toMatchObject({
      status: 'completed',
      completedAt: T0 + SECOND,
      result: { output: { title: 'Launch post' }, costCents: 12, tokens: 3_400, qualityScore: 0.82, durationMs: 950 },
    });
  });

  it('a started report moves the attempt to running; the completion may also follow the dispatch directly', () => {
    let state = must(stepDispatched(must(startWorkflow(diamond(), T0)), 'a', T0));
    state = must(stepStarted(state, 'a', { attempt: 1 }, T0 + SECOND));
    expect(stepIn(state, 'a')).toMatchObject({ status: 'running', runningAt: T0 + SECOND, startedAt: T0, dispatchedAt: T0, timeoutAt: T0 + 60 * SECOND });
  });
});

describe('progress (seed 000 chk_campaign_progress)', () => {
  // seed 000 chk_campaign_progress: CHECK (progress_percentage BETWEEN 0 AND 100)
  it('chk_campaign_progress: progress_percentage is an integer BETWEEN 0 AND 100 following the completed steps', () => {
    let state = must(startWorkflow(diamond(), T0));
    const seen = [progressPercentage(state)];
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) {
      state = runStep(state, key, T0 + 10 * i * SECOND);
      seen.push(progressPercentage(state));
    }
    expect(seen).toEqual([0, 25, 50, 75, 100]);
  });

  // seed 000 chk_campaign_progress: CHECK (progress_percentage BETWEEN 0 AND 100)
  it('chk_campaign_progress: rounds down, so 100 means every step completed', () => {
    let state = must(startWorkflow(templateOf(stepOf('a'), stepOf('b'), stepOf('c')), T0));
    const seen: number[] = [];
    for (const [i, key] of ['a', 'b', 'c'].entries()) {
      state = runStep(state, key, T0 + 10 * i * SECOND);
      seen.push(progressPercentage(state));
    }
    expect(seen).toEqual([33, 66, 100]);
  });
});
