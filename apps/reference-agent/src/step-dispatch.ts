import type { EventEnvelope } from '@campaign/contracts';
import { z } from '@campaign/runtime';

/** The agents' request contract (docs/orchestration.md, "Agents"): one attempt of one step to do. */
export interface StepDispatch {
  /** The envelope's tenant: the org whose workflow this is, and the tenant of the report. */
  readonly orgId: string;
  /** The workflow's stream, the report's Kafka key: one workflow's reports stay in order. */
  readonly streamId: string;
  readonly eventId: string;
  readonly correlationId: string;
  readonly workflowId: string;
  readonly campaignId: string;
  readonly stepKey: string;
  readonly stepName: string;
  readonly agentType: string;
  readonly attempt: number;
  readonly input: Readonly<Record<string, unknown>>;
  /** The outputs of the steps this one depends on, by step key. */
  readonly dependencyOutputs: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export const STEP_DISPATCHED = 'StepDispatched';

/** JSON objects may travel as objects (the `json` logical type) or as JSON text: both read the same. */
const jsonObject = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}, z.record(z.unknown()));

const dispatchData = z.object({
  orgId: z.string().min(1).optional(),
  workflowId: z.string().min(1),
  campaignId: z.string().min(1),
  stepKey: z.string().min(1),
  stepName: z.string(),
  agentType: z.string().min(1),
  attempt: z.number().int().min(1),
  input: jsonObject,
  dependencyOutputs: jsonObject.nullish().transform((outputs) => outputs ?? {}),
});

/** Why a StepDispatched cannot be served: it reached the agent, but not in a form it can answer. */
export class UnreadableDispatchError extends Error {
  constructor(eventId: string, problems: string) {
    super(`StepDispatched ${eventId} cannot be served: ${problems}`);
    this.name = 'UnreadableDispatchError';
  }
}

const asOutputs = (outputs: Record<string, unknown>): StepDispatch['dependencyOutputs'] =>
  Object.fromEntries(
    Object.entries(outputs).map(([key, output]) => [key, typeof output === 'object' && output !== null ? (output as Record<string, unknown>) : {}]),
  );

/**
 * The dispatch an event asks this agent for: null for every other event and for the dispatches
 * of agent types it does not serve (`serves` null: every type). Throws UnreadableDispatchError
 * when a dispatch lacks what a report needs (its tenant, workflow, step or attempt).
 */
export const dispatchOf = (event: EventEnvelope, serves: readonly string[] | null): StepDispatch | null => {
  if (event.type !== STEP_DISPATCHED) return null;
  const parsed = dispatchData.safeParse(event.data);
  if (!parsed.success) throw new UnreadableDispatchError(event.eventId, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const data = parsed.data;
  if (serves !== null && !serves.includes(data.agentType)) return null;
  // Every orchestration event carries its org in the envelope's tenant and in its data.
  const orgId = event.tenant ?? data.orgId;
  if (!orgId) throw new UnreadableDispatchError(event.eventId, 'neither the envelope nor the data names the org');
  return {
    ...data,
    orgId,
    dependencyOutputs: asOutputs(data.dependencyOutputs),
    streamId: event.streamId,
    eventId: event.eventId,
    correlationId: event.correlationId,
  };
};
