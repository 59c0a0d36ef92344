/** The ingest in-process for its integration specs, a context's command side played over real Kafka; production code never imports this. */
import { topicSpecs } from '@campaign/contracts';
import { ensureTopics } from '@campaign/messaging';
import { JsonLogger } from '@campaign/runtime';
import { type PlayedCommandSide, TEST_JWT_SECRET, testKafka, uniqueSuffix } from '@campaign/testing';
import type { INestApplication } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { createIngestApp } from '../app.module';
import { type AnalyticsIngestConfig, configSchema } from '../config';

export const TRACKING_SECRET = 'tracking-secret-for-tests-0123456789abcdef';
export const WEBHOOK_SECRET = 'webhook-secret-for-tests-0123456789abcdef';

export interface IngestApp {
  readonly url: string;
  readonly app: INestApplication;
  readonly config: AnalyticsIngestConfig;
  close(): Promise<void>;
}

const prefixOf = (suffix: string) => `it-${suffix}.`;

/** The app in-process on a free port, its topics under a prefix of this run; `overrides` adds or replaces settings. */
export const startIngestApp = async (overrides: Record<string, string> = {}, suffix = uniqueSuffix()): Promise<IngestApp> => {
  const config = configSchema.parse({
    ...process.env,
    HTTP_PORT: '0',
    TOPIC_PREFIX: prefixOf(suffix),
    REDIS_KEY_PREFIX: `ingest-it-${suffix}:`,
    INSTANCE_ID: `it-${suffix}`,
    TRACKING_SECRET,
    WEBHOOK_SECRET,
    JWT_SECRET: TEST_JWT_SECRET,
    COMMAND_TIMEOUT_MS: '3000',
    ...overrides,
  });
  const app = await createIngestApp(config, new JsonLogger('analytics-ingest', 'error'));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, app, config, close: () => app.close() };
};

export interface IngestBed<Side extends PlayedCommandSide> extends IngestApp {
  readonly commandSide: Side;
}

/**
 * The ingest app as startIngestApp starts it, the context's topics made first, and the command
 * side `sideOf` makes, played on them.
 */
export const startIngestBed = async <Side extends PlayedCommandSide>(
  context: string,
  sideOf: (kafka: Kafka, prefix: string) => Side,
  overrides: Record<string, string> = {},
): Promise<IngestBed<Side>> => {
  const suffix = uniqueSuffix();
  const prefix = prefixOf(suffix);
  const kafka = testKafka();
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, topicSpecs(context, prefix), 1);
  await admin.disconnect();
  const commandSide = sideOf(kafka, prefix);
  await commandSide.start();
  const ingest = await startIngestApp(overrides, suffix);
  return {
    ...ingest,
    commandSide,
    close: async () => {
      await ingest.close();
      await commandSide.stop();
    },
  };
};
