/**
 * Dispatch latency of the dependent steps (every step with dependencies: 9 of the template's 10),
 * from what RunWatch saw. The last dependency is the one whose StepCompleted came last in the
 * workflow's stream (the highest stream version): its decision is the one that made the step
 * ready and, by design (docs/orchestration.md), appended the step's StepDispatched with it.
 * Its completion instant is that StepCompleted's envelope `occurredAt`: the decision time, which
 * campaign-command takes from a service's command (`decisionTime`: the agent's `issuedAt`), so
 * the path measured starts when the agent sent its CompleteStep.
 */
import { summarize } from './stats';
import { DIAMONDS, STEP_KEYS } from './orchestration-template';
import { type RunWatch, type SeenEvent, stepId } from './orchestration-watch';

export interface DispatchSamples {
  /** Last dependency's StepCompleted (envelope occurredAt) → StepDispatched received. */
  readonly fromCompletion: number[];
  /** Last dependency's CompleteStep as the agent sent it (command issuedAt, read off the commands topic) → StepDispatched received. */
  readonly fromReport: number[];
  /** The agent's CompleteStep issued → produced to the commands topic (the agent's producer: the Kafka record's timestamp). */
  readonly reportProduced: number[];
  /** CompleteStep produced → StepDispatched produced by the relay: the door's fetch, decide, append, and the relay. */
  readonly commandSide: number[];
  /** CompleteStep produced → the transaction that appended it began (the door's fetch, its queue, load, decide). */
  readonly toAppend: number[];
  /** That transaction began → StepDispatched produced (the append's commit, the relay's wake-up, read and produce). */
  readonly relay: number[];
  /** Produced by the relay → received by a consumer of the events topic. */
  readonly delivery: number[];
  /**
   * Every step (roots too): its StepDispatched received by the bench → the agent's CompleteStep
   * issued. The agent's own turnaround, as a dispatch reaches the bench and the agent alike.
   */
  readonly agentTurnaround: number[];
  /** Dependent steps whose dispatch or last dependency was not seen (should be 0). */
  missing: number;
}

const lastDependency = (watch: RunWatch, workflowId: string, key: string): { dep: string; seen: SeenEvent } | null => {
  let last: { dep: string; seen: SeenEvent } | null = null;
  for (const dep of DIAMONDS[key]) {
    const seen = watch.completed.get(stepId(workflowId, dep));
    if (!seen) return null;
    if (!last || seen.streamVersion > last.seen.streamVersion) last = { dep, seen };
  }
  return last;
};

/** The samples of one dependent step, from its last dependency's completion to its dispatch's arrival. */
const sampleDependent = (samples: DispatchSamples, watch: RunWatch, workflowId: string, key: string): void => {
  const dispatch = watch.dispatched.get(stepId(workflowId, key));
  const last = lastDependency(watch, workflowId, key);
  if (!dispatch || !last) {
    samples.missing++;
    return;
  }
  samples.fromCompletion.push(dispatch.receivedAt - last.seen.occurredAt);
  samples.delivery.push(dispatch.receivedAt - dispatch.recordAt);
  const reported = watch.reported.get(stepId(workflowId, last.dep));
  if (!reported) return;
  samples.fromReport.push(dispatch.receivedAt - reported.issuedAt);
  samples.reportProduced.push(reported.producedAt - reported.issuedAt);
  samples.commandSide.push(dispatch.recordAt - reported.producedAt);
  const appended = watch.appended.get(stepId(workflowId, last.dep));
  if (appended === undefined) return;
  samples.toAppend.push(appended - reported.producedAt);
  samples.relay.push(dispatch.recordAt - appended);
};

export const dispatchSamples = (watch: RunWatch, workflowIds: Iterable<string>): DispatchSamples => {
  const samples: DispatchSamples = {
    fromCompletion: [],
    fromReport: [],
    reportProduced: [],
    commandSide: [],
    toAppend: [],
    relay: [],
    delivery: [],
    agentTurnaround: [],
    missing: 0,
  };
  for (const workflowId of workflowIds) {
    for (const key of STEP_KEYS) {
      const [dispatch, report] = [watch.dispatched.get(stepId(workflowId, key)), watch.reported.get(stepId(workflowId, key))];
      if (dispatch && report) samples.agentTurnaround.push(report.issuedAt - dispatch.receivedAt);
      if (DIAMONDS[key].length > 0) sampleDependent(samples, watch, workflowId, key);
    }
  }
  return samples;
};

/** p50/p99 of a part of the path, for the breakdown beside the headline figures. */
export const part = (samples: readonly number[]) => {
  const { p50_ms, p99_ms } = summarize(samples);
  return { p50_ms, p99_ms };
};
