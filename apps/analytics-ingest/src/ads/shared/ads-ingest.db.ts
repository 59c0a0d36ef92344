import { createPool, databaseConnectionOptions, type JsonLogger } from '@campaign/runtime';
import type { Pool } from 'pg';
import type { AnalyticsIngestConfig } from '../../config';
import type { AdsIngestConfig } from './ads-ingest.config';

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema name comes from configuration (validated there too); only a plain identifier is used. */
export const quoteIdent = (name: string): string => {
  if (!IDENT.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
};

/**
 * The ads ingest's own tables: who owns which ad account and campaign, as the ads events told
 * it (the push doors check a row's campaign against them, the syncs read an account's
 * currency). `stream_version` is the last event of the row's stream applied: an event at or
 * below it is a redelivery and changes nothing.
 */
export const adsIngestDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
    CREATE SCHEMA IF NOT EXISTS ${s};
    CREATE TABLE IF NOT EXISTS ${s}.accounts (
      account_id UUID PRIMARY KEY,
      org_id TEXT NOT NULL,
      platform TEXT NOT NULL,
      platform_account_id TEXT NOT NULL,
      name TEXT,
      currency TEXT,
      time_zone TEXT,
      connected BOOLEAN NOT NULL,
      stream_version BIGINT NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS accounts_org ON ${s}.accounts (org_id);
    CREATE TABLE IF NOT EXISTS ${s}.campaigns (
      campaign_id UUID PRIMARY KEY,
      org_id TEXT NOT NULL,
      account_id UUID NOT NULL,
      platform TEXT NOT NULL,
      platform_campaign_id TEXT NOT NULL,
      name TEXT,
      status TEXT,
      objective TEXT,
      budget_amount TEXT,
      budget_type TEXT,
      start_date TEXT,
      end_date TEXT,
      stream_version BIGINT NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS campaigns_org ON ${s}.campaigns (org_id);`;
};

/** Creates the schema's tables; instances starting together take turns (advisory lock). */
export const migrateAdsIngest = async (pool: Pool, schema: string): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${schema}`]);
    await client.query(adsIngestDdl(schema));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/** The pool on DATABASE_URL, the schema migrated; start-up fails when PostgreSQL is unreachable. */
export const openAdsIngestDb = async (config: AnalyticsIngestConfig, ads: AdsIngestConfig, logger: JsonLogger): Promise<Pool> => {
  const pool = createPool(config.DATABASE_URL, ads.ADS_INGEST_POOL_SIZE, logger, `${config.SERVICE_NAME}-ads`, databaseConnectionOptions(config));
  try {
    await migrateAdsIngest(pool, ads.ADS_INGEST_SCHEMA);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return pool;
};
