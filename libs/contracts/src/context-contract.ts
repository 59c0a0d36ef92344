import type { AvroSchema } from './avro';

export interface SchemaEntry {
  readonly version: number;
  readonly schema: AvroSchema;
}

/** How long events, commands and results topics keep their records (replays read the event store). */
export const THIRTY_DAYS_RETENTION_MS = 30 * 24 * 3_600_000;

export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions: number;
  readonly configEntries: readonly { readonly name: string; readonly value: string }[];
}

/**
 * The personal fields of one event type: sealed on the wire and in the event store under the
 * person's key (the event's stream), so erasing the key erases them everywhere.
 */
export interface PersonalFieldsSpec {
  /** Top-level fields of the event's data holding personal values. */
  readonly fields: readonly string[];
  /** Fields that identify the person, by kind ('email', 'linkedin'): erasure finds them by these. */
  readonly identifiers?: Readonly<Record<string, string>>;
  /** The field naming the subject's scope (its campaign): retention erases a whole scope. */
  readonly scope?: string;
}

/**
 * What a bounded context puts on the wire: its events and commands with their schemas, the
 * topics it owns besides the four every context has, and records it sends outside any
 * envelope (held to the same compatibility rules). Each context folder exports one; the list
 * of them is `contexts.ts`.
 */
export interface ContextContract {
  readonly context: string;
  readonly events: Readonly<Record<string, SchemaEntry>>;
  readonly commands: Readonly<Record<string, SchemaEntry>>;
  readonly ownTopics?: (prefix: string) => TopicSpec[];
  /** By schema key `<context>/record/<name>/<version>`. */
  readonly records?: Readonly<Record<string, AvroSchema>>;
  /** Event types carrying personal data, and which of their fields (sealed; see PersonalFieldsSpec). */
  readonly personalFields?: Readonly<Record<string, PersonalFieldsSpec>>;
}
