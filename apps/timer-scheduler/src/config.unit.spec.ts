import { ConfigError, loadConfig } from '@campaign/runtime';
import { configSchema } from './config';

describe('timer-scheduler configuration', () => {
  it('defaults to its own service name and port', () => {
    expect(configSchema.parse({})).toMatchObject({ SERVICE_NAME: 'timer-scheduler', HTTP_PORT: 3003 });
  });

  it('keeps outreach timers in their own schema and consumer group by default', () => {
    expect(configSchema.parse({})).toMatchObject({ OUTREACH_TIMER_SCHEMA: 'scheduler_outreach', OUTREACH_SCHEDULER_GROUP: 'timer-scheduler-outreach' });
  });

  it('refuses an outreach timer schema that is not a SQL identifier', () => {
    expect(() => loadConfig(configSchema, { OUTREACH_TIMER_SCHEMA: 'Scheduler-Outreach' })).toThrow(ConfigError);
  });

  it('refuses to start on an invalid port', () => {
    expect(() => loadConfig(configSchema, { HTTP_PORT: '-1' })).toThrow(ConfigError);
  });
});
