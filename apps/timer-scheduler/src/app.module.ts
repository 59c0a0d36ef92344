import { allTopicSpecs } from '@campaign/contracts';
import { createKafka, ensureTopics, kafkaClusterCheck, kafkaConnectionOptions, parseBrokers } from '@campaign/messaging';
import type { outreach } from '@campaign/domain';
import { CONFIG, createPool, databaseCheck, databaseConnectionOptions, HealthRegistry, type JsonLogger, KAFKA, LOGGER, OperationsModule, PG_POOL, AuthModule } from '@campaign/runtime';
import { OutreachTimerPlanner, outreachTimerStore, TimerPlanner, TimerStore } from '@campaign/timers';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { TimerSchedulerConfig } from './config';
import { OutreachFiringService } from './outreach/outreach-firing.service';
import { OutreachPlanningConsumer } from './outreach/outreach-planning.consumer';
import { OUTREACH_TIMER_STORE } from './outreach/tokens';
import { CleanupService } from './timers/cleanup.service';
import { TimerFiringService } from './timers/timer-firing.service';
import { TimerMetrics } from './timers/timer-metrics';
import { TimerPlanningConsumer } from './timers/timer-planning.consumer';
import { TimersController } from './timers/timers.controller';

/**
 * timer-scheduler: the process manager of two contexts. Reads lifecycle campaign events, keeps
 * the timers they imply (seed 002), fires each due timer once by sending its command, and
 * records timer events for the projection's campaign_timers and timer_executions. Beside it,
 * in a schema of their own, the outreach timers (seed 004: end_date completion, archival after
 * 90 days, soft-bounce retries) planned from the outreach events and fired by a second engine.
 */
@Module({})
export class TimerSchedulerModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(CONFIG) private readonly config: TimerSchedulerConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly store: TimerStore,
    @Inject(OUTREACH_TIMER_STORE) private readonly outreachStore: TimerStore<outreach.OutreachTimerType>,
    private readonly health: HealthRegistry,
  ) {}

  static forRoot(config: TimerSchedulerConfig, logger: JsonLogger): DynamicModule {
    return {
      module: TimerSchedulerModule,
      imports: [OperationsModule.forService(config.SERVICE_NAME), AuthModule.forRoot(config)],
      controllers: [TimersController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: PG_POOL, useFactory: () => createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, logger, config.SERVICE_NAME, databaseConnectionOptions(config)) },
        { provide: KAFKA, useFactory: () => createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: config.SERVICE_NAME, ...kafkaConnectionOptions(config) }, logger) },
        {
          provide: TimerStore,
          inject: [PG_POOL],
          useFactory: (pool: Pool) => new TimerStore(pool, { schema: config.TIMER_SCHEMA, eventStoreSchema: config.EVENTSTORE_SCHEMA }),
        },
        { provide: TimerPlanner, inject: [TimerStore], useFactory: (store: TimerStore) => new TimerPlanner(store, config.TIMER_LOOKAHEAD_MS) },
        { provide: OUTREACH_TIMER_STORE, inject: [PG_POOL], useFactory: (pool: Pool) => outreachTimerStore(pool, config.OUTREACH_TIMER_SCHEMA) },
        {
          provide: OutreachTimerPlanner,
          inject: [OUTREACH_TIMER_STORE],
          useFactory: (store: ReturnType<typeof outreachTimerStore>) => new OutreachTimerPlanner(store, config.TIMER_LOOKAHEAD_MS),
        },
        TimerMetrics,
        TimerPlanningConsumer,
        TimerFiringService,
        OutreachPlanningConsumer,
        OutreachFiringService,
        CleanupService,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.store.migrate();
    await this.outreachStore.migrate();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, allTopicSpecs(['lifecycle', 'outreach'], this.config.TOPIC_PREFIX));
    } finally {
      await admin.disconnect();
    }
    const kafkaCheck = kafkaClusterCheck(this.kafka);
    this.health.register('postgres', databaseCheck(this.pool));
    this.health.register('kafka', kafkaCheck.check);
    this.closeKafkaCheck = kafkaCheck.close;
  }

  private closeKafkaCheck: () => Promise<void> = async () => undefined;

  /** Runs after every provider's own shutdown hook, so the pool closes last. */
  async onApplicationShutdown(): Promise<void> {
    await this.closeKafkaCheck();
    await this.pool.end();
  }
}
