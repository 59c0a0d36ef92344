import { nameUuid } from '@campaign/contracts';

/**
 * A UUID that is a function of its parts (name-based, sha1): a command derived from the same
 * facts — a redelivered batch, a rerun analysis — carries the same id, and the command side's
 * idempotency makes the repeat harmless.
 */
export const derivedId = (...parts: readonly (string | number)[]): string => nameUuid('ads-alerting', ...parts);
