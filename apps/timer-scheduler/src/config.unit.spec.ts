import { ConfigError, loadConfig } from '@campaign/runtime';
import { configSchema } from './config';

describe('timer-scheduler configuration', () => {
  it('defaults to its own service name and port', () => {
    expect(configSchema.parse({})).toMatchObject({ SERVICE_NAME: 'timer-scheduler', HTTP_PORT: 3003 });
  });

  it('refuses to start on an invalid port', () => {
    expect(() => loadConfig(configSchema, { HTTP_PORT: '-1' })).toThrow(ConfigError);
  });
});
