import { ViewRefresher } from './view-refresher';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('ViewRefresher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('refreshes once per interval however many batches marked the views stale', async () => {
    const refresh = jest.fn(async () => undefined);
    const refresher = new ViewRefresher(refresh, 500, silent);
    refresher.markStale();
    refresher.markStale();
    await jest.advanceTimersByTimeAsync(499);
    expect(refresh).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    await refresher.stop();
  });

  // seed 002: SELECT cron.schedule('refresh-pending-timers', '* * * * *', ...) — every minute.
  it('refreshes every period even when nothing changed, for views that read NOW()', async () => {
    const refresh = jest.fn(async () => undefined);
    const refresher = new ViewRefresher(refresh, 300_000, silent, 60_000);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(refresh).toHaveBeenCalledTimes(3);
    await refresher.stop();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it('retries a failed refresh after the interval', async () => {
    const refresh = jest.fn().mockRejectedValueOnce(new Error('locked')).mockResolvedValue(undefined);
    const refresher = new ViewRefresher(refresh, 500, silent);
    refresher.markStale();
    await jest.advanceTimersByTimeAsync(500);
    expect(refresh).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(500);
    expect(refresh).toHaveBeenCalledTimes(2);
    await refresher.stop();
  });

  it('leaves no timer behind once stopped: a refresh that fails during the stop schedules no retry', async () => {
    let fail: (error: Error) => void = () => undefined;
    const refresh = jest.fn(() => new Promise<void>((_, reject) => (fail = reject)));
    const refresher = new ViewRefresher(refresh, 500, silent);
    refresher.markStale();
    await jest.advanceTimersByTimeAsync(500);
    const stopped = refresher.stop();
    fail(new Error('the pool is closing'));
    await stopped;
    refresher.markStale();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
