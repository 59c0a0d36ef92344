import { ConfigError, loadConfig } from '@campaign/runtime';
import { agentGroupOf, configSchema } from './config';

describe('reference-agent configuration', () => {
  it('serves every agent type, at once, by default', () => {
    expect(configSchema.parse({})).toMatchObject({ SERVICE_NAME: 'reference-agent', HTTP_PORT: 3005, AGENT_TYPES: null, AGENT_DELAY_MS: 0 });
    expect(configSchema.parse({ AGENT_TYPES: '*' }).AGENT_TYPES).toBeNull();
  });

  it('reads AGENT_TYPES as a comma-separated list', () => {
    expect(configSchema.parse({ AGENT_TYPES: 'writer, editor,' }).AGENT_TYPES).toEqual(['writer', 'editor']);
  });

  it('puts agents of other types in other consumer groups, so none is handed dispatches it leaves alone', () => {
    expect(agentGroupOf(configSchema.parse({}))).toBe('reference-agent-all');
    expect(agentGroupOf(configSchema.parse({ AGENT_TYPES: 'writer,editor' }))).toBe('reference-agent-editor+writer');
    expect(agentGroupOf(configSchema.parse({ AGENT_TYPES: 'editor,writer' }))).toBe('reference-agent-editor+writer');
    expect(agentGroupOf(configSchema.parse({ AGENT_TYPES: 'writer', AGENT_GROUP: 'mine' }))).toBe('mine');
  });

  it('lists every problem at start-up, not just the first', () => {
    const problems = (): string[] => {
      try {
        loadConfig(configSchema, { AGENT_TYPES: 'Writer!', AGENT_DELAY_MS: '-1', JWT_SECRET: 'x'.repeat(32) });
        return [];
      } catch (error) {
        return error instanceof ConfigError ? error.problems.map((p) => p.split(':')[0]) : ['not a ConfigError'];
      }
    };
    expect(problems()).toEqual(['AGENT_TYPES', 'AGENT_DELAY_MS']);
  });
});
