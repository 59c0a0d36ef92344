/**
 * seed 000 `campaign_workflow_steps`: the steps of one execution, created together at
 * WorkflowStarted (step_order from the event, chk_step_order; ready when they depend on nothing,
 * else pending) and moved by the step events: dispatched (attempts counts them; started_at is
 * the first dispatch) → running → completed, or retry_scheduled / failed. A completion makes the
 * pending steps whose dependencies have all completed ready. The projector's "row" is the
 * execution's whole list of steps: readiness reads the siblings.
 */
import { projector } from '../shared/projector';
import { stepRowId } from './orchestration.ids';
import { type EnvelopeOf, patched } from './orchestration.events';

export interface StepRow {
  readonly id: string;
  readonly org_id: string;
  readonly workflow_id: string;
  readonly step_key: string;
  readonly name: string;
  readonly agent_type: string;
  readonly depends_on: readonly string[];
  readonly step_order: number;
  readonly status: string;
  readonly attempts: number;
  readonly max_attempts: number;
  readonly timeout_ms: number;
  readonly input: object | null;
  readonly output: object | null;
  readonly error: string | null;
  readonly timeout_at: string | null;
  readonly next_retry_at: string | null;
  readonly started_at: string | null;
  readonly completed_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

type StepEnvelope = EnvelopeOf<'WorkflowStarted' | 'StepDispatched' | 'StepStarted' | 'StepCompleted' | 'StepFailed'>;

const started = (d: EnvelopeOf<'WorkflowStarted'>['data']): StepRow[] =>
  d.steps.map((step) => ({
    id: stepRowId(d.workflowId, step.key),
    org_id: d.orgId,
    workflow_id: d.workflowId,
    step_key: step.key,
    name: step.name,
    agent_type: step.agentType,
    depends_on: step.dependsOn,
    step_order: step.stepOrder,
    status: step.dependsOn.length === 0 ? 'ready' : 'pending',
    attempts: 0,
    max_attempts: step.maxAttempts,
    timeout_ms: step.timeoutMs,
    input: step.input,
    output: null,
    error: null,
    timeout_at: null,
    next_retry_at: null,
    started_at: null,
    completed_at: null,
    created_at: d.startedAt,
    updated_at: d.startedAt,
  }));

/** What the event does to its own step. */
const stepPatch = (row: StepRow, event: Exclude<StepEnvelope, EnvelopeOf<'WorkflowStarted'>>): StepRow => {
  switch (event.type) {
    case 'StepDispatched': {
      const d = event.data;
      const patch = { status: 'dispatched', attempts: d.attempt, timeout_at: d.timeoutAt, next_retry_at: null, started_at: row.started_at ?? d.dispatchedAt };
      return patched(row, patch, { updated_at: d.dispatchedAt });
    }
    case 'StepStarted':
      return patched(row, { status: 'running' }, { updated_at: event.data.startedAt });
    case 'StepCompleted': {
      const d = event.data;
      return patched(row, { status: 'completed', output: d.output, completed_at: d.completedAt, timeout_at: null, error: null }, { updated_at: d.completedAt });
    }
    case 'StepFailed': {
      const d = event.data;
      const patch = { status: d.retryDueAt === null ? 'failed' : 'retry_scheduled', error: d.error, timeout_at: null, next_retry_at: d.retryDueAt };
      return patched(row, patch, { updated_at: d.failedAt });
    }
  }
};

/** Pending steps whose every dependency has completed become ready, at the completion's time. */
const readied = (steps: readonly StepRow[], at: string): StepRow[] => {
  const completed = new Set(steps.filter((step) => step.status === 'completed').map((step) => step.step_key));
  return steps.map((step) =>
    step.status === 'pending' && step.depends_on.every((key) => completed.has(key)) ? { ...step, status: 'ready', updated_at: at } : step,
  );
};

const projectSteps = (steps: readonly StepRow[], event: StepEnvelope): readonly StepRow[] => {
  if (event.type === 'WorkflowStarted') return steps.length > 0 ? steps : started(event.data);
  const index = steps.findIndex((step) => step.step_key === event.data.stepKey);
  if (index < 0) return steps;
  const after = stepPatch(steps[index], event);
  if (after === steps[index]) return steps;
  const next = steps.map((step, i) => (i === index ? after : step));
  return event.type === 'StepCompleted' ? readied(next, event.data.completedAt) : next;
};

export const campaignWorkflowStepsProjector = projector({
  table: 'campaign_workflow_steps',
  eventTypes: ['WorkflowStarted', 'StepDispatched', 'StepStarted', 'StepCompleted', 'StepFailed'],
  project: projectSteps,
});
