import { accepted, given } from '../testing';
import { after, AS_SERVICE, at, CAMPAIGN_ID, command, ORCHESTRATOR_ID, ORG_ID, run, startedWith, stepOf, typesOf, WORKFLOW_ID } from './testing';
import type { StepDispatched } from './workflow';
import { workflowDecider } from './workflow.decide';

// a → {b, c} → d, every step a minute at most, 3 attempts, retries 1 s then 2 s later.
const diamond = [stepOf('a'), stepOf('b', ['a']), stepOf('c', ['a']), stepOf('d', ['b', 'c'])];
const started = startedWith(diamond);
const ref = { orgId: ORG_ID, workflowId: WORKFLOW_ID, campaignId: CAMPAIGN_ID };
const complete = (stepKey: string, seconds: number, attempt = 1, output: Record<string, unknown> = { text: stepKey }) =>
  command.completeStep({ stepKey, attempt, output }, after(seconds, { role: undefined, actor: 'service:agent' }));

describe('when the workflow has not started', () => {
  it('a report is WORKFLOW_NOT_FOUND', () => {
    given(workflowDecider).when(complete('a', 5)).thenRejects('WORKFLOW_NOT_FOUND');
  });
});

describe('when the diamond workflow runs', () => {
  it('a diamond workflow runs to completion with one retry, each ready step dispatched by the decision that made it ready', () => {
    const events = run(
      started,
      complete('a', 5, 1, { draft: 'A' }),
      command.failStep({ stepKey: 'b', error: 'rate limited', retryable: true }, after(10, AS_SERVICE)),
      complete('c', 11),
      command.retryStep({ stepKey: 'b', attempt: 1 }, after(11, AS_SERVICE)),
      complete('b', 20, 2),
      complete('d', 30),
    );
    expect(typesOf(events)).toEqual([
      'WorkflowStarted',
      'StepDispatched a',
      'StepCompleted a',
      'StepDispatched b',
      'StepDispatched c',
      'StepFailed b',
      'StepCompleted c',
      'StepDispatched b',
      'StepCompleted b',
      'StepDispatched d',
      'StepCompleted d',
      'WorkflowCompleted',
    ]);
    const redispatch = events[7] as StepDispatched;
    expect(redispatch.data).toMatchObject({ stepKey: 'b', attempt: 2, dependencyOutputs: { a: { draft: 'A' } }, dispatchedAt: at(11), timeoutAt: at(71) });
    expect(events[5].data).toMatchObject({ stepKey: 'b', attempt: 1, retryable: true, timedOut: false, failedAt: at(10), retryDueAt: at(11) });
    expect(events[events.length - 1]).toEqual({ type: 'WorkflowCompleted', data: { ...ref, orchestratorId: ORCHESTRATOR_ID, completedAt: at(30) } });
    // seed 000 chk_campaign_progress: the completed share, 100 only at the end.
    expect(events.filter((event) => event.type === 'StepCompleted').map((event) => (event.data as { progressPercentage: number }).progressPercentage)).toEqual([
      25, 50, 75, 100,
    ]);
  });

  it('step order: d waits for both b and c', () => {
    // seed 000: "Each workflow contains multiple ordered steps — steps can have dependencies on other steps"
    const events = run(started, complete('a', 5), complete('b', 6));
    expect(typesOf(events).slice(-1)).toEqual(['StepCompleted b']);
    given(workflowDecider, events).when(complete('d', 7)).thenRejects('WORKFLOW_STEP_INVALID_STATUS');
  });

  it('chk_step_timing: a completion at the instant of its dispatch is refused', () => {
    // seed 000: chk_step_timing — completed_at > started_at
    // (b is dispatched by a's completion at 5 s, four seconds after the workflow started)
    const events = run(started, complete('a', 5));
    given(workflowDecider, events)
      .when(complete('b', 5))
      .thenRejects('WORKFLOW_STEP_TIMING_INVALID', { details: { rule: 'chk_step_timing' } });
    expect(accepted(given(workflowDecider, events).when(complete('b', 5.001)))[0].type).toBe('StepCompleted');
  });

  it('chk_workflow_timing: nothing of the workflow happens before it started, no outcome at its start', () => {
    // seed 000: chk_workflow_timing — completed_at > started_at
    given(workflowDecider, started).when(complete('a', 0)).thenRejects('WORKFLOW_TIMING_INVALID');
    given(workflowDecider, started)
      .when(complete('a', -1))
      .thenRejects('WORKFLOW_TIMING_INVALID', { details: { rule: 'chk_workflow_timing' } });
  });

  it('a redelivered completion (another command id, later) is accepted and writes nothing', () => {
    const events = run(started, complete('a', 5));
    given(workflowDecider, events).when(complete('a', 9)).thenNothing();
  });

  it('a different second report for a completed step is WORKFLOW_STEP_REPORT_CONFLICT', () => {
    const events = run(started, complete('a', 5));
    given(workflowDecider, events)
      .when(complete('a', 9, 1, { text: 'other' }))
      .thenRejects('WORKFLOW_STEP_REPORT_CONFLICT');
  });

  it('ReportStepStarted records StepStarted; a redelivery writes nothing', () => {
    const started1 = command.reportStarted({ stepKey: 'a' }, after(2, AS_SERVICE));
    const events = run(started, started1);
    expect(events[events.length - 1]).toEqual({ type: 'StepStarted', data: { ...ref, stepKey: 'a', attempt: 1, startedAt: at(2) } });
    given(workflowDecider, events)
      .when(command.reportStarted({ stepKey: 'a' }, after(3, AS_SERVICE)))
      .thenNothing();
  });

  it('a report for an attempt never dispatched is WORKFLOW_STEP_ATTEMPT_UNKNOWN', () => {
    given(workflowDecider, started)
      .when(complete('a', 5, 2))
      .thenRejects('WORKFLOW_STEP_ATTEMPT_UNKNOWN');
  });

  it('a viewer cannot report; timers are sent by services only', () => {
    given(workflowDecider, started)
      .when(command.completeStep({}, after(5, { role: 'viewer' })))
      .thenRejects('ORCHESTRATION_ROLE_REQUIRED');
    given(workflowDecider, started)
      .when(command.timeOutStep({}, after(60)))
      .thenRejects('ORCHESTRATION_ROLE_REQUIRED');
  });
});

describe('when a step attempt runs out of time', () => {
  it('TimeOutStep before timeoutAt is WORKFLOW_STEP_NOT_TIMED_OUT', () => {
    given(workflowDecider, started)
      .when(command.timeOutStep({}, after(59, AS_SERVICE)))
      .thenRejects('WORKFLOW_STEP_NOT_TIMED_OUT');
  });

  it('TimeOutStep at timeoutAt fails the attempt as retryable and timed out, with its retry due', () => {
    const [failed] = accepted(given(workflowDecider, started).when(command.timeOutStep({}, after(60, AS_SERVICE))));
    expect(failed).toEqual({
      type: 'StepFailed',
      data: {
        ...ref,
        stepKey: 'a',
        attempt: 1,
        error: 'Attempt 1 timed out after 60000 ms',
        retryable: true,
        timedOut: true,
        failedAt: at(60),
        retryDueAt: at(61),
      },
    });
  });

  it("a late completion of the timed-out attempt is accepted and changes nothing; the timer's redelivery too", () => {
    const events = run(started, command.timeOutStep({}, after(60, AS_SERVICE)));
    given(workflowDecider, events).when(complete('a', 65)).thenNothing();
    given(workflowDecider, events)
      .when(command.timeOutStep({}, after(70, AS_SERVICE)))
      .thenNothing();
  });

  it('RetryStep before its back-off elapsed is WORKFLOW_STEP_RETRY_NOT_DUE; a retry timer fired twice dispatches once', () => {
    const events = run(started, command.timeOutStep({}, after(60, AS_SERVICE)));
    given(workflowDecider, events)
      .when(command.retryStep({}, after(60, AS_SERVICE)))
      .thenRejects('WORKFLOW_STEP_RETRY_NOT_DUE');
    const retried = run(events, command.retryStep({}, after(61, AS_SERVICE)));
    expect(typesOf(retried).slice(-1)).toEqual(['StepDispatched a']);
    given(workflowDecider, retried)
      .when(command.retryStep({}, after(62, AS_SERVICE)))
      .thenNothing();
  });

  it('the last attempt timing out fails the step and the workflow for good', () => {
    const events = run(
      started,
      command.timeOutStep({ attempt: 1 }, after(60, AS_SERVICE)),
      command.retryStep({ attempt: 1 }, after(61, AS_SERVICE)),
      command.timeOutStep({ attempt: 2 }, after(121, AS_SERVICE)),
      command.retryStep({ attempt: 2 }, after(123, AS_SERVICE)),
      command.timeOutStep({ attempt: 3 }, after(183, AS_SERVICE)),
    );
    expect(typesOf(events).slice(-2)).toEqual(['StepFailed a', 'WorkflowFailed a']);
    expect(events[events.length - 2].data).toMatchObject({ attempt: 3, retryDueAt: null });
    expect(events[events.length - 1].data).toMatchObject({ ...ref, orchestratorId: ORCHESTRATOR_ID, stepKey: 'a', failedAt: at(183) });
  });
});

describe('when the workflow failed', () => {
  const failedWhileCRuns = run(started, complete('a', 5), command.failStep({ stepKey: 'b', error: 'bad input', retryable: false }, after(6, AS_SERVICE)));

  it('a non-retryable failure fails the workflow at once', () => {
    expect(typesOf(failedWhileCRuns).slice(-2)).toEqual(['StepFailed b', 'WorkflowFailed b']);
  });

  it('the report of a step still out with an agent is accepted and changes nothing; its timeout too', () => {
    given(workflowDecider, failedWhileCRuns).when(complete('c', 7)).thenNothing();
    given(workflowDecider, failedWhileCRuns)
      .when(command.timeOutStep({ stepKey: 'c' }, after(65, AS_SERVICE)))
      .thenNothing();
  });
});
