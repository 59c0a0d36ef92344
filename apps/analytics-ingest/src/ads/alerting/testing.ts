import { randomUUID } from 'node:crypto';
import { ads as adsWire, type CommandEnvelope, encodeEvent, topicSpecs, topicsFor } from '@campaign/contracts';
import { ensureTopics } from '@campaign/messaging';
import { HealthRegistry, JsonLogger } from '@campaign/runtime';
import { PlayedCommandSide, TEST_JWT_SECRET, testKafka, testPool, uniqueSuffix, waitFor } from '@campaign/testing';
import type { Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { configSchema } from '../../config';
import { KafkaAdsCommandSender } from '../shared/ads-command.sender';
import { migrateAdsIngest } from '../shared/ads-ingest.db';
import { KafkaCampaignDirectory } from '../shared/campaign-directory';
import { DirectoryStore } from '../shared/directory.store';
import { alertingConfigSchema, alertRulesOf } from './alerting.config';
import { AlertingStore } from './alerting.store';
import { InsightsStore } from './insights.store';
import { AlertEvaluator } from './alert-evaluator';
import { InsightEventsConsumer } from './insight-events.consumer';
import { MetricFactsConsumer } from './metric-facts.consumer';
import { RecommendationAnalyzer } from './recommendations/analyzer';
import { StatisticalProvider } from './recommendations/statistical.provider';
import { BUCKET_MS, DAY_MS, HOUR_MS } from './window-totals';

/** The ads command side, played over real Kafka (libs/testing's PlayedCommandSide): keeps each command and answers it accepted. */
export class FakeAdsCommandSide extends PlayedCommandSide {
  constructor(kafka: Kafka, prefix: string) {
    super(kafka, prefix, 'ads');
  }

  of(type: string, campaignId: string): CommandEnvelope[] {
    return this.received.filter((c) => c.type === type && (c.data as { campaignId?: string }).campaignId === campaignId);
  }

  /** Waits for a command of `type` for the campaign that `matches`, and returns it. */
  waitFor(type: string, campaignId: string, matches: (data: Record<string, unknown>) => boolean = () => true): Promise<CommandEnvelope> {
    return waitFor(`${type} for ${campaignId}`, async () => this.of(type, campaignId).find((c) => matches(c.data as Record<string, unknown>)));
  }
}

/** Hourly facts for a campaign over [from, to) (ms), each with these figures. */
export const hourlyFacts = (
  subject: { orgId: string; campaignId: string; platform?: string },
  from: number,
  to: number,
  figures: Partial<Pick<adsWire.MetricFact, 'spendCents' | 'revenueCents' | 'conversions'>>,
  observedAt = new Date(),
): adsWire.MetricFact[] => {
  const facts: adsWire.MetricFact[] = [];
  for (let t = Math.ceil(from / BUCKET_MS) * BUCKET_MS; t < to; t += 3_600_000) {
    facts.push({
      orgId: subject.orgId,
      campaignId: subject.campaignId,
      accountId: null,
      platform: subject.platform ?? 'google',
      platformCampaignId: `pc-${subject.campaignId.slice(0, 8)}`,
      time: new Date(t).toISOString(),
      impressions: 1000,
      clicks: 40,
      spendCents: 1000,
      conversions: 1,
      revenueCents: 3000,
      currency: 'EUR',
      source: 'push',
      sourceRef: 'alerting-it',
      observedAt: observedAt.toISOString(),
      ...figures,
    });
  }
  return facts;
};

/**
 * Puts facts on `<prefix>ads.metric-facts` keyed by campaign and bucket, each on its key's
 * partition (KafkaJS's default), not on its campaign's as analytics-ingest's producer puts them: a
 * campaign's buckets spread over partitions, so the judgements' serialisation across partitions is
 * exercised.
 */
export const produceFacts = async (producer: Producer, prefix: string, facts: readonly adsWire.MetricFact[]): Promise<void> => {
  await producer.send({
    topic: adsWire.metricFactsTopic(prefix),
    acks: -1,
    messages: facts.map((fact) => ({ key: adsWire.metricFactKey(fact), value: adsWire.metricFactCodec.encode(fact) })),
  });
};

/** Puts an ads event on `<prefix>ads.events`, as the command side's relay does. */
export const produceEvent = async (
  producer: Producer,
  prefix: string,
  event: { type: string; streamId: string; tenant: string; data: Record<string, unknown>; streamVersion?: number },
): Promise<void> => {
  const envelope = {
    eventId: randomUUID(),
    type: event.type,
    schemaVersion: 1,
    context: 'ads',
    streamId: event.streamId,
    streamVersion: event.streamVersion ?? 1,
    globalPosition: '1',
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    actor: 'service:test',
    tenant: event.tenant,
    data: event.data,
  };
  await producer.send({ topic: topicsFor('ads', prefix).events, acks: -1, messages: [{ key: event.streamId, value: encodeEvent(envelope) }] });
};

export interface AlertingBed {
  readonly prefix: string;
  readonly schema: string;
  readonly pool: Pool;
  readonly producer: Producer;
  readonly commandSide: FakeAdsCommandSide;
  readonly store: AlertingStore;
  close(): Promise<void>;
}

/**
 * The alerting part over real Kafka and PostgreSQL on a unique topic prefix and schema: the
 * facts consumer (with the statistical analyzer when `analyzer`), the events consumer, H5's
 * command sender and campaign directory, and the played command side.
 */
export const startAlertingBed = async (options: { analyzer?: boolean } = {}): Promise<AlertingBed> => {
  const suffix = uniqueSuffix();
  const prefix = `it-${suffix}.`;
  const schema = `ads_alerting_it_${suffix}`;
  const logger = new JsonLogger('analytics-ingest', 'error');
  const kafka: Kafka = testKafka();
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, topicSpecs('ads', prefix), 1);
  await admin.disconnect();
  const pool = testPool(8);
  await migrateAdsIngest(pool, schema);
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const commandSide = new FakeAdsCommandSide(kafka, prefix);
  await commandSide.start();
  const app = configSchema.parse({
    ...process.env,
    TOPIC_PREFIX: prefix,
    INSTANCE_ID: `it-${suffix}`,
    TRACKING_SECRET: 'tracking-secret-for-tests-0123456789abcdef',
    WEBHOOK_SECRET: 'webhook-secret-for-tests-0123456789abcdef',
    JWT_SECRET: TEST_JWT_SECRET,
    COMMAND_TIMEOUT_MS: '10000',
  });
  const sender = new KafkaAdsCommandSender(kafka, app, logger);
  await sender.start();
  const health = new HealthRegistry();
  const groups = { topicPrefix: prefix, sessionTimeoutMs: 10_000 };
  const directory = new KafkaCampaignDirectory(kafka, new DirectoryStore(pool, schema), { ...groups, groupId: `directory-it-${suffix}` }, health, logger);
  await directory.start();
  const store = new AlertingStore(pool, schema);
  const insights = new InsightsStore(pool, schema);
  const config = alertingConfigSchema.parse({});
  const evaluator = new AlertEvaluator(store, sender, alertRulesOf(config), 72 * HOUR_MS, logger);
  const analyzer = options.analyzer
    ? new RecommendationAnalyzer(
        store,
        insights,
        directory,
        sender,
        new StatisticalProvider(),
        { windowMs: DAY_MS, staleAfterMs: 72 * HOUR_MS, minSpendCents: 5000, decreaseBp: 2000, reallocationBp: 2000, minRoasGap: 0.5 },
        logger,
      )
    : null;
  const facts = new MetricFactsConsumer(
    kafka,
    { ...groups, groupId: `alerting-it-${suffix}`, analysisDelayMs: 1000, retentionMs: 35 * DAY_MS },
    store,
    evaluator,
    analyzer,
    health,
    logger,
  );
  await facts.start();
  const events = new InsightEventsConsumer(kafka, { ...groups, groupId: `insights-it-${suffix}` }, store, insights, sender, health, logger);
  await events.start();
  return {
    prefix,
    schema,
    pool,
    producer,
    commandSide,
    store,
    close: async () => {
      await facts.stop();
      await events.stop();
      await directory.stop();
      await sender.stop();
      await commandSide.stop();
      await producer.disconnect();
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    },
  };
};
