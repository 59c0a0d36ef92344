import { planOutcome } from './timer-outcome';
import { ABANDONED, planStart, type Starting } from './timer-start';

const at = new Date('2026-01-01T00:00:00.000Z');
const starting: Starting = {
  timer: { id: 't-1', campaignId: 'c-1', timerType: 'REMIND', dueAt: at, attemptAt: at, attempt: 2, payload: {} },
  executionId: 'e-2',
  startedAt: at,
};
const row = { id: 't-1', retry_count: 1, stream_version: 4, execution_id: null, execution_started_at: null };

describe('recording the start of an attempt', () => {
  // seed 002: timer_executions.status DEFAULT 'STARTED' — the row exists while the timer fires
  it('an attempt that begins is recorded as started, after the version its row has', () => {
    expect(planStart(starting, row)).toEqual({
      row: { id: 't-1', stream_version: 5, execution_id: 'e-2', started_at: at.toISOString() },
      events: expect.objectContaining({
        afterVersion: 4,
        events: [
          {
            type: 'TimerExecutionStarted',
            data: { timerId: 't-1', campaignId: 'c-1', timerType: 'REMIND', executionId: 'e-2', attempt: 2, startedAt: at.toISOString() },
          },
        ],
      }),
    });
  });

  // seed 002: valid_completion — a STARTED execution whose holder died is closed, not left STARTED
  it('an attempt whose holder died before its outcome is closed as FAILED before the new one starts', () => {
    const abandoned = { ...row, execution_id: 'e-1', execution_started_at: new Date(at.getTime() - 60_000) };
    const plan = planStart(starting, abandoned);
    expect(plan.events.events.map((e) => e.type)).toEqual(['TimerExecutionFailed', 'TimerExecutionStarted']);
    expect(plan.events.events[0].data).toMatchObject({ executionId: 'e-1', error: ABANDONED, retryCount: 1, executionTimeMs: 60_000 });
    expect(plan.row.stream_version).toBe(6);
  });

  it('an outcome whose start was recorded adds only its ending; one whose start was not brings the start along', () => {
    const finished = { ...starting, finishedAt: new Date(at.getTime() + 40), outcome: { ok: true as const, result: {} } };
    const recorded = planOutcome(finished, { id: 't-1', retry_count: 1, stream_version: 5, execution_id: 'e-2' });
    expect(recorded.events).toMatchObject({ afterVersion: 5, events: [{ type: 'TimerExecutionCompleted' }] });
    const unrecorded = planOutcome(finished, { id: 't-1', retry_count: 1, stream_version: 4, execution_id: null });
    expect(unrecorded.events.events.map((e) => e.type)).toEqual(['TimerExecutionStarted', 'TimerExecutionCompleted']);
    const failure = { ...finished, outcome: { ok: false as const, error: 'down', retryable: true } };
    expect(planOutcome(failure, { id: 't-1', retry_count: 1, stream_version: 5, execution_id: 'e-2' }).row).toMatchObject({ stream_version: 6 });
  });

  it('an outcome whose start was not written closes an abandoned attempt too, before its own start', () => {
    const finished = { ...starting, finishedAt: new Date(at.getTime() + 40), outcome: { ok: true as const, result: {} } };
    const plan = planOutcome(finished, { id: 't-1', retry_count: 1, stream_version: 5, execution_id: 'e-1', execution_started_at: at });
    expect(plan.events.events.map((e) => e.type)).toEqual(['TimerExecutionFailed', 'TimerExecutionStarted', 'TimerExecutionCompleted']);
    expect(plan.events.events[0].data).toMatchObject({ executionId: 'e-1', error: ABANDONED });
  });
});
