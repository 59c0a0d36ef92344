import { topicSpecs } from '@campaign/contracts';
import { createKafka, ensureTopics, kafkaClusterCheck, kafkaConnectionOptions, parseBrokers } from '@campaign/messaging';
import { CONFIG, createHttpApp, createRedis, HealthRegistry, JsonLogger, KAFKA, LOGGER, METRICS_REGISTRY, OperationsModule, REDIS, AuthModule } from '@campaign/runtime';
import { type BeforeApplicationShutdown, type DynamicModule, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { AnalyticsIngestConfig } from './config';
import { INGEST_METRICS, type IngestMetrics, ingestMetrics } from './ingest/ingest.metrics';
import { installWebhookAuthentication } from './ingest/webhook-auth.hook';
import { IngestService } from './ingest/ingest.service';
import { TrackingRateLimiter } from './ingest/rate-limit';
import { CounterStore, DedupeStore } from './ingest/redis.stores';
import { TrackingController } from './ingest/tracking.controller';
import { WebhooksController } from './ingest/webhooks.controller';

const KAFKA_CHECK = Symbol('KAFKA_CHECK');

interface HookedServer {
  addHook(name: 'onSend', hook: (request: unknown, reply: { header(name: string, value: string): unknown }, payload: unknown) => Promise<unknown>): void;
}

/** Start-up fails when Redis is unreachable; afterwards a command fails fast instead of queueing. */
const connectRedis = async (config: AnalyticsIngestConfig, logger: JsonLogger): Promise<Redis> => {
  const redis = createRedis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: config.SERVICE_NAME }, logger);
  await redis.connect();
  return redis;
};

/** The command and result topics must exist before the results consumer joins, whichever service starts first. */
const ensureOutreachTopics = async (kafka: Kafka, prefix: string): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, topicSpecs('outreach', prefix));
  } finally {
    await admin.disconnect();
  }
};

/**
 * analytics-ingest: the door for engagement facts from outside (opens, clicks, unsubscribes,
 * bounces, replies, LinkedIn activity). It verifies and de-duplicates them and sends them to
 * the outreach command side over Kafka.
 */
@Module({})
export class AnalyticsIngestModule implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private closing = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(KAFKA_CHECK) private readonly kafkaCheck: ReturnType<typeof kafkaClusterCheck>,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly ingest: IngestService,
    private readonly health: HealthRegistry,
  ) {}

  static forRoot(config: AnalyticsIngestConfig, logger: JsonLogger): DynamicModule {
    const prefix = config.REDIS_KEY_PREFIX;
    return {
      module: AnalyticsIngestModule,
      imports: [OperationsModule.forService(config.SERVICE_NAME), AuthModule.forRoot(config)],
      controllers: [TrackingController, WebhooksController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: KAFKA, useFactory: () => createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: config.SERVICE_NAME, ...kafkaConnectionOptions(config) }, logger) },
        {
          provide: KAFKA_CHECK,
          inject: [KAFKA, HealthRegistry],
          useFactory: async (kafka: Kafka, health: HealthRegistry) => {
            const kafkaCheck = kafkaClusterCheck(kafka);
            await kafkaCheck.check();
            await ensureOutreachTopics(kafka, config.TOPIC_PREFIX);
            health.register('kafka', kafkaCheck.check);
            return kafkaCheck;
          },
        },
        { provide: REDIS, inject: [LOGGER], useFactory: (logger: JsonLogger) => connectRedis(config, logger) },
        { provide: DedupeStore, inject: [REDIS], useFactory: (redis: Redis) => new DedupeStore(redis, prefix) },
        { provide: CounterStore, inject: [REDIS], useFactory: (redis: Redis) => new CounterStore(redis, prefix) },
        { provide: INGEST_METRICS, inject: [METRICS_REGISTRY], useFactory: ingestMetrics },
        {
          provide: TrackingRateLimiter,
          inject: [REDIS, INGEST_METRICS],
          useFactory: (redis: Redis, metrics: IngestMetrics) =>
            new TrackingRateLimiter(redis, prefix, { windowSeconds: config.TRACK_RATE_WINDOW_SECONDS, perIp: config.TRACK_RATE_LIMIT_PER_IP, perToken: config.TRACK_RATE_LIMIT_PER_TOKEN }, logger, metrics),
        },
        IngestService,
      ],
    };
  }

  /**
   * While shutting down, every response closes its connection: the server's close waits for
   * open connections, and an idle keep-alive one would hold it for Fastify's 72 s timeout.
   */
  onModuleInit(): void {
    this.adapterHost.httpAdapter.getInstance<HookedServer>().addHook('onSend', async (_request, reply, payload) => {
      if (this.closing) reply.header('Connection', 'close');
      return payload;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ingest.start();
    this.health.register('redis', async () => ({ ok: (await this.redis.ping()) === 'PONG' }));
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
  }

  /**
   * Runs after the HTTP server has stopped accepting and finished its requests: the facts still
   * on their way are delivered, then Kafka and Redis are closed.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.ingest.stop();
    await this.redis.quit().catch(() => this.redis.disconnect());
    await this.kafkaCheck.close();
  }
}

/** The service's Nest application (main.ts and the integration tests start the same one). */
export const createIngestApp = async (config: AnalyticsIngestConfig, logger: JsonLogger) => {
  const app = await createHttpApp(AnalyticsIngestModule.forRoot(config, logger), logger);
  installWebhookAuthentication(app.getHttpAdapter().getInstance(), config.WEBHOOK_SECRET);
  return app;
};
