import { encodeEvent, topicsFor } from '@campaign/contracts';
import { PostgresEventStore } from '@campaign/eventstore';
import { completeProducer, envelopeOf, OutboxRelay } from '@campaign/messaging';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER, METRICS_REGISTRY, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { CommandConfig } from '../config';

/** Runs the outbox relay that publishes the event store to each context's events topic. */
@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer: Producer | null = null;
  private relay: OutboxRelay | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: CommandConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly store: PostgresEventStore,
    private readonly health: HealthRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.RELAY_ENABLED) return;
    this.producer = await this.newProducer();
    const prefix = this.config.TOPIC_PREFIX;
    const published = new Counter({
      name: 'relay_events_published_total',
      help: 'Events published to Kafka',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    const relay = new OutboxRelay(
      this.store,
      this.pool,
      this.producer,
      {
        name: prefix ? `kafka:${prefix}` : 'kafka',
        topicOf: (event) => topicsFor(event.context, prefix).events,
        deadLetterTopicOf: (event) => topicsFor(event.context, prefix).deadLetter,
        encode: (event) => encodeEvent(envelopeOf(event)),
        batchSize: this.config.RELAY_BATCH_SIZE,
        idlePollMs: this.config.RELAY_IDLE_POLL_MS,
        leaseMs: this.config.RELAY_LEASE_MS,
        onPublished: (events, deadLettered) => {
          published.inc({ outcome: 'published' }, events.length - deadLettered);
          if (deadLettered > 0) published.inc({ outcome: 'dead-lettered' }, deadLettered);
        },
      },
      this.log,
    );
    new Gauge({
      name: 'relay_lag_events',
      help: 'Events in the store not yet published',
      registers: [this.registry],
      collect: async function (this: Gauge) {
        this.set(await relay.lag());
      },
    });
    this.health.register('outbox-relay', async () => ({ ok: relay.state.lastError === null, detail: relay.state }));
    relay.start();
    this.relay = relay;
  }

  private async newProducer(): Promise<Producer> {
    const producer = completeProducer(this.kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, this.log);
    await producer.connect();
    return producer;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.disconnect();
  }
}
