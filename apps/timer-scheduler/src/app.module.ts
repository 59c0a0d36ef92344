import { allTopicSpecs } from '@campaign/contracts';
import { createKafka, ensureTopicsOf, kafkaClusterCheck, kafkaConnectionOptions, parseBrokers } from '@campaign/messaging';
import {
  AuthModule,
  CONFIG,
  createPool,
  databaseCheck,
  databaseConnectionOptions,
  HealthRegistry,
  type JsonLogger,
  KAFKA,
  LOGGER,
  OperationsModule,
  PG_POOL,
} from '@campaign/runtime';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { TimerSchedulerConfig } from './config';
import { CONTEXTS } from './contexts';
import { CleanupService } from './shared/cleanup.service';
import { FiringService } from './shared/firing.service';
import { PlanningConsumer } from './shared/planning.consumer';
import { REGISTERED_CONTEXTS, type RegisteredContext } from './shared/registered-context';
import { contextSettings, type TimerContext, timerStoreOf } from './shared/timer-context';
import { TimerMetrics } from './shared/timer-metrics';
import { TimersController } from './shared/timers.controller';

const DEPS = [CONFIG, LOGGER, KAFKA, TimerMetrics, HealthRegistry, REGISTERED_CONTEXTS];
type Deps = [TimerSchedulerConfig, JsonLogger, Kafka, TimerMetrics, HealthRegistry, readonly RegisteredContext[]];

/** A registered context's planning consumer and firing service, built from its descriptor. */
const contextProviders = (context: TimerContext, index: number): Provider[] => [
  {
    provide: `${context.name}-planning-consumer`,
    inject: DEPS,
    useFactory: (...[config, log, kafka, metrics, health, registered]: Deps) =>
      new PlanningConsumer(
        { config, log, kafka, metrics, health },
        context,
        context.planning.planner(registered[index].store, config),
        contextSettings(config, context).group,
      ),
  },
  {
    provide: `${context.name}-firing-service`,
    inject: DEPS,
    useFactory: (...[config, log, kafka, metrics, health, registered]: Deps) =>
      new FiringService({ config, log, kafka, metrics, health }, context, registered[index].store),
  },
];

/**
 * timer-scheduler: the process manager of the contexts listed in contexts.ts. For each, it
 * reads the context's events in a consumer group of its own, keeps the timers they imply in a
 * schema of its own, fires each due timer once by sending its command, and — where the context
 * records them — writes timer events for the projection (seed 002's campaign_timers).
 */
@Module({})
export class TimerSchedulerModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(CONFIG) private readonly config: TimerSchedulerConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(REGISTERED_CONTEXTS) private readonly contexts: readonly RegisteredContext[],
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
        {
          provide: PG_POOL,
          useFactory: () => createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, logger, config.SERVICE_NAME, databaseConnectionOptions(config)),
        },
        {
          provide: KAFKA,
          useFactory: () =>
            createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: config.SERVICE_NAME, ...kafkaConnectionOptions(config) }, logger),
        },
        {
          provide: REGISTERED_CONTEXTS,
          inject: [PG_POOL],
          useFactory: (pool: Pool): RegisteredContext[] => CONTEXTS.map((context) => ({ context, store: timerStoreOf(context, pool, config) })),
        },
        TimerMetrics,
        ...CONTEXTS.flatMap(contextProviders),
        CleanupService,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    for (const { store } of this.contexts) await store.migrate();
    await ensureTopicsOf(
      this.kafka,
      allTopicSpecs(
        this.contexts.map((c) => c.context.name),
        this.config.TOPIC_PREFIX,
      ),
    );
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
