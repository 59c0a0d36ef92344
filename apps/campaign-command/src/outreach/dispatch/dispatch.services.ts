import { topicsFor, outreach as outreachWire } from '@campaign/contracts';
import { completeProducer, groupConsumer, runBatchConsumer } from '@campaign/messaging';
import { type BaseConfig, CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { AutoCompleter } from './auto-completer';
import { DISPATCH_CONFIG, type DispatchConfig } from './dispatch.config';
import { DispatchStateFollower } from './dispatch-state.follower';
import { DispatchStateStore } from './dispatch-state.store';
import { Dispatcher } from './dispatcher';
import { OUTREACH_COMMANDS, type OutreachCommands } from './outreach-commands';

/** Consumes `<prefix>outreach.events` with the dispatcher's own group into its state. */
@Injectable()
export class DispatchEventsConsumer implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;

  constructor(
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    @Inject(CONFIG) private readonly app: BaseConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(OUTREACH_COMMANDS) private readonly commands: OutreachCommands,
    private readonly store: DispatchStateStore,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.store.migrate();
  }

  async onApplicationBootstrap(): Promise<void> {
    const producer = completeProducer(this.kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, this.log);
    await producer.connect();
    this.producer = producer;
    const topics = topicsFor('outreach', this.app.TOPIC_PREFIX);
    const follower = new DispatchStateFollower(
      this.store,
      producer,
      new AutoCompleter(this.commands, this.log),
      {
        dispatchRequests: outreachWire.dispatchRequestsTopic(this.app.TOPIC_PREFIX),
        ownerNotifications: outreachWire.ownerNotificationsTopic(this.app.TOPIC_PREFIX),
        deadLetter: topics.deadLetter,
      },
      { secret: this.config.TRACKING_SECRET, baseUrl: this.config.TRACKING_BASE_URL },
      this.log,
    );
    const { consumer, check } = groupConsumer(this.kafka, { groupId: this.config.DISPATCH_GROUP, sessionTimeoutMs: this.app.KAFKA_SESSION_TIMEOUT_MS });
    this.health.register('dispatch-consumer', check);
    const batches = await runBatchConsumer(
      consumer,
      { topics: [topics.events], handle: ({ topic, partition, messages }) => follower.handle(messages, undefined, { topic, partition }).then(() => undefined) },
      this.log,
    );
    this.health.register('dispatch-consumer-batches', batches.check);
    this.consumer = consumer;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }
}

/**
 * Runs the dispatcher every DISPATCH_INTERVAL_MS on one instance at a time: the one holding a
 * Postgres advisory lock (a second instance would only race the first for the same contacts).
 */
@Injectable()
export class DispatchLoopService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private leader: PoolClient | null = null;
  private stopped = false;

  constructor(
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly dispatcher: Dispatcher,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.DISPATCH_ENABLED) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.leader?.release();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => this.schedule());
    }, this.config.DISPATCH_INTERVAL_MS);
  }

  private async runOnce(): Promise<void> {
    try {
      if (!(await this.lead())) return;
      await this.dispatcher.tick(new Date());
    } catch (error) {
      this.log.error('dispatch pass failed', { error: (error as Error).message });
    }
  }

  private async lead(): Promise<boolean> {
    if (this.leader) return true;
    const client = await this.pool.connect();
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [`dispatcher:${this.config.DISPATCH_SCHEMA}`]);
    if (!rows[0].ok) {
      client.release();
      return false;
    }
    // A lost connection loses the lock: lead again on the next pass, if still free.
    client.on('error', () => {
      this.leader = null;
      client.release(true);
    });
    this.leader = client;
    return true;
  }
}
