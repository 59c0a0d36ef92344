/**
 * The apps the ads bench drives, as processes (libs/testing `startApp`): campaign-command (the
 * registrations), analytics-ingest (the push door, its campaign directory) and projection (the
 * facts consumer, campaign_metrics, the query API), on schemas, topics, consumer groups and
 * Redis keys of their own (one suffix per run). timer-scheduler is not started: a connected
 * account's sync timer would send syncs to platforms the bench has none of.
 */
import { randomUUID } from 'node:crypto';
import { type RunningApp, freePort, startApp } from '@campaign/testing';
import type { Pool } from 'pg';
import { BENCH_SECRETS } from './app-env';
import { signJwt } from '@campaign/runtime';

export interface AdsApps {
  readonly command: RunningApp;
  readonly projection: RunningApp;
  readonly ingest: RunningApp;
  readonly env: Readonly<Record<string, string>>;
  /** The projection's ads schema (campaigns, campaign_metrics, the window). */
  readonly adsSchema: string;
  readonly ingestSchema: string;
  readonly topicPrefix: string;
}

export const adsAppsEnv = (suffix: string): Record<string, string> => ({
  ...BENCH_SECRETS,
  EVENTSTORE_SCHEMA: `bench_aes_${suffix}`,
  LIFECYCLE_SCHEMA: `bench_alc_${suffix}`,
  OUTREACH_SCHEMA: `bench_aout_${suffix}`,
  OUTREACH_READ_SCHEMA: `bench_aout_${suffix}`,
  DISPATCH_SCHEMA: `bench_adis_${suffix}`,
  ADS_SCHEMA: `bench_ads_${suffix}`,
  ADS_INGEST_SCHEMA: `bench_adin_${suffix}`,
  TOPIC_PREFIX: `bench-${suffix}.`,
  COMMAND_CONSUMER_GROUP: `bench-cc-${suffix}`,
  DISPATCH_GROUP: `bench-dis-${suffix}`,
  PROJECTION_GROUP: `bench-pj-${suffix}`,
  ADS_METRICS_GROUP: `bench-pjm-${suffix}`,
  ADS_DIRECTORY_GROUP: `bench-adir-${suffix}`,
  ADS_IMPORTS_GROUP: `bench-aimp-${suffix}`,
  REDIS_KEY_PREFIX: `bench-${suffix}:`,
  // The projection's real-time figures, under the run's prefix too (cleaned up with it).
  ADS_REDIS_KEY_PREFIX: `bench-${suffix}:ads:`,
  LOG_LEVEL: 'warn',
  DATABASE_POOL_SIZE: '20',
});

export const startAdsApps = async (suffix: string, extra: Record<string, string> = {}): Promise<AdsApps> => {
  const env = { ...adsAppsEnv(suffix), ...extra };
  const started: RunningApp[] = [];
  const start = async (name: RunningApp['name']) => {
    const app = await startApp(name, await freePort(), env);
    started.push(app);
    return app;
  };
  try {
    const command = await start('campaign-command');
    const projection = await start('projection');
    const ingest = await start('analytics-ingest');
    return { command, projection, ingest, env, adsSchema: env.ADS_SCHEMA, ingestSchema: env.ADS_INGEST_SCHEMA, topicPrefix: env.TOPIC_PREFIX };
  } catch (error) {
    for (const app of started) await app.stop();
    throw error;
  }
};

export const stopAdsApps = async (apps: AdsApps): Promise<void> => {
  for (const app of [apps.ingest, apps.command, apps.projection]) await app.stop().catch(() => undefined);
};

/** One user id per role for the whole run (the apps want a UUID `sub`). */
const USERS = new Map<string, string>();

/** A person of the org (JWT as the apps verify it): `admin` registers and pushes, `analyst` reads. */
export const userAuth = (orgId: string, role = 'admin'): { authorization: string } => {
  if (!USERS.has(role)) USERS.set(role, randomUUID());
  const claims = { sub: USERS.get(role), org_id: orgId, role, exp: Math.floor(Date.now() / 1000) + 4 * 3600 };
  return { authorization: `Bearer ${signJwt(claims, BENCH_SECRETS.JWT_SECRET)}` };
};

/**
 * Drops every schema of the run and what pg_partman keeps about its campaign_metrics (a
 * part_config row naming a dropped table makes partman's maintenance fail for everyone).
 */
export const dropRunSchemas = async (pg: Pool, suffix: string): Promise<void> => {
  const { rows } = await pg.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1`, [`bench\\_%\\_${suffix}`]);
  const partman = (await pg.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'partman'`)).rowCount === 1;
  for (const { name } of rows) {
    if (partman) {
      await pg.query(`DELETE FROM partman.part_config_sub WHERE sub_parent LIKE $1`, [`${name}.%`]).catch(() => undefined);
      await pg.query(`DELETE FROM partman.part_config WHERE parent_table LIKE $1`, [`${name}.%`]).catch(() => undefined);
      await pg.query(`DROP TABLE IF EXISTS partman."template_${name}_campaign_metrics"`).catch(() => undefined);
    }
    await pg.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  }
};
