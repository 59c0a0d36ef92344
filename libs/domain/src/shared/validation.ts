/** Small, dependency-free checks the deciders share. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Milliseconds since the epoch for a strict ISO-8601 instant with zone, or null. */
export const parseInstant = (value: unknown): number | null => {
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (match === null) return null;
  const millis = Date.parse(match[0]);
  // Date.parse rolls a day the month lacks (2026-04-31) over into the next month.
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return Number.isNaN(millis) || day > daysInMonth(year, month) ? null : millis;
};

const daysInMonth = (year: number, month: number): number => {
  if (month !== 2) return [4, 6, 9, 11].includes(month) ? 30 : 31;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : 28;
};

export const toIso = (millis: number): string => new Date(millis).toISOString();

/**
 * The span every instant a command carries, and every instant derived from one, must lie in:
 * from 2000-01-01T00:00:00Z (inclusive) to 3000-01-01T00:00:00Z (exclusive).
 *
 * The hard limit is not the storage: PostgreSQL timestamptz holds up to 294276 AD, JS Date up
 * to 275760 AD, Avro timestamp-millis (read by avsc as a JS number) up to ~287396 AD. It is the
 * ISO form: `parseInstant` reads four-digit years only, and `toIso` writes a year past 9999 as
 * `+010000-…`, which the deciders, the timer policies and the projections then cannot read back
 * — a campaign accepted with such a time is dead-lettered by its projection. Year 3000 leaves a
 * margin of seven millennia for what the platform adds to an accepted instant (at most a
 * 100-year duration, a 10-year timer setting, a 90-day archive delay), so nothing derived can
 * reach five digits. Nothing legitimate predates 2000, and PostgreSQL knows no year 0 that
 * Date.parse would accept.
 */
export const EARLIEST_INSTANT_MS = Date.UTC(2000, 0, 1);
export const LATEST_INSTANT_MS = Date.UTC(3000, 0, 1);

export const isInstantInBounds = (millis: number): boolean => millis >= EARLIEST_INSTANT_MS && millis < LATEST_INSTANT_MS;

/** The bounds as people read them, for rejection messages. */
export const INSTANT_BOUNDS_TEXT = `from ${toIso(EARLIEST_INSTANT_MS)} to before ${toIso(LATEST_INSTANT_MS)}`;

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

export const isNonBlank = (value: unknown, maxLength: number): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength;

/**
 * True when `value` holds only what JSON keeps unchanged: plain objects, arrays, strings, finite
 * numbers, booleans and null. A Date, NaN or undefined would be altered on the way to JSONB.
 */
export const isJsonValue = (value: unknown): boolean => {
  const seen = new Set<object>();
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next === 'string' || typeof next === 'boolean') continue;
    if (typeof next === 'number') {
      if (!Number.isFinite(next)) return false;
      continue;
    }
    if (!Array.isArray(next) && !isPlainObject(next)) return false;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const item of Array.isArray(next) ? Array.from(next) : Object.values(next)) pending.push(item);
  }
  return true;
};
