/**
 * Field checks the commerce deciders share. Each returns null or the rejection `invalid` builds
 * for the field (AGENT_INVALID, PRODUCT_INVALID, … with details.field). Limits are the read
 * models' column sizes (apps/projection/src/commerce/commerce.schema.ts), so whatever a decider
 * accepts can be projected.
 */
import type { DomainError } from '../shared/decider';
import { formatCents, readMoney } from '../shared/money';
import { unstorableTextPath } from '../shared/text';
import { isJsonValue, isNonBlank, isPlainObject, isUuid, parseInstant, isInstantInBounds, toIso } from '../shared/validation';

export type Invalid = (field: string, message: string) => DomainError;

export const COMMERCE_LIMITS = {
  name: 100,
  title: 200,
  text: 10_000,
  category: 100,
  sku: 100,
  location: 50,
  email: 255,
  phone: 50,
  /** Lines of one order. */
  orderItems: 100,
  /** Units of one line, and of one stock movement. */
  quantity: 1_000_000,
  jsonBytes: 16_384,
} as const;

const storable = (value: unknown): boolean => unstorableTextPath(value) === null;

export const requiredText = (invalid: Invalid, field: string, value: unknown, max: number): DomainError | null =>
  isNonBlank(value, max) && storable(value) ? null : invalid(field, `${field} is text of 1 to ${max} characters`);

export const optionalText = (invalid: Invalid, field: string, value: unknown, max: number): DomainError | null =>
  value === undefined || value === null || (typeof value === 'string' && value.length <= max && storable(value))
    ? null
    : invalid(field, `${field} is text of at most ${max} characters`);

export const uuidField = (invalid: Invalid, field: string, value: unknown): DomainError | null => (isUuid(value) ? null : invalid(field, `${field} is a UUID`));

export const optionalUuid = (invalid: Invalid, field: string, value: unknown): DomainError | null =>
  value === undefined || value === null ? null : uuidField(invalid, field, value);

export const jsonObject = (invalid: Invalid, field: string, value: unknown): DomainError | null => {
  if (!isPlainObject(value) || !isJsonValue(value) || !storable(value)) return invalid(field, `${field} is a JSON object`);
  return JSON.stringify(value).length <= COMMERCE_LIMITS.jsonBytes
    ? null
    : invalid(field, `${field} serializes to at most ${COMMERCE_LIMITS.jsonBytes} characters`);
};

export const quantityField = (invalid: Invalid, field: string, value: unknown, min = 1): DomainError | null =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= COMMERCE_LIMITS.quantity
    ? null
    : invalid(field, `${field} is a whole number from ${min} to ${COMMERCE_LIMITS.quantity}`);

/** ISO 4217 style: three capital letters. */
export const isCurrency = (value: unknown): value is string => typeof value === 'string' && /^[A-Z]{3}$/.test(value);

/** A non-negative amount of money with at most two decimals, as cents; or the rejection. */
export const amountCents = (invalid: Invalid, field: string, value: unknown): bigint | DomainError => {
  const reading = readMoney(value);
  if ('problem' in reading) return invalid(field, `${field} is a decimal amount with at most 2 decimals below 10^13 (${reading.problem})`);
  return reading.cents < 0n ? invalid(field, `${field} is not negative (seed 001: CHECK (amount >= 0))`) : reading.cents;
};

export const money = (cents: bigint): string => formatCents(cents);

/** A location code: it names a stream, so letters, digits, `-` and `_` only. */
export const isLocation = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{1,50}$/.test(value);

/** An optional ISO instant within the platform's bounds, normalized; or the rejection. */
export const optionalInstant = (invalid: Invalid, field: string, value: unknown): string | null | DomainError => {
  if (value === undefined || value === null) return null;
  const millis = parseInstant(value);
  return millis !== null && isInstantInBounds(millis) ? toIso(millis) : invalid(field, `${field} is an ISO-8601 instant`);
};

/** The entries of `after` that differ from `before` (JSON values compared by their serialized form). */
export const changedFields = <T extends object>(before: T, after: T): Partial<T> =>
  Object.fromEntries(
    (Object.keys(after) as (keyof T)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map((key) => [key, after[key]]),
  ) as Partial<T>;

/** A real calendar date written YYYY-MM-DD (a DATE column), or the rejection. */
export const optionalDate = (invalid: Invalid, field: string, value: unknown): DomainError | null => {
  if (value === undefined || value === null) return null;
  const millis = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseInstant(`${value}T00:00:00Z`) : null;
  return millis !== null && isInstantInBounds(millis) && toIso(millis).startsWith(value as string) ? null : invalid(field, `${field} is a date YYYY-MM-DD`);
};

/** An optional non-negative amount, normalized to two decimals (`1500` → `1500.00`); or the rejection. */
export const optionalAmount = (invalid: Invalid, field: string, value: unknown): string | null | DomainError => {
  if (value === undefined || value === null) return null;
  const cents = amountCents(invalid, field, value);
  return typeof cents === 'bigint' ? money(cents) : cents;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An email address as the shop keeps it (trimmed, lower-case: one address, one claim) and its
 * columns hold it (at most 255 characters, storable text); or the rejection.
 */
export const emailAddress = (invalid: Invalid, field: string, value: unknown): string | DomainError => {
  const email = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return EMAIL.test(email) && requiredText(invalid, field, email, COMMERCE_LIMITS.email) === null ? email : invalid(field, `${field} is an email address`);
};
