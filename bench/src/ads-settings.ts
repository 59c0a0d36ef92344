/**
 * The ads bench's settings (environment, BENCH_ADS_*), documented in bench/README.md. Sizes are
 * the (12, point 11); small values make a smoke run.
 */
const int = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, not '${raw}'`);
  return value;
};

export const ADS_PARTS = ['ingest', 'query', 'storage'] as const;
export type AdsPart = (typeof ADS_PARTS)[number];

export const adsParts = (): AdsPart[] => {
  const parts = (process.env.BENCH_ADS_PARTS ?? ADS_PARTS.join(',')).split(',').map((p) => p.trim());
  const unknown = parts.filter((p) => !(ADS_PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`BENCH_ADS_PARTS: unknown part(s) ${unknown.join(', ')} (${ADS_PARTS.join(', ')})`);
  return parts as AdsPart[];
};

/** (a) ads-metric-ingest: campaigns × buckets rows through the push door. */
export const INGEST = {
  campaigns: int('BENCH_ADS_CAMPAIGNS', 2_000),
  buckets: int('BENCH_ADS_BUCKETS', 100),
  /** Rows per POST /v1/ads/metrics request (NDJSON). */
  requestRows: int('BENCH_ADS_REQUEST_ROWS', 5_000),
  /** Requests in flight. */
  concurrency: int('BENCH_ADS_CONCURRENCY', 4),
  /** Rows per statement of the reference INSERT … ON CONFLICT DO UPDATE. */
  insertBatch: int('BENCH_ADS_INSERT_BATCH', 1_000),
  /** RegisterAdCampaign requests in flight during the set-up. */
  registerConcurrency: int('BENCH_ADS_REGISTER_CONCURRENCY', 32),
  timeoutMs: int('BENCH_ADS_TIMEOUT_MS', 600_000),
};

/** (b) ads-performance-query: campaigns × days of 15-minute buckets loaded into the read model. */
export const QUERY = {
  campaigns: int('BENCH_ADS_QUERY_CAMPAIGNS', 10_000),
  days: int('BENCH_ADS_QUERY_DAYS', 90),
  /** The API's `days` and the seed query's interval (seed 003: last 7 days). */
  windowDays: int('BENCH_ADS_QUERY_WINDOW_DAYS', 7),
  requests: int('BENCH_ADS_QUERY_REQUESTS', 200),
  /** The raw seed query aggregates every row of the window: seconds each at full size, so fewer runs. */
  rawRequests: int('BENCH_ADS_QUERY_RAW_REQUESTS', 20),
  /** Campaigns per INSERT … SELECT generate_series statement of the load. */
  loadChunk: int('BENCH_ADS_QUERY_LOAD_CHUNK', 250),
};

/** (c) ads-facts-storage: N facts into the event store vs onto the compacted topic. */
export const STORAGE = {
  facts: int('BENCH_ADS_FACTS', 100_000),
  /** Facts per bulk statement (insertEvents) and per producer send. */
  batch: int('BENCH_ADS_STORAGE_BATCH', 1_000),
  /** PostgresEventStore.append calls in flight (one fact each, group-committed by the store). */
  appendConcurrency: int('BENCH_ADS_APPEND_CONCURRENCY', 1_000),
};
