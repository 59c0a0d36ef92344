import { topicSpecs } from '@campaign/contracts';
import { createKafka, ensureTopicsOf, kafkaClusterCheck, kafkaConnectionOptions, parseBrokers } from '@campaign/messaging';
import {
  CONFIG,
  createHttpApp,
  createRedis,
  HealthRegistry,
  JsonLogger,
  KAFKA,
  LOGGER,
  METRICS_REGISTRY,
  OperationsModule,
  REDIS,
  AuthModule,
} from '@campaign/runtime';
import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { AnalyticsIngestConfig } from './config';
import { CONTEXTS } from './contexts';
import { INGEST_METRICS, ingestMetrics } from './shared/ingest.metrics';
import type { FactDelivery } from './shared/ingest-context';
import { DedupeStore } from './shared/redis.stores';
import { installWebhookAuthentication } from './shared/webhook-auth.hook';

const KAFKA_CHECK = Symbol('KAFKA_CHECK');

interface HookedServer {
  addHook(name: 'onSend', hook: (request: unknown, reply: { header(name: string, value: string): unknown }, payload: unknown) => Promise<unknown>): void;
}

/** Start-up fails when Redis is unreachable; afterwards a command fails fast instead of queueing. */
const connectRedis = async (config: AnalyticsIngestConfig, logger: JsonLogger): Promise<Redis> => {
  const redis = createRedis(
    config.REDIS_URL,
    { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: config.SERVICE_NAME },
    logger,
  );
  await redis.connect();
  return redis;
};

/** The contexts' command and result topics must exist before their results consumers join, whichever service starts first. */
const ensureContextTopics = (kafka: Kafka, prefix: string): Promise<void> =>
  ensureTopicsOf(
    kafka,
    CONTEXTS.flatMap((context) => context.topics).flatMap((topicsOf) => topicSpecs(topicsOf, prefix)),
  );

const kafkaCheckProvider: Provider = {
  provide: KAFKA_CHECK,
  inject: [KAFKA, HealthRegistry, CONFIG],
  useFactory: async (kafka: Kafka, health: HealthRegistry, config: AnalyticsIngestConfig) => {
    const kafkaCheck = kafkaClusterCheck(kafka);
    await kafkaCheck.check();
    await ensureContextTopics(kafka, config.TOPIC_PREFIX);
    health.register('kafka', kafkaCheck.check);
    return kafkaCheck;
  },
};

/** The Redis stores: the shared dedupe marks and each context's own. */
const redisStoreProviders = (prefix: string): Provider[] => [
  { provide: DedupeStore, inject: [REDIS], useFactory: (redis: Redis) => new DedupeStore(redis, prefix) },
  ...CONTEXTS.flatMap((context) => context.redisStores).map(
    (store): Provider => ({ provide: store.provide, inject: [REDIS], useFactory: (redis: Redis) => store.create(redis, prefix) }),
  ),
];

/**
 * analytics-ingest: the door for facts from outside. It verifies and de-duplicates them and
 * sends them to the contexts' command sides over Kafka (CONTEXTS, one line each).
 */
@Module({})
export class AnalyticsIngestModule implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private closing = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(KAFKA_CHECK) private readonly kafkaCheck: ReturnType<typeof kafkaClusterCheck>,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly moduleRef: ModuleRef,
    private readonly health: HealthRegistry,
  ) {}

  static forRoot(config: AnalyticsIngestConfig, logger: JsonLogger): DynamicModule {
    return {
      module: AnalyticsIngestModule,
      imports: [OperationsModule.forService(config.SERVICE_NAME), AuthModule.forRoot(config)],
      controllers: CONTEXTS.flatMap((context) => context.controllers),
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        {
          provide: KAFKA,
          useFactory: () =>
            createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: config.SERVICE_NAME, ...kafkaConnectionOptions(config) }, logger),
        },
        kafkaCheckProvider,
        { provide: REDIS, inject: [LOGGER], useFactory: (logger: JsonLogger) => connectRedis(config, logger) },
        ...redisStoreProviders(config.REDIS_KEY_PREFIX),
        { provide: INGEST_METRICS, inject: [METRICS_REGISTRY], useFactory: ingestMetrics },
        ...CONTEXTS.flatMap((context) => context.providers(config, logger)),
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
    for (const delivery of this.deliveries()) await delivery.start();
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
    await Promise.all(this.deliveries().map((delivery) => delivery.stop()));
    await this.redis.quit().catch(() => this.redis.disconnect());
    await this.kafkaCheck.close();
  }

  private deliveries(): FactDelivery[] {
    return CONTEXTS.flatMap((context) => context.deliveries).map((type) => this.moduleRef.get(type));
  }
}

/** The service's Nest application (main.ts and the integration tests start the same one). */
export const createIngestApp = async (config: AnalyticsIngestConfig, logger: JsonLogger) => {
  const app = await createHttpApp(AnalyticsIngestModule.forRoot(config, logger), logger);
  installWebhookAuthentication(app.getHttpAdapter().getInstance(), config.WEBHOOK_SECRET);
  return app;
};
