import { KAFKA, HealthRegistry, type JsonLogger, loadConfig } from '@campaign/runtime';
import type { Provider } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { AnalyticsIngestConfig } from '../../config';
import type { FactDelivery } from '../../shared/ingest-context';
import type { IngestParts } from '../ads-parts';
import { adsGroupOf } from '../shared/ads-ingest.config';
import {
  ADS_COMMAND_SENDER,
  ADS_INGEST_DB,
  ADS_INGEST_SCHEMA,
  type AdsCommandSender,
  CAMPAIGN_DIRECTORY,
  type CampaignDirectory,
} from '../shared/ads-ingest.ports';
import { ALERTING_CONFIG, type AlertingConfig, alertingConfigSchema, alertRulesOf } from './alerting.config';
import { AlertingStore } from './alerting.store';
import { InsightsStore } from './insights.store';
import { AlertEvaluator } from './alert-evaluator';
import { InsightEventsConsumer } from './insight-events.consumer';
import { MetricFactsConsumer } from './metric-facts.consumer';
import { RecommendationAnalyzer } from './recommendations/analyzer';
import { AnthropicProvider } from './recommendations/anthropic.provider';
import { RECOMMENDATION_PROVIDER, type RecommendationProvider } from './recommendations/recommendation-provider';
import { StatisticalProvider } from './recommendations/statistical.provider';
import { DAY_MS, HOUR_MS } from './window-totals';

/** Turned off (ADS_ALERTING_ENABLED=false), the part's deliveries do nothing. */
const IDLE: FactDelivery = { start: async () => undefined, stop: async () => undefined };

/** The statistical provider by default; Anthropic's Messages API when a key is configured (it falls back to the statistical one). */
export const recommendationProviderOf = (config: AlertingConfig, logger: JsonLogger): RecommendationProvider => {
  const statistical = new StatisticalProvider();
  if (!config.ANTHROPIC_API_KEY) return statistical;
  return new AnthropicProvider(
    {
      apiKey: config.ANTHROPIC_API_KEY,
      baseUrl: config.ANTHROPIC_BASE_URL,
      model: config.ANTHROPIC_MODEL,
      version: config.ANTHROPIC_VERSION,
      maxTokens: config.ANTHROPIC_MAX_TOKENS,
      timeoutMs: config.ANTHROPIC_TIMEOUT_MS,
    },
    statistical,
    logger,
  );
};

const analyzerOf = (
  config: AlertingConfig,
  store: AlertingStore,
  insights: InsightsStore,
  directory: CampaignDirectory,
  commands: AdsCommandSender,
  provider: RecommendationProvider,
  logger: JsonLogger,
) =>
  new RecommendationAnalyzer(
    store,
    insights,
    directory,
    commands,
    provider,
    {
      windowMs: config.ADS_ANALYZER_WINDOW_HOURS * HOUR_MS,
      staleAfterMs: config.ADS_ALERT_STALE_AFTER_HOURS * HOUR_MS,
      minSpendCents: config.ADS_ANALYZER_MIN_SPEND,
      decreaseBp: config.ADS_ANALYZER_BUDGET_DECREASE_PCT,
      reallocationBp: config.ADS_ANALYZER_REALLOCATION_PCT,
      minRoasGap: config.ADS_ANALYZER_MIN_ROAS_GAP,
    },
    logger,
  );

const providers = (app: AnalyticsIngestConfig, logger: JsonLogger): Provider[] => [
  { provide: ALERTING_CONFIG, useFactory: () => loadConfig(alertingConfigSchema) },
  { provide: AlertingStore, inject: [ADS_INGEST_DB, ADS_INGEST_SCHEMA], useFactory: (pool: Pool, schema: string) => new AlertingStore(pool, schema) },
  { provide: InsightsStore, inject: [ADS_INGEST_DB, ADS_INGEST_SCHEMA], useFactory: (pool: Pool, schema: string) => new InsightsStore(pool, schema) },
  { provide: RECOMMENDATION_PROVIDER, inject: [ALERTING_CONFIG], useFactory: (config: AlertingConfig) => recommendationProviderOf(config, logger) },
  {
    provide: MetricFactsConsumer,
    inject: [ALERTING_CONFIG, KAFKA, AlertingStore, InsightsStore, ADS_COMMAND_SENDER, CAMPAIGN_DIRECTORY, RECOMMENDATION_PROVIDER, HealthRegistry],
    useFactory: (
      config: AlertingConfig,
      kafka: Kafka,
      store: AlertingStore,
      insights: InsightsStore,
      commands: AdsCommandSender,
      directory: CampaignDirectory,
      provider: RecommendationProvider,
      health: HealthRegistry,
    ): FactDelivery => {
      if (!config.ADS_ALERTING_ENABLED) return IDLE;
      const evaluator = new AlertEvaluator(store, commands, alertRulesOf(config), config.ADS_ALERT_STALE_AFTER_HOURS * HOUR_MS, logger);
      const analyzer = config.ADS_ANALYZER_ENABLED ? analyzerOf(config, store, insights, directory, commands, provider, logger) : null;
      const options = {
        topicPrefix: app.TOPIC_PREFIX,
        groupId: adsGroupOf(config.ADS_ALERTING_FACTS_GROUP, app, 'alerting'),
        sessionTimeoutMs: app.KAFKA_SESSION_TIMEOUT_MS,
        analysisDelayMs: config.ADS_ANALYZER_DELAY_MS,
        retentionMs: config.ADS_ALERTING_RETENTION_DAYS * DAY_MS,
      };
      return new MetricFactsConsumer(kafka, options, store, evaluator, analyzer, health, logger);
    },
  },
  {
    provide: InsightEventsConsumer,
    inject: [ALERTING_CONFIG, KAFKA, AlertingStore, InsightsStore, ADS_COMMAND_SENDER, HealthRegistry],
    useFactory: (
      config: AlertingConfig,
      kafka: Kafka,
      store: AlertingStore,
      insights: InsightsStore,
      commands: AdsCommandSender,
      health: HealthRegistry,
    ): FactDelivery => {
      if (!config.ADS_ALERTING_ENABLED) return IDLE;
      const options = {
        topicPrefix: app.TOPIC_PREFIX,
        groupId: adsGroupOf(config.ADS_ALERTING_EVENTS_GROUP, app, 'insights'),
        sessionTimeoutMs: app.KAFKA_SESSION_TIMEOUT_MS,
      };
      return new InsightEventsConsumer(kafka, options, store, insights, commands, health, logger);
    },
  },
];

/**
 * seed 003 Alerts and AI Recommendations: the rules judged on each new data window of
 * `ads.metric-facts`, the recommendations analyzer behind its provider, and the result metrics
 * answered from `ads.events`.
 */
export const adsAlertingParts: IngestParts = {
  controllers: [],
  providers,
  redisStores: [],
  deliveries: [MetricFactsConsumer, InsightEventsConsumer],
};
