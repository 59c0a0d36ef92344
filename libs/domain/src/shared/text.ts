/** U+0000, or a UTF-16 surrogate without its partner: PostgreSQL text/jsonb refuse them, Avro mangles them. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Cheap first look: text without NUL or any surrogate (nearly all text) needs no lookaround. */
// eslint-disable-next-line no-control-regex -- as above
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

export const isStorableText = (text: string): boolean => !SUSPECT.test(text) || !UNSTORABLE.test(text);

const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** The text with every U+0000 and unpaired surrogate replaced by U+FFFD (for facts that must be kept as they came). */
export const storableText = (text: string): string => (isStorableText(text) ? text : text.replace(UNSTORABLE_ALL, '\uFFFD'));

/** One array or object being walked: its keys (null for an array) and the next child to judge. */
interface Frame {
  readonly source: Record<string, unknown> | readonly unknown[];
  readonly keys: readonly string[] | null;
  readonly length: number;
  next: number;
}

const frameOf = (source: Record<string, unknown> | readonly unknown[]): Frame => {
  const keys = Array.isArray(source) ? null : Object.keys(source);
  return { source, keys, length: keys ? keys.length : (source as readonly unknown[]).length, next: 0 };
};

/** The dotted path to the child each open frame is at: built only when something is refused. */
const pathOf = (frames: readonly Frame[]): string => frames.map((frame) => (frame.keys ? frame.keys[frame.next - 1] : String(frame.next - 1))).join('.');

/**
 * The dotted path of the first string (or object key) in `value` that PostgreSQL or Avro cannot
 * hold, or null when every one can. Depth-first with an explicit stack, so a 100,000-item body or
 * a 100,000-deep nesting cannot overflow the call stack, and no path is built for text that is
 * fine. Each object is walked once, so a cyclic one ends. Byte arrays (Buffers) are not text.
 */
export const unstorableTextPath = (value: unknown): string | null => {
  if (typeof value === 'string') return isStorableText(value) ? null : '(value)';
  const seen = new Set<object>();
  const frames: Frame[] = [];
  const open = (item: unknown) => {
    if (typeof item !== 'object' || item === null || item instanceof Uint8Array || seen.has(item)) return;
    seen.add(item);
    frames.push(frameOf(item as Record<string, unknown>));
  };
  open(value);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    if (frame.next === frame.length) {
      frames.pop();
      continue;
    }
    const index = frame.next++;
    const key = frame.keys ? frame.keys[index] : null;
    // jsonb refuses a bad key as much as a bad value, so the key is judged first.
    if (key !== null && !isStorableText(key)) return pathOf(frames);
    const item = key !== null ? (frame.source as Record<string, unknown>)[key] : (frame.source as readonly unknown[])[index];
    if (typeof item === 'string') {
      if (!isStorableText(item)) return pathOf(frames);
    } else {
      open(item);
    }
  }
  return null;
};
