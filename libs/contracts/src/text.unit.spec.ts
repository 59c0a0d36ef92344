import { sanitizeOutsideText } from './text';

const NUL = '\u0000';
const HIGH = '\uD83D';
const LOW = '\uDE00';
const FFFD = '\uFFFD';

describe('sanitizeOutsideText', () => {
  it.each([
    ['U+0000', `a${NUL}b`, `a${FFFD}b`],
    ['a lone high surrogate', `end${HIGH}`, `end${FFFD}`],
    ['a lone low surrogate', `${LOW}start`, `${FFFD}start`],
    ['a low surrogate after a complete pair', `${HIGH}${LOW}${LOW}`, `${HIGH}${LOW}${FFFD}`],
    ['several at once', `${NUL}${NUL}x${HIGH}`, `${FFFD}${FFFD}x${FFFD}`],
  ])('replaces %s with U+FFFD and keeps the length', (_, given, expected) => {
    expect(sanitizeOutsideText(given)).toBe(expected);
    expect(expected).toHaveLength(given.length);
  });

  it('leaves storable text alone, emoji pairs, accents and other control characters included', () => {
    const text = `Zoë 漢字 ${HIGH}${LOW} tab\there\u0001`;
    expect(sanitizeOutsideText(text)).toBe(text);
  });

  it('walks objects and arrays, keys included, and returns a copy without changing the input', () => {
    const body = { token: 't', text: `Hi${NUL}`, nested: { list: ['ok', `x${HIGH}`, 3, null, true], [`k${NUL}`]: 'v' } };
    const before = structuredClone(body);
    expect(sanitizeOutsideText(body)).toEqual({ token: 't', text: `Hi${FFFD}`, nested: { list: ['ok', `x${FFFD}`, 3, null, true], [`k${FFFD}`]: 'v' } });
    expect(body).toEqual(before);
  });

  it('keeps what is not text as it is (numbers, null, Buffers, Dates)', () => {
    const bytes = Buffer.from([0, 0xd8]);
    const when = new Date(0);
    expect(sanitizeOutsideText(7)).toBe(7);
    expect(sanitizeOutsideText(null)).toBeNull();
    expect(sanitizeOutsideText(undefined)).toBeUndefined();
    const out = sanitizeOutsideText({ bytes, when });
    expect(out.bytes).toBe(bytes);
    expect(out.when).toBe(when);
  });

  it('keeps an own __proto__ key as a key (as JSON.parse makes it) instead of changing the prototype', () => {
    const parsed = JSON.parse(`{"__proto__": {"polluted": "${'\\u0000'}"}}`) as Record<string, unknown>;
    const out = sanitizeOutsideText(parsed);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: FFFD });
  });

  it('survives a 100,000-deep nesting and a cycle', () => {
    let deep: unknown = NUL;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    let inner = sanitizeOutsideText(deep);
    for (let i = 0; i < 100_000; i += 1) inner = (inner as unknown[])[0];
    expect(inner).toBe(FFFD);

    const cyclic: Record<string, unknown> = { name: NUL };
    cyclic.self = cyclic;
    const copy = sanitizeOutsideText(cyclic);
    expect(copy.name).toBe(FFFD);
    expect(copy.self).toBe(copy);
  });
});
