import { allTopicSpecs, CONTRACTS } from '@campaign/contracts';
import { PostgresEventStore } from '@campaign/eventstore';
import { createKafka, ensureTopicsOf, kafkaConnectionOptions, parseBrokers } from '@campaign/messaging';
import {
  CONFIG,
  createPool,
  databaseCheck,
  databaseConnectionOptions,
  HealthRegistry,
  JsonLogger,
  KAFKA,
  LOGGER,
  METRICS_REGISTRY,
  OperationsModule,
  PG_POOL,
  AuthModule,
} from '@campaign/runtime';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { CommandConfig } from './config';
import { CONTEXTS } from './contexts';
import { OpenApiController } from './openapi.controller';
import { COMMAND_METRICS, commandMetrics } from './shared/command-metrics';
import { contextProviders } from './shared/context-providers';
import { DeadLettersController } from './shared/dead-letters.controller';
import { DeadLettersService } from './shared/dead-letters.service';
import { IdempotencyPruner } from './shared/idempotency-pruner';
import { RelayService } from './shared/relay.service';

@Module({})
export class CommandModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(CONFIG) private readonly config: CommandConfig,
    private readonly store: PostgresEventStore,
    private readonly health: HealthRegistry,
  ) {}

  static forRoot(config: CommandConfig, logger: JsonLogger): DynamicModule {
    return {
      module: CommandModule,
      imports: [CqrsModule.forRoot(), OperationsModule.forService(config.SERVICE_NAME), AuthModule.forRoot(config)],
      controllers: [...CONTEXTS.flatMap((context) => context.controllers), OpenApiController, DeadLettersController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        {
          provide: PG_POOL,
          useFactory: () => createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, logger, config.SERVICE_NAME, databaseConnectionOptions(config)),
        },
        {
          provide: KAFKA,
          useFactory: () =>
            createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: config.SERVICE_NAME, ...kafkaConnectionOptions(config) }, logger),
        },
        { provide: PostgresEventStore, useFactory: (pool: Pool) => new PostgresEventStore(pool, config.EVENTSTORE_SCHEMA), inject: [PG_POOL] },
        { provide: COMMAND_METRICS, useFactory: commandMetrics, inject: [METRICS_REGISTRY] },
        ...contextProviders(CONTEXTS, config),
        RelayService,
        IdempotencyPruner,
        DeadLettersService,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.store.migrate();
    await ensureTopicsOf(this.kafka, allTopicSpecs(Object.keys(CONTRACTS), this.config.TOPIC_PREFIX));
    this.health.register('postgres', databaseCheck(this.pool));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
