import { instantOfLocalHour } from './local-day';

describe("an export's local day as a UTC instant", () => {
  it("is the local hour's instant in the account's zone, across daylight saving", () => {
    expect(instantOfLocalHour('2026-05-04', 0, 'America/New_York')).toBe('2026-05-04T04:00:00.000Z');
    expect(instantOfLocalHour('2026-01-04', 0, 'America/New_York')).toBe('2026-01-04T05:00:00.000Z');
    expect(instantOfLocalHour('2026-05-04', 13, 'Asia/Kolkata')).toBe('2026-05-04T07:30:00.000Z');
    expect(instantOfLocalHour('2026-05-04', 0, 'UTC')).toBe('2026-05-04T00:00:00.000Z');
  });

  it('is null for a day or hour that is not one, or an unknown zone', () => {
    expect(instantOfLocalHour('2026-02-30', 0, 'UTC')).toBeNull();
    expect(instantOfLocalHour('04/05/2026', 0, 'UTC')).toBeNull();
    expect(instantOfLocalHour('2026-05-04', 24, 'UTC')).toBeNull();
    expect(instantOfLocalHour('2026-05-04', 0, 'Mars/Olympus')).toBeNull();
  });
});
