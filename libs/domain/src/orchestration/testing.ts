/** Builders for the orchestration specs: steps with sensible defaults and the templates the seed's examples need. */
import type { StepCompletion } from './step-report';
import type { StepTemplate, WorkflowTemplate } from './template';
import { isPlanRejection, type PlanResult, type StepState, type WorkflowPlan } from './workflow-plan';
import { stepCompleted, stepDispatched } from './workflow-plan.steps';

export const T0 = Date.UTC(2026, 0, 1);
export const SECOND = 1_000;

export const stepOf = (key: string, dependsOn: readonly string[] = [], overrides: Partial<StepTemplate> = {}): StepTemplate => ({
  key,
  name: `Step ${key}`,
  agentType: 'writer',
  dependsOn,
  timeoutMs: 60 * SECOND,
  maxAttempts: 3,
  backoff: { initialDelayMs: SECOND, multiplier: 2, maxDelayMs: 30 * SECOND },
  input: {},
  ...overrides,
});

export const templateOf = (...steps: StepTemplate[]): WorkflowTemplate => ({ version: 1, steps });

/** a → {b, c} → d */
export const diamond = (overrides: Partial<StepTemplate> = {}): WorkflowTemplate =>
  templateOf(stepOf('a', [], overrides), stepOf('b', ['a'], overrides), stepOf('c', ['a'], overrides), stepOf('d', ['b', 'c'], overrides));

/** The state a transition applied; throws, naming the outcome, otherwise. */
export const must = (result: PlanResult | WorkflowPlan): WorkflowPlan => {
  if (isPlanRejection(result)) throw new Error(`expected a state, got ${result.code}: ${result.message}`);
  if ('kind' in result) {
    if (result.kind === 'unchanged') throw new Error(`expected a state, got unchanged/${result.reason}`);
    return result.state;
  }
  return result;
};

export const done = (attempt = 1, output: Record<string, unknown> = { text: 'ok' }): StepCompletion => ({ attempt, output });

/** Dispatches `key` at `at` and completes it one second later. */
export const runStep = (state: WorkflowPlan, key: string, at: number): WorkflowPlan =>
  must(stepCompleted(must(stepDispatched(state, key, at)), key, done(), at + SECOND));

export const stepIn = (state: WorkflowPlan, key: string): StepState => state.steps.get(key) as StepState;
