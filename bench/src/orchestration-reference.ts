/**
 * The orchestration bench's reference: this project's PostgresEventStore in process, appending
 * the very events a run of the diamond template leaves in a workflow's stream, in the order the
 * command side appends them — WorkflowStarted with the first StepDispatched, then one append per
 * completion (StepCompleted, the StepDispatched it made ready, WorkflowCompleted after the last)
 * — each with its expected version and its command's outcome, every workflow at once (each its
 * own chain of appends, group-committed by the store). No Kafka, no decider, no agent: the rate
 * the event store alone gives the same transitions on the same database.
 */
import { randomUUID } from 'node:crypto';
import { orchestration } from '@campaign/domain';
import { type NewEvent, PostgresEventStore } from '@campaign/eventstore';
import type { Pool } from 'pg';
import { pool as inParallel } from './stats';
import { DIAMONDS, STEP_KEYS, diamondTemplate, readyAfter } from './orchestration-template';

export interface ReferenceRun {
  readonly seconds: number;
  readonly appends: number;
  readonly events: number;
  /** StepDispatched + StepCompleted appended. */
  readonly transitions: number;
}

interface Workflow {
  readonly orgId: string;
  readonly orchestratorId: string;
  readonly workflowId: string;
  readonly campaignId: string;
}

/** The reference agent's output for a step (apps/reference-agent step-work.ts), so the events weigh the same. */
const AGENT_OUTPUT = { producedBy: 'reference-agent' };

const event = (type: string, data: Record<string, unknown>): NewEvent => ({ eventId: randomUUID(), type, schemaVersion: 1, data });

const ref = (w: Workflow) => ({ orgId: w.orgId, workflowId: w.workflowId, campaignId: w.campaignId });

const dispatched = (w: Workflow, key: string, now: string): NewEvent =>
  event('StepDispatched', {
    ...ref(w),
    stepKey: key,
    stepName: `Step ${key}`,
    agentType: 'writer',
    attempt: 1,
    input: { topic: `diamond step ${key}` },
    dependencyOutputs: Object.fromEntries(DIAMONDS[key].map((dep) => [dep, AGENT_OUTPUT])),
    dispatchedAt: now,
    timeoutAt: new Date(Date.parse(now) + 3_600_000).toISOString(),
  });

const completed = (w: Workflow, key: string, done: number, now: string): NewEvent =>
  event('StepCompleted', {
    ...ref(w),
    stepKey: key,
    attempt: 1,
    output: AGENT_OUTPUT,
    costCents: 1,
    tokens: 8,
    qualityScore: 0.9,
    durationMs: 0,
    completedAt: now,
    progressPercentage: Math.round((done / STEP_KEYS.length) * 100),
  });

const started = (w: Workflow, now: string): NewEvent =>
  event('WorkflowStarted', {
    ...ref(w),
    orchestratorId: w.orchestratorId,
    templateVersion: 1,
    variant: 'default',
    steps: diamondTemplate().map((step, i) => ({ ...step, stepOrder: i + 1 })),
    startedAt: now,
  });

/** The events of each append of one workflow, built when appended (their instants are "now"). */
function* appendsOf(w: Workflow): Generator<NewEvent[]> {
  const roots = STEP_KEYS.filter((key) => DIAMONDS[key].length === 0);
  const first = new Date().toISOString();
  yield [started(w, first), ...roots.map((key) => dispatched(w, key, first))];
  const done = new Set<string>();
  for (const key of STEP_KEYS) {
    const now = new Date().toISOString();
    const ready = readyAfter(done, key);
    done.add(key);
    const last = done.size === STEP_KEYS.length;
    const finished = last ? [event('WorkflowCompleted', { ...ref(w), orchestratorId: w.orchestratorId, completedAt: now })] : [];
    yield [completed(w, key, done.size, now), ...ready.map((step) => dispatched(w, step, now)), ...finished];
  }
}

const runWorkflow = async (store: PostgresEventStore, w: Workflow, counts: { appends: number; events: number; transitions: number }) => {
  const streamId = orchestration.workflowStreamId(w.orgId, w.workflowId);
  let version = 0;
  for (const events of appendsOf(w)) {
    const commandId = randomUUID();
    const metadata = {
      context: 'orchestration',
      occurredAt: new Date().toISOString(),
      correlationId: w.workflowId,
      causationId: null,
      actor: 'service:bench',
      tenant: w.orgId,
      commandId,
    };
    const eventIds = events.map((e) => e.eventId);
    const outcome = await store.append(streamId, version, events, metadata, (streamVersion) => ({
      status: 'ACCEPTED',
      commandId,
      streamId,
      streamVersion,
      eventIds,
    }));
    if (outcome.status !== 'ACCEPTED') throw new Error(`reference append to ${streamId} answered ${outcome.status}`);
    version += events.length;
    counts.appends++;
    counts.events += events.length;
    counts.transitions += events.filter((e) => e.type === 'StepDispatched' || e.type === 'StepCompleted').length;
  }
};

/** `workflows` runs of the template appended to a fresh store schema, all at once. */
export const runReference = async (pg: Pool, schema: string, workflows: number): Promise<ReferenceRun> => {
  const store = new PostgresEventStore(pg, schema);
  await store.migrate();
  const orgId = randomUUID();
  const orchestratorId = randomUUID();
  const runs: Workflow[] = Array.from({ length: workflows }, () => ({ orgId, orchestratorId, workflowId: randomUUID(), campaignId: randomUUID() }));
  const counts = { appends: 0, events: 0, transitions: 0 };
  const start = performance.now();
  await inParallel(runs.length, runs.length, (i) => runWorkflow(store, runs[i], counts));
  return { seconds: (performance.now() - start) / 1000, ...counts };
};
