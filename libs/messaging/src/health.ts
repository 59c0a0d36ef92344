import type { Admin, Kafka } from 'kafkajs';

/**
 * A readiness check that asks the cluster for its brokers over one long-lived admin
 * connection, so health reflects the broker now rather than at start-up.
 */
export const kafkaClusterCheck = (kafka: Kafka) => {
  let admin: Admin | null = null;
  const check = async () => {
    if (!admin) {
      admin = kafka.admin();
      await admin.connect();
    }
    try {
      const cluster = await admin.describeCluster();
      return { ok: cluster.brokers.length > 0, detail: { brokers: cluster.brokers.length, controller: cluster.controller } };
    } catch (error) {
      const failed = admin;
      admin = null;
      await failed.disconnect().catch(() => undefined);
      throw error;
    }
  };
  const close = async () => {
    await admin?.disconnect();
    admin = null;
  };
  return { check, close };
};

export interface GroupConsumerOptions {
  readonly groupId: string;
  /** How soon a crashed member's partitions move to a live one. */
  readonly sessionTimeoutMs: number;
  /** Told about every crash (KafkaJS restarts the consumer when `restart` is true). */
  readonly onCrash?: (error: string, restart: boolean) => void;
  /** The most a fetch brings of one partition (KafkaJS: 1 MB); the fetch's whole is four times that, at least KafkaJS's 10 MB. */
  readonly maxBytesPerPartition?: number;
}

/**
 * A consumer of a group, with a readiness check: unhealthy from a crash until the consumer
 * joins its group again. Every service's event and command consumers are made here.
 */
export const groupConsumer = (kafka: Kafka, options: GroupConsumerOptions) => {
  const consumer = kafka.consumer({
    groupId: options.groupId,
    allowAutoTopicCreation: false,
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: Math.floor(options.sessionTimeoutMs / 10),
    ...(options.maxBytesPerPartition
      ? { maxBytesPerPartition: options.maxBytesPerPartition, maxBytes: Math.max(4 * options.maxBytesPerPartition, 10 * 1024 * 1024) }
      : {}),
  });
  let crashed: string | null = null;
  consumer.on(consumer.events.CRASH, (event) => {
    crashed = event.payload.error.message;
    options.onCrash?.(crashed, event.payload.restart);
  });
  consumer.on(consumer.events.GROUP_JOIN, () => (crashed = null));
  const check = async () => ({ ok: crashed === null, detail: crashed });
  return { consumer, check };
};
