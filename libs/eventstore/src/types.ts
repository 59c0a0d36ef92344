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

/** What every event appended by one command shares. */
export interface AppendMetadata {
  readonly context: string;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly actor: string;
  readonly tenant: string | null;
  readonly commandId: string;
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
  constructor(readonly streamId: string, readonly expectedVersion: number) {
    super(`stream ${streamId} moved past version ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

/** The command id was recorded by a concurrent transaction first. */
export class DuplicateCommandError extends Error {
  constructor(readonly commandId: string) {
    super(`command ${commandId} was already processed`);
    this.name = 'DuplicateCommandError';
  }
}
