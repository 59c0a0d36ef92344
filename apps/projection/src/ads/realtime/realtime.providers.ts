import { CONFIG, createRedis, HealthRegistry, type JsonLogger, LOGGER } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AdsConfig } from '../ads.config';
import { ADS_REALTIME_FIGURES } from '../metrics/metric-facts.consumer';
import { AccountSyncs } from './account-syncs';
import { ADS_REDIS, RealtimeFigures } from './realtime-figures';

/** Reports Redis in /health and closes the connection after the consumers have stopped. */
@Injectable()
class AdsRedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(ADS_REDIS) private readonly redis: Redis,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('redis', async () => {
      const pong = await this.redis.ping().catch((error: Error) => error.message);
      return { ok: pong === 'PONG', detail: pong === 'PONG' ? null : pong };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * The real-time figures for the app's module: RealtimeFigures (inject it by class: the metric
 * facts consumer calls `applied` after each committed batch) and its Redis connection.
 * `syncs` is the AccountSyncs the context's projections report to (ads.module.ts).
 */
export const realtimeProviders = (syncs: AccountSyncs): Provider[] => [
  { provide: AccountSyncs, useValue: syncs },
  {
    provide: ADS_REDIS,
    // One retry: a command fails soon while Redis is away (the figures are rebuilt after it).
    useFactory: (config: AdsConfig, logger: JsonLogger) =>
      createRedis(config.REDIS_URL, { maxRetriesPerRequest: 1, connectionName: 'projection-ads-realtime' }, logger),
    inject: [CONFIG, LOGGER],
  },
  RealtimeFigures,
  // The metric facts consumer's call site (./metrics): told of every committed batch.
  { provide: ADS_REALTIME_FIGURES, useExisting: RealtimeFigures },
  AdsRedisLifecycle,
];
