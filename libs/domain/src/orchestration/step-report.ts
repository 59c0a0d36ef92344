/**
 * What an agent reports about one attempt of a step, how a report is checked, and the
 * fingerprint that recognises a redelivered report.
 */
import type { DomainError } from '../shared/decider';
import { unstorableTextPath } from '../shared/text';
import { isJsonValue, isNonBlank, isPlainObject } from '../shared/validation';
import { OrchestrationErrorCode as Code, reject } from './errors';

/** Every report names the attempt it is about: the dispatch hands the attempt number to the agent, which echoes it. */
export interface AttemptReport {
  readonly attempt: number;
}

export interface StepCompletion extends AttemptReport {
  readonly output: Readonly<Record<string, unknown>>;
  readonly costCents?: number;
  readonly tokens?: number;
  /** 0 (worst) to 1 (best), as the agent or a reviewer grades the output. */
  readonly qualityScore?: number;
  readonly durationMs?: number;
}

export interface StepFailure extends AttemptReport {
  readonly error: string;
  /** False for failures another attempt cannot fix (bad input): the step fails for good at once. */
  readonly retryable: boolean;
}

export const ERROR_MAX_LENGTH = 2_000;

const invalid = (field: string, message: string): DomainError => reject(Code.WORKFLOW_STEP_REPORT_INVALID, message, { field });

const isCount = (value: unknown): boolean => value === undefined || (Number.isSafeInteger(value) && (value as number) >= 0);

export const completionError = (report: StepCompletion): DomainError | null => {
  if (!isPlainObject(report.output) || !isJsonValue(report.output) || unstorableTextPath(report.output) !== null)
    return invalid('output', 'A step completion carries its output as a JSON object');
  for (const field of ['costCents', 'tokens', 'durationMs'] as const)
    if (!isCount(report[field])) return invalid(field, `${field} is a non-negative integer when given`);
  const score = report.qualityScore;
  if (score !== undefined && (typeof score !== 'number' || !(score >= 0 && score <= 1)))
    return invalid('qualityScore', 'qualityScore is a number from 0 to 1 when given');
  return null;
};

export const failureError = (report: StepFailure): DomainError | null => {
  if (!isNonBlank(report.error, ERROR_MAX_LENGTH) || unstorableTextPath(report.error) !== null)
    return invalid('error', `A step failure says why in 1 to ${ERROR_MAX_LENGTH} characters`);
  if (typeof report.retryable !== 'boolean') return invalid('retryable', 'A step failure says whether it is retryable');
  return null;
};

export const isAttemptNumber = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/**
 * The report in a canonical form (object keys sorted, the kind and instant included): two
 * deliveries of one report give the same string whatever order their keys came in.
 */
export const fingerprintOf = (kind: string, at: number, report: object = {}): string =>
  JSON.stringify({ kind, at, report }, (_key, value: unknown) =>
    isPlainObject(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, value[key]]),
        )
      : value,
  );
