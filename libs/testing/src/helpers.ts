import { randomBytes } from 'node:crypto';
import { type Consumer, type ConsumerConfig, Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import { Pool } from 'pg';

/** A short lower-case suffix that keeps schemas, topics and groups of one test apart. */
export const uniqueSuffix = (): string => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the integration tiers through jest's globalSetup`);
  return value;
};

export const testPool = (max = 10): Pool => new Pool({ connectionString: required('DATABASE_URL'), max });

/**
 * Tests' consumers wait at most half a second for data per fetch, as the services' do
 * (@campaign/messaging FETCH_MAX_WAIT_MS): KafkaJS's 5 s would hold every disconnect that long.
 */
class TestKafka extends Kafka {
  override consumer(config: ConsumerConfig): Consumer {
    return super.consumer({ maxWaitTimeInMs: 500, ...config });
  }
}

export const testKafka = (clientId = `test-${uniqueSuffix()}`): Kafka =>
  new TestKafka({ clientId, brokers: required('KAFKA_BROKERS').split(','), logLevel: logLevel.NOTHING });

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns a value that is not undefined/false, or fails with `what`. */
export const waitFor = async <T>(what: string, probe: () => Promise<T | undefined | false>, { timeoutMs = 30_000, intervalMs = 50 } = {}): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
};

export interface Collected {
  readonly partition: number;
  readonly message: KafkaMessage;
}

/**
 * Reads a topic from the beginning with a fresh group until `done` says enough, or the
 * timeout passes (then whatever arrived is returned, for the assertion to judge). With
 * `settleMs`, it keeps reading that long after `done`, so a late duplicate is still seen.
 */
export const collectMessages = async (
  kafka: Kafka,
  topic: string,
  done: (collected: readonly Collected[]) => boolean,
  timeoutMs = 60_000,
  settleMs = 0,
): Promise<Collected[]> => {
  const consumer = kafka.consumer({ groupId: `collector-${uniqueSuffix()}` });
  const collected: Collected[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      collected.push({ partition, message });
      if (done(collected)) finish();
    },
  });
  const timer = setTimeout(finish, timeoutMs);
  await finished;
  clearTimeout(timer);
  if (settleMs > 0) await sleep(settleMs);
  await consumer.disconnect();
  return collected;
};

/** Every row of the given tables as JSON, in a stable order: for comparing two schemas. */
export const dumpTables = async (
  pool: Pool,
  schema: string,
  tables: readonly { readonly table: string; readonly orderBy: string }[],
): Promise<Record<string, unknown[]>> => {
  const dump: Record<string, unknown[]> = {};
  for (const { table, orderBy } of tables) {
    const { rows } = await pool.query(`SELECT to_jsonb(t) AS row FROM "${schema}"."${table}" t ORDER BY ${orderBy}`);
    dump[table] = rows.map((r) => r.row);
  }
  return dump;
};
