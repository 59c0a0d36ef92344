/**
 * Local calendar days and hours of an IANA time zone as UTC instants, with the runtime's Intl
 * data: the ad platforms report by the account's local day (and hour), so a sync window starts
 * at a local midnight and a reported bucket starts at a local hour. Daylight-saving days come out
 * right: a spring-forward day has 23 hours, a fall-back day 25. The one implementation the
 * connectors and the push doors use too.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterOf = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** True for a zone name the runtime knows (`Europe/Berlin`, `UTC`). */
export const isTimeZone = (value: unknown): value is string => {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  try {
    formatterOf(value);
    return true;
  } catch {
    return false;
  }
};

/** The wall-clock fields of an instant in a zone. */
const wallClock = (millis: number, timeZone: string) => {
  const parts = Object.fromEntries(
    formatterOf(timeZone)
      .formatToParts(new Date(millis))
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
};

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (New York in winter: −5 h). */
export const zoneOffsetMs = (millis: number, timeZone: string): number => {
  const w = wallClock(millis, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(millis / 1000) * 1000;
};

/**
 * The UTC instant of local midnight `daysBack` days before the local day of `millis`. A zone
 * whose midnight is skipped by a DST change (a few, e.g. America/Santiago) starts that day at
 * the first instant after the gap.
 */
export const localMidnightBefore = (millis: number, timeZone: string, daysBack: number): number => {
  const today = wallClock(millis, timeZone);
  const wallMidnight = Date.UTC(today.year, today.month - 1, today.day - daysBack);
  const first = wallMidnight - zoneOffsetMs(wallMidnight, timeZone);
  return wallMidnight - zoneOffsetMs(first, timeZone);
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * The UTC instant (ms) a local wall-clock date and hour names; null for a date or hour that is
 * not one. As Temporal's "compatible" choice: a time that happens twice (fall back) is its first
 * occurrence; a time skipped (spring forward) moves on by the gap, as a clock read just before
 * the change would show it. Throws RangeError for an unknown zone.
 */
export const localHourToUtc = (date: string, hour: number, timeZone: string): number | null => {
  const match = DATE.exec(date);
  if (!match || !Number.isInteger(hour) || hour < 0 || hour > 23) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const local = Date.UTC(year, month - 1, day, hour);
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const before = zoneOffsetMs(local - DAY_MS, timeZone);
  const after = zoneOffsetMs(local + DAY_MS, timeZone);
  const candidates = [local - before, local - after].filter((instant) => instant + zoneOffsetMs(instant, timeZone) === local);
  return candidates.length > 0 ? Math.min(...candidates) : local - before;
};

/** The local date (`YYYY-MM-DD`) of an instant in the zone. */
export const localDateOf = (millis: number, timeZone: string): string => {
  const w = wallClock(millis, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};
