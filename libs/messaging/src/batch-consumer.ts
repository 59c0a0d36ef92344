import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { LogSink } from './kafka';

export interface PartitionBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly KafkaMessage[];
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
}

/**
 * Runs a KafkaJS consumer batch by batch. The handler owns its effects; this only commits the
 * offsets once they are done and keeps the group membership alive while it works.
 */
export const runBatchConsumer = async (consumer: Consumer, options: BatchConsumerOptions, log: LogSink): Promise<void> => {
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
      try {
        await options.handle({ topic: batch.topic, partition: batch.partition, messages: batch.messages });
      } catch (error) {
        log.error('batch failed; it will be redelivered', { topic: batch.topic, partition: batch.partition, error: (error as Error).message });
        throw error;
      }
      payload.resolveOffset(batch.lastOffset());
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    },
  });
};
