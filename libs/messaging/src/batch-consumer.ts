import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { LogSink } from './kafka';
import { type PartitionBatch, PartitionPipeline, type PipelineOptions } from './partition-pipeline';

export type { PartitionBatch, PipelineOptions } from './partition-pipeline';

export interface BatchConsumerOptions {
  readonly topics: readonly string[];
  readonly fromBeginning?: boolean;
  /** Partitions handled at once; each partition's messages stay in order. */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * Handles one partition's batch. It must be idempotent: after a crash or a rebalance the
   * same messages come again. Offsets are committed only after it resolves.
   */
  readonly handle: (batch: PartitionBatch) => Promise<void>;
  /** Told of every failed batch (a metric); the batch is retried with back-off, never skipped. */
  readonly onFailure?: (batch: PartitionBatch, error: Error) => void;
  /**
   * Handle each partition's messages as they arrive, in order per key, instead of one fetch at a
   * time (PartitionPipeline). For a handler whose order is per key across its batches (the
   * command doors: per stream), not per partition.
   */
  readonly pipeline?: PipelineOptions;
}

/** A partition whose batch keeps failing: its consumption is held until the cause is fixed. */
export interface StalledPartition {
  readonly topic: string;
  readonly partition: number;
  readonly failures: number;
  readonly since: string;
  readonly error: string;
}

/** How often a running batch asks KafkaJS to heartbeat (it sends one when its interval is due). */
const HEARTBEAT_CHECK_MS = 500;

/** Failures in a row before a partition counts as stalled (one may be a passing fault). */
const STALLED_AFTER = 2;

/**
 * A batch's failure as KafkaJS's retrier sees it. KafkaJS retries a failed batch and, when its
 * retries run out, restarts the consumer — but only for errors it deems retriable: a KafkaJS
 * error marked non-retriable (the handler's own producer answering OUT_OF_ORDER_SEQUENCE_NUMBER
 * after a broker restart) crashed the consumer for good, and the command door stayed down until
 * someone restarted the process (the fault suite saw it). A handler's effects are idempotent by
 * contract, so a Kafka error in them is worth another try; the consumer stays down only for a
 * code bug (a TypeError, a RangeError…), which KafkaJS never retries and the health check shows.
 */
export class BatchFailedError extends Error {
  readonly retriable = true;
  constructor(readonly original: Error) {
    super(original.message);
    this.name = 'BatchFailedError';
  }
}

const isKafkaError = (error: unknown): error is Error => error instanceof Error && error.name.startsWith('KafkaJS');

/** What the batch's failure is rethrown as: a Kafka error made retriable, anything else as it is. */
export const asBatchFailure = (error: unknown): unknown => (isKafkaError(error) ? new BatchFailedError(error) : error);

/**
 * The partitions a member is failing to handle, for its health check. Without a pipeline a
 * partition's batch is its only work, so its success clears the partition; in a pipeline each
 * piece of work clears only its own failures (another key's success says nothing of it).
 */
class Stalls {
  private readonly byPartition = new Map<string, Map<object, StalledPartition>>();

  succeeded(batch: PartitionBatch, work?: object): void {
    const key = `${batch.topic}:${batch.partition}`;
    if (work === undefined) this.byPartition.delete(key);
    else this.byPartition.get(key)?.delete(work);
  }

  /** Records a failure and returns how many in a row; a code bug (`stopped`) counts as stalled at once. */
  failed(batch: PartitionBatch, error: Error, stopped: boolean, work: object = Stalls): number {
    const key = `${batch.topic}:${batch.partition}`;
    const failing = this.byPartition.get(key) ?? new Map<object, StalledPartition>();
    this.byPartition.set(key, failing);
    const before = failing.get(work);
    const failures = Math.max((before?.failures ?? 0) + 1, stopped ? STALLED_AFTER : 0);
    const since = before?.since ?? new Date().toISOString();
    failing.set(work, { topic: batch.topic, partition: batch.partition, failures, since, error: error.message });
    return failures;
  }

  /** A partition that moved to another member is no longer this member's to report: its new owner retries it. */
  keepOnly(assigned: ReadonlySet<string>): void {
    for (const key of [...this.byPartition.keys()]) if (!assigned.has(key)) this.byPartition.delete(key);
  }

  held(): StalledPartition[] {
    return [...this.byPartition.values()].flatMap((failing) => [...failing.values()].filter((p) => p.failures >= STALLED_AFTER).slice(0, 1));
  }
}

/**
 * Runs a KafkaJS consumer batch by batch. The handler owns its effects; this only commits the
 * offsets once they are done and keeps the group membership alive while it works. A batch that
 * throws (a database away, a bug) is retried by KafkaJS with back-off and never skipped; the
 * returned check turns unhealthy while a partition keeps failing, so the stall is seen. With
 * `pipeline`, a PartitionPipeline runs the batches instead and `stop` lets its work end.
 */
export const runBatchConsumer = async (
  consumer: Consumer,
  options: BatchConsumerOptions,
  log: LogSink,
): Promise<{ check: () => Promise<{ ok: boolean; detail: StalledPartition[] }>; stop: () => Promise<void> }> => {
  const stalls = new Stalls();
  const failed = (batch: PartitionBatch, error: Error, stopped = false) => {
    const failures = stalls.failed(batch, error, stopped, options.pipeline ? batch : undefined);
    options.onFailure?.(batch, error);
    const what = stopped ? 'batch failed on a code bug; its partition stops until the process restarts' : 'batch failed; it will be retried, not skipped';
    log.error(what, { topic: batch.topic, partition: batch.partition, failures, error: error.message });
  };
  const pipeline = options.pipeline
    ? new PartitionPipeline(consumer, options.pipeline, options.handle, { succeeded: (batch) => stalls.succeeded(batch, batch), failed }, log)
    : null;
  // Kept, a moved partition's stall would hold this instance unhealthy for good (seen after a
  // PostgreSQL restart); its pipeline lane must not start or retry what the new owner now runs.
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const assigned = new Set(Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) => partitions.map((p) => `${topic}:${p}`)));
    stalls.keepOnly(assigned);
    pipeline?.assigned(assigned);
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
  await consumer.run({
    autoCommit: pipeline === null,
    autoCommitThreshold: 1,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
    eachBatch: async (payload: EachBatchPayload) => {
      const { batch } = payload;
      if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
      if (pipeline) return pipeline.take(payload);
      const partitionBatch = { topic: batch.topic, partition: batch.partition, messages: batch.messages, highWatermark: batch.highWatermark };
      // KafkaJS heartbeats only between batches: a batch outlasting the session (a slow
      // database, a stream that takes long to fold) would get the member evicted and its
      // batch redelivered, and redelivered again. heartbeat() sends only once its interval is due.
      const beat = setInterval(
        () => void payload.heartbeat().catch((error: Error) => log.warn('heartbeat during a batch failed', { error: error.message })),
        HEARTBEAT_CHECK_MS,
      );
      try {
        await options.handle(partitionBatch);
        stalls.succeeded(partitionBatch);
      } catch (error) {
        failed(partitionBatch, error as Error);
        throw asBatchFailure(error);
      } finally {
        clearInterval(beat);
      }
      payload.resolveOffset(batch.lastOffset());
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    },
  });
  const check = async () => {
    const held = stalls.held();
    return { ok: held.length === 0, detail: held };
  };
  return { check, stop: async () => pipeline?.stop() };
};
