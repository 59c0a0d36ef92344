import type { Pool } from 'pg';
import type { CommandKey, ProcessedCommand } from './idempotency';
import { type AppendRequestWithoutOutcome, insertEvents } from './append-statement';
import { GuardViolationError, isGuardViolation, judgeGuards } from './guards';
import { isUniqueViolation } from './sql';
import { StreamCache } from './stream-cache';
import { type CommandOutcome, ConcurrencyError, DuplicateCommandError, type StoredEvent, StreamAlreadyExistsError } from './types';

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
