/** What a run's apps leave outside PostgreSQL: their topics and their Redis keys, removed afterwards. */
import { testKafka } from '@campaign/testing';
import Redis from 'ioredis';

/** Deletes the topics the run's apps made under their prefix (a broker's heap grows with its partitions). */
export const deleteRunTopics = async (prefix: string): Promise<void> => {
  const admin = testKafka().admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } catch (error) {
    process.stderr.write(`could not delete the run's topics ${prefix}*: ${(error as Error).message}\n`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
};

/** Deletes the Redis keys under the run's REDIS_KEY_PREFIX (the real-time figures of its campaigns). */
export const deleteRunRedisKeys = async (prefix: string): Promise<void> => {
  const url = process.env.REDIS_URL;
  if (!url) return;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch (error) {
    process.stderr.write(`could not delete the run's Redis keys ${prefix}*: ${(error as Error).message}\n`);
  } finally {
    redis.disconnect();
  }
};
