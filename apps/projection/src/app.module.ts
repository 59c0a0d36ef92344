import { createKafka, kafkaConnectionOptions, parseBrokers } from '@campaign/messaging';
import { CONFIG, createPool, databaseCheck, databaseConnectionOptions, HealthRegistry, JsonLogger, KAFKA, LOGGER, OperationsModule, PG_POOL, AuthModule } from '@campaign/runtime';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { AdminController } from './admin.controller';
import type { ProjectionConfig } from './config';
import { DeadLettersController } from './dead-letters.controller';
import { LifecycleQueryController } from './lifecycle/lifecycle-query.controller';
import { OutreachQueryController } from './outreach/outreach-query.controller';
import { OutreachQueryService } from './outreach/outreach-query.service';
import { ProjectionService } from './projection.service';
import { RebuildService } from './rebuild.service';

@Module({})
export class ProjectionModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool, private readonly health: HealthRegistry) {}

  static forRoot(config: ProjectionConfig, logger: JsonLogger): DynamicModule {
    return {
      module: ProjectionModule,
      imports: [OperationsModule.forService(config.SERVICE_NAME), AuthModule.forRoot(config)],
      controllers: [LifecycleQueryController, OutreachQueryController, AdminController, DeadLettersController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: PG_POOL, useFactory: () => createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, logger, config.SERVICE_NAME, databaseConnectionOptions(config)) },
        { provide: KAFKA, useFactory: () => createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: config.SERVICE_NAME, ...kafkaConnectionOptions(config) }, logger) },
        ProjectionService,
        RebuildService,
        OutreachQueryService,
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
