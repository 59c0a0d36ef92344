/**
 * Local calendar days of an IANA time zone as UTC instants, with the runtime's Intl data: the
 * ad platforms report by the account's local day, so a sync window starts at a local midnight.
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

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
const offsetAt = (millis: number, timeZone: string): number => {
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
  const first = wallMidnight - offsetAt(wallMidnight, timeZone);
  return wallMidnight - offsetAt(first, timeZone);
};
