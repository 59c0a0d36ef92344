import { KafkaContainer } from '@testcontainers/kafka';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { RedisContainer } from '@testcontainers/redis';
import type { Infrastructure } from './infrastructure';

/** For machines with a Docker engine: the same services as infra/bin/up, in containers. */
export const startContainers = async (): Promise<{ infrastructure: Infrastructure; stop: () => Promise<void> }> => {
  const [postgres, kafka, redis] = await Promise.all([
    new PostgreSqlContainer('postgres:15').withDatabase('campaign').withUsername('campaign').withPassword('campaign').start(),
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
    new RedisContainer('redis:7').start(),
  ]);
  return {
    infrastructure: {
      kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
      databaseUrl: postgres.getConnectionUri(),
      redisUrl: redis.getConnectionUrl(),
    },
    stop: async () => {
      await Promise.all([postgres.stop(), kafka.stop(), redis.stop()]);
    },
  };
};
