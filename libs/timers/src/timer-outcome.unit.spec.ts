import { planOutcome, SEED_002_RETRIES } from './timer-outcome';
import type { Finished } from './timer-store';

const at = new Date('2026-01-01T00:00:00.000Z');
const finished = (outcome: Finished['outcome']): Finished => ({
  timer: { id: 't-1', campaignId: 'c-1', timerType: 'REMIND', dueAt: at, attemptAt: at, attempt: 1, payload: {} },
  executionId: 'e-1',
  startedAt: at,
  finishedAt: new Date(at.getTime() + 40),
  outcome,
});
const failure = finished({ ok: false, error: 'down', retryable: true });

describe('how an attempt ends a timer', () => {
  it('a success completes it, with started and completed facts after the version its row has', () => {
    const plan = planOutcome(finished({ ok: true, result: { status: 'ACCEPTED' } }), { id: 't-1', retry_count: 0, stream_version: 3 });
    expect(plan).toMatchObject({
      kind: 'completed',
      row: { status: 'COMPLETED' },
      events: { afterVersion: 3, events: [{ type: 'TimerExecutionStarted' }, { type: 'TimerExecutionCompleted', data: { executionTimeMs: 40 } }] },
    });
  });

  // seed 002: failed timers are retried (retry_count ≤ 5), with exponential back-off
  it("a retryable failure is retried after the policy's delay while retries are left", () => {
    const plan = planOutcome(failure, { id: 't-1', retry_count: 1, stream_version: 2 });
    expect(plan).toMatchObject({
      kind: 'retry',
      row: { retry_count: 2, next_attempt_at: new Date(at.getTime() + 40 + 2_000).toISOString(), stream_version: 4 },
    });
  });

  it('a failure with no retries left, or one not worth retrying, fails the timer for good', () => {
    expect(planOutcome(failure, { id: 't-1', retry_count: SEED_002_RETRIES.maxRetries, stream_version: 2 })).toMatchObject({
      kind: 'failed',
      row: { status: 'FAILED', retry_count: 5 },
    });
    expect(planOutcome(finished({ ok: false, error: 'no', retryable: false }), { id: 't-1', retry_count: 0, stream_version: 0 }).kind).toBe('failed');
  });

  it('follows the retry policy it is given', () => {
    const once = { maxRetries: 1, delayMs: () => 10 };
    expect(planOutcome(failure, { id: 't-1', retry_count: 0, stream_version: 0 }, once)).toMatchObject({ kind: 'retry', row: { retry_count: 1 } });
    expect(planOutcome(failure, { id: 't-1', retry_count: 1, stream_version: 0 }, once).kind).toBe('failed');
  });
});
