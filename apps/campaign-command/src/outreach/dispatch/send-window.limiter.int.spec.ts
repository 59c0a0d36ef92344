import { outreach } from '@campaign/domain';
import { uniqueSuffix } from '@campaign/testing';
import { Redis } from 'ioredis';
import { sendRulesWith, type SendRules } from './dispatch.config';
import { SendWindowLimiter } from './send-window.limiter';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const SENDER = 'a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d';

describe('SendWindowLimiter (seed 004 channel rules, real Redis)', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    await redis.quit();
  });

  const limiterWith = (rules: SendRules = outreach.SEND_RULES) => new SendWindowLimiter(redis, rules, `test-${uniqueSuffix()}:`);

  /** Sends `count` messages `gapMs` apart from `start`; each must be accepted. Returns the last instant. */
  const sendAll = async (limiter: SendWindowLimiter, kind: outreach.MessageKind, count: number, start: number, gapMs: number) => {
    for (let i = 0; i < count; i++) {
      const reservation = await limiter.tryReserve(SENDER, kind, start + i * gapMs);
      if (!reservation.reserved) throw new Error(`send ${i + 1} refused: ${JSON.stringify(reservation.hit)}`);
    }
    return start + (count - 1) * gapMs;
  };

  describe('email', () => {
    // seed 004: Maximum 200 emails per hour per sender. At 30 s apart at most 120 fit in an hour,
    // so the hourly window is proven with the pacing switched off.
    it('the 200th email in an hour passes and the 201st is refused (email_per_hour)', async () => {
      const limiter = limiterWith(sendRulesWith({ email: { minIntervalMs: 0 } }));
      const last = await sendAll(limiter, 'email', 200, T0, 10 * SECOND);
      const refused = await limiter.tryReserve(SENDER, 'email', last + SECOND);
      expect(refused).toEqual({ reserved: false, hit: { limit: 'email_per_hour', max: 200, retryAfterMs: T0 + HOUR - (last + SECOND) } });
    });

    // seed 004: Maximum 1000 emails per day per sender
    it('the 1000th email in a day passes and the 1001st is refused (email_per_day)', async () => {
      const limiter = limiterWith();
      const last = await sendAll(limiter, 'email', 1000, T0, 30 * SECOND);
      const refused = await limiter.tryReserve(SENDER, 'email', last + 30 * SECOND);
      expect(refused).toEqual({ reserved: false, hit: { limit: 'email_per_day', max: 1000, retryAfterMs: T0 + DAY - (last + 30 * SECOND) } });
    });

    // seed 004: 30-second delay between individual sends
    it('a send 29 s after the last is refused and one at 30 s passes', async () => {
      const limiter = limiterWith();
      await sendAll(limiter, 'email', 1, T0, 0);
      expect(await limiter.tryReserve(SENDER, 'email', T0 + 29 * SECOND)).toEqual({
        reserved: false,
        hit: { limit: 'email_min_interval', max: 1, retryAfterMs: SECOND },
      });
      expect(await limiter.tryReserve(SENDER, 'email', T0 + 30 * SECOND)).toEqual({ reserved: true });
    });

    it('a full hour frees up when its oldest send leaves the window', async () => {
      const limiter = limiterWith(sendRulesWith({ email: { minIntervalMs: 0 } }));
      await sendAll(limiter, 'email', 200, T0, 10 * SECOND);
      expect((await limiter.tryReserve(SENDER, 'email', T0 + HOUR - 1)).reserved).toBe(false);
      expect(await limiter.tryReserve(SENDER, 'email', T0 + HOUR)).toEqual({ reserved: true });
      expect((await limiter.tryReserve(SENDER, 'email', T0 + HOUR + 1)).reserved).toBe(false);
    });

    it('keeps each sender to its own windows', async () => {
      const limiter = limiterWith();
      await sendAll(limiter, 'email', 1, T0, 0);
      expect(await limiter.tryReserve('another-sender', 'email', T0 + SECOND)).toEqual({ reserved: true });
    });

    it('a released send no longer counts', async () => {
      const limiter = limiterWith();
      expect(await limiter.tryReserve(SENDER, 'email', T0, 'dispatch-1')).toEqual({ reserved: true });
      await limiter.release(SENDER, 'email', 'dispatch-1');
      expect(await limiter.tryReserve(SENDER, 'email', T0 + SECOND)).toEqual({ reserved: true });
    });
  });

  describe('LinkedIn', () => {
    // seed 004: Maximum 100 connection requests per week
    it('the 100th connection request in a week passes and the 101st is refused', async () => {
      const limiter = limiterWith();
      const last = await sendAll(limiter, 'connection_request', 100, T0, 15 * MINUTE);
      const refused = await limiter.tryReserve(SENDER, 'connection_request', last + 15 * MINUTE);
      expect(refused).toEqual({
        reserved: false,
        hit: { limit: 'linkedin_connection_requests_per_week', max: 100, retryAfterMs: T0 + 7 * DAY - (last + 15 * MINUTE) },
      });
      expect(await limiter.tryReserve(SENDER, 'connection_request', T0 + 7 * DAY)).toEqual({ reserved: true });
    });

    // seed 004: Maximum 50 InMails per month (if no premium) — a month is 30 days here
    it('the 50th InMail in 30 days passes and the 51st is refused', async () => {
      const limiter = limiterWith();
      const last = await sendAll(limiter, 'inmail', 50, T0, 12 * HOUR);
      const refused = await limiter.tryReserve(SENDER, 'inmail', last + 12 * HOUR);
      expect(refused).toEqual({
        reserved: false,
        hit: { limit: 'linkedin_inmails_per_month', max: 50, retryAfterMs: T0 + 30 * DAY - (last + 12 * HOUR) },
      });
    });

    // seed 004: 15-minute delay between messages (connection requests and InMails alike)
    it('15 minutes must pass between LinkedIn messages of any kind', async () => {
      const limiter = limiterWith();
      await sendAll(limiter, 'connection_request', 1, T0, 0);
      expect(await limiter.tryReserve(SENDER, 'inmail', T0 + 15 * MINUTE - SECOND)).toEqual({
        reserved: false,
        hit: { limit: 'linkedin_min_interval', max: 1, retryAfterMs: SECOND },
      });
      expect(await limiter.tryReserve(SENDER, 'inmail', T0 + 15 * MINUTE)).toEqual({ reserved: true });
      expect((await limiter.tryReserve(SENDER, 'connection_request', T0 + 20 * MINUTE)).reserved).toBe(false);
    });

    it('LinkedIn pacing does not hold back email', async () => {
      const limiter = limiterWith();
      await sendAll(limiter, 'inmail', 1, T0, 0);
      expect(await limiter.tryReserve(SENDER, 'email', T0 + SECOND)).toEqual({ reserved: true });
    });
  });

  // seed 004: CAMPAIGN_SEND_LIMIT_EXCEEDED — "Wait 24 hours or increase limit"
  it('SEND_LIMITS_OVERRIDE raises a limit', async () => {
    const limiter = limiterWith(sendRulesWith({ email: { minIntervalMs: 0, windows: { email_per_hour: 300 } } }));
    await sendAll(limiter, 'email', 300, T0, SECOND);
    expect(await limiter.tryReserve(SENDER, 'email', T0 + 300 * SECOND)).toMatchObject({ reserved: false, hit: { limit: 'email_per_hour', max: 300 } });
  });
});
