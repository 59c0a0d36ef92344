import type { JsonLogger } from '@campaign/runtime';
import type { InjectionToken, Provider, Type } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AnalyticsIngestConfig } from '../config';

/** A store a context keeps in the app's Redis, its keys under REDIS_KEY_PREFIX. */
export interface RedisStore {
  readonly provide: InjectionToken;
  create(redis: Redis, keyPrefix: string): unknown;
}

/**
 * A service that delivers a context's facts: started once the app is up, stopped after the
 * HTTP server has finished its requests and before Redis and Kafka close (it drains the facts
 * still on their way).
 */
export interface FactDelivery {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Everything analytics-ingest needs to know about one context whose outside facts it takes in. */
export interface IngestContext {
  readonly name: string;
  readonly controllers: readonly Type[];
  providers(config: AnalyticsIngestConfig, logger: JsonLogger): Provider[];
  /** Contexts whose topics must exist before the context's services start (its command and result topics). */
  readonly topics: readonly string[];
  readonly redisStores: readonly RedisStore[];
  readonly deliveries: readonly Type<FactDelivery>[];
}
