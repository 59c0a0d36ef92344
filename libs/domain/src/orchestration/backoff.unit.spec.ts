import { retryDelayMs } from './backoff';
import { STEP_BOUNDS } from './template';

describe('retry back-off: min(maxDelayMs, round(initialDelayMs × multiplier^(n−1)))', () => {
  it('doubles from the initial delay and stays at the cap', () => {
    const backoff = { initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(backoff, attempt))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('a multiplier of 1 retries at a constant delay', () => {
    expect([1, 5, 9].map((attempt) => retryDelayMs({ initialDelayMs: 750, multiplier: 1, maxDelayMs: 750 }, attempt))).toEqual([750, 750, 750]);
  });

  it('is whole milliseconds for a fractional multiplier', () => {
    expect(retryDelayMs({ initialDelayMs: 1_000, multiplier: 1.5, maxDelayMs: 60_000 }, 3)).toBe(2_250);
    expect(retryDelayMs({ initialDelayMs: 3, multiplier: 1.5, maxDelayMs: 60_000 }, 2)).toBe(5);
  });

  it('is deterministic and a safe integer at the largest bounds', () => {
    const backoff = { initialDelayMs: STEP_BOUNDS.initialDelayMs.max, multiplier: STEP_BOUNDS.multiplier.max, maxDelayMs: STEP_BOUNDS.maxDelayMs.max };
    const delay = retryDelayMs(backoff, STEP_BOUNDS.maxAttempts.max);
    expect(delay).toBe(STEP_BOUNDS.maxDelayMs.max);
    expect(retryDelayMs(backoff, STEP_BOUNDS.maxAttempts.max)).toBe(delay);
  });
});
