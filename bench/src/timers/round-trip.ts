/**
 * TIMER_BENCH_ROUND_TRIP=1: `fire` also sends a real lifecycle command (CreateCampaign for a
 * fresh campaign) over Kafka to a campaign-command process started for the run, and awaits its
 * result on the results topic — what the timer-scheduler does when a timer fires.
 */
import { randomUUID } from 'node:crypto';
import { decodeCommandResult, encodeCommand, topicsFor } from '@campaign/contracts';
import { freePort, type RunningApp, startApp, testKafka, testPool } from '@campaign/testing';
import type { Consumer, Producer } from 'kafkajs';
import { note } from './harness';
import { benchSigner, outreachSideEnv } from '../app-env';

export interface RoundTrip {
  readonly describe: string;
  /** Sends one command and resolves with its result (rejects on REJECTED or after 30 s). */
  send(timerKey: string): Promise<void>;
  stop(): Promise<void>;
}

export const startRoundTrip = async (suffix: string): Promise<RoundTrip> => {
  const env = {
    EVENTSTORE_SCHEMA: `bench_rt_es_${suffix}`,
    LIFECYCLE_SCHEMA: `bench_rt_lc_${suffix}`,
    TOPIC_PREFIX: `bench-rt-${suffix}.`,
    COMMAND_CONSUMER_GROUP: `bench-rt-cc-${suffix}`,
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: '20',
    ...outreachSideEnv(`rt_${suffix}`),
  };
  const topics = topicsFor('lifecycle', env.TOPIC_PREFIX);
  note('round trip: starting campaign-command');
  const app: RunningApp = await startApp('campaign-command', await freePort(), env);
  const kafka = testKafka(`bench-timers-${suffix}`);
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer: Consumer = kafka.consumer({ groupId: `bench-rt-results-${suffix}` });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [topics.commandResults], fromBeginning: false });
  const waiting = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  let joined: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        if (!message.value) continue;
        const result = decodeCommandResult(message.value);
        const waiter = waiting.get(result.commandId);
        if (!waiter) continue;
        waiting.delete(result.commandId);
        if (result.status === 'ACCEPTED') waiter.resolve();
        else waiter.reject(new Error(`${result.code}: ${result.message}`));
      }
    },
  });
  await ready;

  // Producing one message per fire with acks=-1 would measure KafkaJS's per-request overhead;
  // fires are gathered for up to 2 ms and sent as one batch, as a real scheduler would.
  let queue: { key: string; value: Buffer; headers: { authorization: string } }[] = [];
  let flushTimer: NodeJS.Timeout | null = null;
  const flush = () => {
    flushTimer = null;
    const messages = queue;
    queue = [];
    producer.send({ topic: topics.commands, acks: -1, messages }).catch((error: Error) => {
      note(`round trip: produce failed: ${error.message}`);
    });
  };

  return {
    describe: `record Date.now(), then CreateCampaign over Kafka to campaign-command (${topics.commands}) and await its result on ${topics.commandResults}`,
    send(_timerKey: string) {
      const commandId = randomUUID();
      const campaignId = randomUUID();
      const value = encodeCommand({
        commandId,
        type: 'CreateCampaign',
        schemaVersion: 1,
        context: 'lifecycle',
        issuedAt: new Date().toISOString(),
        actor: 'timer-bench',
        correlationId: commandId,
        causationId: null,
        tenant: null,
        data: { campaignId, durationHours: 24, autoClose: null, rewardsEnabled: null, startTime: null, metadata: null },
      });
      const done = new Promise<void>((resolve, reject) => {
        const timeout = setTimeout(() => {
          waiting.delete(commandId);
          reject(new Error('no result within 30 s'));
        }, 30_000);
        waiting.set(commandId, {
          resolve: () => {
            clearTimeout(timeout);
            resolve();
          },
          reject: (error) => {
            clearTimeout(timeout);
            reject(error);
          },
        });
      });
      // Signed as the scheduler signs its commands: the door takes no unsigned command.
      void benchSigner.sign(value).then((authorization) => {
        queue.push({ key: `campaign-${campaignId}`, value, headers: { authorization } });
        if (!flushTimer) flushTimer = setTimeout(flush, 2);
      });
      return done;
    },
    async stop() {
      await consumer.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      await app.stop();
      const pg = testPool(1);
      for (const schema of [env.EVENTSTORE_SCHEMA, env.LIFECYCLE_SCHEMA, env.OUTREACH_SCHEMA, env.DISPATCH_SCHEMA])
        await pg.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pg.end();
    },
  };
};
