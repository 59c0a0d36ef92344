/**
 * seed 000 `agent_orchestration_performance` ("each step tracks agent performance — cost,
 * quality, and efficiency"): one row per attempt of a step, from its StepDispatched
 * (started_at) to its StepCompleted (duration, cost, tokens, quality) or StepFailed (error; a
 * timeout is status timed_out).
 */
import { projector } from '../shared/projector';
import { attemptRowId, stepRowId } from './orchestration.ids';
import { type EnvelopeOf, millis, patched } from './orchestration.events';

export interface PerformanceRow {
  readonly id: string;
  readonly org_id: string;
  readonly workflow_id: string;
  readonly step_id: string;
  readonly step_key: string;
  readonly attempt: number;
  readonly agent_type: string;
  readonly status: string;
  readonly started_at: string;
  readonly completed_at: string | null;
  readonly duration_ms: number | null;
  readonly cost_cents: number | null;
  readonly tokens: number | null;
  readonly quality_score: number | string | null;
  readonly error: string | null;
}

type AttemptEnvelope = EnvelopeOf<'StepDispatched' | 'StepStarted' | 'StepCompleted' | 'StepFailed'>;

/** The row an attempt's events key: its workflow, step and attempt. */
export const attemptKeyOf = (event: AttemptEnvelope): string => attemptRowId(event.data.workflowId, event.data.stepKey, event.data.attempt);

/** What the agent measured, or the wall time from the dispatch when it measured nothing. */
const durationOf = (row: PerformanceRow, reported: number | null, endedAt: string): number => reported ?? Math.max(0, millis(endedAt) - millis(row.started_at));

const projectAttempt = (row: PerformanceRow | null, event: AttemptEnvelope): PerformanceRow | null => {
  switch (event.type) {
    case 'StepDispatched': {
      const d = event.data;
      return (
        row ?? {
          id: attemptKeyOf(event),
          org_id: d.orgId,
          workflow_id: d.workflowId,
          step_id: stepRowId(d.workflowId, d.stepKey),
          step_key: d.stepKey,
          attempt: d.attempt,
          agent_type: d.agentType,
          status: 'dispatched',
          started_at: d.dispatchedAt,
          completed_at: null,
          duration_ms: null,
          cost_cents: null,
          tokens: null,
          quality_score: null,
          error: null,
        }
      );
    }
    case 'StepStarted':
      return row && (row.status === 'dispatched' ? patched(row, { status: 'running' }) : row);
    case 'StepCompleted': {
      const d = event.data;
      return (
        row &&
        patched(row, {
          status: 'completed',
          completed_at: d.completedAt,
          duration_ms: durationOf(row, d.durationMs, d.completedAt),
          cost_cents: d.costCents,
          tokens: d.tokens,
          quality_score: d.qualityScore,
        })
      );
    }
    case 'StepFailed': {
      const d = event.data;
      const status = d.timedOut ? 'timed_out' : 'failed';
      return row && patched(row, { status, completed_at: d.failedAt, duration_ms: durationOf(row, null, d.failedAt), error: d.error });
    }
  }
};

export const agentOrchestrationPerformanceProjector = projector({
  table: 'agent_orchestration_performance',
  eventTypes: ['StepDispatched', 'StepStarted', 'StepCompleted', 'StepFailed'],
  project: projectAttempt,
});
