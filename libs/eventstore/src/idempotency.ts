/**
 * Idempotency keys (command ids) and what a repeat of one means.
 *
 * A key belongs to (context, tenant): org B sending org A's key sends a new command of its own
 * and never learns A's outcome. The request is remembered with its key by a fingerprint, so the
 * same key with the same request is answered with the first outcome, and the same key with
 * another request is refused (IDEMPOTENCY_KEY_REUSED) — never silently mistaken for the first.
 *
 * Keys expire: a key is remembered for at least IDEMPOTENCY_WINDOW_MS, and forgotten once
 * `PostgresEventStore.pruneProcessedCommands` removes it. A retry after that is a new command.
 */
import { createHash } from 'node:crypto';
import type { CommandOutcome } from './types';

/** How long a command id is remembered by default before it may be pruned: 7 days. */
export const IDEMPOTENCY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** The rejection of a key sent again with a request other than the one it was first used for. */
export const IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';

/** Whose command id this is: ids are unique per (context, tenant), never across them. */
export interface CommandKey {
  readonly context: string;
  /** The command's tenant; '' where the context has none. */
  readonly tenant: string;
  readonly commandId: string;
}

export const commandKey = (context: string, tenant: string | null | undefined, commandId: string): CommandKey => ({
  context,
  tenant: tenant ?? '',
  commandId,
});

/** A command's outcome as recorded under its key. */
export interface ProcessedCommand {
  readonly outcome: CommandOutcome;
  /** Null on rows recorded before fingerprints existed: any repeat of those counts as the same request. */
  readonly fingerprint: string | null;
}

/**
 * Prefixes of the ids the platform's own services give their commands (timer firings, ingested
 * facts, the dispatcher's sends, bounces, suppressions and auto-completion). An outside caller
 * who could send one of them first would make the service's own command a repeat of theirs —
 * cancelling a timer or an unsubscribe — so the doors refuse them.
 */
export const RESERVED_COMMAND_ID_PREFIXES: readonly string[] = [
  'timer-',
  'ingest-',
  'dispatch-',
  'system-',
  'suppress-',
  'previously-bounced-',
  'auto-complete-',
];

export const isReservedCommandId = (id: string): boolean => RESERVED_COMMAND_ID_PREFIXES.some((prefix) => id.startsWith(prefix));

/** JSON with every object's keys sorted, so equal data always gives equal text. */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortedKeys(value)) ?? 'null';

const hasToJson = (value: unknown): value is { toJSON: () => unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';

const sortedKeys = (value: unknown): unknown => {
  // As JSON.stringify would: a Date is its ISO string, not an object without keys.
  const plain = hasToJson(value) ? value.toJSON() : value;
  if (Array.isArray(plain)) return plain.map(sortedKeys);
  if (plain === null || typeof plain !== 'object') return plain;
  const record = plain as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortedKeys(record[key])]),
  );
};

/**
 * What makes two requests the same: the command's type, its stream and its data. Metadata (the
 * instant, the actor, correlation) differs between honest retries and is left out.
 */
export const fingerprintOf = (type: string, streamId: string, data: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify([type, streamId]))
    .update('\n')
    .update(canonicalJson(data))
    .digest('hex');

/** The answer to a key already used for another request; it names nothing of the first request. */
export const keyReused = (commandId: string, streamId: string): CommandOutcome => ({
  status: 'REJECTED',
  commandId,
  streamId,
  code: IDEMPOTENCY_KEY_REUSED,
  message: `The idempotency key ${commandId} was already used for a different request; send a new key for a new request`,
  details: { commandId },
});
