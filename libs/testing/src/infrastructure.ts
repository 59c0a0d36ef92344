import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface Infrastructure {
  readonly kafkaBrokers: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
}

export const REPO_ROOT = join(__dirname, '..', '..', '..');

const fromEnv = (): Infrastructure | null => {
  const { KAFKA_BROKERS, DATABASE_URL, REDIS_URL } = process.env;
  return KAFKA_BROKERS && DATABASE_URL && REDIS_URL ? { kafkaBrokers: KAFKA_BROKERS, databaseUrl: DATABASE_URL, redisUrl: REDIS_URL } : null;
};

export const dockerEngineAvailable = (): boolean => {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
};

/** Starts Kafka, Postgres and Redis with the project's own scripts (idempotent, locked). */
const startLocalServices = (): Infrastructure => {
  const up = join(REPO_ROOT, 'infra', 'bin', 'up');
  if (!existsSync(up)) throw new Error(`cannot start the test services: ${up} is missing`);
  execFileSync(up, [], { stdio: 'inherit', timeout: 10 * 60_000 });
  return {
    kafkaBrokers: '127.0.0.1:9092',
    databaseUrl: 'postgres://campaign:campaign@127.0.0.1:5432/campaign',
    redisUrl: 'redis://127.0.0.1:6379',
  };
};

/**
 * Where the tests find their services, in order of preference: KAFKA_BROKERS/DATABASE_URL/
 * REDIS_URL when set; containers when a Docker engine exists; otherwise the local services
 * started by infra/bin/up. The stop function tears down only what this call started.
 */
export const provideInfrastructure = async (): Promise<{ infrastructure: Infrastructure; stop: () => Promise<void> }> => {
  const configured = fromEnv();
  if (configured) return { infrastructure: configured, stop: async () => undefined };
  if (dockerEngineAvailable()) {
    const { startContainers } = await import('./containers');
    return startContainers();
  }
  return { infrastructure: startLocalServices(), stop: async () => undefined };
};

export const exportInfrastructure = (infrastructure: Infrastructure): void => {
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.DATABASE_URL = infrastructure.databaseUrl;
  process.env.REDIS_URL = infrastructure.redisUrl;
};
