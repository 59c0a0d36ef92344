import { topicSpecs } from '@campaign/contracts';
import { ensureTopicsOf } from '@campaign/messaging';
import { CONFIG, databaseCheck, HealthRegistry, type JsonLogger, KAFKA, LOGGER } from '@campaign/runtime';
import { Inject, Injectable, type Provider } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { AnalyticsIngestConfig } from '../../config';
import { KafkaAdsCommandSender } from './ads-command.sender';
import { ADS_INGEST_CONFIG, type AdsIngestConfig, adsGroupOf, readAdsIngestConfig } from './ads-ingest.config';
import { openAdsIngestDb } from './ads-ingest.db';
import { ADS_COMMAND_SENDER, ADS_INGEST_DB, ADS_INGEST_SCHEMA, CAMPAIGN_DIRECTORY, METRIC_FACTS_PUBLISHER } from './ads-ingest.ports';
import { KafkaCampaignDirectory } from './campaign-directory';
import { DirectoryStore } from './directory.store';
import { MetricFactsProducer } from './metric-facts.producer';

/** Resolves once the ads topics (events, commands, results, metric facts, imports) exist. */
const ADS_TOPICS = Symbol('ADS_TOPICS');

/**
 * The pieces every part of the ads ingest shares, each ready when it is injected: the pool with
 * its schema migrated, producers connected, the command client's results consumer joined, the
 * directory's consumer running. They start here rather than in a delivery's start because the
 * parts' deliveries start one after another and the syncs' may come first; AdsIngestShared
 * stops them after the HTTP server has finished its requests.
 */
export const adsIngestSharedProviders = (): Provider[] => [
  { provide: ADS_INGEST_CONFIG, useFactory: () => readAdsIngestConfig() },
  {
    provide: ADS_TOPICS,
    inject: [KAFKA, CONFIG],
    useFactory: (kafka: Kafka, config: AnalyticsIngestConfig) => ensureTopicsOf(kafka, topicSpecs('ads', config.TOPIC_PREFIX)).then(() => true),
  },
  { provide: ADS_INGEST_SCHEMA, inject: [ADS_INGEST_CONFIG], useFactory: (ads: AdsIngestConfig) => ads.ADS_INGEST_SCHEMA },
  {
    provide: ADS_INGEST_DB,
    inject: [CONFIG, ADS_INGEST_CONFIG, LOGGER, HealthRegistry],
    useFactory: async (config: AnalyticsIngestConfig, ads: AdsIngestConfig, logger: JsonLogger, health: HealthRegistry) => {
      const pool = await openAdsIngestDb(config, ads, logger);
      health.register('ads-ingest-db', databaseCheck(pool));
      return pool;
    },
  },
  {
    provide: METRIC_FACTS_PUBLISHER,
    inject: [KAFKA, CONFIG, ADS_INGEST_CONFIG, LOGGER, ADS_TOPICS],
    useFactory: async (kafka: Kafka, config: AnalyticsIngestConfig, ads: AdsIngestConfig, logger: JsonLogger) => {
      const producer = new MetricFactsProducer(kafka, config.TOPIC_PREFIX, ads.ADS_FACTS_BATCH_BYTES, logger);
      await producer.start();
      return producer;
    },
  },
  {
    provide: ADS_COMMAND_SENDER,
    inject: [KAFKA, CONFIG, LOGGER, ADS_TOPICS],
    useFactory: async (kafka: Kafka, config: AnalyticsIngestConfig, logger: JsonLogger) => {
      const sender = new KafkaAdsCommandSender(kafka, config, logger);
      await sender.start();
      return sender;
    },
  },
  {
    provide: CAMPAIGN_DIRECTORY,
    inject: [KAFKA, CONFIG, ADS_INGEST_CONFIG, ADS_INGEST_DB, HealthRegistry, LOGGER, ADS_TOPICS],
    useFactory: async (kafka: Kafka, config: AnalyticsIngestConfig, ads: AdsIngestConfig, pool: Pool, health: HealthRegistry, logger: JsonLogger) => {
      const directory = new KafkaCampaignDirectory(
        kafka,
        new DirectoryStore(pool, ads.ADS_INGEST_SCHEMA),
        {
          topicPrefix: config.TOPIC_PREFIX,
          groupId: adsGroupOf(ads.ADS_DIRECTORY_GROUP, config, 'directory'),
          sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
        },
        health,
        logger,
      );
      await directory.start();
      return directory;
    },
  },
  AdsIngestShared,
];

/**
 * Stops the shared pieces once the app's HTTP server has finished its requests (the push part's
 * delivery calls it): the directory's consumer leaves its group, the facts still on their way
 * are acknowledged, the command client stops, the pool closes. Another part's work still
 * running then fails and is redone after a restart (its offsets were not committed).
 */
@Injectable()
export class AdsIngestShared {
  constructor(
    @Inject(CAMPAIGN_DIRECTORY) private readonly directory: KafkaCampaignDirectory,
    @Inject(METRIC_FACTS_PUBLISHER) private readonly facts: MetricFactsProducer,
    @Inject(ADS_COMMAND_SENDER) private readonly commands: KafkaAdsCommandSender,
    @Inject(ADS_INGEST_DB) private readonly pool: Pool,
  ) {}

  async stop(): Promise<void> {
    await this.directory.stop().catch(() => undefined);
    await Promise.allSettled([this.facts.stop(), this.commands.stop()]);
    await this.pool.end().catch(() => undefined);
  }
}
