import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { topicSpecs, topicsFor } from '@campaign/contracts';
import { baseConfigSchema, loadConfig, z } from '@campaign/runtime';
import { collectMessages, REPO_ROOT, uniqueSuffix } from '@campaign/testing';
import type { Kafka } from 'kafkajs';
import { createKafka, kafkaConnectionOptions, type LogSink } from './kafka';
import { ensureTopics } from './topics';

/**
 * The local SASL broker (`infra/bin/kafka start --sasl`: SCRAM-SHA-512 logins, ACLs from
 * infra/kafka/acls.mjs), reached the way a service reaches it: from environment variables,
 * through loadConfig and kafkaConnectionOptions.
 */
const run = promisify(execFile);
const KAFKA_SCRIPT = join(REPO_ROOT, 'infra', 'bin', 'kafka');
const BROKERS = '127.0.0.1:29092';
const CREDENTIALS = join(REPO_ROOT, '.data', 'kafka-sasl', 'credentials');
const COMMANDS = topicsFor('lifecycle').commands;
const silent: LogSink = { log: () => undefined, warn: () => undefined, error: () => undefined };

const schema = baseConfigSchema.extend({ SERVICE_NAME: z.string().default('sasl-test'), HTTP_PORT: z.coerce.number().default(0) });

/**
 * A client configured like a service whose environment names `user` and its password. Without
 * retries by default: a refusal is the answer under test, not a hiccup to wait out.
 */
const kafkaAs = (user: string, password: { file: string } | { value: string }, retries = 0): Kafka => {
  const config = loadConfig(schema, {
    KAFKA_BROKERS: BROKERS,
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: user,
    ...('file' in password ? { KAFKA_SASL_PASSWORD_FILE: password.file } : { KAFKA_SASL_PASSWORD: password.value }),
  });
  return createKafka({ brokers: [config.KAFKA_BROKERS], clientId: `${user}-${uniqueSuffix()}`, ...kafkaConnectionOptions(config) }, silent, {
    retry: { retries },
  });
};
const passwordFileOf = (user: string) => ({ file: join(CREDENTIALS, `${user}.password`) });

const isRunning = () =>
  run(KAFKA_SCRIPT, ['status', '--sasl']).then(
    () => true,
    () => false,
  );

describe('Kafka behind SASL/SCRAM and ACLs (infra/bin/kafka --sasl)', () => {
  let startedHere = false;

  beforeAll(async () => {
    // Reused when already up (a developer's, or another run's); stopped only if started here.
    if (!(await isRunning())) {
      await run(KAFKA_SCRIPT, ['start', '--sasl'], { timeout: 150_000 });
      startedHere = true;
    }
    const admin = kafkaAs('admin', passwordFileOf('admin'), 8).admin();
    await admin.connect();
    try {
      await ensureTopics(admin, topicSpecs('lifecycle'));
    } finally {
      await admin.disconnect();
    }
  }, 240_000);

  afterAll(async () => {
    if (startedHere) await run(KAFKA_SCRIPT, ['stop', '--sasl'], { timeout: 60_000 });
  }, 90_000);

  it('refuses a service that logs in with a wrong password', async () => {
    const producer = kafkaAs('timer-scheduler', { value: 'not-the-password' }).producer();
    await expect(producer.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    await producer.disconnect();
  });

  it('lets only a service that sends commands write to a commands topic, and keeps nothing of a refused write', async () => {
    const refused = `refused-${uniqueSuffix()}`;
    const accepted = `accepted-${uniqueSuffix()}`;
    const projection = kafkaAs('projection', passwordFileOf('projection')).producer({ allowAutoTopicCreation: false });
    const scheduler = kafkaAs('timer-scheduler', passwordFileOf('timer-scheduler')).producer({ allowAutoTopicCreation: false });
    await Promise.all([projection.connect(), scheduler.connect()]);
    try {
      // The projection logs in (its password is right) but may only read events.
      await expect(projection.send({ topic: COMMANDS, acks: -1, messages: [{ partition: 0, value: refused }] })).rejects.toMatchObject({
        type: 'TOPIC_AUTHORIZATION_FAILED',
      });
      await scheduler.send({ topic: COMMANDS, acks: -1, messages: [{ partition: 0, value: accepted }] });
    } finally {
      await Promise.all([projection.disconnect(), scheduler.disconnect()]);
    }
    // Read back as admin, up to the accepted message, which was written after the refused one.
    const seen = await collectMessages(kafkaAs('admin', passwordFileOf('admin'), 8), COMMANDS, (all) =>
      all.some((c) => c.message.value?.toString() === accepted),
    );
    const values = seen.map((c) => c.message.value?.toString());
    expect(values).toContain(accepted);
    expect(values).not.toContain(refused);
  });
});
