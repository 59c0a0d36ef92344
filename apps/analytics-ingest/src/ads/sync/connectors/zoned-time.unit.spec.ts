import { localDateRange, nextDate, offsetMs, zonedToUtc } from './zoned-time';

const utc = (date: string, hour: number, zone: string) => zonedToUtc(date, hour, zone).toISOString();

// seed 003: campaign_metrics.time is one instant; platforms report the account's local days and hours.
describe('account time zone buckets to UTC (seed 003 campaign_metrics.time)', () => {
  it('maps a local hour to its UTC start in a zone with a whole-hour offset', () => {
    expect(utc('2024-01-15', 9, 'America/New_York')).toBe('2024-01-15T14:00:00.000Z');
    expect(utc('2024-07-15', 9, 'America/New_York')).toBe('2024-07-15T13:00:00.000Z');
    expect(utc('2024-07-15', 0, 'UTC')).toBe('2024-07-15T00:00:00.000Z');
  });

  it('keeps half- and three-quarter-hour zones on the 15-minute grid', () => {
    expect(utc('2024-03-01', 0, 'Asia/Kolkata')).toBe('2024-02-29T18:30:00.000Z');
    expect(utc('2024-03-01', 0, 'Asia/Kathmandu')).toBe('2024-02-29T18:15:00.000Z');
  });

  it('gives a spring-forward day 23 distinct hours (New York, 2024-03-10)', () => {
    const hours = Array.from({ length: 24 }, (_, h) => utc('2024-03-10', h, 'America/New_York'));
    expect(hours[1]).toBe('2024-03-10T06:00:00.000Z');
    // 02:00 does not exist that day: it reads as 03:00 EDT, the same instant as hour 3.
    expect(hours[2]).toBe('2024-03-10T07:00:00.000Z');
    expect(hours[3]).toBe('2024-03-10T07:00:00.000Z');
    expect(new Set(hours).size).toBe(23);
    const dayLength = zonedToUtc('2024-03-11', 0, 'America/New_York').getTime() - zonedToUtc('2024-03-10', 0, 'America/New_York').getTime();
    expect(dayLength).toBe(23 * 3_600_000);
  });

  it('maps a fall-back day (Berlin, 2024-10-27) to 25 hours, its repeated hour at the first occurrence', () => {
    expect(utc('2024-10-27', 1, 'Europe/Berlin')).toBe('2024-10-26T23:00:00.000Z');
    expect(utc('2024-10-27', 2, 'Europe/Berlin')).toBe('2024-10-27T00:00:00.000Z');
    expect(utc('2024-10-27', 3, 'Europe/Berlin')).toBe('2024-10-27T02:00:00.000Z');
    const dayLength = zonedToUtc('2024-10-28', 0, 'Europe/Berlin').getTime() - zonedToUtc('2024-10-27', 0, 'Europe/Berlin').getTime();
    expect(dayLength).toBe(25 * 3_600_000);
  });

  it('reads the zone offset from the IANA data', () => {
    expect(offsetMs(Date.parse('2024-01-01T00:00:00Z'), 'America/Los_Angeles')).toBe(-8 * 3_600_000);
    expect(offsetMs(Date.parse('2024-07-01T00:00:00Z'), 'America/Los_Angeles')).toBe(-7 * 3_600_000);
  });

  it('turns a UTC window of whole local days into the platform date range', () => {
    const start = zonedToUtc('2024-03-09', 0, 'America/New_York');
    const end = zonedToUtc('2024-03-12', 0, 'America/New_York');
    expect(localDateRange(start, end, 'America/New_York')).toEqual({ since: '2024-03-09', until: '2024-03-11' });
    expect(nextDate('2024-02-28')).toBe('2024-02-29');
    expect(nextDate('2024-12-31')).toBe('2025-01-01');
  });

  it('rejects an unknown zone with a typed error', () => {
    expect(() => zonedToUtc('2024-01-01', 0, 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'AD_PLATFORM_DATA_INVALID' }));
  });
});
