import { baseConfigSchema, z } from '@campaign/runtime';

/** The settings of the app itself, shared by every context it projects. */
export const projectionBaseConfigSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default('projection'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  /** One group for every context's events topic: the offsets committed under it stay valid. */
  PROJECTION_GROUP: z.string().min(1).default('projection'),
  /**
   * Partitions handed over at once; one partition's events always stay in order. Batches handed
   * over together are applied in one transaction, so the default covers every partition of an
   * events topic (PARTITIONS.events): one fetch, one transaction.
   */
  PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(6),
});

/**
 * The app's parsed settings: its own, plus each context's (`<CONTEXT>_<SETTING>`), which only
 * that context reads, through its own fragment's type.
 */
export type ProjectionConfig = z.infer<typeof projectionBaseConfigSchema> & Readonly<Record<string, unknown>>;
