import { loadConfig, sqlIdentifier, z } from '@campaign/runtime';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * The ads ingest's own settings (`ADS_*`), beside the app's: read from the environment by the
 * ads providers, so the app's config stays the outreach ingest's. Every problem is reported at
 * start-up, as with the app's settings.
 */
export const adsIngestConfigSchema = z.object({
  /** The ingest's PostgreSQL schema: its directory of registered campaigns and connected accounts. */
  ADS_INGEST_SCHEMA: sqlIdentifier.default('ads_ingest'),
  /** Shared by the ads parts (directory, syncs, alerting). */
  ADS_INGEST_POOL_SIZE: int(1, 100, 10),
  /**
   * The consumer group that keeps the directory from `<prefix>ads.events` (one for all
   * instances: the directory is shared). Default `<TOPIC_PREFIX><SERVICE_NAME>-ads-directory`,
   * so runs on other topic prefixes never share a group.
   */
  ADS_DIRECTORY_GROUP: z.string().min(1).optional(),
  /** The consumer group of the Kafka push door; default `<TOPIC_PREFIX><SERVICE_NAME>-ads-imports`. */
  ADS_IMPORTS_GROUP: z.string().min(1).optional(),
  /**
   * At most this many bytes of facts go in one produce request: the brokers refuse a record
   * batch over `message.max.bytes` (1 MiB by default), and a bulk load brings far more. Kept
   * under that limit, no partition's share of a request can exceed it, however the keys fall;
   * raise it only with the brokers' limit.
   */
  ADS_FACTS_BATCH_BYTES: int(1_024, 8_388_608, 900 * 1024),
  /** The push door's body limit (JSON, NDJSON or CSV); over it, 413 METRIC_BODY_TOO_LARGE. */
  ADS_PUSH_MAX_BYTES: int(1_024, 268_435_456, 16 * 1_048_576),
  /** The most rows one push (HTTP or Kafka import) may carry; over it, 413 METRIC_ROWS_TOO_MANY. */
  ADS_PUSH_MAX_ROWS: int(1, 1_000_000, 50_000),
  /** The most errors a rejected push lists (the count of bad rows is always given). */
  ADS_PUSH_MAX_ERRORS: int(1, 100_000, 1_000),
});

export type AdsIngestConfig = z.infer<typeof adsIngestConfigSchema>;

export const readAdsIngestConfig = (env: NodeJS.ProcessEnv = process.env): AdsIngestConfig => loadConfig(adsIngestConfigSchema, env);

/** The validated `ADS_*` settings, for the ads parts' providers. */
export const ADS_INGEST_CONFIG = Symbol('ADS_INGEST_CONFIG');

/** A consumer group's name: the setting, or one derived from the topic prefix and service name. */
export const adsGroupOf = (setting: string | undefined, app: { readonly TOPIC_PREFIX: string; readonly SERVICE_NAME: string }, role: string): string =>
  setting ?? `${app.TOPIC_PREFIX}${app.SERVICE_NAME}-ads-${role}`;
