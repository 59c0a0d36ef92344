/**
 * campaign-command's Kafka door under load: CreateCampaign commands produced in batches to
 * `<prefix>lifecycle.commands` (keyed by the campaign's stream id), counted until every result
 * is on `<prefix>lifecycle.command-results` and every event is on `<prefix>lifecycle.events`.
 */
import { randomUUID } from 'node:crypto';
import { decodeCommandResult, encodeCommand, topicsFor } from '@campaign/contracts';
import { testKafka, uniqueSuffix } from '@campaign/testing';
import { benchSigner } from './app-env';
import type { Consumer, EachBatchPayload } from 'kafkajs';

export interface KafkaDoorRun {
  /** Start → every result and every event seen. */
  readonly seconds: number;
  /** Start → every result seen. */
  readonly resultsSeconds: number;
  /** Start → every command acknowledged by the broker. */
  readonly producedSeconds: number;
  readonly rejected: number;
}

/** A consumer of its own group, joined before the clock starts so that joining is not timed. */
const joinedConsumer = async (topic: string, onBatch: (payload: EachBatchPayload) => void): Promise<Consumer> => {
  const consumer = testKafka().consumer({ groupId: `bench-door-${uniqueSuffix()}` });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachBatch: async (payload) => onBatch(payload) });
  await joined;
  return consumer;
};

export const kafkaDoorThroughput = async (topicPrefix: string, commands: number, batchSize: number): Promise<KafkaDoorRun> => {
  const topics = topicsFor('lifecycle', topicPrefix);
  const campaignIds = Array.from({ length: commands }, () => randomUUID());
  const streams = new Set(campaignIds.map((id) => `campaign-${id}`));
  const commandIds = new Set<string>();
  let results = 0;
  let rejected = 0;
  let events = 0;
  let resultsAt = 0n;
  let allDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const check = () => {
    if (results >= commands && resultsAt === 0n) resultsAt = process.hrtime.bigint();
    if (results >= commands && events >= commands) allDone();
  };
  // The events topic also holds the HTTP run's events: only this run's streams count.
  const eventsConsumer = await joinedConsumer(topics.events, ({ batch }) => {
    for (const message of batch.messages) if (message.key && streams.delete(message.key.toString())) events++;
    check();
  });
  const resultsConsumer = await joinedConsumer(topics.commandResults, ({ batch }) => {
    for (const message of batch.messages) {
      if (!message.value) continue;
      const result = decodeCommandResult(message.value);
      if (!commandIds.delete(result.commandId)) continue;
      results++;
      if (result.status !== 'ACCEPTED') rejected++;
    }
    check();
  });
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const started = process.hrtime.bigint();
    for (let from = 0; from < commands; from += batchSize) {
      const messages = await Promise.all(
        campaignIds.slice(from, from + batchSize).map(async (campaignId) => {
          const commandId = randomUUID();
          commandIds.add(commandId);
          const value = encodeCommand({
            commandId,
            type: 'CreateCampaign',
            schemaVersion: 1,
            context: 'lifecycle',
            issuedAt: new Date().toISOString(),
            actor: 'bench',
            correlationId: null,
            causationId: null,
            tenant: null,
            data: { campaignId, durationHours: 24, autoClose: null, rewardsEnabled: null, startTime: null, metadata: { bench: 'true' } },
          });
          return { key: `campaign-${campaignId}`, value, headers: { authorization: await benchSigner.sign(value) } };
        }),
      );
      await producer.send({ topic: topics.commands, acks: -1, messages });
    }
    const producedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    await done;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { seconds, resultsSeconds: Number(resultsAt - started) / 1e9, producedSeconds, rejected };
  } finally {
    await producer.disconnect();
    await eventsConsumer.disconnect();
    await resultsConsumer.disconnect();
  }
};
