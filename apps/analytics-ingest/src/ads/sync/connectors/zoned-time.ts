/**
 * An account's local days and hours as UTC instants. Platforms report in the account's time
 * zone (Google's `segments.date`/`segments.hour`, Meta's `date_start`); campaign_metrics.time is
 * UTC. The zone's offset comes from Intl's IANA data, so daylight-saving days come out right: a
 * spring-forward day has 23 hours, a fall-back day 25.
 */
import { PlatformDataError } from './connector.errors';

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterOf = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
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
    } catch {
      throw new PlatformDataError(`unknown time zone ${timeZone}`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** The wall-clock fields of an instant in the zone. */
const wallClock = (epochMs: number, timeZone: string) => {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
};

/** The zone's offset from UTC at the instant, in ms (New York in winter: −5 h). */
export const offsetMs = (epochMs: number, timeZone: string): number => {
  const w = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (epochMs - (((epochMs % 1_000) + 1_000) % 1_000));
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * The instant a local wall-clock time names. As Temporal's "compatible" choice: a time that
 * happens twice (fall back) is its first occurrence; a time skipped (spring forward) moves on
 * by the gap, the way a clock read just before the change would show it.
 */
export const zonedToUtc = (date: string, hour: number, timeZone: string): Date => {
  const match = DATE.exec(date);
  if (!match || !Number.isInteger(hour) || hour < 0 || hour > 23) throw new PlatformDataError(`not a local date and hour: ${date} ${hour}`);
  const local = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), hour);
  if (Number.isNaN(local)) throw new PlatformDataError(`not a date: ${date}`);
  const before = offsetMs(local - DAY_MS, timeZone);
  const after = offsetMs(local + DAY_MS, timeZone);
  const candidates = [local - before, local - after].filter((instant) => instant + offsetMs(instant, timeZone) === local);
  return new Date(candidates.length > 0 ? Math.min(...candidates) : local - before);
};

/** The local date (`YYYY-MM-DD`) of an instant in the zone. */
export const localDateOf = (instant: Date, timeZone: string): string => {
  const w = wallClock(instant.getTime(), timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
};

/**
 * The local dates a UTC window [start, end) touches, for a platform's date-range filter: the
 * window is whole local days (the domain computes it so), so its last date is end − 1 ms's.
 */
export const localDateRange = (start: Date, end: Date, timeZone: string): { since: string; until: string } => ({
  since: localDateOf(start, timeZone),
  until: localDateOf(new Date(Math.max(start.getTime(), end.getTime() - 1)), timeZone),
});

/** The calendar date after `date` (`YYYY-MM-DD`). */
export const nextDate = (date: string): string => {
  const match = DATE.exec(date);
  if (!match) throw new PlatformDataError(`not a date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1)).toISOString().slice(0, 10);
};
