import { createHash } from 'node:crypto';

/**
 * A UUID that is a function of its parts (name-based, sha1): the commands a sync or an action
 * attempt sends are derived from its syncId or actionId and attempt, so a redelivered request
 * sends the same command ids and the command side's idempotency makes the repeat harmless.
 */
export const syncCommandId = (...parts: readonly (string | number)[]): string => {
  const hash = createHash('sha1')
    .update(['ads-sync', ...parts].join('\u0000'))
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
