import { ConfigError, loadConfig } from '@campaign/runtime';
import { configSchema } from './config';

describe('analytics-ingest configuration', () => {
  it('defaults to its own service name and port', () => {
    expect(configSchema.parse({})).toMatchObject({ SERVICE_NAME: 'analytics-ingest', HTTP_PORT: 3004 });
  });

  it('refuses to start on an invalid port', () => {
    expect(() => loadConfig(configSchema, { HTTP_PORT: '-1' })).toThrow(ConfigError);
  });
});
