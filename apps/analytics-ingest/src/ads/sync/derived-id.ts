import { nameUuid } from '@campaign/contracts';

/**
 * A UUID that is a function of its parts (name-based, sha1): the commands a sync or an action
 * attempt sends are derived from its syncId or actionId and attempt, so a redelivered request
 * sends the same command ids and the command side's idempotency makes the repeat harmless.
 */
export const syncCommandId = (...parts: readonly (string | number)[]): string => nameUuid('ads-sync', ...parts);
