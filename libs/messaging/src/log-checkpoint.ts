import type { Kafka } from 'kafkajs';

/**
 * A consumer that keeps its offsets beside its rows (in PostgreSQL, in the rows' transaction)
 * can outlive the log those offsets point into: Kafka's data wiped while the database is kept
 * (a fresh `.data/` on a developer machine, a new cluster), or the topic deleted and made again.
 * The stored offsets then name records of another log, and every record below them would be
 * skipped as "already applied" — silently: after a fresh Kafka, a projection waits for figures
 * that never come. So a checkpoint records the cluster it was taken in, and is judged against
 * the cluster and the partition's end before it is trusted.
 */
export interface StoredCheckpoint {
  /** The first offset not applied yet (last applied + 1). */
  readonly nextOffset: bigint;
  /** The cluster the checkpoint was taken in; null when written before clusters were recorded. */
  readonly clusterId: string | null;
}

export interface LogNow {
  readonly clusterId: string;
  /** The partition's end (its high watermark) as a fetch saw it, when known. */
  readonly highWatermark?: string;
}

/**
 * Why the checkpoint belongs to another log (read the partition again from its start), or null
 * when it can be trusted. A checkpoint of the same log never points past the partition's end:
 * its offsets were read from it, and a partition's end only grows. A topic made again that has
 * already grown past the old offset is caught only by the cluster (a wiped Kafka), not by the end.
 */
export const checkpointOutlived = (stored: StoredCheckpoint, now: LogNow): string | null => {
  if (stored.clusterId !== null && stored.clusterId !== now.clusterId)
    return `the checkpoint was taken in Kafka cluster ${stored.clusterId}, the brokers are cluster ${now.clusterId} (Kafka's data was replaced)`;
  if (now.highWatermark !== undefined && stored.nextOffset > BigInt(now.highWatermark))
    return `the checkpoint's next offset ${stored.nextOffset} is past the partition's end ${now.highWatermark} (the topic was made again or truncated)`;
  return null;
};

/** The brokers' cluster id (Kafka's storage format gives every new cluster its own). */
export const kafkaClusterId = async (kafka: Kafka): Promise<string> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.describeCluster()).clusterId;
  } finally {
    await admin.disconnect();
  }
};
