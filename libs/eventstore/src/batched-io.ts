import type { Pool } from 'pg';
import type { CommandKey, ProcessedCommand } from './idempotency';
import { GuardViolationError, guardRows, isGuardViolation, judgeGuards, type StreamGuard } from './guards';
import { isUniqueViolation } from './sql';
import { StreamCache } from './stream-cache';
import {
  type AppendMetadata,
  type CommandOutcome,
  ConcurrencyError,
  DuplicateCommandError,
  type NewEvent,
  type OpenedStream,
  type StoredEvent,
  StreamAlreadyExistsError,
  StreamOrderConflict,
} from './types';

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

export interface AppendRequest extends AppendRequestWithoutOutcome {
  readonly outcome: CommandOutcome;
}

export interface LoadRequest {
  readonly streamId: string;
  readonly key: CommandKey;
  /** Other streams the decision reads, in folding order (never appended to). */
  readonly alsoReads?: readonly string[];
}

export interface Loaded {
  /** What the command's key was first used for, if it was. */
  readonly processed: ProcessedCommand | null;
  readonly events: StoredEvent[];
  readonly version: number;
  /** The events of `alsoReads`, stream after stream in the order asked, each in version order. */
  readonly alsoRead: StoredEvent[];
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
    private readonly cache: StreamCache = new StreamCache(0),
  ) {}

  /**
   * Each command's earlier outcome, if any, its stream and the streams it also reads — one round
   * trip for the batch. Of a stream the cache holds, only the events after its version are read.
   */
  async load(requests: readonly LoadRequest[]): Promise<Loaded[]> {
    const streamIds = [...new Set(requests.flatMap((r) => [r.streamId, ...(r.alsoReads ?? [])]))];
    const held = new Map(streamIds.map((id) => [id, this.cache.get(id)]));
    const { rows } = await this.pool.query(
      `SELECT NULL::int AS processed_for, NULL::jsonb AS outcome, NULL::text AS fingerprint, ${this.columns}
         FROM unnest($1::text[], $2::int[]) AS s(stream_id, after) JOIN ${this.table}.events e USING (stream_id)
        WHERE e.stream_version > s.after
       UNION ALL
       SELECT k.request::int, p.result, p.fingerprint, ${this.columns
         .split(',')
         .map(() => 'NULL')
         .join(', ')}
         FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS k(context, tenant, command_id, request)
         JOIN ${this.table}.processed_commands p USING (context, tenant, command_id)
       ORDER BY stream_id, stream_version`,
      [
        streamIds,
        streamIds.map((id) => held.get(id)?.version ?? 0),
        ...(['context', 'tenant', 'commandId'] as const).map((part) => requests.map((r) => r.key[part])),
      ],
    );
    // By the request's place in the batch (1-based): each sees only the record of its own key.
    const processed = new Map<number, ProcessedCommand>();
    const fresh = new Map<string, StoredEvent[]>();
    for (const row of rows) {
      if (row.processed_for !== null) processed.set(row.processed_for, { outcome: row.outcome, fingerprint: row.fingerprint });
      else {
        const stream = fresh.get(row.stream_id);
        if (stream) stream.push(this.toStoredEvent(row as never));
        else fresh.set(row.stream_id, [this.toStoredEvent(row as never)]);
      }
    }
    const streams = new Map(streamIds.map((id) => [id, this.cache.merge(id, held.get(id), fresh.get(id) ?? [])]));
    return requests.map(({ streamId, alsoReads }, index) => {
      const events = streams.get(streamId) ?? [];
      const alsoRead = (alsoReads ?? []).flatMap((id) => streams.get(id) ?? []);
      return { processed: processed.get(index + 1) ?? null, events, version: events.at(-1)?.streamVersion ?? 0, alsoRead };
    });
  }

  /**
   * Appends every request in one statement — one implicit transaction. If it breaks a
   * uniqueness rule, which request did is unknown: each is then retried alone, so only the
   * offender fails (ConcurrencyError, StreamAlreadyExistsError or DuplicateCommandError).
   */
  async append(requests: readonly AppendRequest[], judged = false): Promise<(CommandOutcome | Error)[]> {
    // Orders drawing on counters are judged before the statement, not after it failed: once a
    // hot counter runs dry nearly every batch holds an order it refuses.
    if (!judged && requests.length > 1 && requests.some(drawsOnACounter)) {
      const verdicts = await judgeGuards(this.pool, this.table, requests);
      if (verdicts.some((verdict) => verdict !== null)) return this.appendByVerdicts(requests, verdicts);
    }
    try {
      await this.insert(requests);
      return requests.map((r) => r.outcome);
    } catch (error) {
      if (requests.length > 1 && isGuardViolation(error)) return this.appendJudged(requests);
      if (requests.length > 1 && isUniqueViolation(error)) return Promise.all(requests.map((r) => this.append([r]).then(([one]) => one)));
      if (requests.length === 1 && isGuardViolation(error)) return [await this.guardViolationOf(requests[0], error)];
      // Two first counts of one key raced: the loser re-decides and then updates the winner's row.
      if (requests.length === 1 && isUniqueViolation(error, 'guard_counters_pkey'))
        return [new ConcurrencyError(requests[0].streamId, requests[0].expectedVersion)];
      if (requests.length === 1 && isUniqueViolation(error, 'events_pkey')) return [await this.conflictOf(requests[0])];
      if (requests.length === 1 && isUniqueViolation(error, 'processed_commands_scoped_pkey'))
        return [new DuplicateCommandError(requests[0].metadata.commandId)];
      throw error;
    }
  }

  /**
   * A version clash is a lost race on the command's stream — unless a stream it meant to open
   * exists: that one no re-decision fixes. (The other writer has committed by now: PostgreSQL
   * reports a unique violation only once the conflicting transaction is done.)
   */
  private async conflictOf(request: AppendRequest): Promise<Error> {
    const opened = (request.opened ?? []).map((s) => s.streamId);
    if (opened.length > 0) {
      const { rows } = await this.pool.query<{ stream_id: string }>(
        `SELECT stream_id FROM ${this.table}.events WHERE stream_id = ANY($1::text[]) AND stream_version = 1 LIMIT 1`,
        [opened],
      );
      if (rows[0]) return new StreamAlreadyExistsError(rows[0].stream_id);
    }
    return new ConcurrencyError(request.streamId, request.expectedVersion);
  }

  /** Which guard refused a lone command; if none does any more (the holder let go meanwhile), a lost race to re-decide. */
  private async guardViolationOf(request: AppendRequest, error: unknown): Promise<GuardViolationError | ConcurrencyError> {
    const [violated] = await judgeGuards(this.pool, this.table, [request]);
    if (violated) return violated;
    if (!(error instanceof Error)) throw error;
    return new ConcurrencyError(request.streamId, request.expectedVersion);
  }

  /**
   * A shared statement failed on a guard: the requests are judged in one query (judgeGuards);
   * those forecast to pass are written together, then the others are judged again — refused at
   * once if all still fail, else written the same way. Under contention for the last units this
   * costs a few round trips where a retry per request cost one each.
   */
  private async appendJudged(requests: readonly AppendRequest[]): Promise<(CommandOutcome | Error)[]> {
    const verdicts = await judgeGuards(this.pool, this.table, requests);
    // Nothing forecast: the failure was not what the committed state shows (a racing writer); one by one.
    if (verdicts.every((verdict) => verdict === null)) return Promise.all(requests.map((r) => this.append([r], true).then(([one]) => one)));
    return this.appendByVerdicts(requests, verdicts);
  }

  /**
   * The requests forecast to pass are written together. If all of them were, the forecast held
   * and the others are refused as judged (nothing was written for them); if one was not, what it
   * would have taken is still there, so the others are judged again.
   */
  private async appendByVerdicts(requests: readonly AppendRequest[], verdicts: readonly (GuardViolationError | null)[]): Promise<(CommandOutcome | Error)[]> {
    const passing = requests.filter((_, i) => verdicts[i] === null);
    const refused = requests.filter((_, i) => verdicts[i] !== null);
    if (passing.length === 0) return verdicts as GuardViolationError[];
    const results = new Map<AppendRequest, CommandOutcome | Error>();
    const written = await this.append(passing, true);
    passing.forEach((r, i) => results.set(r, written[i]));
    const judgedAgain = written.every((result) => !(result instanceof Error))
      ? refused.map((r) => verdicts[requests.indexOf(r)] as GuardViolationError)
      : await this.append(refused);
    refused.forEach((r, i) => results.set(r, judgedAgain[i]));
    return requests.map((r) => results.get(r) as CommandOutcome | Error);
  }

  private insert(requests: readonly AppendRequest[]): Promise<void> {
    return insertEvents(this.pool, this.table, requests);
  }
}

const drawsOnACounter = (request: AppendRequestWithoutOutcome): boolean => (request.guards ?? []).some((g) => g.kind === 'count' && g.delta < 0);

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
