/**
 * Handing a ready step (or a due retry) to the agents: the plan's transition and the
 * StepDispatched event that carries it, shared by StartWorkflow (steps without dependencies),
 * CompleteStep (the steps it made ready) and RetryStep (the next attempt).
 */
import type { DomainError } from '../shared/decider';
import { toIso } from '../shared/validation';
import type { JsonObject } from './values';
import { isPlanRejection, type WorkflowPlan } from './workflow-plan';
import { stepDispatched } from './workflow-plan.steps';
import type { StepDispatched, WorkflowStep } from './workflow';

export interface DispatchRef {
  readonly orgId: string;
  readonly workflowId: string;
  readonly campaignId: string;
  readonly steps: readonly WorkflowStep[];
}

/** The outputs of the step's dependencies, each completed by the time the step is ready. */
const dependencyOutputsOf = (plan: WorkflowPlan, step: WorkflowStep): Record<string, JsonObject> =>
  Object.fromEntries(step.dependsOn.map((dep) => [dep, plan.steps.get(dep)?.result?.output ?? {}]));

/** Dispatches `key` at `at`: the new plan and its event, or why the plan refuses (a retry not due…). */
export const dispatchStep = (ref: DispatchRef, plan: WorkflowPlan, key: string, at: number): { plan: WorkflowPlan; event: StepDispatched } | DomainError => {
  const result = stepDispatched(plan, key, at);
  if (isPlanRejection(result)) return result;
  if (result.kind !== 'applied') throw new Error(`dispatching ${key} changed nothing (${result.reason})`);
  const step = ref.steps.find((each) => each.key === key) as WorkflowStep;
  const state = result.state.steps.get(key);
  const event: StepDispatched = {
    type: 'StepDispatched',
    data: {
      orgId: ref.orgId,
      workflowId: ref.workflowId,
      campaignId: ref.campaignId,
      stepKey: key,
      stepName: step.name,
      agentType: step.agentType,
      attempt: state?.attempt as number,
      input: step.input,
      dependencyOutputs: dependencyOutputsOf(plan, step),
      dispatchedAt: toIso(at),
      timeoutAt: toIso(state?.timeoutAt as number),
    },
  };
  return { plan: result.state, event };
};

/** Dispatches every key in order, threading the plan; the first refusal stops it. */
export const dispatchAll = (
  ref: DispatchRef,
  plan: WorkflowPlan,
  keys: readonly string[],
  at: number,
): { plan: WorkflowPlan; events: StepDispatched[] } | DomainError => {
  const events: StepDispatched[] = [];
  let current = plan;
  for (const key of keys) {
    const dispatched = dispatchStep(ref, current, key, at);
    if (isPlanRejection(dispatched)) return dispatched;
    current = dispatched.plan;
    events.push(dispatched.event);
  }
  return { plan: current, events };
};
