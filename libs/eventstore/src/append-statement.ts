/**
 * The one statement that appends events: their streams' rows, the commands' outcomes and the
 * guards' claims and counters, with the check that keeps each stream's events in transaction
 * order. The store's group commit sends it for many commands (batched-io.ts); writers that
 * must append inside a transaction of their own send it too.
 */
import { guardRows, type StreamGuard } from './guards';
import { type AppendMetadata, type CommandOutcome, type NewEvent, type OpenedStream, StreamOrderConflict } from './types';

export interface AppendRequestWithoutOutcome {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly events: readonly NewEvent[];
  readonly metadata: AppendMetadata;
  /** The command's outcome to record once; null for events no command caused. */
  readonly outcome: CommandOutcome | null;
  /** New streams opened in the same transaction (expected version 0 each). */
  readonly opened?: readonly OpenedStream[];
  /** Values the events take, release or count across streams, checked in the same statement (guards.ts). */
  readonly guards?: readonly StreamGuard[];
}

/** Anything that runs a query: a pool, or a client inside the caller's transaction. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** One row per event, naming its request (1-based) for the metadata every event of a command shares. */
const eventRows = (requests: readonly AppendRequestWithoutOutcome[]) =>
  requests.flatMap((request, index) =>
    [
      { streamId: request.streamId, after: request.expectedVersion, events: request.events },
      ...(request.opened ?? []).map((s) => ({ streamId: s.streamId, after: 0, events: s.events })),
    ].flatMap(({ streamId, after, events }) =>
      events.map((e, i) => ({
        r: index + 1,
        event_id: e.eventId,
        stream_id: streamId,
        stream_version: after + i + 1,
        event_type: e.type,
        schema_version: e.schemaVersion,
        data: e.data,
      })),
    ),
  );

const guardParameters = (requests: readonly AppendRequestWithoutOutcome[]): string[] => {
  const { releases, claims, counts } = guardRows(requests);
  return [releases, claims, counts].map((rows) => JSON.stringify(rows));
};

/**
 * Appends the requests' events — their own streams' and the streams they open — and records
 * their commands' outcomes (those that have one), in one statement. `table` is a quoted schema
 * name. Used by the store's group commit, and by writers that must append inside a transaction
 * of their own (the timer-scheduler records timer events in the same transaction as the timer
 * rows they describe). The metadata travels once per request, not once per event: a bulk of
 * 100,000 events stays a third smaller on the wire.
 */
export const insertEvents = async (db: Queryable, table: string, requests: readonly AppendRequestWithoutOutcome[]): Promise<void> => {
  const metadata = requests.map(({ metadata: m }) => ({
    context: m.context,
    occurred_at: m.occurredAt,
    correlation_id: m.correlationId,
    causation_id: m.causationId,
    actor: m.actor,
    tenant: m.tenant,
    command_id: m.commandId,
  }));
  const outcomes = requests
    .filter((r) => r.outcome !== null)
    .map(({ metadata: m, streamId, outcome }) => ({
      context: m.context,
      tenant: m.tenant ?? '',
      command_id: m.commandId,
      stream_id: streamId,
      fingerprint: m.fingerprint ?? null,
      result: outcome,
    }));
  // No NOTIFY here: PostgreSQL serialises committing transactions that notify, which cut
  // appends/s by two thirds; the relay is woken in process and polls for the rest.
  const result = (await db.query(
    `WITH late AS (
       -- A stream's previous event written by a transaction with a later id than this one: the
       -- relay publishes in transaction-id order, so appending now would publish out of order.
       SELECT count(*) AS n
         FROM (SELECT stream_id, min(stream_version) - 1 AS version
                 FROM jsonb_to_recordset($1::jsonb) AS f(stream_id text, stream_version int) GROUP BY stream_id) f
         JOIN ${table}.events p ON p.stream_id = f.stream_id AND p.stream_version = f.version
        WHERE p.transaction_id > pg_current_xact_id()
     ), meta AS (
       SELECT * FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (context text, occurred_at timestamptz,
         correlation_id text, causation_id text, actor text, tenant text, command_id text)) WITH ORDINALITY
         AS m(context, occurred_at, correlation_id, causation_id, actor, tenant, command_id, r)
     ), appended AS (
       INSERT INTO ${table}.events (event_id, context, stream_id, stream_version, event_type, schema_version,
         data, occurred_at, correlation_id, causation_id, actor, tenant, command_id)
       SELECT e.event_id, m.context, e.stream_id, e.stream_version, e.event_type, e.schema_version, e.data,
              m.occurred_at, m.correlation_id, m.causation_id, m.actor, m.tenant, m.command_id
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (r int, event_id uuid, stream_id text,
           stream_version int, event_type text, schema_version int, data jsonb)) WITH ORDINALITY
           AS e(r, event_id, stream_id, stream_version, event_type, schema_version, data, ord)
         JOIN meta m ON m.r = e.r
        WHERE (SELECT n FROM late) = 0
       ORDER BY e.ord
       RETURNING 1
     ), recorded AS (
       INSERT INTO ${table}.processed_commands (context, tenant, command_id, stream_id, fingerprint, result)
       SELECT * FROM jsonb_to_recordset($3::jsonb)
         AS o(context text, tenant text, command_id text, stream_id text, fingerprint text, result jsonb)
        WHERE (SELECT n FROM late) = 0
       RETURNING 1
     ), released AS (
       DELETE FROM ${table}.guard_claims c USING jsonb_to_recordset($4::jsonb) AS g(context text, tenant text, key text, holder text)
        WHERE c.context = g.context AND c.tenant = g.tenant AND c.key = g.key AND c.holder = g.holder AND (SELECT n FROM late) = 0
       RETURNING 1
     ), claimed AS (
       INSERT INTO ${table}.guard_claims (context, tenant, key, holder)
       SELECT * FROM jsonb_to_recordset($5::jsonb) AS g(context text, tenant text, key text, holder text)
        WHERE (SELECT n FROM late) = 0
       RETURNING 1
     ), deltas AS (
       SELECT g.context, g.tenant, g.key, sum(g.delta) AS delta
         FROM jsonb_to_recordset($6::jsonb) AS g(context text, tenant text, key text, delta bigint)
        WHERE (SELECT n FROM late) = 0
        GROUP BY g.context, g.tenant, g.key
     ), counted AS (
       -- Not an upsert: PostgreSQL checks a proposed row (a negative delta) before it looks for a conflict.
       UPDATE ${table}.guard_counters c SET value = c.value + d.delta
         FROM deltas d WHERE c.context = d.context AND c.tenant = d.tenant AND c.key = d.key
       RETURNING 1
     ), started AS (
       INSERT INTO ${table}.guard_counters (context, tenant, key, value)
       SELECT d.context, d.tenant, d.key, d.delta FROM deltas d
        WHERE NOT EXISTS (SELECT 1 FROM ${table}.guard_counters c WHERE c.context = d.context AND c.tenant = d.tenant AND c.key = d.key)
       RETURNING 1
     )
     SELECT (SELECT n FROM late) AS late, (SELECT count(*) FROM appended), (SELECT count(*) FROM recorded),
            (SELECT count(*) FROM released), (SELECT count(*) FROM claimed), (SELECT count(*) FROM counted), (SELECT count(*) FROM started)`,
    [JSON.stringify(eventRows(requests)), JSON.stringify(metadata), JSON.stringify(outcomes), ...guardParameters(requests)],
  )) as { rows: { late: string }[] };
  if (Number(result.rows[0].late) > 0) throw new StreamOrderConflict(requests.map((r) => r.streamId));
};
