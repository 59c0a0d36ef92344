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
