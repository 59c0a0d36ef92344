import { ads } from '@campaign/contracts';
import { inTransaction, quoteIdent } from '@campaign/eventstore';
import { checkpointOutlived, isDataError, rawDeadLetter } from '@campaign/messaging';
import type { KafkaMessage, Message } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { swapLockKey } from '../../shared/projection-runner';
import { type AppliedFact, MetricFactsWriter } from './metric-facts.writer';
import { type MetricsEngine, partmanParent } from './metrics.schema';

type MetricFact = ads.MetricFact;

export interface FactsBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly KafkaMessage[];
  /** The partition's end as the fetch saw it. */
  readonly highWatermark?: string;
}

export type FactsOutcome =
  | {
      readonly kind: 'applied';
      readonly applied: readonly AppliedFact[];
      readonly deadLetters: readonly Message[];
      /** Records already applied (a redelivery) or older than the retention. */
      readonly skipped: number;
    }
  /**
   * The schema's offsets are not where this process left them (a start, a rebuild's swap), or
   * were taken in another log (`outlived`: they were dropped): read again from there.
   */
  | { readonly kind: 'seek'; readonly after: string | null; readonly outlived?: string };

interface Decoded {
  readonly message: KafkaMessage;
  readonly fact: MetricFact | null;
  readonly error: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Applies the metric facts topic to campaign_metrics, partition batch by partition batch, each
 * in one transaction with the partition's offset (metric_fact_offsets), so a redelivered record
 * changes nothing and a schema that starts empty (a rebuild) is read from offset 0. A record
 * that cannot be a row (undecodable, or one the table rejects) goes to the ads dead-letter
 * topic and its partition moves on. Batches hold the ads context's swap lock shared, as the
 * event projection's do, so a rebuild's schema swap never splits one.
 */
export class MetricFactsProjection {
  private readonly writer: MetricFactsWriter;
  private readonly s: string;
  /** The last offset this process committed per `topic:partition`, null for "none yet". */
  private readonly positions = new Map<string, string | null>();
  /** Days whose partition is known to exist (pg_partman). */
  private readonly days = new Set<number>();

  constructor(
    private readonly pool: Pool,
    readonly schema: string,
    private readonly engine: MetricsEngine,
    /** `<n> days` or null: facts older than that are not kept (their partition would be dropped). */
    private readonly retention: string | null,
    /** Sends letters to the dead-letter topic (before the batch commits: a failed send retries the batch). */
    private readonly sendDeadLetters: (letters: readonly Message[]) => Promise<void>,
    private readonly consumerName: string,
    /** The brokers' cluster, recorded with every offset (checkpointOutlived). */
    private readonly clusterId: string,
  ) {
    this.writer = new MetricFactsWriter(schema);
    this.s = quoteIdent(schema);
  }

  async apply(batch: FactsBatch): Promise<FactsOutcome> {
    const key = `${batch.topic}:${batch.partition}`;
    const decoded = batch.messages.map((message) => decode(message));
    const oldest = Date.now() - retentionMs(this.retention);
    await this.preparePartitions(decoded.flatMap((d) => (d.fact && Date.parse(d.fact.time) >= oldest ? [d.fact] : [])));
    try {
      return await this.run(batch, key, decoded, oldest, false);
    } catch (error) {
      if (!isDataError(error)) throw error;
      // Some record breaks a rule of the table: redo the batch one record at a time to find it.
      return this.run(batch, key, decoded, oldest, true);
    }
  }

  /** Partitions whose stored offset differs from what this process last committed there. */
  async strayPartitions(topic: string): Promise<{ partition: number; after: string | null }[]> {
    const { rows } = await this.pool.query<{ partition: number; last_offset: string }>(
      `SELECT partition, last_offset::text FROM ${this.s}.metric_fact_offsets WHERE topic = $1`,
      [topic],
    );
    const stored = new Map(rows.map((row) => [row.partition, row.last_offset]));
    const stray: { partition: number; after: string | null }[] = [];
    for (const [key, known] of this.positions) {
      const [t, p] = [key.slice(0, key.lastIndexOf(':')), Number(key.slice(key.lastIndexOf(':') + 1))];
      if (t !== topic) continue;
      const now = stored.get(p) ?? null;
      if (now !== known) stray.push({ partition: p, after: now });
    }
    if (stray.length > 0) this.forgetPositions(topic, stray);
    return stray;
  }

  private forgetPositions(topic: string, partitions: readonly { partition: number; after: string | null }[]): void {
    for (const { partition, after } of partitions) this.positions.set(`${topic}:${partition}`, after);
    // Another schema may be live (a swap): its partitions are not the ones seen so far.
    this.days.clear();
  }

  private run(batch: FactsBatch, key: string, decoded: readonly Decoded[], oldest: number, isolate: boolean): Promise<FactsOutcome> {
    const lock = `'${swapLockKey('ads').replace(/'/g, "''")}'`;
    return inTransaction(
      this.pool,
      async (client): Promise<FactsOutcome> => {
        const checkpoint = await this.storedOffset(client, batch);
        const outlived =
          checkpoint &&
          checkpointOutlived(
            { nextOffset: BigInt(checkpoint.last_offset) + 1n, clusterId: checkpoint.cluster_id },
            { clusterId: this.clusterId, highWatermark: batch.highWatermark },
          );
        if (outlived) {
          // Offsets of another log: the rows stay (facts replace their buckets, so reading the
          // new log from its start is safe), the offsets go, and the partition is read from its start.
          await client.query(`DELETE FROM ${this.s}.metric_fact_offsets WHERE topic = $1 AND partition = $2`, [batch.topic, batch.partition]);
          this.forgetPositions(batch.topic, [{ partition: batch.partition, after: null }]);
          return { kind: 'seek', after: null, outlived };
        }
        const stored = checkpoint?.last_offset ?? null;
        const known = this.positions.has(key) ? (this.positions.get(key) as string | null) : undefined;
        const next = stored === null ? null : BigInt(stored) + 1n;
        // Records between the stored offset and this batch may exist (or, none stored, from the
        // start): read from there. A batch that begins at or before the next offset is complete.
        if (known !== stored && (next === null || BigInt(batch.messages[0].offset) > next)) {
          this.forgetPositions(batch.topic, [{ partition: batch.partition, after: stored }]);
          return { kind: 'seek', after: stored };
        }
        const fresh = decoded.filter((d) => next === null || BigInt(d.message.offset) >= next);
        const kept = fresh.filter((d) => !d.fact || Date.parse(d.fact.time) >= oldest);
        const letters: Message[] = [];
        const applied: AppliedFact[] = [];
        const facts = kept.filter((d) => d.fact);
        for (const d of kept) if (d.error) letters.push(this.letter(batch, d.message, d.error));
        if (!isolate) {
          applied.push(
            ...(await this.writer.write(
              client,
              facts.map((d) => d.fact as MetricFact),
            )),
          );
        } else {
          for (const d of facts) {
            const outcome = await this.writeIsolated(client, d.fact as MetricFact);
            if (typeof outcome === 'string') letters.push(this.letter(batch, d.message, outcome));
            else applied.push(...outcome);
          }
        }
        const last = batch.messages[batch.messages.length - 1].offset;
        await client.query(
          `INSERT INTO ${this.s}.metric_fact_offsets (topic, partition, last_offset, cluster_id) VALUES ($1, $2, $3, $4)
           ON CONFLICT (topic, partition) DO UPDATE SET last_offset = EXCLUDED.last_offset, cluster_id = EXCLUDED.cluster_id, updated_at = now()`,
          [batch.topic, batch.partition, last, this.clusterId],
        );
        if (letters.length > 0) await this.sendDeadLetters(letters);
        // Known only once committed: inTransaction commits after this returns, and a failed
        // commit throws, so the position below is corrected by the retry's stored offset check.
        this.positions.set(key, last);
        return { kind: 'applied', applied, deadLetters: letters, skipped: decoded.length - kept.length };
      },
      `BEGIN; SELECT pg_advisory_xact_lock_shared(hashtext(${lock}))`,
    ).catch((error) => {
      // Not committed: what this process knows of the partition is what the database says.
      this.positions.delete(key);
      throw error;
    });
  }

  private async writeIsolated(client: PoolClient, fact: MetricFact): Promise<AppliedFact[] | string> {
    await client.query('SAVEPOINT one_fact');
    try {
      const applied = await this.writer.write(client, [fact]);
      await client.query('RELEASE SAVEPOINT one_fact');
      return applied;
    } catch (error) {
      if (!isDataError(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT one_fact');
      return (error as Error).message;
    }
  }

  private async storedOffset(client: PoolClient, batch: FactsBatch): Promise<{ last_offset: string; cluster_id: string | null } | null> {
    const { rows } = await client.query<{ last_offset: string; cluster_id: string | null }>(
      `SELECT last_offset::text, cluster_id FROM ${this.s}.metric_fact_offsets WHERE topic = $1 AND partition = $2 FOR UPDATE`,
      [batch.topic, batch.partition],
    );
    return rows[0] ?? null;
  }

  private letter(batch: FactsBatch, message: KafkaMessage, error: string): Message {
    return rawDeadLetter(message, { topic: batch.topic, partition: batch.partition }, this.consumerName, error);
  }

  /**
   * pg_partman: the daily partition of every bucket is made before its rows go in — a backfill
   * of old days included (partman premakes only around today) — so no row lands in the default
   * partition, which would then forbid creating that day's partition.
   */
  private async preparePartitions(facts: readonly MetricFact[]): Promise<void> {
    if (this.engine !== 'pg_partman') return;
    const missing = [...new Set(facts.map((f) => Math.floor(Date.parse(f.time) / DAY_MS) * DAY_MS))].filter((day) => !this.days.has(day));
    if (missing.length === 0) return;
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ads-metrics-partitions:${this.schema}`]);
      // The days are UTC midnights; read in another zone they would straddle two partitions.
      await client.query(`SET LOCAL TimeZone = 'UTC'`);
      await client.query(`SELECT partman.create_partition_time(p_parent_table := $1, p_partition_times := $2::timestamptz[], p_analyze := false)`, [
        partmanParent(this.schema),
        missing.map((day) => new Date(day).toISOString()),
      ]);
    });
    for (const day of missing) this.days.add(day);
  }
}

const retentionMs = (retention: string | null): number => (retention === null ? Infinity : parseInt(retention, 10) * DAY_MS);

const decode = (message: KafkaMessage): Decoded => {
  try {
    const fact = ads.metricFactCodec.decode(message.value ?? Buffer.alloc(0));
    return { message, fact, error: null };
  } catch (error) {
    return { message, fact: null, error: `undecodable metric fact: ${(error as Error).message}` };
  }
};
