/**
 * The orchestration bench's workflow (issue 13, point 12): ten steps in three diamonds,
 * a → (b, c) → d → (e, f) → g → (h, i) → j, so that every second step waits for two others
 * and its dispatch depends on which of the two completes last. The template as
 * CreateOrchestrator takes it over Kafka (libs/contracts orchestration `StepTemplate`, camelCase).
 */
import type { orchestration } from '@campaign/domain';

/** Each step's dependencies, in an order that respects them (the order the reference completes them in). */
export const DIAMONDS: Readonly<Record<string, readonly string[]>> = {
  a: [],
  b: ['a'],
  c: ['a'],
  d: ['b', 'c'],
  e: ['d'],
  f: ['d'],
  g: ['e', 'f'],
  h: ['g'],
  i: ['g'],
  j: ['h', 'i'],
};

export const STEP_KEYS: readonly string[] = Object.keys(DIAMONDS);

/** The agent type every step asks for: the reference agent serves all types (AGENT_TYPES `*`). */
export const AGENT_TYPE = 'writer';

/**
 * No step times out or retries during the bench: the timer-scheduler is not started (nothing
 * would fire a timeout), and an attempt that failed would show as a retry in the counts.
 */
export const diamondTemplate = (): orchestration.StepTemplate[] =>
  STEP_KEYS.map((key) => ({
    key,
    name: `Step ${key}`,
    agentType: AGENT_TYPE,
    dependsOn: [...DIAMONDS[key]],
    timeoutMs: 3_600_000,
    maxAttempts: 1,
    backoff: { initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 60_000 },
    input: { topic: `diamond step ${key}` },
  }));

/** Dispatches and completions of one run through the template: each step's dispatch and completion. */
export const TRANSITIONS_PER_WORKFLOW = 2 * STEP_KEYS.length;

/** The steps that the completion of `key` makes ready, once every step in `completed` (with `key`) is done. */
export const readyAfter = (completed: ReadonlySet<string>, key: string): string[] =>
  STEP_KEYS.filter((step) => DIAMONDS[step].includes(key) && DIAMONDS[step].every((dep) => dep === key || completed.has(dep)));
