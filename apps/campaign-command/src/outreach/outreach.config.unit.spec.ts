import { loadConfig } from '@campaign/runtime';
import { addContactsBodyLimit, outreachConfigSchema } from './outreach.config';

const readOutreachConfig = (env: NodeJS.ProcessEnv) => loadConfig(outreachConfigSchema, env);

const SECRET = 'a-tracking-secret-of-at-least-32-chars';
const MB = 1_048_576;

describe('outreach configuration', () => {
  // seed 004: up to 100,000 contacts per campaign arrive in one AddContacts body.
  it('takes AddContacts bodies of up to 64 MB by default', () => {
    expect(addContactsBodyLimit(readOutreachConfig({ TRACKING_SECRET: SECRET }))).toBe(64 * MB);
  });

  it('still reads the limit by its old name, ADD_CONTACTS_BODY_LIMIT_BYTES', () => {
    expect(addContactsBodyLimit(readOutreachConfig({ TRACKING_SECRET: SECRET, ADD_CONTACTS_BODY_LIMIT_BYTES: String(2 * MB) }))).toBe(2 * MB);
  });

  it('prefers the context-named OUTREACH_ADD_CONTACTS_BODY_LIMIT_BYTES when both are set', () => {
    const env = { TRACKING_SECRET: SECRET, ADD_CONTACTS_BODY_LIMIT_BYTES: String(2 * MB), OUTREACH_ADD_CONTACTS_BODY_LIMIT_BYTES: String(3 * MB) };
    expect(addContactsBodyLimit(readOutreachConfig(env))).toBe(3 * MB);
  });
});
