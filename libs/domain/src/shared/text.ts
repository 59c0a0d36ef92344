/** U+0000, or a UTF-16 surrogate without its partner: PostgreSQL text/jsonb refuse them, Avro mangles them. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/**
 * The dotted path of the first string (or object key) in `value` that PostgreSQL or Avro cannot
 * hold, or null when every one can. Iterative, so a 100,000-item body cannot overflow the stack.
 */
export const unstorableTextPath = (value: unknown): string | null => {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (!isStorableText(current)) return path || '(value)';
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], path ? `${path}.${i}` : String(i)]);
    } else if (typeof current === 'object' && current !== null && !(current instanceof Uint8Array)) {
      for (const [key, item] of Object.entries(current)) {
        const at = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) return at;
        stack.push([item, at]);
      }
    }
  }
  return null;
};
