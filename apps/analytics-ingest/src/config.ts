import { hostname } from 'node:os';
import { baseConfigSchema, loadConfig, z } from '@campaign/runtime';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const configSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default('analytics-ingest'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3004),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Namespaces every Redis key of this service (dedupe marks, counters), so test runs never collide. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9:._-]*$/)
    .default('analytics-ingest:'),
  /** Signs the tracking tokens in pixels, links and unsubscribe URLs (shared with the sender). */
  TRACKING_SECRET: z.string().min(32, 'at least 32 characters'),
  /** What providers send as `Authorization: Bearer <secret>` with every webhook. */
  WEBHOOK_SECRET: z.string().min(32, 'at least 32 characters'),
  /** Names this process's results consumer; unique per process. */
  INSTANCE_ID: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,100}$/)
    .default(`${hostname()}-${process.pid}`),
  /** How long a command may take to answer before the request gets 503 + Retry-After. */
  COMMAND_TIMEOUT_MS: int(100, 600_000, 10_000),
  /** How long the pixel and the redirect wait for the command's result before answering anyway. */
  TRACK_RESPONSE_BUDGET_MS: int(0, 60_000, 1_000),
  /** How long a provider event id is remembered (providers redeliver for days). */
  EVENT_DEDUPE_TTL_SECONDS: int(60, 90 * 86_400, 7 * 86_400),
  /** Opens and clicks of the same token, IP and user agent within this window count once. */
  HIT_DEDUPE_WINDOW_SECONDS: int(1, 3_600, 60),
  RETRY_AFTER_SECONDS: int(1, 3_600, 5),
  /**
   * How many proxies of our own stand in front of the service (load balancer, ingress): the
   * tracking hits' client address is read that many X-Forwarded-For entries back. 0 ignores
   * the header, which a client can write itself.
   */
  TRUSTED_PROXY_HOPS: int(0, 10, 0),
  /**
   * Rate limits of the public tracking links (pixel, click, unsubscribe GET and POST; never the
   * webhooks, which carry the webhook secret): at most this many requests per window, counted
   * per link kind for each client address and for each genuine token; over it, 429 with
   * Retry-After. 0 turns a limit off (a benchmark from one address). A mailbox provider's image
   * proxy fetches many readers' pixels from one address: raise the per-address limit when its
   * opens are refused (ingest_track_rate_limited_total{scope="ip"}). One reader's links are few.
   */
  TRACK_RATE_WINDOW_SECONDS: int(1, 3_600, 60),
  TRACK_RATE_LIMIT_PER_IP: int(0, 1_000_000, 240),
  TRACK_RATE_LIMIT_PER_TOKEN: int(0, 100_000, 60),
});

export type AnalyticsIngestConfig = z.infer<typeof configSchema>;

export const readConfig = (): AnalyticsIngestConfig => loadConfig(configSchema);
