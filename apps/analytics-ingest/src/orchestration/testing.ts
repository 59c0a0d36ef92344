/** The orchestration command side, played over real Kafka for the ingest's specs; production code never imports this. */
import { type CommandEnvelope, type CommandResult, decodeCommand, encodeCommandResult, topicSpecs, topicsFor } from '@campaign/contracts';
import { ensureTopics } from '@campaign/messaging';
import { JsonLogger } from '@campaign/runtime';
import { TEST_JWT_SECRET, testKafka, uniqueSuffix } from '@campaign/testing';
import type { INestApplication } from '@nestjs/common';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { createIngestApp } from '../app.module';
import { configSchema } from '../config';

/** What the played command side answers a command: a result, or null to stay silent (the sender times out). */
export type Responder = (command: CommandEnvelope) => Pick<CommandResult, 'status' | 'code' | 'message' | 'details'> | null;

export const acceptAll: Responder = () => ({ status: 'ACCEPTED', code: null, message: null, details: null });

/** Reads `<prefix>orchestration.commands`, keeps each command with its key and answers on the results topic. */
export class PlayedOrchestrationSide {
  readonly received: { readonly command: CommandEnvelope; readonly key: string }[] = [];
  responder: Responder = acceptAll;
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly prefix: string,
  ) {}

  async start(): Promise<void> {
    const topics = topicsFor('orchestration', this.prefix);
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    const consumer = this.kafka.consumer({ groupId: `played-orchestration-${uniqueSuffix()}` });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.commands], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (!message.value) return;
        const command = decodeCommand(message.value);
        this.received.push({ command, key: message.key?.toString() ?? '' });
        const answer = this.responder(command);
        if (!answer) return;
        const result: CommandResult = {
          commandId: command.commandId,
          context: 'orchestration',
          streamId: null,
          streamVersion: null,
          processedAt: new Date().toISOString(),
          ...answer,
        };
        await this.producer?.send({ topic: topics.commandResults, messages: [{ key: command.commandId, value: encodeCommandResult(result) }] });
      },
    });
    this.consumer = consumer;
    await joined;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  commandsOf(campaignId: string): CommandEnvelope[] {
    return this.received.filter(({ command }) => (command.data as { campaignId?: string }).campaignId === campaignId).map(({ command }) => command);
  }
}

export interface OrchestrationIngestBed {
  readonly url: string;
  readonly app: INestApplication;
  readonly side: PlayedOrchestrationSide;
  close(): Promise<void>;
}

/** The app in-process on a free port, its topics under a prefix of this run, the command side played on them. */
export const startOrchestrationIngest = async (): Promise<OrchestrationIngestBed> => {
  const suffix = uniqueSuffix();
  const prefix = `it-${suffix}.`;
  const kafka = testKafka();
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, topicSpecs('orchestration', prefix), 1);
  await admin.disconnect();
  const side = new PlayedOrchestrationSide(kafka, prefix);
  await side.start();
  const config = configSchema.parse({
    ...process.env,
    HTTP_PORT: '0',
    TOPIC_PREFIX: prefix,
    REDIS_KEY_PREFIX: `ingest-it-${suffix}:`,
    INSTANCE_ID: `it-${suffix}`,
    TRACKING_SECRET: 'tracking-secret-for-tests-0123456789abcdef',
    WEBHOOK_SECRET: 'webhook-secret-for-tests-0123456789abcdef',
    JWT_SECRET: TEST_JWT_SECRET,
    COMMAND_TIMEOUT_MS: '3000',
  });
  const app = await createIngestApp(config, new JsonLogger('analytics-ingest', 'error'));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    side,
    close: async () => {
      await app.close();
      await side.stop();
    },
  };
};
