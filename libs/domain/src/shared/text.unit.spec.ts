import { isStorableText, unstorableTextPath } from './text';

const NUL = '\u0000';
const HIGH = '\uD83D';
const LOW = '\uDE00';

describe('isStorableText', () => {
  it.each([
    ['plain ASCII', 'Spring rewards'],
    ['accents, CJK and RTL', 'Zoë 漢字 שלום'],
    ['an emoji written as a surrogate pair', `${HIGH}${LOW}`],
    ['the replacement character', '\uFFFD'],
    ['other control characters', '\u0001\u001f\t\n'],
    ['the empty string', ''],
  ])('stores %s', (_, text) => {
    expect(isStorableText(text)).toBe(true);
  });

  it.each([
    ['U+0000 alone', NUL],
    ['U+0000 inside text', `name${NUL}suffix`],
    ['a high surrogate at the end', `abc${HIGH}`],
    ['a high surrogate followed by a letter', `${HIGH}x`],
    ['a low surrogate at the start', `${LOW}abc`],
    ['a low surrogate after a complete pair', `${HIGH}${LOW}${LOW}`],
    ['two high surrogates', `${HIGH}${HIGH}${LOW}`],
  ])('refuses %s (PostgreSQL text/jsonb cannot hold it)', (_, text) => {
    expect(isStorableText(text)).toBe(false);
  });
});

describe('unstorableTextPath', () => {
  it('is null when every string and key can be stored, whatever else the value holds', () => {
    const value = { name: 'ok', tags: ['a', `${HIGH}${LOW}`], n: 1, flag: true, none: null, bytes: Buffer.from([0]), nested: { deep: [{ x: 'y' }] } };
    expect(unstorableTextPath(value)).toBeNull();
  });

  it('names the dotted path of the string that cannot be stored, array indexes included', () => {
    expect(unstorableTextPath({ contacts: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: `d${NUL}` }] })).toBe('contacts.3.name');
  });

  it('names an object key that cannot be stored (jsonb refuses it as a key as well)', () => {
    expect(unstorableTextPath({ metadata: { [`bad${LOW}`]: 'fine' } })).toBe(`metadata.bad${LOW}`);
  });

  it('reports the first offender in document order', () => {
    expect(unstorableTextPath({ a: [`x${NUL}`], b: NUL, [NUL]: 'c' })).toBe('a.0');
    expect(unstorableTextPath({ a: { ok: 1 }, [`k${NUL}`]: 'fine', b: NUL })).toBe(`k${NUL}`);
  });

  it('names a bare string "(value)"', () => {
    expect(unstorableTextPath(HIGH)).toBe('(value)');
    expect(unstorableTextPath('fine')).toBeNull();
  });

  it('walks a 100,000-item array and finds its last item', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ name: `contact ${i}` }));
    expect(unstorableTextPath(items)).toBeNull();
    items[99_999] = { name: NUL };
    expect(unstorableTextPath({ contacts: items })).toBe('contacts.99999.name');
  });

  it('walks a 100,000-deep nesting without overflowing the stack', () => {
    let value: unknown = NUL;
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(unstorableTextPath(value)).toBe(Array.from({ length: 100_000 }, () => '0').join('.'));
  });

  it('ends on a cyclic object', () => {
    const value: Record<string, unknown> = { name: 'loop' };
    value.self = value;
    expect(unstorableTextPath(value)).toBeNull();
  });
});
