import { ConfigError, loadConfig } from '@campaign/runtime';
import { outreach } from '@campaign/domain';
import { dispatchConfigSchema } from './dispatch.config';

const readDispatchConfig = (env: NodeJS.ProcessEnv) => loadConfig(dispatchConfigSchema, env);

const SECRET = 'a-tracking-secret-of-at-least-32-chars';

describe('dispatch configuration', () => {
  it("defaults to seed 004's sending windows", () => {
    const config = readDispatchConfig({ TRACKING_SECRET: SECRET });
    expect(config.SEND_LIMITS_OVERRIDE).toEqual(outreach.SEND_RULES);
    expect(config).toMatchObject({
      DISPATCH_SCHEMA: 'outreach_dispatch',
      DISPATCH_GROUP: 'campaign-command-dispatch',
      DISPATCH_INTERVAL_MS: 1000,
      DISPATCH_BATCH: 200,
    });
    // A failed dispatch is tried again 5 minutes later, doubling per failure in a row, at most 6 hours apart.
    expect(config).toMatchObject({ DISPATCH_RETRY_BASE_MS: 300_000, DISPATCH_RETRY_MAX_MS: 21_600_000 });
  });

  // seed 004: CAMPAIGN_SEND_LIMIT_EXCEEDED — "Wait 24 hours or increase limit"
  it('SEND_LIMITS_OVERRIDE raises the named limits and keeps the rest', () => {
    const config = readDispatchConfig({ TRACKING_SECRET: SECRET, SEND_LIMITS_OVERRIDE: '{"email":{"minIntervalMs":0,"windows":{"email_per_day":5000}}}' });
    expect(config.SEND_LIMITS_OVERRIDE.email).toEqual({
      pacingGroup: 'email',
      minIntervalMs: 0,
      windows: [
        { name: 'email_per_hour', max: 200, periodMs: 3_600_000 },
        { name: 'email_per_day', max: 5000, periodMs: 86_400_000 },
      ],
    });
    expect(config.SEND_LIMITS_OVERRIDE.inmail).toEqual(outreach.SEND_RULES.inmail);
  });

  it.each([
    ['not JSON', '{email'],
    ['an unknown kind', '{"sms":{}}'],
    ['a window of another kind', '{"email":{"windows":{"linkedin_inmails_per_month":10}}}'],
    ['a limit below 1', '{"email":{"windows":{"email_per_hour":0}}}'],
  ])('refuses a SEND_LIMITS_OVERRIDE with %s', (_, value) => {
    expect(() => readDispatchConfig({ TRACKING_SECRET: SECRET, SEND_LIMITS_OVERRIDE: value })).toThrow(ConfigError);
  });

  it('requires a tracking secret of at least 32 characters', () => {
    expect(() => readDispatchConfig({ TRACKING_SECRET: 'short' })).toThrow(/TRACKING_SECRET/);
  });
});
