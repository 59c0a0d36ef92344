/**
 * Field checks the orchestration deciders share: each returns null or the rejection `invalid`
 * builds for the field (STRATEGY_INVALID, CAMPAIGN_INVALID, … with details.field).
 */
import type { DomainError } from '../shared/decider';
import { unstorableTextPath } from '../shared/text';
import { INSTANT_BOUNDS_TEXT, isInstantInBounds, isJsonValue, isNonBlank, isPlainObject, isUuid, parseInstant, toIso } from '../shared/validation';
import { ORCHESTRATION_LIMITS } from './values';

export type Invalid = (field: string, message: string) => DomainError;

const storable = (value: unknown): boolean => unstorableTextPath(value) === null;

/** Required text: not blank, at most `max` characters, storable in PostgreSQL. */
export const requiredTextError = (invalid: Invalid, field: string, value: unknown, max: number): DomainError | null =>
  isNonBlank(value, max) && storable(value) ? null : invalid(field, `${field} is text of 1 to ${max} characters`);

/** Optional text: absent, null, or storable text of at most `max` characters. */
export const optionalTextError = (invalid: Invalid, field: string, value: unknown, max: number): DomainError | null =>
  value === undefined || value === null || (typeof value === 'string' && value.length <= max && storable(value))
    ? null
    : invalid(field, `${field} is text of at most ${max} characters`);

/** A JSON object whose serialized form stays within the limit (it travels in events). */
export const jsonObjectError = (invalid: Invalid, field: string, value: unknown): DomainError | null => {
  if (!isPlainObject(value) || !isJsonValue(value) || !storable(value)) return invalid(field, `${field} is a JSON object`);
  return JSON.stringify(value).length <= ORCHESTRATION_LIMITS.jsonBytes
    ? null
    : invalid(field, `${field} serializes to at most ${ORCHESTRATION_LIMITS.jsonBytes} characters`);
};

export const uuidError = (invalid: Invalid, field: string, value: unknown): DomainError | null => (isUuid(value) ? null : invalid(field, `${field} is a UUID`));

export const optionalUuidError = (invalid: Invalid, field: string, value: unknown): DomainError | null =>
  value === undefined || value === null ? null : uuidError(invalid, field, value);

/** An optional ISO-8601 instant within the platform's bounds, read as epoch ms (null when absent); or the rejection. */
export const optionalInstant = (invalid: Invalid, field: string, value: unknown): number | null | DomainError => {
  if (value === undefined || value === null) return null;
  const millis = parseInstant(value);
  if (millis === null) return invalid(field, `${field} is an ISO-8601 instant`);
  return isInstantInBounds(millis) ? millis : invalid(field, `${field} lies ${INSTANT_BOUNDS_TEXT}`);
};

export const isoOrNull = (millis: number | null): string | null => (millis === null ? null : toIso(millis));

/** The entries of `after` that differ from `before` (JSON values compared by their serialized form). */
export const changedFields = <T extends object>(before: T, after: T): Partial<T> =>
  Object.fromEntries(
    (Object.keys(after) as (keyof T)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map((key) => [key, after[key]]),
  ) as Partial<T>;

const DECIMAL = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/** A non-negative DECIMAL(12,2) as text, normalized to two decimals (`1500` → `1500.00`); null when it is not one. */
export const decimal12x2 = (value: unknown): string | null => {
  const match = typeof value === 'string' ? DECIMAL.exec(value) : null;
  if (match === null) return null;
  return `${BigInt(match[1])}.${(match[2] ?? '').padEnd(2, '0')}`;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD, within the platform's instants. */
export const isCalendarDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const millis = parseInstant(`${value}T00:00:00Z`);
  return millis !== null && isInstantInBounds(millis);
};
