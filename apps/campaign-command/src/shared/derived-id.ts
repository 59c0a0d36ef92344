import { createHash } from 'node:crypto';

/**
 * An id for something a command creates, derived from its scope (an org, or a context without tenants), the command id and a label: a
 * retry with the same Idempotency-Key names the same campaign and contacts, so the first
 * answer's ids are the ids given again (UUID version 5 layout over SHA-1).
 */
export const derivedId = (scope: string, commandId: string, label: string): string => {
  const hash = createHash('sha1').update(`${scope}\u0000${commandId}\u0000${label}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
