import { PARTITIONS } from '@campaign/contracts';
import { DEFAULT_STREAM_CACHE_EVENTS } from '@campaign/eventstore';
import { baseConfigSchema, loadConfig, z } from '@campaign/runtime';
import { CONTEXTS } from './contexts';

/** The settings every context shares; each context adds its own (`<CONTEXT>_<SETTING>`) in its descriptor. */
export const sharedConfigSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default('campaign-command'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  COMMAND_CONSUMER_GROUP: z.string().min(1).default('campaign-command'),
  /**
   * Commands from one partition batch executed at once (one stream's commands stay in order).
   * The event store shares round trips between concurrent commands (group commit), so more in
   * flight means fewer round trips per command: 128 more than doubled the Kafka door's rate
   * over 32 in the command bench (bench/README.md).
   */
  COMMAND_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(128),
  /**
   * Partition batches of the commands topic handled at once (each partition's stay in order).
   * All of them by default: below that, a fetch's batches go in waves, each waiting for the last.
   */
  COMMAND_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(PARTITIONS.commands),
  /**
   * Events of recently read streams (catalogs, registries, customers) kept in memory: a command
   * then reads only the events appended after them (libs/eventstore stream-cache.ts); 0 keeps none.
   */
  EVENTSTORE_STREAM_CACHE_EVENTS: z.coerce.number().int().min(0).max(1_000_000).default(DEFAULT_STREAM_CACHE_EVENTS),
  RELAY_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  RELAY_IDLE_POLL_MS: z.coerce.number().int().min(1).max(10_000).default(50),
  /** How often keys older than the idempotency window (7 days) are forgotten; 0 never. */
  IDEMPOTENCY_PRUNE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** A relay leader not heard from for this long loses leadership to another instance. */
  RELAY_LEASE_MS: z.coerce.number().int().min(1_000).max(300_000).default(10_000),
});

/** The shared settings, typed; a context reads its own from the same object (its descriptor's configSchema). */
export type CommandConfig = z.infer<typeof sharedConfigSchema> & { readonly [setting: string]: unknown };

/**
 * The app's settings: the shared ones, then each context's. Merged over a list, the schema's
 * static type loses the shared fields; CommandConfig restates them (each context types its own).
 */
export const commandConfigSchema = CONTEXTS.reduce<z.AnyZodObject>(
  (schema, context) => schema.merge(context.configSchema),
  sharedConfigSchema,
) as unknown as z.ZodType<CommandConfig, z.ZodTypeDef, unknown>;

export const COMMAND_CONFIG = Symbol('COMMAND_CONFIG');

export const readCommandConfig = (): CommandConfig => loadConfig(commandConfigSchema);
