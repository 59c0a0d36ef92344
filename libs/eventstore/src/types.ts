/** An event as the store keeps it: the domain event plus everything the envelope carries. */
export interface StoredEvent {
  readonly globalPosition: string;
  readonly transactionId: string;
  readonly eventId: string;
  readonly context: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly actor: string;
  readonly tenant: string | null;
  readonly commandId: string | null;
}

export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/**
 * Events that open a stream of their own in the same transaction as the command's stream
 * (e.g. each contact of a bulk AddContacts). The stream must be new: its events get versions 1…n.
 */
export interface OpenedStream {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
}

/** What every event appended by one command shares. */
export interface AppendMetadata {
  readonly context: string;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly actor: string;
  readonly tenant: string | null;
  /** Unique per (context, tenant); recorded with the outcome where the append has one. */
  readonly commandId: string;
  /**
   * The request's fingerprint (idempotency.ts), recorded with the outcome: a repeat of the id
   * with another fingerprint is refused. Absent, any repeat counts as the same request.
   */
  readonly fingerprint?: string;
}

/** A position in the store's commit order: (transaction_id, global_position). */
export interface LogPosition {
  readonly transactionId: string;
  readonly globalPosition: string;
}

export const LOG_START: LogPosition = { transactionId: '0', globalPosition: '0' };

export type CommandOutcome =
  | {
      readonly status: 'ACCEPTED';
      readonly commandId: string;
      readonly streamId: string;
      readonly streamVersion: number;
      readonly eventIds: readonly string[];
    }
  | {
      readonly status: 'REJECTED';
      readonly commandId: string;
      readonly streamId: string;
      readonly code: string;
      readonly message: string;
      readonly details: Readonly<Record<string, string | number | boolean | null>>;
    };

/** The expected version no longer matches: someone appended first. Re-decide and retry. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`stream ${streamId} moved past version ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * The transaction began (took its id) before another one that has since appended to the same
 * stream committed: its events would be published before their predecessors. Nothing was
 * written; run the whole transaction again (see inEventWritingTransaction) and it gets a later id.
 */
export class StreamOrderConflict extends Error {
  readonly code = 'STREAM_ORDER_CONFLICT';
  constructor(readonly streamIds: readonly string[]) {
    super(`a stream among ${streamIds.slice(0, 3).join(', ')}${streamIds.length > 3 ? ', …' : ''} was appended to by a later transaction; retry`);
    this.name = 'StreamOrderConflict';
  }
}

/** The command's key (context, tenant, id) was recorded by a concurrent transaction first. */
export class DuplicateCommandError extends Error {
  constructor(readonly commandId: string) {
    super(`command ${commandId} was already processed`);
    this.name = 'DuplicateCommandError';
  }
}

/** A stream the command meant to open exists already; nothing was written. Re-deciding cannot help. */
export class StreamAlreadyExistsError extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} already exists`);
    this.name = 'StreamAlreadyExistsError';
  }
}
