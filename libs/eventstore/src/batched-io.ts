import type { Pool } from 'pg';
import { isUniqueViolation } from './sql';
import { type AppendMetadata, type CommandOutcome, ConcurrencyError, DuplicateCommandError, type NewEvent, type StoredEvent } from './types';

export interface AppendRequestWithoutOutcome {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly events: readonly NewEvent[];
  readonly metadata: AppendMetadata;
  /** The command's outcome to record once; null for events no command caused. */
  readonly outcome: CommandOutcome | null;
}

export interface AppendRequest extends AppendRequestWithoutOutcome {
  readonly outcome: CommandOutcome;
}

export interface LoadRequest {
  readonly streamId: string;
  readonly commandId: string;
}

export interface Loaded {
  readonly outcome: CommandOutcome | null;
  readonly events: StoredEvent[];
  readonly version: number;
}

/**
 * The two statements every command costs, written for many commands at once so that
 * concurrent commands share round trips (see Batcher). `table` is a quoted schema name.
 */
export class BatchedIo {
  constructor(
    private readonly pool: Pool,
    private readonly table: string,
    private readonly columns: string,
    private readonly toStoredEvent: (row: never) => StoredEvent,
  ) {}

  /** Each command's earlier outcome, if any, and its stream — one round trip for the batch. */
  async load(requests: readonly LoadRequest[]): Promise<Loaded[]> {
    const { rows } = await this.pool.query(
      `SELECT NULL::text AS outcome_of, NULL::jsonb AS outcome, ${this.columns}
         FROM ${this.table}.events WHERE stream_id = ANY($1::text[])
       UNION ALL
       SELECT command_id, result, ${this.columns.split(',').map(() => 'NULL').join(', ')}
         FROM ${this.table}.processed_commands WHERE command_id = ANY($2::text[])
       ORDER BY stream_id, stream_version`,
      [requests.map((r) => r.streamId), requests.map((r) => r.commandId)],
    );
    const outcomes = new Map<string, CommandOutcome>();
    const streams = new Map<string, StoredEvent[]>();
    for (const row of rows) {
      if (row.outcome_of !== null) outcomes.set(row.outcome_of, row.outcome);
      else streams.set(row.stream_id, [...(streams.get(row.stream_id) ?? []), this.toStoredEvent(row as never)]);
    }
    return requests.map(({ streamId, commandId }) => {
      const events = streams.get(streamId) ?? [];
      return { outcome: outcomes.get(commandId) ?? null, events, version: events.at(-1)?.streamVersion ?? 0 };
    });
  }

  /**
   * Appends every request in one statement — one implicit transaction. If it breaks a
   * uniqueness rule, which request did is unknown: each is then retried alone, so only the
   * offender fails (ConcurrencyError or DuplicateCommandError).
   */
  async append(requests: readonly AppendRequest[]): Promise<(CommandOutcome | Error)[]> {
    try {
      await this.insert(requests);
      return requests.map((r) => r.outcome);
    } catch (error) {
      if (requests.length > 1 && isUniqueViolation(error)) return Promise.all(requests.map((r) => this.append([r]).then(([one]) => one)));
      if (requests.length === 1 && isUniqueViolation(error, 'events_pkey')) return [new ConcurrencyError(requests[0].streamId, requests[0].expectedVersion)];
      if (requests.length === 1 && isUniqueViolation(error, 'processed_commands_pkey')) return [new DuplicateCommandError(requests[0].metadata.commandId)];
      throw error;
    }
  }

  private insert(requests: readonly AppendRequest[]): Promise<void> {
    return insertEvents(this.pool, this.table, requests);
  }
}

/** Anything that runs a query: a pool, or a client inside the caller's transaction. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * Appends the requests' events, and records their commands' outcomes (those that have one),
 * in one statement. `table` is a quoted schema name. Used by the store's group commit, and by
 * writers that must append inside a transaction of their own (the timer-scheduler records
 * timer events in the same transaction as the timer rows they describe).
 */
export const insertEvents = async (db: Queryable, table: string, requests: readonly AppendRequestWithoutOutcome[]): Promise<void> => {
  const events = requests.flatMap(({ streamId, expectedVersion, events, metadata: m }) =>
    events.map((e, i) => ({
      event_id: e.eventId, context: m.context, stream_id: streamId, stream_version: expectedVersion + i + 1,
      event_type: e.type, schema_version: e.schemaVersion, data: e.data, occurred_at: m.occurredAt,
      correlation_id: m.correlationId, causation_id: m.causationId, actor: m.actor, tenant: m.tenant, command_id: m.commandId,
    })),
  );
  const outcomes = requests.filter((r) => r.outcome !== null).map((r) => ({ command_id: r.metadata.commandId, context: r.metadata.context, stream_id: r.streamId, result: r.outcome }));
  // No NOTIFY here: PostgreSQL serialises committing transactions that notify, which cut
  // appends/s by two thirds; the relay is woken in process and polls for the rest.
  await db.query(
    `WITH appended AS (
       INSERT INTO ${table}.events (event_id, context, stream_id, stream_version, event_type, schema_version,
         data, occurred_at, correlation_id, causation_id, actor, tenant, command_id)
       SELECT e.event_id, e.context, e.stream_id, e.stream_version, e.event_type, e.schema_version, e.data,
              e.occurred_at, e.correlation_id, e.causation_id, e.actor, e.tenant, e.command_id
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (event_id uuid, context text, stream_id text,
           stream_version int, event_type text, schema_version int, data jsonb, occurred_at timestamptz,
           correlation_id text, causation_id text, actor text, tenant text, command_id text)) WITH ORDINALITY
           AS e(event_id, context, stream_id, stream_version, event_type, schema_version, data, occurred_at,
           correlation_id, causation_id, actor, tenant, command_id, ord)
       ORDER BY e.ord
       RETURNING 1
     ), recorded AS (
       INSERT INTO ${table}.processed_commands (command_id, context, stream_id, result)
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS o(command_id text, context text, stream_id text, result jsonb)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM appended), (SELECT count(*) FROM recorded)`,
    [JSON.stringify(events), JSON.stringify(outcomes)],
  );
};
