import { REDIS } from '@campaign/runtime';
import type { Redis } from 'ioredis';
import { INGEST_METRICS, type IngestMetrics } from '../shared/ingest.metrics';
import type { IngestContext } from '../shared/ingest-context';
import { TrackingRateLimiter } from '../shared/rate-limit';
import { CounterStore } from './engagement-counters.store';
import { IngestService } from './ingest.service';
import { TrackingController } from './tracking.controller';
import { WebhooksController } from './webhooks.controller';

/**
 * seed 004's engagement facts from outside (opens, clicks, unsubscribes, bounces, replies,
 * LinkedIn activity), verified, de-duplicated and sent to the outreach command side over Kafka.
 */
export const outreachContext: IngestContext = {
  name: 'outreach',
  controllers: [TrackingController, WebhooksController],
  providers: (config, logger) => [
    {
      provide: TrackingRateLimiter,
      inject: [REDIS, INGEST_METRICS],
      useFactory: (redis: Redis, metrics: IngestMetrics) =>
        new TrackingRateLimiter(
          redis,
          config.REDIS_KEY_PREFIX,
          { windowSeconds: config.TRACK_RATE_WINDOW_SECONDS, perIp: config.TRACK_RATE_LIMIT_PER_IP, perToken: config.TRACK_RATE_LIMIT_PER_TOKEN },
          logger,
          metrics,
        ),
    },
    IngestService,
  ],
  topics: ['outreach'],
  redisStores: [{ provide: CounterStore, create: (redis, prefix) => new CounterStore(redis, prefix) }],
  deliveries: [IngestService],
};
