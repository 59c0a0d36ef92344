const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterOf = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
const offsetAt = (millis: number, timeZone: string): number => {
  const p = Object.fromEntries(
    formatterOf(timeZone)
      .formatToParts(new Date(millis))
      .map((part) => [part.type, Number(part.value)]),
  );
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(millis / 1000) * 1000;
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The UTC instant of a local day's hour in a zone (an export's `Day` and `Hour` are the
 * account's local time), as ISO-8601; null for a day or hour that is not one, or an unknown zone.
 */
export const instantOfLocalHour = (day: string, hour: number, timeZone: string): string | null => {
  const match = DAY.exec(day.trim());
  if (!match || !Number.isInteger(hour) || hour < 0 || hour > 23) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wall = Date.UTC(year, month - 1, date, hour);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
  try {
    const first = wall - offsetAt(wall, timeZone);
    return new Date(wall - offsetAt(first, timeZone)).toISOString();
  } catch {
    return null;
  }
};
