import { allTopicSpecs, CONTRACTS, personalFieldsOf } from '@campaign/contracts';
import { PersonalData, PersonalDataKeys, PostgresEventStore, sealLegacyEvents } from '@campaign/eventstore';
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
    private readonly keys: PersonalDataKeys,
    private readonly health: HealthRegistry,
    @Inject(LOGGER) private readonly log: JsonLogger,
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
        { provide: PersonalDataKeys, useFactory: (pool: Pool) => new PersonalDataKeys(pool, config.PERSONAL_DATA_SCHEMA), inject: [PG_POOL] },
        {
          provide: PostgresEventStore,
          useFactory: (pool: Pool, keys: PersonalDataKeys) =>
            new PostgresEventStore(pool, config.EVENTSTORE_SCHEMA, new PersonalData(keys, personalFieldsOf), {
              streamCacheEvents: config.EVENTSTORE_STREAM_CACHE_EVENTS,
            }),
          inject: [PG_POOL, PersonalDataKeys],
        },
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
    await this.keys.migrate();
    // Events from before personal data was sealed: sealed in place, in the background, once.
    void sealLegacyEvents(this.pool, this.config.EVENTSTORE_SCHEMA, new PersonalData(this.keys, personalFieldsOf), personalFieldsOf).then(
      (sealed) => sealed > 0 && this.log.log('events written before sealing had their personal data sealed', { sealed }),
      (error: Error) => this.log.error('sealing older events failed; it resumes at the next start', { error: error.message }),
    );
    await ensureTopicsOf(this.kafka, allTopicSpecs(Object.keys(CONTRACTS), this.config.TOPIC_PREFIX));
    this.health.register('postgres', databaseCheck(this.pool));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
