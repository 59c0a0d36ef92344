import type { Admin, ITopicConfig, Kafka } from 'kafkajs';
import type { LogSink } from './kafka';

export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions: number;
  readonly configEntries?: readonly { readonly name: string; readonly value: string }[];
}

/**
 * Creates the topics the project owns, with their explicit partition counts (auto-creation is
 * off on the brokers). Existing topics are left alone; a wrong partition count is reported.
 */
export const ensureTopics = async (admin: Admin, specs: readonly TopicSpec[], replicationFactor = -1): Promise<void> => {
  const existing = new Set(await admin.listTopics());
  const missing: ITopicConfig[] = specs
    .filter((spec) => !existing.has(spec.topic))
    .map((spec) => ({
      topic: spec.topic,
      numPartitions: spec.numPartitions,
      replicationFactor,
      configEntries: spec.configEntries?.map((entry) => ({ ...entry })),
    }));
  if (missing.length > 0) {
    try {
      await admin.createTopics({ topics: missing, waitForLeaders: true });
    } catch (error) {
      // Another service may have created some between list and create (services start
      // together), and a just-started broker may answer "does not host this topic-partition"
      // while new topics propagate: fine once every one is listed. Otherwise the error stands.
      const allListed = async () => {
        const now = new Set(await admin.listTopics());
        const absent = missing.filter((spec) => !now.has(spec.topic)).map((spec) => spec.topic);
        if (absent.length > 0) throw Object.assign(new Error(`topics not listed yet: ${absent.join(', ')}`), { retriable: true });
      };
      const retriable = (error as { retriable?: boolean }).retriable === true;
      await (retriable ? whileRetriable(allListed, 'new topics to be listed') : allListed()).catch(() => {
        throw error;
      });
    }
  }
  const metadata = await metadataOnceLed(
    admin,
    specs.map((spec) => spec.topic),
  );
  for (const spec of specs) {
    const found = metadata.topics.find((t) => t.name === spec.topic);
    if (found && found.partitions.length !== spec.numPartitions) {
      throw new Error(`topic ${spec.topic} has ${found.partitions.length} partitions, expected ${spec.numPartitions}`);
    }
  }
  // The metadata names a leader a moment before that broker serves the partition: until then
  // ListOffsets (what a new consumer asks first) answers "not the leader". Wait for it here.
  for (const spec of specs) await whileRetriable(() => admin.fetchTopicOffsets(spec.topic), 'topic partitions to be served');
};

const METADATA_WAIT_MS = 30_000;

/**
 * Runs `attempt` again while it fails with an error Kafka calls retriable (a leader moving or
 * not yet in place), for up to `waitMs`; any other error, or the last one, is thrown.
 */
export const whileRetriable = async <T>(attempt: () => Promise<T>, what: string, log?: Pick<LogSink, 'warn'>, waitMs = METADATA_WAIT_MS): Promise<T> => {
  const deadline = Date.now() + waitMs;
  let warned = false;
  for (let delay = 100; ; delay = Math.min(delay * 2, 1_000)) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || Date.now() > deadline) throw error;
      if (!warned) log?.warn(`waiting for ${what}`, { error: (error as Error).message });
      warned = true;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
};

/**
 * The topics' metadata, waiting while their partitions have no leader yet: when another
 * service created them a moment ago (services start together), the broker answers "does not
 * host this topic-partition" until the leaders are elected.
 */
const metadataOnceLed = (admin: Admin, topics: string[]) =>
  whileRetriable(async () => {
    const metadata = await admin.fetchTopicMetadata({ topics });
    if (metadata.topics.every((t) => t.partitions.every((p) => p.leader >= 0))) return metadata;
    throw Object.assign(new Error(`no leader elected yet for a partition of ${topics.join(', ')}`), { retriable: true });
  }, 'topic leaders');

/** ensureTopics through an admin client of its own: what a service does with its topics at start. */
export const ensureTopicsOf = async (kafka: Kafka, specs: readonly TopicSpec[]): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, specs);
  } finally {
    await admin.disconnect();
  }
};
