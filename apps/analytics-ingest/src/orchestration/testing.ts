/** The ingest in-process with the orchestration command side played over real Kafka, for its specs; production code never imports this. */
import { topicSpecs } from '@campaign/contracts';
import { ensureTopics } from '@campaign/messaging';
import { JsonLogger } from '@campaign/runtime';
import { PlayedCommandSide, TEST_JWT_SECRET, testKafka, uniqueSuffix } from '@campaign/testing';
import type { INestApplication } from '@nestjs/common';
import { createIngestApp } from '../app.module';
import { configSchema } from '../config';

export interface OrchestrationIngestBed {
  readonly url: string;
  readonly app: INestApplication;
  readonly side: PlayedCommandSide;
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
  const side = new PlayedCommandSide(kafka, prefix, 'orchestration');
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
