import { Registry } from 'prom-client';
import { ingestMetrics } from './ingest.metrics';
import { bucketsOf, type TrackHit, TrackingRateLimiter, verdictOf } from './rate-limit';

const subject = { orgId: 'o-1', campaignId: 'c-1', contactId: 'k-1' };
const limits = { windowSeconds: 60, perIp: 100, perToken: 5 };

describe('the buckets a tracking hit counts in', () => {
  it('one per client address and one per genuine token, each per link kind, under the key prefix', () => {
    expect(bucketsOf({ route: 'click', ipAddress: '203.0.113.7', subject }, limits, 'ingest:')).toEqual([
      { key: 'ingest:rate:click:ip:203.0.113.7', scope: 'ip', limit: 100 },
      { key: 'ingest:rate:click:token:c-1:k-1', scope: 'token', limit: 5 },
    ]);
  });

  it('a forged token gets no bucket of its own; an unreadable address shares the `unknown` one', () => {
    expect(bucketsOf({ route: 'open', ipAddress: null, subject: null }, limits, 'p:')).toEqual([{ key: 'p:rate:open:ip:unknown', scope: 'ip', limit: 100 }]);
  });

  it('a limit of 0 is no limit', () => {
    expect(bucketsOf({ route: 'unsubscribe', ipAddress: '::1', subject }, { ...limits, perIp: 0 }, 'p:').map((b) => b.scope)).toEqual(['token']);
    expect(bucketsOf({ route: 'unsubscribe', ipAddress: '::1', subject }, { ...limits, perIp: 0, perToken: 0 }, 'p:')).toEqual([]);
  });
});

describe('the verdict of the counting script', () => {
  const buckets = bucketsOf({ route: 'click', ipAddress: '::1', subject }, limits, 'p:');

  it('under every limit: let through', () => {
    expect(verdictOf([0, 0], buckets)).toEqual({ limited: false });
  });

  it('over a limit: which one, and Retry-After in whole seconds (at least 1) until its window ends', () => {
    expect(verdictOf([2, 41_200], buckets)).toEqual({ limited: true, scope: 'token', retryAfterSeconds: 42 });
    expect(verdictOf([1, 3], buckets)).toEqual({ limited: true, scope: 'ip', retryAfterSeconds: 1 });
  });
});

describe('TrackingRateLimiter', () => {
  const hit: TrackHit = { route: 'open', ipAddress: '198.51.100.1', subject };
  const setup = (evalResult: () => Promise<unknown>) => {
    const metrics = ingestMetrics(new Registry());
    const warnings: string[] = [];
    const redis = { eval: jest.fn(evalResult) };
    const limiter = new TrackingRateLimiter(redis as never, 'p:', limits, { warn: (message: string) => warnings.push(message) }, metrics);
    return { limiter, metrics, warnings, redis };
  };

  it('counts both buckets in one script call, with the window in ms and each limit', async () => {
    const { limiter, redis } = setup(async () => [0, 0]);
    expect(await limiter.hit(hit)).toEqual({ limited: false });
    expect(redis.eval).toHaveBeenCalledTimes(1);
    expect(redis.eval.mock.calls[0]).toEqual([expect.any(String), 2, 'p:rate:open:ip:198.51.100.1', 'p:rate:open:token:c-1:k-1', '60000', '100', '5']);
  });

  it('reports a hit over a limit in the metrics', async () => {
    const { limiter, metrics } = setup(async () => [1, 10_000]);
    expect(await limiter.hit(hit)).toEqual({ limited: true, scope: 'ip', retryAfterSeconds: 10 });
    expect((await metrics.rateLimited.get()).values).toEqual([expect.objectContaining({ labels: { route: 'open', scope: 'ip' }, value: 1 })]);
  });

  it('fails open when Redis does not answer: the hit goes through, logged and counted', async () => {
    const { limiter, metrics, warnings } = setup(() => Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false")));
    expect(await limiter.hit(hit)).toEqual({ limited: false });
    expect(warnings).toEqual(['rate limits unavailable; the hit is let through']);
    expect((await metrics.rateLimitUnavailable.get()).values).toEqual([expect.objectContaining({ labels: { route: 'open' }, value: 1 })]);
  });
});
