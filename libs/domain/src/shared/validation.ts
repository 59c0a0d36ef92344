/** Small, dependency-free checks the deciders share. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Milliseconds since the epoch for a strict ISO-8601 instant with zone, or null. */
export const parseInstant = (value: unknown): number | null => {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return null;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : millis;
};

export const toIso = (millis: number): string => new Date(millis).toISOString();

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

export const isNonBlank = (value: unknown, maxLength: number): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength;
