import { ads } from '@campaign/domain';

/**
 * The UTC instant of a local day's hour in a zone (an export's `Day` and `Hour` are the
 * account's local time), as ISO-8601; null for a day or hour that is not one, or an unknown zone.
 */
export const instantOfLocalHour = (day: string, hour: number, timeZone: string): string | null => {
  if (!ads.isTimeZone(timeZone)) return null;
  const instant = ads.localHourToUtc(day.trim(), hour, timeZone);
  return instant === null ? null : new Date(instant).toISOString();
};
