import { loadConfig, z } from '@campaign/runtime';
import { connectorSettingsSchema } from './connectors/connector.settings';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * The ads syncs' and action executor's settings (`ADS_*`), read from the environment beside the
 * app's, with the connectors' (connectors/connector.settings.ts).
 */
export const adsSyncSettingsSchema = connectorSettingsSchema.extend({
  /**
   * The consumer group that runs syncs and actions from `<prefix>ads.events` (one for all
   * instances: each request runs once); default `<TOPIC_PREFIX><SERVICE_NAME>-ads-sync`.
   */
  ADS_SYNC_GROUP: z.string().min(1).optional(),
  /**
   * A sync request older than this is not run (a consumer catching up after a long stop, or a
   * fresh group reading the topic from its start): it is recorded failed with
   * AD_SYNC_REQUEST_STALE, and the next sync re-reads the trailing window anyway.
   */
  ADS_SYNC_STALE_AFTER_MINUTES: int(1, 7 * 24 * 60, 60),
  /**
   * An approval or retry older than this is not executed: its attempt is reported failed with
   * AD_ACTION_STALE, which the domain ignores when the action already ran and otherwise answers
   * with a fresh retry. A replay of old events never pauses a campaign someone has resumed since.
   */
  ADS_ACTION_STALE_AFTER_MINUTES: int(1, 7 * 24 * 60, 60),
  /** Syncs and action attempts run at once by this instance. */
  ADS_SYNC_WORKERS: int(1, 64, 2),
  /** How long a claimed item is this worker's; a worker that died lets it go to another after this. */
  ADS_SYNC_LEASE_MS: int(10_000, 3_600_000, 600_000),
  /** How often an idle worker looks for due work (work added by this instance wakes it at once). */
  ADS_SYNC_POLL_MS: int(10, 60_000, 1_000),
});

export type AdsSyncSettings = z.infer<typeof adsSyncSettingsSchema>;

export const readAdsSyncSettings = (env: NodeJS.ProcessEnv = process.env): AdsSyncSettings => loadConfig(adsSyncSettingsSchema, env);
