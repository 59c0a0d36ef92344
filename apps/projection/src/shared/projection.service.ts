import { createProjection, personalDataOf } from './personal-data';
import { allTopicSpecs, decodeEvent, type EventEnvelope, topicsFor } from '@campaign/contracts';
import { PostgresEventStore } from '@campaign/eventstore';
import { completeProducer, ensureTopicsOf, eventStoreSource, groupConsumer, type PartitionBatch, rawDeadLetter, runBatchConsumer } from '@campaign/messaging';
import { CONFIG, HealthRegistry, JsonLogger, KAFKA, LOGGER, METRICS_REGISTRY, PG_POOL } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Consumer, Kafka, Message, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { Counter, Histogram, type Registry } from 'prom-client';
import { BatchMerger } from './batch-merger';
import type { ProjectionConfig } from './projection-config';
import { PROJECTION_CONTEXTS, type ProjectionContext } from './projection-context';
import { type DeadLetter, ProjectionRunner } from './projection-runner';
import type { RebuildableProjection } from './rebuild';
import { ViewRefresher } from './view-refresher';

interface ContextProjection {
  readonly runner: ProjectionRunner;
  readonly merger: BatchMerger<Pick<PartitionBatch, 'partition' | 'messages'>, void>;
  readonly refresher: ViewRefresher;
  readonly deadLetterTopic: string;
}

/** Consumes every context's events topic and keeps that context's read models current. */
@Injectable()
export class ProjectionService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly byTopic = new Map<string, ContextProjection>();
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  /** Unhealthy until the consumer runs; then as its group membership says. */
  private consumerCheck: () => Promise<{ ok: boolean; detail: unknown }> = async () => ({ ok: false, detail: 'not started' });
  private readonly applied: Counter<'context' | 'outcome'>;
  private readonly batchSeconds: Histogram<'context'>;
  private readonly failures: Counter<'topic'>;

  constructor(
    @Inject(CONFIG) private readonly config: ProjectionConfig,
    @Inject(PROJECTION_CONTEXTS) private readonly contexts: readonly ProjectionContext[],
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly health: HealthRegistry,
  ) {
    this.applied = new Counter({
      name: 'projection_events_total',
      help: 'Events by outcome (applied, skipped as redelivered, dead-lettered, held behind a dead letter, gap-filled from the event store)',
      labelNames: ['context', 'outcome'],
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'projection_batch_failures_total',
      help: 'Batches that failed for a reason other than their data (retried, never skipped)',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.batchSeconds = new Histogram({
      name: 'projection_batch_seconds',
      help: 'Time to apply the partition batches of one fetch',
      labelNames: ['context'],
      registers: [registry],
    });
  }

  async onModuleInit(): Promise<void> {
    const personalData = personalDataOf(this.pool, this.config);
    await personalData.keys.migrate();
    const projections = this.contexts.map((context) => createProjection(context, context.schemaOf(this.config), personalData));
    for (const projection of projections) await projection.migrate(this.pool);
    this.contexts.forEach((context, i) => this.subscribe(context, projections[i]));
    await ensureTopicsOf(
      this.kafka,
      allTopicSpecs(
        this.contexts.map((context) => context.name),
        this.config.TOPIC_PREFIX,
      ),
    );
    this.health.register('kafka-consumer', () => this.consumerCheck());
  }

  private subscribe(context: ProjectionContext, projection: RebuildableProjection): void {
    const topics = topicsFor(context.name, this.config.TOPIC_PREFIX);
    const policy = context.viewRefresh(this.config);
    const target: ContextProjection = {
      runner: new ProjectionRunner(this.pool, projection, true, eventStoreSource(new PostgresEventStore(this.pool, this.config.EVENTSTORE_SCHEMA))),
      merger: new BatchMerger((batches) => this.apply(target, topics.events, batches)),
      refresher: new ViewRefresher(() => projection.refreshViews(this.pool), policy.debounceMs, this.log, policy.everyMs),
      deadLetterTopic: topics.deadLetter,
    };
    this.byTopic.set(topics.events, target);
  }

  /** The live runner of a context's read models (for operators' redrives), if this service projects it. */
  runnerOf(context: string): ProjectionRunner | undefined {
    return [...this.byTopic.values()].find((target) => target.runner.projection.context === context)?.runner;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.producer = completeProducer(this.kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, this.log);
    await this.producer.connect();
    const { consumer, check } = groupConsumer(this.kafka, {
      groupId: this.config.PROJECTION_GROUP,
      sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_MS,
      onCrash: (error, restart) => this.log.error('projection consumer crashed', { error, restart }),
    });
    this.consumerCheck = check;
    const batches = await runBatchConsumer(
      consumer,
      {
        topics: [...this.byTopic.keys()],
        partitionsConsumedConcurrently: this.config.PARTITIONS_CONCURRENTLY,
        handle: (batch) => this.handle(batch),
        onFailure: (batch) => this.failures.inc({ topic: batch.topic }),
      },
      this.log,
    );
    this.health.register('kafka-consumer-batches', batches.check);
    this.consumer = consumer;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    for (const { refresher } of this.byTopic.values()) await refresher.stop();
    await this.producer?.disconnect();
  }

  /** One partition's batch; those of the same fetch are applied together (see BatchMerger). */
  private async handle({ topic, partition, messages }: PartitionBatch): Promise<void> {
    const target = this.byTopic.get(topic);
    if (!target) return;
    await target.merger.submit({ partition, messages });
  }

  private async apply(target: ContextProjection, topic: string, batches: readonly Pick<PartitionBatch, 'partition' | 'messages'>[]): Promise<void> {
    const context = target.runner.projection.context;
    const { events, undecodable } = decodeAll(topic, batches, this.config.PROJECTION_GROUP);
    const stop = this.batchSeconds.startTimer({ context });
    const result = await target.runner.applyBatch(events);
    stop();
    if (result.stale) target.refresher.markStale();
    this.applied.inc({ context, outcome: 'applied' }, result.applied);
    this.applied.inc({ context, outcome: 'skipped' }, result.skipped);
    this.applied.inc({ context, outcome: 'held' }, result.held);
    this.applied.inc({ context, outcome: 'gap-filled' }, result.filled);
    // Versions the bus did not deliver in order were read from the store: worth an operator's look.
    if (result.filled > 0) this.log.warn('stream versions missing on the bus were applied from the event store', { topic, count: result.filled });
    const deadLetters = [...result.deadLetters.map(letterOf), ...undecodable];
    if (deadLetters.length === 0) return;
    this.applied.inc({ context, outcome: 'dead-lettered' }, deadLetters.length);
    this.log.error('events set aside to the dead-letter topic', {
      topic,
      partitions: batches.map((b) => b.partition),
      count: deadLetters.length,
      first: deadLetters[0].headers,
    });
    await this.producer?.send({ topic: target.deadLetterTopic, acks: -1, messages: deadLetters });
  }
}

const letterOf = ({ event, error }: DeadLetter) => ({
  key: event.streamId,
  value: Buffer.from(JSON.stringify(event)),
  headers: { error, 'event-id': event.eventId, 'event-type': event.type },
});

const decodeAll = (topic: string, batches: readonly Pick<PartitionBatch, 'partition' | 'messages'>[], consumer: string) => {
  const events: EventEnvelope[] = [];
  const undecodable: Message[] = [];
  for (const { partition, messages } of batches) {
    for (const message of messages) {
      try {
        events.push(decodeEvent(message.value ?? Buffer.alloc(0)));
      } catch (error) {
        undecodable.push(rawDeadLetter(message, { topic, partition }, consumer, (error as Error).message));
      }
    }
  }
  return { events, undecodable };
};
