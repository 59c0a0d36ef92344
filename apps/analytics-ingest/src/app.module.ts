import { createKafka, kafkaClusterCheck, parseBrokers } from '@campaign/messaging';
import { HealthRegistry, type JsonLogger, KAFKA, OperationsModule } from '@campaign/runtime';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AnalyticsIngestConfig } from './config';

const KAFKA_CHECK = Symbol('KAFKA_CHECK');

/**
 * analytics-ingest: starts, connects to Kafka (start-up fails if it cannot) and reports health. Its real
 * work arrives with the issues that build on the backbone (see the README's roadmap).
 */
@Module({})
export class AnalyticsIngestModule implements OnApplicationShutdown {
  constructor(@Inject(KAFKA_CHECK) private readonly kafkaCheck: ReturnType<typeof kafkaClusterCheck>) {}

  static forRoot(config: AnalyticsIngestConfig, logger: JsonLogger): DynamicModule {
    return {
      module: AnalyticsIngestModule,
      imports: [OperationsModule.forService(config.SERVICE_NAME)],
      providers: [
        { provide: KAFKA, useFactory: () => createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: config.SERVICE_NAME }, logger) },
        {
          provide: KAFKA_CHECK,
          inject: [KAFKA, HealthRegistry],
          useFactory: async (kafka: ReturnType<typeof createKafka>, health: HealthRegistry) => {
            const kafkaCheck = kafkaClusterCheck(kafka);
            await kafkaCheck.check();
            health.register('kafka', kafkaCheck.check);
            return kafkaCheck;
          },
        },
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.kafkaCheck.close();
  }
}
