import { createKafka, kafkaConnectionOptions, parseBrokers } from '@campaign/messaging';
import {
  CONFIG,
  createPool,
  databaseCheck,
  databaseConnectionOptions,
  HealthRegistry,
  JsonLogger,
  KAFKA,
  LOGGER,
  OperationsModule,
  PG_POOL,
  AuthModule,
} from '@campaign/runtime';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ProjectionConfig } from './config';
import { CONTEXTS } from './contexts';
import { AdminController } from './shared/admin.controller';
import { DeadLettersController } from './shared/dead-letters.controller';
import { PROJECTION_CONTEXTS } from './shared/projection-context';
import { ProjectionService } from './shared/projection.service';
import { RebuildService } from './shared/rebuild.service';

@Module({})
export class ProjectionModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly health: HealthRegistry,
  ) {}

  static forRoot(config: ProjectionConfig, logger: JsonLogger): DynamicModule {
    return {
      module: ProjectionModule,
      imports: [OperationsModule.forService(config.SERVICE_NAME), AuthModule.forRoot(config)],
      controllers: [...CONTEXTS.flatMap((context) => context.controllers), AdminController, DeadLettersController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: PROJECTION_CONTEXTS, useValue: CONTEXTS },
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
        ProjectionService,
        RebuildService,
        ...CONTEXTS.flatMap((context) => context.providers),
      ],
    };
  }

  onModuleInit(): void {
    this.health.register('postgres', databaseCheck(this.pool));
  }

  /** Runs after every provider's own shutdown hook, so the pool closes last. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
