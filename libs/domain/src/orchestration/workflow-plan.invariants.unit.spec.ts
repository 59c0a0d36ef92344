import { SECOND, stepOf, T0, templateOf } from './testing';
import { isPlanRejection, type PlanResult, progressPercentage, startWorkflow, type StepState, type WorkflowPlan } from './workflow-plan';
import { stepCompleted, stepDispatched, stepFailed, stepStarted, stepTimedOut } from './workflow-plan.steps';
import type { WorkflowTemplate } from './template';

type Action = (state: WorkflowPlan) => PlanResult;

const randomOf = (seed: number) => {
  let value = seed;
  return () => (value = (value * 48_271) % 2_147_483_647) / 2_147_483_647;
};

/** 10 steps, each depending on a random few of the earlier ones (a DAG), 1 to 3 attempts each. */
const randomTemplate = (random: () => number): WorkflowTemplate =>
  templateOf(
    ...Array.from({ length: 10 }, (_, i) =>
      stepOf(
        `s${i}`,
        Array.from({ length: i }, (_, j) => `s${j}`).filter(() => random() < 0.25),
        { maxAttempts: 1 + Math.floor(random() * 3) },
      ),
    ),
  );

/** One legal next fact for a random step and the instant it happens at (timers fire when due), or null when no step can move. */
const nextAction = (state: WorkflowPlan, random: () => number, now: number): [Action, number] | null => {
  const movable = [...state.steps.values()].filter((step) => ['ready', 'dispatched', 'running'].includes(step.status) || step.status === 'retry_scheduled');
  if (movable.length === 0) return null;
  const step = movable[Math.floor(random() * movable.length)];
  const { key, attempt } = step;
  if (step.status === 'ready') return [(s) => stepDispatched(s, key, now), now];
  if (step.status === 'retry_scheduled') {
    const at = Math.max(now, step.retryDueAt as number);
    return [(s) => stepDispatched(s, key, at), at];
  }
  const roll = random();
  if (roll < 0.2 && step.status === 'dispatched') return [(s) => stepStarted(s, key, { attempt }, now), now];
  if (roll < 0.25) {
    const at = Math.max(now, step.timeoutAt as number);
    return [(s) => stepTimedOut(s, key, { attempt }, at), at];
  }
  const retryable = random() < 0.8;
  if (roll < 0.35) return [(s) => stepFailed(s, key, { attempt, error: 'boom', retryable }, now), now];
  return [(s) => stepCompleted(s, key, { attempt, output: { by: key, attempt } }, now), now];
};

const checkInvariants = (state: WorkflowPlan, template: WorkflowTemplate, previousProgress: number): void => {
  const steps = [...state.steps.values()];
  const progress = progressPercentage(state);
  expect(Number.isInteger(progress) && progress >= previousProgress && progress <= 100).toBe(true);
  expect(state.status === 'completed').toBe(steps.every((step) => step.status === 'completed'));
  expect(state.status === 'failed').toBe(steps.some((step) => step.status === 'failed'));
  if (state.finishedAt !== null) expect(state.finishedAt).toBeGreaterThan(state.startedAt);
  for (const definition of template.steps) {
    const step = state.steps.get(definition.key) as StepState;
    if (step.status !== 'pending') expect(definition.dependsOn.every((dep) => state.steps.get(dep)?.status === 'completed')).toBe(true);
    if (step.completedAt !== null) expect(step.completedAt).toBeGreaterThan(step.startedAt as number);
    expect(step.attempt).toBeLessThanOrEqual(definition.maxAttempts);
  }
};

describe('random executions with failures, timeouts and redeliveries', () => {
  // seed 000 chk_campaign_progress, chk_step_timing, chk_workflow_timing and the "inconsistent workflows" query, on random histories.
  it('keep the seed 000 invariants: progress 0..100, completed iff every step completed, completed_at > started_at, dependencies first', () => {
    const outcomes = { completed: 0, failed: 0, retries: 0, redeliveries: 0 };
    for (let seed = 1; seed <= 80; seed++) {
      const random = randomOf(seed);
      const template = randomTemplate(random);
      let state = startWorkflow(template, T0) as WorkflowPlan;
      const appliedActions: Action[] = [];
      let at = T0;
      for (let moves = 0; moves < 200 && state.status === 'running'; moves++) {
        at += 1 + Math.floor(random() * 2 * SECOND);
        const redeliver = appliedActions.length > 0 && random() < 0.2;
        const next = redeliver ? null : nextAction(state, random, at);
        if (!redeliver && next === null) break;
        const action = next === null ? appliedActions[Math.floor(random() * appliedActions.length)] : next[0];
        if (next !== null) at = next[1];
        const result = action(state);
        if (isPlanRejection(result)) throw new Error(`seed ${seed}: a legal move was refused with ${result.code}: ${result.message}`);
        if (redeliver) {
          expect(result.kind).toBe('unchanged');
          outcomes.redeliveries++;
        }
        if (result.kind === 'unchanged') continue;
        const previousProgress = progressPercentage(state);
        state = result.state;
        appliedActions.push(action);
        checkInvariants(state, template, previousProgress);
      }
      expect(state.status).not.toBe('running');
      outcomes[state.status as 'completed' | 'failed']++;
      outcomes.retries += [...state.steps.values()].reduce((sum, step) => sum + Math.max(0, step.attempt - 1), 0);
      const replayed = appliedActions.reduce(
        (s, action) => {
          const result = action(s);
          return !isPlanRejection(result) && result.kind === 'applied' ? result.state : s;
        },
        startWorkflow(template, T0) as WorkflowPlan,
      );
      expect(replayed).toEqual(state);
    }
    // The histories are worth checking only if they cover both endings, retries and redeliveries.
    expect(outcomes.completed).toBeGreaterThan(10);
    expect(outcomes.failed).toBeGreaterThan(10);
    expect(outcomes.retries).toBeGreaterThan(30);
    expect(outcomes.redeliveries).toBeGreaterThan(100);
  });
});
