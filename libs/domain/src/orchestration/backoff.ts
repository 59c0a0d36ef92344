import type { RetryBackoff } from './template';

/**
 * How long after failed attempt `n` (1-based) the next attempt is due:
 * min(maxDelayMs, round(initialDelayMs × multiplier^(n−1))). No jitter: the delay is a pure
 * function of the template and the attempt, so replaying a workflow's events schedules the same
 * retries, and the timer-scheduler (not the plan) spreads timers that fall due together.
 * The bounds of validateTemplate keep every intermediate value a safe integer.
 */
export const retryDelayMs = (backoff: RetryBackoff, failedAttempt: number): number =>
  Math.min(backoff.maxDelayMs, Math.round(backoff.initialDelayMs * backoff.multiplier ** (failedAttempt - 1)));
