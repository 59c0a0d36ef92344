import { projector } from '../shared/projector';
import type { TimerEnvelope, TimerExecutionRow } from './lifecycle.events';

type ExecutionEnvelope = Extract<TimerEnvelope, { type: 'TimerExecutionStarted' | 'TimerExecutionCompleted' | 'TimerExecutionFailed' }>;

/**
 * seed 002 `timer_executions`: one row per attempt at firing a timer, keyed by the
 * scheduler's execution id. valid_completion holds by construction: STARTED rows have no
 * completed_at, COMPLETED and FAILED rows always have one.
 */
const projectTimerExecution = (row: TimerExecutionRow | null, event: ExecutionEnvelope): TimerExecutionRow | null => {
  switch (event.type) {
    case 'TimerExecutionStarted': {
      if (row) return row;
      const d = event.data;
      return {
        id: d.executionId,
        timer_id: d.timerId,
        status: 'STARTED',
        result: null,
        error_message: null,
        started_at: d.startedAt,
        completed_at: null,
        execution_time_ms: null,
      };
    }
    case 'TimerExecutionCompleted': {
      const d = event.data;
      const started = row ?? startedFrom(d);
      return { ...started, status: 'COMPLETED', result: d.result, completed_at: d.completedAt, execution_time_ms: d.executionTimeMs };
    }
    case 'TimerExecutionFailed': {
      const d = event.data;
      const started = row ?? startedFrom(d);
      return { ...started, status: 'FAILED', error_message: d.error, completed_at: d.completedAt, execution_time_ms: d.executionTimeMs };
    }
    default:
      return row;
  }
};

/** An outcome whose start was never recorded still gets a row: it started executionTimeMs earlier. */
const startedFrom = (d: { executionId: string; timerId: string; completedAt: string; executionTimeMs: number }): TimerExecutionRow => ({
  id: d.executionId,
  timer_id: d.timerId,
  status: 'STARTED',
  result: null,
  error_message: null,
  started_at: new Date(Date.parse(d.completedAt) - d.executionTimeMs).toISOString(),
  completed_at: null,
  execution_time_ms: null,
});

export const timerExecutionsProjector = projector({
  table: 'timer_executions',
  eventTypes: ['TimerExecutionStarted', 'TimerExecutionCompleted', 'TimerExecutionFailed'],
  project: projectTimerExecution,
});
