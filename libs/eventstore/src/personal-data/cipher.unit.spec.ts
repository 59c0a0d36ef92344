import { keyIdOf, lookupOf, newDataKey, open, seal, SealedValueError } from './cipher';

describe('sealed personal values', () => {
  const key = newDataKey();

  it('open what was sealed, and name their key', () => {
    const token = seal('key-1', key, 'Zoë <zoe@person.test>');
    expect(token.startsWith('pii:v1:key-1:')).toBe(true);
    expect(token).not.toContain('zoe');
    expect(keyIdOf(token)).toBe('key-1');
    expect(open(token, key)).toBe('Zoë <zoe@person.test>');
  });

  it('seal the same value differently each time (no equality leak between events)', () => {
    expect(seal('key-1', key, 'same')).not.toBe(seal('key-1', key, 'same'));
  });

  it('do not open under another key, nor when moved under another key id, nor when altered', () => {
    const token = seal('key-1', key, 'secret');
    expect(() => open(token, newDataKey())).toThrow(SealedValueError);
    expect(() => open(token.replace('pii:v1:key-1:', 'pii:v1:key-2:'), key)).toThrow(SealedValueError);
    const body = token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA';
    expect(() => open(token.slice(0, -4) + body, key)).toThrow(SealedValueError);
  });

  it('give one lookup per person whatever the spelling, and different lookups per tenant secret', () => {
    const secret = newDataKey();
    expect(lookupOf(secret, 'email', ' Pat@Person.TEST ')).toBe(lookupOf(secret, 'email', 'pat@person.test'));
    expect(lookupOf(secret, 'linkedin', 'https://www.linkedin.com/in/pat/')).toBe(lookupOf(secret, 'linkedin', 'linkedin.com/in/pat'));
    expect(lookupOf(newDataKey(), 'email', 'pat@person.test')).not.toBe(lookupOf(secret, 'email', 'pat@person.test'));
    expect(lookupOf(secret, 'email', 'pat@person.test')).not.toContain('pat');
  });
});
