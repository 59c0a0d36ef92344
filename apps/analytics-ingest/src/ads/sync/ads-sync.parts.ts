import { CONFIG, HealthRegistry, type JsonLogger, KAFKA, LOGGER } from '@campaign/runtime';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { AnalyticsIngestConfig } from '../../config';
import type { IngestParts } from '../ads-parts';
import {
  ADS_COMMAND_SENDER,
  ADS_INGEST_DB,
  ADS_INGEST_SCHEMA,
  type AdsCommandSender,
  CAMPAIGN_DIRECTORY,
  type CampaignDirectory,
  METRIC_FACTS_PUBLISHER,
  type MetricFactsPublisher,
} from '../shared/ads-ingest.ports';
import { AdActionExecutor } from './action-executor';
import { AdsSyncService } from './ads-sync.service';
import { adsGroupOf } from '../shared/ads-ingest.config';
import { readAdsSyncSettings } from './ads-sync.settings';
import { AdsSyncStore } from './ads-sync.store';
import { AdPlatformConnectors } from './connectors/connectors';
import { AdAccountSyncRunner } from './sync-runner';

const MINUTE_MS = 60_000;

/**
 * seed 003 data flow, "Platforms → API Connectors → ETL Pipeline" every 15 minutes: the
 * platform connectors (Google Ads, Meta), the sync runner and the guarded actions' executor,
 * fed by the ads events and working from the ingest's outbox.
 */
export const adsSyncParts: IngestParts = {
  controllers: [],
  providers: () => [
    {
      provide: AdsSyncService,
      inject: [KAFKA, CONFIG, LOGGER, HealthRegistry, ADS_INGEST_DB, ADS_INGEST_SCHEMA, CAMPAIGN_DIRECTORY, METRIC_FACTS_PUBLISHER, ADS_COMMAND_SENDER],
      useFactory: (
        kafka: Kafka,
        config: AnalyticsIngestConfig,
        logger: JsonLogger,
        health: HealthRegistry,
        pool: Pool,
        schema: string,
        directory: CampaignDirectory,
        facts: MetricFactsPublisher,
        commands: AdsCommandSender,
      ) => {
        const settings = readAdsSyncSettings();
        const connectors = AdPlatformConnectors.fromSettings(settings);
        const store = new AdsSyncStore(pool, schema);
        const runner = new AdAccountSyncRunner(connectors, store, commands, facts, { staleAfterMs: settings.ADS_SYNC_STALE_AFTER_MINUTES * MINUTE_MS }, logger);
        const executor = new AdActionExecutor(
          connectors,
          store,
          directory,
          commands,
          { staleAfterMs: settings.ADS_ACTION_STALE_AFTER_MINUTES * MINUTE_MS },
          logger,
        );
        return new AdsSyncService(
          kafka,
          store,
          runner,
          executor,
          {
            ...settings,
            ADS_SYNC_GROUP: adsGroupOf(settings.ADS_SYNC_GROUP, config, 'sync'),
            topicPrefix: config.TOPIC_PREFIX,
            sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
          },
          health,
          logger,
        );
      },
    },
  ],
  redisStores: [],
  deliveries: [AdsSyncService],
};
