import { applyRenamedSettings, loadConfig, withRenamedSettings, z } from './config';

const RENAMED = [{ from: 'OLD_GROUP', to: 'NEW_GROUP' }];

describe('renamed settings', () => {
  it('reads the old name under the new one, and says it is deprecated', () => {
    const warnings: string[] = [];
    expect(applyRenamedSettings({ OLD_GROUP: 'g1' }, RENAMED, (m) => warnings.push(m))).toEqual({ NEW_GROUP: 'g1' });
    expect(warnings).toEqual(['OLD_GROUP is deprecated; set NEW_GROUP instead']);
  });

  it('the new name wins when both are set, and the old one is still reported', () => {
    const warnings: string[] = [];
    expect(applyRenamedSettings({ OLD_GROUP: 'old', NEW_GROUP: 'new' }, RENAMED, (m) => warnings.push(m))).toEqual({ NEW_GROUP: 'new' });
    expect(warnings).toEqual(['OLD_GROUP is deprecated; set NEW_GROUP instead (NEW_GROUP is set and wins)']);
  });

  it('warns about nothing when only new names are used, and leaves the given environment as it was', () => {
    const warn = jest.fn();
    const env = { NEW_GROUP: 'n', OTHER: 'x' };
    expect(applyRenamedSettings(env, RENAMED, warn)).toEqual({ NEW_GROUP: 'n', OTHER: 'x' });
    expect(warn).not.toHaveBeenCalled();
    const old = { OLD_GROUP: 'o' };
    applyRenamedSettings(old, RENAMED, warn);
    expect(old).toEqual({ OLD_GROUP: 'o' });
  });

  it('a schema with renamed settings parses the old names, defaults still apply, and problems name the new setting', () => {
    const schema = withRenamedSettings(z.object({ NEW_GROUP: z.string().min(2).default('default-group') }), RENAMED, () => undefined);
    expect(loadConfig(schema, {})).toEqual({ NEW_GROUP: 'default-group' });
    expect(loadConfig(schema, { OLD_GROUP: 'legacy' })).toEqual({ NEW_GROUP: 'legacy' });
    expect(() => loadConfig(schema, { OLD_GROUP: 'x' })).toThrow(/NEW_GROUP/);
  });
});
