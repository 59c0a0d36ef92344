import { ConfigError, loadConfig } from '@campaign/runtime';
import { configSchema } from './config';

const secrets = { TRACKING_SECRET: 't'.repeat(32), WEBHOOK_SECRET: 'w'.repeat(32) };

describe('analytics-ingest configuration', () => {
  it('defaults to its own service name and port', () => {
    expect(configSchema.parse(secrets)).toMatchObject({ SERVICE_NAME: 'analytics-ingest', HTTP_PORT: 3004 });
  });

  it('refuses to start on an invalid port', () => {
    expect(() => loadConfig(configSchema, { ...secrets, HTTP_PORT: '-1' })).toThrow(ConfigError);
  });

  it('requires both secrets, each at least 32 characters long', () => {
    expect(() => loadConfig(configSchema, {})).toThrow(/TRACKING_SECRET[\s\S]*WEBHOOK_SECRET/);
    expect(() => loadConfig(configSchema, { TRACKING_SECRET: 'short', WEBHOOK_SECRET: 'w'.repeat(32) })).toThrow(/TRACKING_SECRET: at least 32 characters/);
  });

  it('remembers provider event ids for 7 days and prefetched hits for 60 s by default', () => {
    expect(configSchema.parse(secrets)).toMatchObject({ EVENT_DEDUPE_TTL_SECONDS: 7 * 86_400, HIT_DEDUPE_WINDOW_SECONDS: 60 });
  });

  it('trusts no proxy unless told how many stand in front of it', () => {
    expect(configSchema.parse(secrets)).toMatchObject({ TRUSTED_PROXY_HOPS: 0 });
    expect(configSchema.parse({ ...secrets, TRUSTED_PROXY_HOPS: '1' })).toMatchObject({ TRUSTED_PROXY_HOPS: 1 });
    expect(() => loadConfig(configSchema, { ...secrets, TRUSTED_PROXY_HOPS: '-1' })).toThrow(ConfigError);
  });

  it('limits each tracking link kind to 240 requests a minute per address and 60 per token by default; 0 turns a limit off', () => {
    expect(configSchema.parse(secrets)).toMatchObject({ TRACK_RATE_WINDOW_SECONDS: 60, TRACK_RATE_LIMIT_PER_IP: 240, TRACK_RATE_LIMIT_PER_TOKEN: 60 });
    expect(configSchema.parse({ ...secrets, TRACK_RATE_LIMIT_PER_IP: '0' })).toMatchObject({ TRACK_RATE_LIMIT_PER_IP: 0 });
    expect(() => loadConfig(configSchema, { ...secrets, TRACK_RATE_WINDOW_SECONDS: '0' })).toThrow(/TRACK_RATE_WINDOW_SECONDS/);
    expect(() => loadConfig(configSchema, { ...secrets, TRACK_RATE_LIMIT_PER_TOKEN: 'many' })).toThrow(/TRACK_RATE_LIMIT_PER_TOKEN/);
  });
});
