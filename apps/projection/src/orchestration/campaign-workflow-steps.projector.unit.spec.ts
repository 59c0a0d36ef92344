import type { EventEnvelope } from '@campaign/contracts';
import { orchestration } from '@campaign/domain';
import { campaignWorkflowStepsProjector, type StepRow } from './campaign-workflow-steps.projector';
import { OrchestrationHistory, stepOf } from './testing';

/** a → {b, c} → d: the seed's "steps can have dependencies on other steps". */
const DIAMOND = [stepOf('a'), stepOf('b', ['a']), stepOf('c', ['a']), stepOf('d', ['b', 'c'])];

const fold = (envelopes: readonly EventEnvelope[], from: readonly StepRow[] = []) =>
  envelopes.filter(campaignWorkflowStepsProjector.canHandle).reduce((steps, event) => campaignWorkflowStepsProjector.project(steps, event), from);

const statuses = (steps: readonly StepRow[]) => Object.fromEntries(steps.map((s) => [s.step_key, s.status]));

describe('campaign_workflow_steps projector (seed 000: ordered steps with dependencies)', () => {
  const h = new OrchestrationHistory();
  const workflow = h.startWorkflow(h.orchestrator(DIAMOND), h.campaign(), DIAMOND);
  const started = h.envelopes.length;

  it('WorkflowStarted creates every step: ready without dependencies, pending with; step_order from the event (chk_step_order > 0)', () => {
    const steps = fold(h.envelopes.slice(0, started - 1));
    expect(steps.map((s) => [s.step_key, s.step_order, s.status, s.attempts])).toEqual([
      ['a', 1, 'ready', 0],
      ['b', 2, 'pending', 0],
      ['c', 2, 'pending', 0],
      ['d', 3, 'pending', 0],
    ]);
  });

  it('a step becomes ready only when every dependency completed; started_at stays the first dispatch', () => {
    h.complete(workflow, 'a').complete(workflow, 'b');
    const steps = fold(h.envelopes);
    expect(statuses(steps)).toEqual({ a: 'completed', b: 'completed', c: 'dispatched', d: 'pending' });
    h.fail(workflow, 'c').dispatch(workflow, 'c', 2);
    const retried = fold(h.envelopes).find((s) => s.step_key === 'c') as StepRow;
    const firstDispatch = h.envelopes.find((e) => e.type === 'StepDispatched' && (e.data as { stepKey: string }).stepKey === 'c');
    expect(retried).toMatchObject({
      status: 'dispatched',
      attempts: 2,
      error: 'agent error',
      started_at: (firstDispatch?.data as { dispatchedAt: string }).dispatchedAt,
    });
    h.complete(workflow, 'c', 2);
    expect(statuses(fold(h.envelopes))).toEqual({ a: 'completed', b: 'completed', c: 'completed', d: 'dispatched' });
  });

  it('a redelivered event returns the same rows (nothing to write); a failure for good is failed', () => {
    const steps = fold(h.envelopes);
    const last = h.envelopes[h.envelopes.length - 1];
    expect(fold([last], steps)).toBe(steps);
    expect(fold([h.envelopes[started - 2]], steps)).toBe(steps);
    h.fail(workflow, 'd', 1, { retry: false });
    expect(statuses(fold(h.envelopes)).d).toBe('failed');
    expect(orchestration.STEP_STATUSES).toEqual(expect.arrayContaining(Object.values(statuses(fold(h.envelopes)))));
  });
});
