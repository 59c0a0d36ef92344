import { storableText } from '@campaign/domain';

type Container = Record<string, unknown> | unknown[];

/** Only JSON-shaped values are walked: arrays and plain objects. A Buffer, Date or Map is kept as it is. */
const isWalkable = (value: unknown): value is Container => {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

const emptyLike = (value: Container): Container => (Array.isArray(value) ? [] : {});

/**
 * Text written by strangers (a reply's body, a bounce reason, a LinkedIn message) made storable:
 * every U+0000 and unpaired UTF-16 surrogate in a string, or in an object's key, becomes U+FFFD,
 * the way a decoder marks a character it could not read. PostgreSQL refuses those characters and
 * Avro mangles them; refusing the fact instead would lose a genuine reply because of one byte.
 *
 * Returns a copy (the input is not changed); the length of every string stays the same, so
 * limits checked before or after agree. Two keys that differ only in such characters end as one
 * (the later wins). Walked with an explicit stack, so a deeply nested body cannot overflow the
 * call stack; a cyclic object keeps its cycle in the copy.
 */
export const sanitizeOutsideText = <T>(value: T): T => {
  if (typeof value === 'string') return storableText(value) as T;
  if (!isWalkable(value)) return value;
  const copies = new Map<Container, Container>([[value, emptyLike(value)]]);
  const pending: Container[] = [value];
  const copyOf = (item: unknown): unknown => {
    if (typeof item === 'string') return storableText(item);
    if (!isWalkable(item)) return item;
    let copy = copies.get(item);
    if (!copy) {
      copy = emptyLike(item);
      copies.set(item, copy);
      pending.push(item);
    }
    return copy;
  };
  for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
    const target = copies.get(source) as Container;
    if (Array.isArray(source)) {
      for (const item of source) (target as unknown[]).push(copyOf(item));
    } else {
      // Defined, not assigned: an own `__proto__` key (JSON.parse makes one) stays a key.
      for (const [key, item] of Object.entries(source))
        Object.defineProperty(target, storableText(key), { value: copyOf(item), enumerable: true, writable: true, configurable: true });
    }
  }
  return copies.get(value) as T;
};
