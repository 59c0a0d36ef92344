import { createHash } from 'node:crypto';

/**
 * A UUID that is a function of its parts (name-based: the version 5 layout over SHA-1 of the
 * parts joined by NUL). Whatever is derived from the same facts — a retried request's new ids, a
 * redelivered batch's command ids, a rebuilt row — gets the same id again. The first part names
 * the namespace (`ads`, `orchestration-read-model`, …) so two uses never meet.
 */
export const nameUuid = (...parts: readonly (string | number)[]): string => {
  const hash = createHash('sha1').update(parts.join('\u0000')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
