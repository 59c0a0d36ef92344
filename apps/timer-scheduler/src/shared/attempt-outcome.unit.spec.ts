import type { CommandResult } from '@campaign/contracts';
import { attemptOutcome } from './firing.service';

const result = (overrides: Partial<CommandResult>): CommandResult => ({
  commandId: 'timer-1',
  context: 'lifecycle',
  status: 'ACCEPTED',
  streamId: 'campaign-1',
  streamVersion: 2,
  code: null,
  message: null,
  details: null,
  processedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('how a command result ends a timer attempt', () => {
  it('an accepted command completes the timer', () => {
    expect(attemptOutcome(result({}))).toEqual({ ok: true, result: { status: 'ACCEPTED', streamVersion: 2 } });
  });

  it('a campaign that declined (it moved on) completes the timer too: retrying cannot change the answer', () => {
    const declined = result({
      status: 'REJECTED',
      streamVersion: null,
      code: 'INVALID_STATE_TRANSITION',
      message: 'Invalid state transition from RUNNING to RUNNING',
    });
    expect(attemptOutcome(declined)).toEqual({
      ok: true,
      result: { status: 'REJECTED', code: 'INVALID_STATE_TRANSITION', message: 'Invalid state transition from RUNNING to RUNNING' },
    });
  });

  // seed 002: failed timers are retried (retry_count ≤ 5)
  it('a command that could not be processed is a failure to retry', () => {
    const failed = result({ status: 'REJECTED', streamVersion: null, code: 'INTERNAL_ERROR', message: 'retry with the same command id' });
    expect(attemptOutcome(failed)).toEqual({ ok: false, error: 'INTERNAL_ERROR: retry with the same command id', retryable: true });
  });
});
