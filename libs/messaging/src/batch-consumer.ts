import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { LogSink } from './kafka';

export interface PartitionBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly KafkaMessage[];
  /** The partition's end as the fetch saw it (see checkpointOutlived). */
  readonly highWatermark?: string;
}

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
 * Runs a KafkaJS consumer batch by batch. The handler owns its effects; this only commits the
 * offsets once they are done and keeps the group membership alive while it works. A batch that
 * throws (a database away, a bug) is retried by KafkaJS with back-off and never skipped; the
 * returned check turns unhealthy while a partition keeps failing, so the stall is seen.
 */
export const runBatchConsumer = async (
  consumer: Consumer,
  options: BatchConsumerOptions,
  log: LogSink,
): Promise<{ check: () => Promise<{ ok: boolean; detail: StalledPartition[] }> }> => {
  const stalled = new Map<string, StalledPartition>();
  // A partition that moved to another member (a rebalance, or this consumer restarting after
  // KafkaJS gave up retrying) is no longer this member's to report: its new owner retries it.
  // Kept, it would hold this instance unhealthy for good (seen after a PostgreSQL restart).
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const assigned = new Set(Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) => partitions.map((p) => `${topic}:${p}`)));
    for (const key of [...stalled.keys()]) if (!assigned.has(key)) stalled.delete(key);
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
  await consumer.run({
    autoCommit: true,
    autoCommitThreshold: 1,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
    eachBatch: async (payload: EachBatchPayload) => {
      const { batch } = payload;
      if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
      const key = `${batch.topic}:${batch.partition}`;
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
        stalled.delete(key);
      } catch (error) {
        const before = stalled.get(key);
        const failures = (before?.failures ?? 0) + 1;
        stalled.set(key, {
          topic: batch.topic,
          partition: batch.partition,
          failures,
          since: before?.since ?? new Date().toISOString(),
          error: (error as Error).message,
        });
        options.onFailure?.(partitionBatch, error as Error);
        log.error('batch failed; it will be retried, not skipped', {
          topic: batch.topic,
          partition: batch.partition,
          failures,
          error: (error as Error).message,
        });
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
    const held = [...stalled.values()].filter((p) => p.failures >= STALLED_AFTER);
    return { ok: held.length === 0, detail: held };
  };
  return { check };
};
