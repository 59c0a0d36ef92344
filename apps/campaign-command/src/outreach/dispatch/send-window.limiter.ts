import type { outreach } from '@campaign/domain';
import type { Redis } from 'ioredis';
import type { SendRules } from './dispatch.config';

export type Reservation = { readonly reserved: true } | { readonly reserved: false; readonly hit: outreach.SendLimitHit };

/** The name a pacing refusal is reported under (seed 004: "30-second delay", "15-minute delay"). */
export const pacingLimitName = (group: outreach.SendRule['pacingGroup']): string => `${group}_min_interval`;

/**
 * Checks every window, then records the send in all of them, in one atomic step. A window is a
 * sorted set of send instants; a send at t counts while now - period < t. When a check fails
 * nothing is recorded and the refusal names the limit whose slot frees up last.
 *   KEYS: the windows' sets, then the pacing group's set.
 *   ARGV: now, member, minIntervalMs, then max and periodMs per window.
 */
const RESERVE = `
local now = tonumber(ARGV[1])
local member = ARGV[2]
local minInterval = tonumber(ARGV[3])
local windows = #KEYS - 1
local pacing = KEYS[#KEYS]
local worst, worstMax, worstWait = -1, 0, -1
for i = 1, windows do
  local max = tonumber(ARGV[2 + 2 * i])
  local period = tonumber(ARGV[3 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - period)
  local count = redis.call('ZCARD', KEYS[i])
  if count >= max then
    local leaving = redis.call('ZRANGE', KEYS[i], count - max, count - max, 'WITHSCORES')
    local wait = tonumber(leaving[2]) + period - now
    if wait > worstWait then worst, worstMax, worstWait = i, max, wait end
  end
end
local last = redis.call('ZRANGE', pacing, -1, -1, 'WITHSCORES')
if #last > 0 and now - tonumber(last[2]) < minInterval then
  local wait = tonumber(last[2]) + minInterval - now
  if wait > worstWait then worst, worstMax, worstWait = 0, 1, wait end
end
if worstWait >= 0 then return {worst, worstMax, worstWait} end
for i = 1, windows do
  redis.call('ZADD', KEYS[i], now, member)
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[3 + 2 * i]))
end
redis.call('ZADD', pacing, now, member)
-- the last two: a released send leaves the one before it in force
redis.call('ZREMRANGEBYRANK', pacing, 0, -3)
redis.call('PEXPIRE', pacing, math.max(minInterval, 1))
return {-1, 0, 0}
`;

const RELEASE = `
for i = 1, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
return 1
`;

/**
 * Seed 004's sending windows per sender, kept in Redis so that every dispatcher instance sees
 * the same counts: email 200/hour, 1000/day and 30 s between sends; LinkedIn 100 connection
 * requests a week, 50 InMails in 30 days and 15 minutes between any two LinkedIn messages.
 * `now` is a parameter so that tests can walk through weeks without waiting.
 */
export class SendWindowLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly rules: SendRules,
    private readonly keyPrefix: string,
  ) {}

  /** Records a send of `kind` by `senderId` at `nowMs` if every window has room; `member` names it (unique). */
  async tryReserve(senderId: string, kind: outreach.MessageKind, nowMs: number, member = `${nowMs}:${Math.random()}`): Promise<Reservation> {
    const rule = this.rules[kind];
    const keys = [...rule.windows.map((w) => this.key(senderId, w.name)), this.key(senderId, `pace:${rule.pacingGroup}`)];
    const args = [nowMs, member, rule.minIntervalMs, ...rule.windows.flatMap((w) => [w.max, w.periodMs])].map(String);
    const [index, max, wait] = (await this.redis.eval(RESERVE, keys.length, ...keys, ...args)) as [number, number, number];
    if (index < 0) return { reserved: true };
    const limit = index === 0 ? pacingLimitName(rule.pacingGroup) : rule.windows[index - 1].name;
    return { reserved: false, hit: { limit, max, retryAfterMs: wait } };
  }

  /** Gives back a reservation whose send did not happen (the command was refused for another reason). */
  async release(senderId: string, kind: outreach.MessageKind, member: string): Promise<void> {
    const rule = this.rules[kind];
    const keys = [...rule.windows.map((w) => this.key(senderId, w.name)), this.key(senderId, `pace:${rule.pacingGroup}`)];
    await this.redis.eval(RELEASE, keys.length, ...keys, member);
  }

  /** The sender in braces: one sender's keys share a Redis Cluster slot, as a script needs. */
  private key(senderId: string, name: string): string {
    return `${this.keyPrefix}send:{${senderId}}:${name}`;
  }
}
