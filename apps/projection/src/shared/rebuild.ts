import { inTransaction, LOG_START, type LogPosition, type PostgresEventStore, quoteIdent } from '@campaign/eventstore';
import { envelopeOf, eventStoreSource, type LogSink } from '@campaign/messaging';
import type { Pool } from 'pg';
import { type Projection, ProjectionRunner, swapLockKey } from './projection-runner';

export interface RebuildableProjection extends Projection {
  migrate(pool: Pool): Promise<void>;
  refreshViews(pool: Pool): Promise<void>;
}

export interface RebuildOptions {
  /** The live schema the rebuilt copy replaces (or is compared with). */
  readonly liveSchema: string;
  /** Where to build; defaults to `<live>_rebuild`. */
  readonly target?: string;
  /** Swap the rebuilt schema in for the live one when done. */
  readonly swap: boolean;
  readonly batchSize?: number;
}

export interface RebuildReport {
  readonly context: string;
  readonly schema: string;
  readonly events: number;
  readonly deadLetters: number;
  readonly swapped: boolean;
  readonly millis: number;
  /** Time spent waiting for the log beyond what applying the previous batch hid. */
  readonly readWaitMillis: number;
  /** Writing the replayed streams' checkpoints out at the end of the bulk replay. */
  readonly checkpointMillis: number;
  /** Building the secondary indexes the bulk replay ran without. */
  readonly indexMillis: number;
}

export class RebuildTargetError extends Error {
  readonly code = 'REBUILD_TARGET_NOT_OWNED';

  constructor(message: string) {
    super(message);
    this.name = 'RebuildTargetError';
  }
}

/** The comment a shadow schema carries: proof that a rebuild made it and may drop it. */
const shadowMark = (live: string): string => `campaign-platform rebuild shadow of ${live}`;
const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * Events per batch of a rebuild: the writer folds a batch in memory and writes each touched row
 * once, so larger batches mean fewer statements; 10,000 keeps a batch's rows well inside memory.
 */
const REBUILD_BATCH = 10_000;

/**
 * Rebuilds a context's read models from the event store into a shadow schema while the live
 * one keeps serving, then (optionally) swaps them. Live batches hold a shared advisory lock;
 * the swap takes it exclusively, replays the tail the live consumer may already have applied,
 * and renames the schemas in one transaction, so no event is lost across the switch.
 */
export class Rebuilder {
  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    private readonly log: LogSink,
  ) {}

  async rebuild(create: (schema: string) => RebuildableProjection, options: RebuildOptions): Promise<RebuildReport> {
    const started = Date.now();
    const target = options.target ?? `${options.liveSchema}_rebuild`;
    const projection = create(target);
    await this.claimShadow(target, options.liveSchema);
    await this.pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(target)} CASCADE`);
    await projection.migrate(this.pool);
    await this.pool.query(`COMMENT ON SCHEMA ${quoteIdent(target)} IS ${quoteLiteral(shadowMark(options.liveSchema))}`);
    const deferred = await this.dropSecondaryIndexes(target);
    const runner = new ProjectionRunner(this.pool, projection, false, eventStoreSource(this.store));
    const batchSize = options.batchSize ?? REBUILD_BATCH;
    const bulk = await this.replay(runner, projection.context, LOG_START, batchSize);
    const flushStarted = Date.now();
    await runner.flushCheckpoints();
    const checkpointMillis = Date.now() - flushStarted;
    const indexStarted = Date.now();
    await this.createIndexes(deferred);
    const indexMillis = Date.now() - indexStarted;
    let tail = { events: 0, deadLetters: 0, readWaitMillis: 0 };
    if (options.swap) tail = await this.swap(runner, projection, options.liveSchema, bulk.position, batchSize);
    else await projection.refreshViews(this.pool);
    const report = {
      context: projection.context,
      schema: options.swap ? options.liveSchema : target,
      events: bulk.events + tail.events,
      deadLetters: bulk.deadLetters + tail.deadLetters,
      swapped: options.swap,
      millis: Date.now() - started,
      readWaitMillis: bulk.readWaitMillis + tail.readWaitMillis,
      checkpointMillis,
      indexMillis,
    };
    this.log.log('read models rebuilt', { ...report });
    return report;
  }

  /**
   * Reads the log in commit order and applies it batch by batch; the next batch is read while
   * the current one is applied (two connections), so the read costs only what the apply does
   * not hide (`readWaitMillis`).
   */
  private async replay(runner: ProjectionRunner, context: string, from: LogPosition, batchSize: number) {
    let position = from;
    let events = 0;
    let deadLetters = 0;
    let readWaitMillis = 0;
    const read = (after: LogPosition) => {
      const pending = this.store.readCommitted(after, batchSize, context);
      // A failed apply leaves the prefetch unawaited: its rejection must not go unhandled.
      pending.catch(() => undefined);
      return pending;
    };
    let next = read(position);
    for (;;) {
      const waitStarted = Date.now();
      const batch = await next;
      readWaitMillis += Date.now() - waitStarted;
      if (batch.length === 0) return { position, events, deadLetters, readWaitMillis };
      const last = batch[batch.length - 1];
      position = { transactionId: last.transactionId, globalPosition: last.globalPosition };
      next = read(position);
      const result = await runner.applyBatch(batch.map(envelopeOf));
      events += batch.length;
      deadLetters += result.deadLetters.length;
    }
  }

  /**
   * Drops the shadow schema's plain secondary indexes before the bulk replay and returns their
   * definitions: maintaining them row by row costs the replay more than building them once at
   * the end (what pg_restore does too). Only indexes that enforce nothing are deferred: primary
   * keys, unique indexes and constraints stay, so a row that breaks one is still found in its
   * batch and set aside as its event's dead letter. Partitioned tables keep theirs (their
   * partitions are created during the replay and inherit the parent's indexes), and so do
   * partial and expression indexes (PostgreSQL prints their expressions back in another
   * spelling; kept as created, the rebuilt schema's DDL reads exactly as the live one's).
   */
  private async dropSecondaryIndexes(schema: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string; definition: string }>(
      `SELECT ix.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_class ix ON ix.oid = i.indexrelid
        WHERE t.relnamespace = $1::regnamespace AND t.relkind = 'r' AND NOT t.relispartition
          AND NOT i.indisunique AND NOT i.indisprimary AND NOT i.indisexclusion
          AND i.indpred IS NULL AND i.indexprs IS NULL
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY ix.relname`,
      [schema],
    );
    if (rows.length > 0) await this.pool.query(`DROP INDEX ${rows.map((r) => `${quoteIdent(schema)}.${quoteIdent(r.name)}`).join(', ')}`);
    return rows.map((r) => r.definition);
  }

  /** Builds the deferred indexes, two at a time (one per core of the machines this runs on). */
  private async createIndexes(definitions: readonly string[]): Promise<void> {
    const queue = [...definitions];
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await this.pool.query(next);
    };
    await Promise.all([worker(), worker()]);
  }

  /**
   * A rebuild drops and recreates its target, so the target must be its own: a schema that
   * does not exist yet, or one an earlier rebuild of the same live schema created and marked.
   * Never the live schema, the event store or any other schema that happens to exist.
   */
  private async claimShadow(target: string, live: string): Promise<void> {
    if (target === live) throw new RebuildTargetError(`the rebuild target cannot be the live schema ${live}`);
    const { rows } = await this.pool.query<{ mark: string | null }>(
      `SELECT obj_description(oid, 'pg_namespace') AS mark FROM pg_namespace WHERE nspname = $1`,
      [target],
    );
    if (rows.length > 0 && rows[0].mark !== shadowMark(live)) {
      throw new RebuildTargetError(`schema ${target} exists and is not a rebuild shadow of ${live}: choose a new name`);
    }
  }

  private async swap(runner: ProjectionRunner, projection: RebuildableProjection, live: string, from: LogPosition, batchSize: number) {
    const retired = `${live}_retired`;
    const tail = await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [swapLockKey(projection.context)]);
      const replayed = await this.replay(runner, projection.context, from, batchSize);
      // The tail's checkpoints too, before the schema goes live: redeliveries must find them.
      await runner.flushCheckpoints();
      await projection.refreshViews(this.pool);
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(retired)} CASCADE`);
      await client.query(`ALTER SCHEMA ${quoteIdent(live)} RENAME TO ${quoteIdent(retired)}`);
      await client.query(`ALTER SCHEMA ${quoteIdent(projection.schema)} RENAME TO ${quoteIdent(live)}`);
      // Live now: no later rebuild may take it for a shadow of its own.
      await client.query(`COMMENT ON SCHEMA ${quoteIdent(live)} IS NULL`);
      return replayed;
    });
    await this.pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(retired)} CASCADE`);
    return tail;
  }
}
