/**
 * An account's local days and hours as UTC instants, for the connectors: platforms report in the
 * account's time zone (Google's `segments.date`/`segments.hour`, Meta's `date_start`);
 * campaign_metrics.time is UTC. The arithmetic is the domain's (libs/domain/src/ads/zoned-time.ts);
 * here a date or zone a platform sent that is not one becomes the connectors' data error.
 */
import { ads } from '@campaign/domain';
import { PlatformDataError } from './connector.errors';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const inZone = <T>(timeZone: string, work: () => T): T => {
  if (!ads.isTimeZone(timeZone)) throw new PlatformDataError(`unknown time zone ${timeZone}`);
  return work();
};

/** The zone's offset from UTC at the instant, in ms (New York in winter: −5 h). */
export const offsetMs = (epochMs: number, timeZone: string): number => inZone(timeZone, () => ads.zoneOffsetMs(epochMs, timeZone));

/** The instant a local wall-clock time names (a repeated hour: its first occurrence; a skipped one: moved on by the gap). */
export const zonedToUtc = (date: string, hour: number, timeZone: string): Date => {
  const instant = inZone(timeZone, () => ads.localHourToUtc(date, hour, timeZone));
  if (instant === null) throw new PlatformDataError(`not a local date and hour: ${date} ${hour}`);
  return new Date(instant);
};

/** The local date (`YYYY-MM-DD`) of an instant in the zone. */
export const localDateOf = (instant: Date, timeZone: string): string => inZone(timeZone, () => ads.localDateOf(instant.getTime(), timeZone));

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
