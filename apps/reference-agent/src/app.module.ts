import { topicSpecs } from '@campaign/contracts';
import { createKafka, ensureTopicsOf, kafkaClusterCheck, kafkaConnectionOptions, parseBrokers } from '@campaign/messaging';
import { AuthModule, CONFIG, HealthRegistry, type JsonLogger, KAFKA, LOGGER, OperationsModule } from '@campaign/runtime';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { AgentMetrics } from './agent.metrics';
import type { ReferenceAgentConfig } from './config';
import { DispatchConsumer } from './dispatch.consumer';

/**
 * reference-agent: an agent of the orchestration context (docs/orchestration.md, "Agents") that
 * does every step it serves at once or after AGENT_DELAY_MS. No database: what it answers is a
 * function of the dispatch, so Kafka's offsets are its only state. /health and /metrics only.
 */
@Module({})
export class ReferenceAgentModule implements OnModuleInit, OnApplicationShutdown {
  private closeKafkaCheck: () => Promise<void> = async () => undefined;

  constructor(
    @Inject(CONFIG) private readonly config: ReferenceAgentConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly health: HealthRegistry,
  ) {}

  static forRoot(config: ReferenceAgentConfig, logger: JsonLogger): DynamicModule {
    return {
      module: ReferenceAgentModule,
      imports: [OperationsModule.forService(config.SERVICE_NAME), AuthModule.forRoot(config)],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        {
          provide: KAFKA,
          useFactory: () =>
            createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: config.SERVICE_NAME, ...kafkaConnectionOptions(config) }, logger),
        },
        AgentMetrics,
        DispatchConsumer,
      ],
    };
  }

  /** Before any consumer starts (onApplicationBootstrap): the topics it reads and writes exist. */
  async onModuleInit(): Promise<void> {
    await ensureTopicsOf(this.kafka, topicSpecs('orchestration', this.config.TOPIC_PREFIX));
    const kafkaCheck = kafkaClusterCheck(this.kafka);
    this.health.register('kafka', kafkaCheck.check);
    this.closeKafkaCheck = kafkaCheck.close;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.closeKafkaCheck();
  }
}
