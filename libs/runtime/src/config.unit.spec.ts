import { baseConfigSchema, ConfigError, loadConfig, z } from './config';

const schema = baseConfigSchema.extend({ SERVICE_NAME: z.string().default('svc'), HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000) });

describe('configuration from the environment', () => {
  it('applies the documented defaults for local development', () => {
    expect(loadConfig(schema, {})).toMatchObject({
      SERVICE_NAME: 'svc',
      HTTP_PORT: 3000,
      KAFKA_BROKERS: '127.0.0.1:9092',
      DATABASE_URL: 'postgres://campaign:campaign@127.0.0.1:5432/campaign',
      EVENTSTORE_SCHEMA: 'eventstore',
      TOPIC_PREFIX: '',
      LOG_LEVEL: 'info',
    });
  });

  it('reads and coerces values that are set', () => {
    expect(loadConfig(schema, { HTTP_PORT: '8080', DATABASE_POOL_SIZE: '4', LOG_LEVEL: 'debug' })).toMatchObject({
      HTTP_PORT: 8080,
      DATABASE_POOL_SIZE: 4,
      LOG_LEVEL: 'debug',
    });
  });

  it('reports every invalid variable at once, by name', () => {
    const attempt = () => loadConfig(schema, { HTTP_PORT: '99999', DATABASE_URL: 'not a url', EVENTSTORE_SCHEMA: 'Drop Table', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'EVENTSTORE_SCHEMA', 'HTTP_PORT', 'LOG_LEVEL']);
    }
  });
});
