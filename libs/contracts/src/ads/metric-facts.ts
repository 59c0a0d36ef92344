import { optional, timestamp } from '../avro';
import type { TopicSpec } from '../context-contract';
import { recordCodec } from '../record-codec';

/**
 * One platform's figures for one campaign and one time bucket (seed 003 campaign_metrics, its
 * base columns): the unit the ads context keeps of the outside world. Facts are not events of an
 * aggregate — a sync restates the last days every 15 minutes and a bulk load brings millions — so
 * they live on a compacted topic, `<prefix>ads.metric-facts`, keyed by campaign and bucket: a
 * restated bucket is a new record under the same key that replaces the earlier one (in the read
 * model at once, in the topic at compaction), and a replay from offset 0 rebuilds
 * `campaign_metrics` with every bucket counted once. The partition is the campaign's, not the
 * key's (analytics-ingest's MetricFactsProducer, the topic's only producer): a campaign's
 * buckets are on one partition, in the order sent.
 */
export interface MetricFact {
  readonly orgId: string;
  /** `adCampaignIdOf(platform, platformCampaignId)`. */
  readonly campaignId: string;
  readonly accountId: string | null;
  readonly platform: string;
  readonly platformCampaignId: string;
  /** The bucket's start, UTC, a multiple of 15 minutes (campaign_metrics.time). */
  readonly time: string;
  readonly impressions: number;
  readonly clicks: number;
  /** Exact money in the account's currency's cents (DECIMAL(15,2)). */
  readonly spendCents: number;
  readonly conversions: number;
  readonly revenueCents: number;
  /** ISO 4217 of the account (the figures are not converted). */
  readonly currency: string;
  /** `sync` (a connector read it) or `push` (a bulk load). */
  readonly source: string;
  /** The sync id or the push request's id: where this figure came from. */
  readonly sourceRef: string;
  /** When the platform reported it; the later of two figures for a bucket is the one kept. */
  readonly observedAt: string;
}

export const metricFactSchema = {
  type: 'record',
  name: 'MetricFact',
  namespace: 'campaign.ads.facts',
  fields: [
    { name: 'orgId', type: 'string' },
    { name: 'campaignId', type: 'string' },
    { name: 'accountId', ...optional('string') },
    { name: 'platform', type: 'string' },
    { name: 'platformCampaignId', type: 'string' },
    { name: 'time', type: timestamp },
    { name: 'impressions', type: 'long' },
    { name: 'clicks', type: 'long' },
    { name: 'spendCents', type: 'long' },
    { name: 'conversions', type: 'int' },
    { name: 'revenueCents', type: 'long' },
    { name: 'currency', type: 'string' },
    { name: 'source', type: 'string' },
    { name: 'sourceRef', type: 'string' },
    { name: 'observedAt', type: timestamp },
  ],
} as const;

export const metricFactCodec = recordCodec<MetricFact>('MetricFact', metricFactSchema);

export const metricFactsTopic = (prefix = ''): string => `${prefix}ads.metric-facts`;
export const METRIC_FACT_PARTITIONS = 6;

/** The Kafka key: one per campaign and bucket, so compaction keeps the latest figures of each. */
export const metricFactKey = (fact: Pick<MetricFact, 'campaignId' | 'time'>): string => `${fact.campaignId}|${fact.time}`;

export const metricFactsTopicSpec = (prefix = ''): TopicSpec => ({
  topic: metricFactsTopic(prefix),
  numPartitions: METRIC_FACT_PARTITIONS,
  configEntries: [
    { name: 'cleanup.policy', value: 'compact' },
    // A restated bucket's earlier record may go after a day; the latest of each key stays forever.
    { name: 'min.compaction.lag.ms', value: String(24 * 3_600_000) },
  ],
});

/** The bulk-load door on Kafka (analytics-ingest): one import request per message. */
export const metricImportsTopic = (prefix = ''): string => `${prefix}ads.metric-imports`;
export const metricImportResultsTopic = (prefix = ''): string => `${prefix}ads.metric-import-results`;
