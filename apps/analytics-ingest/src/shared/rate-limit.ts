import type { JsonLogger } from '@campaign/runtime';
import type Redis from 'ioredis';
import type { IngestMetrics } from './ingest.metrics';

/** The public tracking links, each limited on its own: a flood of pixels must not block unsubscribes. */
export type TrackRoute = 'open' | 'click' | 'unsubscribe';
export type LimitScope = 'ip' | 'token';

export interface RateLimits {
  readonly windowSeconds: number;
  /** Requests per window per client address; 0 is no limit. */
  readonly perIp: number;
  /** Requests per window per genuine token; 0 is no limit. */
  readonly perToken: number;
}

/** Whom a genuine token names: its hits count in a bucket of their own. */
export interface TokenSubject {
  readonly campaignId: string;
  readonly contactId: string;
}

/** One tracking request: its link, the client's address (null when unreadable) and the verified token's subject. */
export interface TrackHit {
  readonly route: TrackRoute;
  readonly ipAddress: string | null;
  readonly subject: TokenSubject | null;
}

export type RateVerdict = { readonly limited: false } | { readonly limited: true; readonly scope: LimitScope; readonly retryAfterSeconds: number };

export interface Bucket {
  readonly key: string;
  readonly scope: LimitScope;
  readonly limit: number;
}

/**
 * The buckets a hit counts in. Every request counts for its address, an unreadable one in a
 * shared `unknown` bucket (else garbage in X-Forwarded-For would escape the limit); only a
 * genuine token gets a bucket of its own, so forged tokens cannot fill Redis with keys.
 */
export const bucketsOf = (hit: TrackHit, limits: RateLimits, prefix: string): Bucket[] => {
  const base = `${prefix}rate:${hit.route}`;
  const buckets: Bucket[] = [];
  if (limits.perIp > 0) buckets.push({ key: `${base}:ip:${hit.ipAddress ?? 'unknown'}`, scope: 'ip', limit: limits.perIp });
  if (limits.perToken > 0 && hit.subject)
    buckets.push({ key: `${base}:token:${hit.subject.campaignId}:${hit.subject.contactId}`, scope: 'token', limit: limits.perToken });
  return buckets;
};

/**
 * Fixed windows, one counter per bucket, all counted in one atomic step: each counter is
 * incremented (its window, a TTL, starts with its first hit); the answer is the 1-based index of
 * the exceeded bucket whose window ends last (0 when none is) and the milliseconds left of it.
 * KEYS: the buckets; ARGV[1]: the window in ms; ARGV[1 + i]: the limit of KEYS[i].
 */
export const RATE_LIMIT_SCRIPT = `
local worst, left = 0, 0
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  if count > tonumber(ARGV[i + 1]) and ttl > left then
    worst, left = i, ttl
  end
end
return {worst, left}
`;

export const verdictOf = (answer: readonly [number, number], buckets: readonly Bucket[]): RateVerdict => {
  const [index, leftMs] = answer;
  if (index === 0) return { limited: false };
  return { limited: true, scope: buckets[index - 1].scope, retryAfterSeconds: Math.max(1, Math.ceil(leftMs / 1_000)) };
};

type EvalClient = Pick<Redis, 'eval'>;

/**
 * Rate limits of the tracking links in Redis. Fails open: when Redis does not answer, the hit
 * goes through (logged and counted). A pixel, a click or an unsubscribe that fails for every
 * reader while Redis is away would hurt more than the flood a limit guards against; the command
 * side still judges every fact, and the ingest's de-duplication fails open the same way.
 */
export class TrackingRateLimiter {
  constructor(
    private readonly redis: EvalClient,
    private readonly prefix: string,
    private readonly limits: RateLimits,
    private readonly log: Pick<JsonLogger, 'warn'>,
    private readonly metrics: Pick<IngestMetrics, 'rateLimited' | 'rateLimitUnavailable'>,
  ) {}

  async hit(hit: TrackHit): Promise<RateVerdict> {
    const buckets = bucketsOf(hit, this.limits, this.prefix);
    if (buckets.length === 0) return { limited: false };
    let answer: [number, number];
    try {
      const args = [String(this.limits.windowSeconds * 1_000), ...buckets.map((bucket) => String(bucket.limit))];
      answer = (await this.redis.eval(RATE_LIMIT_SCRIPT, buckets.length, ...buckets.map((bucket) => bucket.key), ...args)) as [number, number];
    } catch (error) {
      this.metrics.rateLimitUnavailable.inc({ route: hit.route });
      this.log.warn('rate limits unavailable; the hit is let through', { route: hit.route, error: (error as Error).message });
      return { limited: false };
    }
    const verdict = verdictOf(answer, buckets);
    if (verdict.limited) this.metrics.rateLimited.inc({ route: hit.route, scope: verdict.scope });
    return verdict;
  }
}
