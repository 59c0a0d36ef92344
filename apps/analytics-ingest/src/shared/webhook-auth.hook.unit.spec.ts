import { secretMatches } from './webhook-auth.hook';

describe('webhook shared secret', () => {
  const secret = 's'.repeat(40);

  it('matches the configured secret only', () => {
    expect(secretMatches(secret, secret)).toBe(true);
    expect(secretMatches(`${secret.slice(0, -1)}t`, secret)).toBe(false);
  });

  it('refuses a missing secret and secrets of another length without throwing', () => {
    expect(secretMatches(null, secret)).toBe(false);
    expect(secretMatches('short', secret)).toBe(false);
    expect(secretMatches(`${secret}s`, secret)).toBe(false);
  });
});
