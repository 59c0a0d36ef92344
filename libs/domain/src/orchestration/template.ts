/**
 * An orchestrator's versioned workflow template (seed 000: "CampaignOrchestrator … defines the
 * workflow template for execution"; "steps can have dependencies on other steps"): the steps an
 * execution instantiates, each run by an agent, and the dependency DAG that orders them.
 */
import type { DomainError } from '../shared/decider';
import { unstorableTextPath } from '../shared/text';
import { isJsonValue, isNonBlank, isPlainObject } from '../shared/validation';
import { OrchestrationErrorCode as Code, reject } from './errors';
import { dependencyCycle, longestChains } from './template.graph';

/** How a failed attempt waits before the next: min(maxDelayMs, initialDelayMs × multiplier^(n−1)). */
export interface RetryBackoff {
  readonly initialDelayMs: number;
  readonly multiplier: number;
  readonly maxDelayMs: number;
}

export interface StepTemplate {
  /** Unique in the template; the name dependencies, reports and topics use. */
  readonly key: string;
  readonly name: string;
  /** Which kind of agent takes the step (routes the dispatch). */
  readonly agentType: string;
  readonly dependsOn: readonly string[];
  /** How long one attempt may run before it counts as a (retryable) failure. */
  readonly timeoutMs: number;
  /** Attempts in all, the first included: 1 means no retry. */
  readonly maxAttempts: number;
  readonly backoff: RetryBackoff;
  /** Handed to the agent as is (JSONB in the read model). */
  readonly input: Readonly<Record<string, unknown>>;
}

export interface WorkflowTemplate {
  /** Bumped by the orchestrator on every change; an execution keeps the version it started with. */
  readonly version: number;
  readonly steps: readonly StepTemplate[];
}

/**
 * At most 200 steps: a workflow's stream holds a few events per step attempt (dispatched,
 * started, completed or failed) and every report folds it, so 200 steps × up to 10 attempts
 * stays within a few thousand events; a campaign plan of more steps than a person can review on
 * one screen is better split into several workflows. The graph checks are linear either way.
 */
export const MAX_TEMPLATE_STEPS = 200;

/** Lower-case letter first, then letters, digits, `_` or `-`; at most 63: safe in SQL, topics, headers and paths. */
export const STEP_KEY_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;
const AGENT_TYPE_PATTERN = /^[a-z][a-z0-9._-]{0,99}$/;
const NAME_MAX_LENGTH = 255;

export const STEP_BOUNDS = {
  /** An agent call that answers in under a second is better not timed out at all. */
  timeoutMs: { min: 1_000, max: 24 * 3_600_000 },
  maxAttempts: { min: 1, max: 10 },
  initialDelayMs: { min: 1, max: 3_600_000 },
  multiplier: { min: 1, max: 10 },
  maxDelayMs: { max: 24 * 3_600_000 },
} as const;

const isIntIn = (value: unknown, min: number, max: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/** Null when `template` can be instantiated; else the first thing wrong with it, in the order index.ts lists. */
export const validateTemplate = (template: WorkflowTemplate): DomainError | null => {
  if (!isPlainObject(template) || !Number.isSafeInteger(template.version) || template.version < 1)
    return reject(Code.TEMPLATE_INVALID, 'A workflow template has a positive integer version and a list of steps', { field: 'version' });
  if (!Array.isArray(template.steps)) return reject(Code.TEMPLATE_INVALID, 'A workflow template has a list of steps', { field: 'steps' });
  if (template.steps.length === 0) return reject(Code.TEMPLATE_NO_STEPS, 'A workflow template has at least one step');
  if (template.steps.length > MAX_TEMPLATE_STEPS)
    return reject(Code.TEMPLATE_TOO_MANY_STEPS, `A workflow template has at most ${MAX_TEMPLATE_STEPS} steps`, {
      steps: template.steps.length,
      max: MAX_TEMPLATE_STEPS,
    });
  const keys = new Set<string>();
  for (const step of template.steps) {
    const wrong =
      stepError(step) ?? (keys.has(step.key) ? reject(Code.TEMPLATE_STEP_KEY_DUPLICATE, `Step key ${step.key} is used twice`, { step: step.key }) : null);
    if (wrong) return wrong;
    keys.add(step.key);
  }
  return dependencyError(template.steps, keys);
};

const stepError = (step: StepTemplate): DomainError | null => {
  if (!isPlainObject(step)) return reject(Code.TEMPLATE_STEP_INVALID, 'A step is an object', { field: 'steps' });
  if (typeof step.key !== 'string' || !STEP_KEY_PATTERN.test(step.key))
    return reject(Code.TEMPLATE_STEP_KEY_INVALID, `A step key matches ${STEP_KEY_PATTERN.source}`, { step: typeof step.key === 'string' ? step.key : null });
  const invalid = (field: string, message: string) => reject(Code.TEMPLATE_STEP_INVALID, `Step ${step.key}: ${message}`, { step: step.key, field });
  if (!isNonBlank(step.name, NAME_MAX_LENGTH) || unstorableTextPath(step.name) !== null) return invalid('name', `a name of 1 to ${NAME_MAX_LENGTH} characters`);
  if (typeof step.agentType !== 'string' || !AGENT_TYPE_PATTERN.test(step.agentType))
    return invalid('agentType', `an agent type matching ${AGENT_TYPE_PATTERN.source}`);
  if (!Array.isArray(step.dependsOn) || !step.dependsOn.every((key) => typeof key === 'string')) return invalid('dependsOn', 'dependsOn lists step keys');
  if (new Set(step.dependsOn).size !== step.dependsOn.length) return invalid('dependsOn', 'dependsOn names each step once');
  if (!isPlainObject(step.input) || !isJsonValue(step.input) || unstorableTextPath(step.input) !== null) return invalid('input', 'input is a JSON object');
  return boundsError(step);
};

const boundsError = (step: StepTemplate): DomainError | null => {
  const { timeoutMs, maxAttempts, initialDelayMs, multiplier, maxDelayMs } = STEP_BOUNDS;
  if (!isIntIn(step.timeoutMs, timeoutMs.min, timeoutMs.max))
    return reject(Code.TEMPLATE_STEP_TIMEOUT_OUT_OF_RANGE, `Step ${step.key}: timeoutMs is an integer from ${timeoutMs.min} to ${timeoutMs.max}`, {
      step: step.key,
      field: 'timeoutMs',
    });
  if (!isIntIn(step.maxAttempts, maxAttempts.min, maxAttempts.max))
    return reject(Code.TEMPLATE_STEP_ATTEMPTS_OUT_OF_RANGE, `Step ${step.key}: maxAttempts is an integer from ${maxAttempts.min} to ${maxAttempts.max}`, {
      step: step.key,
      field: 'maxAttempts',
    });
  const backoff = isPlainObject(step.backoff) ? step.backoff : ({} as Partial<RetryBackoff>);
  const wrong = (field: string, rule: string) =>
    reject(Code.TEMPLATE_STEP_BACKOFF_INVALID, `Step ${step.key}: backoff.${field} ${rule}`, { step: step.key, field: `backoff.${field}` });
  if (!isIntIn(backoff.initialDelayMs, initialDelayMs.min, initialDelayMs.max))
    return wrong('initialDelayMs', `is an integer from ${initialDelayMs.min} to ${initialDelayMs.max}`);
  const factor = backoff.multiplier;
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < multiplier.min || factor > multiplier.max)
    return wrong('multiplier', `is a number from ${multiplier.min} to ${multiplier.max}`);
  if (!isIntIn(backoff.maxDelayMs, backoff.initialDelayMs, maxDelayMs.max))
    return wrong('maxDelayMs', `is an integer from initialDelayMs to ${maxDelayMs.max}`);
  return null;
};

const dependencyError = (steps: readonly StepTemplate[], keys: ReadonlySet<string>): DomainError | null => {
  for (const step of steps) {
    if (step.dependsOn.includes(step.key))
      return reject(Code.TEMPLATE_DEPENDENCY_SELF, `Step ${step.key} depends on itself`, { step: step.key, cycle: `${step.key} → ${step.key}` });
    const unknown = step.dependsOn.find((key) => !keys.has(key));
    if (unknown !== undefined)
      return reject(Code.TEMPLATE_DEPENDENCY_UNKNOWN, `Step ${step.key} depends on unknown step ${unknown}`, { step: step.key, dependency: unknown });
  }
  const cycle = dependencyCycle(steps);
  return cycle === null
    ? null
    : reject(Code.TEMPLATE_DEPENDENCY_CYCLE, `Steps depend on each other in a cycle: ${cycle.join(' → ')}`, { cycle: cycle.join(' → ') });
};

/**
 * Each step's step_order: 1 + the longest dependency chain before it, so steps without
 * dependencies are 1 and a diamond a → {b, c} → d gives 1, 2, 2, 3. Every order is > 0
 * (seed 000 chk_step_order), and a step's order is above every one of its dependencies'.
 * The template must be valid (no cycle).
 */
export const stepOrders = (template: WorkflowTemplate): ReadonlyMap<string, number> => longestChains(template.steps);
