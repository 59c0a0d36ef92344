import { nameUuid } from '@campaign/contracts';

/**
 * An id for something a command creates, derived from its scope (an org, or a context without tenants), the command id and a label: a
 * retry with the same Idempotency-Key names the same campaign and contacts, so the first
 * answer's ids are the ids given again (UUID version 5 layout over SHA-1).
 */
export const derivedId = (scope: string, commandId: string, label: string): string => nameUuid(scope, commandId, label);
