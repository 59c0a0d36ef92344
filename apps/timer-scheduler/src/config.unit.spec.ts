import { ConfigError, loadConfig } from '@campaign/runtime';
import { configSchema } from './config';

describe('timer-scheduler configuration', () => {
  it('defaults to its own service name and port', () => {
    expect(configSchema.parse({})).toMatchObject({ SERVICE_NAME: 'timer-scheduler', HTTP_PORT: 3003 });
  });

  it('keeps outreach timers in their own schema and consumer group by default', () => {
    expect(configSchema.parse({})).toMatchObject({ OUTREACH_TIMER_SCHEMA: 'scheduler_outreach', OUTREACH_TIMER_GROUP: 'timer-scheduler-outreach' });
  });

  it('defaults every context to the schema and group the first layout used, so an upgrade keeps its tables and offsets', () => {
    expect(configSchema.parse({})).toMatchObject({
      LIFECYCLE_TIMER_SCHEMA: 'scheduler',
      LIFECYCLE_TIMER_GROUP: 'timer-scheduler',
      OUTREACH_TIMER_SCHEMA: 'scheduler_outreach',
      OUTREACH_TIMER_GROUP: 'timer-scheduler-outreach',
    });
  });

  it('still reads the former names TIMER_SCHEMA, SCHEDULER_GROUP and OUTREACH_SCHEDULER_GROUP; the new name wins when both are set', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const config = loadConfig(configSchema, {
        TIMER_SCHEMA: 'old_timers',
        SCHEDULER_GROUP: 'old-group',
        OUTREACH_SCHEDULER_GROUP: 'old-outreach',
        OUTREACH_TIMER_GROUP: 'new-outreach',
      });
      expect(config).toMatchObject({ LIFECYCLE_TIMER_SCHEMA: 'old_timers', LIFECYCLE_TIMER_GROUP: 'old-group', OUTREACH_TIMER_GROUP: 'new-outreach' });
      expect(config).not.toHaveProperty('TIMER_SCHEMA');
      expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
        'TIMER_SCHEMA is deprecated; set LIFECYCLE_TIMER_SCHEMA instead',
        'SCHEDULER_GROUP is deprecated; set LIFECYCLE_TIMER_GROUP instead',
        'OUTREACH_SCHEDULER_GROUP is deprecated; set OUTREACH_TIMER_GROUP instead (OUTREACH_TIMER_GROUP is set and wins)',
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses a lifecycle timer schema that is not a SQL identifier, under its new name or its former one', () => {
    expect(() => loadConfig(configSchema, { LIFECYCLE_TIMER_SCHEMA: 'Drop Table' })).toThrow(/LIFECYCLE_TIMER_SCHEMA/);
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(() => loadConfig(configSchema, { TIMER_SCHEMA: 'Drop Table' })).toThrow(/LIFECYCLE_TIMER_SCHEMA/);
    } finally {
      warn.mockRestore();
    }
  });

  it("reads a context's own settings: the lifecycle's projection schema, where seed 002's cleanup runs", () => {
    expect(configSchema.parse({})).toMatchObject({ LIFECYCLE_SCHEMA: 'lifecycle' });
    expect(() => loadConfig(configSchema, { LIFECYCLE_SCHEMA: 'Drop Table' })).toThrow(/LIFECYCLE_SCHEMA/);
  });

  it('refuses an outreach timer schema that is not a SQL identifier', () => {
    expect(() => loadConfig(configSchema, { OUTREACH_TIMER_SCHEMA: 'Scheduler-Outreach' })).toThrow(ConfigError);
  });

  it('refuses to start on an invalid port', () => {
    expect(() => loadConfig(configSchema, { HTTP_PORT: '-1' })).toThrow(ConfigError);
  });
});
