import { personalFieldsOf } from '@campaign/contracts';
import { PersonalData, PersonalDataKeys, PostgresEventStore } from '@campaign/eventstore';
import { eventStoreSource } from '@campaign/messaging';
import { createRedis, HealthRegistry, type JsonLogger, LOGGER, METRICS_REGISTRY, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { Counter, type Registry } from 'prom-client';
import { COMPLETION_REPORTS } from '../completion-reports';
import { outreachBusCommand } from '../outreach-door';
import { DispatchStateCompletionReports } from './completion-reports.source';
import { DISPATCH_CONFIG, type DispatchConfig } from './dispatch.config';
import { DispatchStateStore } from './dispatch-state.store';
import { DispatchEventsConsumer, DispatchLoopService } from './dispatch.services';
import { Dispatcher, type DispatcherMetrics } from './dispatcher';
import { OUTREACH_COMMANDS, type OutreachCommands } from './outreach-commands';
import { SendWindowLimiter } from './send-window.limiter';

export const DISPATCH_REDIS = Symbol('DISPATCH_REDIS');

const dispatcherMetrics = (registry: Registry): DispatcherMetrics => ({
  dispatches: new Counter({ name: 'outreach_dispatches_total', help: 'Dispatch attempts by outcome', labelNames: ['outcome'], registers: [registry] }),
  limitHits: new Counter({
    name: 'outreach_send_limit_hits_total',
    help: 'Sends refused by a sending window, by limit',
    labelNames: ['limit'],
    registers: [registry],
  }),
});

/** Reports Redis in /health and closes the connection last, after the loop has stopped. */
@Injectable()
class DispatchRedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(DISPATCH_REDIS) private readonly redis: Redis,
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

/** seed 004: the completion report from the dispatcher's counters (the outreach executor's COMPLETION_REPORTS). */
export const dispatchCompletionReports: Provider = {
  provide: COMPLETION_REPORTS,
  useFactory: (store: DispatchStateStore) => new DispatchStateCompletionReports(store),
  inject: [DispatchStateStore],
};

/**
 * The outreach dispatcher, for campaign-command's module (it uses the module's PG_POOL, KAFKA,
 * CONFIG, LOGGER and the CQRS CommandBus): spread into CommandModule.forRoot's providers.
 */
export const outreachDispatchProviders = (config: DispatchConfig): Provider[] => [
  { provide: DISPATCH_CONFIG, useValue: config },
  {
    provide: DISPATCH_REDIS,
    useFactory: (logger: JsonLogger) => createRedis(config.REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: false }, logger),
    inject: [LOGGER],
  },
  {
    provide: SendWindowLimiter,
    useFactory: (redis: Redis) => new SendWindowLimiter(redis, config.SEND_LIMITS_OVERRIDE, config.REDIS_KEY_PREFIX),
    inject: [DISPATCH_REDIS],
  },
  {
    provide: DispatchStateStore,
    useFactory: (pool: Pool, store: PostgresEventStore, keys: PersonalDataKeys) =>
      new DispatchStateStore(
        pool,
        config.DISPATCH_SCHEMA,
        { baseMs: config.DISPATCH_RETRY_BASE_MS, maxMs: config.DISPATCH_RETRY_MAX_MS },
        eventStoreSource(store),
        new PersonalData(keys, personalFieldsOf),
      ),
    inject: [PG_POOL, PostgresEventStore, PersonalDataKeys],
  },
  {
    provide: OUTREACH_COMMANDS,
    useFactory: (bus: CommandBus): OutreachCommands => ({ execute: (command) => bus.execute(outreachBusCommand(command)) }),
    inject: [CommandBus],
  },
  {
    provide: Dispatcher,
    useFactory: (store: DispatchStateStore, limiter: SendWindowLimiter, commands: OutreachCommands, registry: Registry, logger: JsonLogger) =>
      new Dispatcher(store, limiter, commands, logger, dispatcherMetrics(registry), { batchSize: config.DISPATCH_BATCH }),
    inject: [DispatchStateStore, SendWindowLimiter, OUTREACH_COMMANDS, METRICS_REGISTRY, LOGGER],
  },
  DispatchEventsConsumer,
  DispatchLoopService,
  DispatchRedisLifecycle,
];
