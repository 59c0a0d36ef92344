/**
 * What the ads ingest's parts (syncs, push doors, alerting) share, as interfaces: the push part
 * implements them (ads-ingest PostgreSQL schema, the campaign directory, the facts producer, the
 * command client) and provides them by these tokens; the others inject them.
 */
import type { ads } from '@campaign/contracts';

type MetricFact = ads.MetricFact;

/** A pg Pool on DATABASE_URL, for the ads ingest's own schema (ADS_INGEST_SCHEMA, default `ads_ingest`). */
export const ADS_INGEST_DB = Symbol('ADS_INGEST_DB');
export const ADS_INGEST_SCHEMA = Symbol('ADS_INGEST_SCHEMA');

/** A registered ad campaign as the ads events told it (AdCampaignRegistered / DetailsChanged). */
export interface DirectoryEntry {
  readonly campaignId: string;
  readonly orgId: string;
  readonly accountId: string;
  readonly platform: string;
  readonly platformCampaignId: string;
  readonly name: string | null;
  readonly status: string | null;
  readonly budgetAmount: string | null;
  /** The account's ISO 4217 currency (a fact's `currency`); null while the account's connection is not known here. */
  readonly currency: string | null;
  /** The account's IANA time zone (its reports' days are local days); null while not known here. */
  readonly timeZone: string | null;
  /** Whether the campaign's account is connected now. */
  readonly accountConnected: boolean;
}

/** Who owns which ad campaign and account, kept from the `ads.events` topic. */
export interface CampaignDirectory {
  entries(campaignIds: readonly string[]): Promise<ReadonlyMap<string, DirectoryEntry>>;
  campaignsOfOrg(orgId: string): Promise<readonly DirectoryEntry[]>;
  /**
   * Resolves once the directory has applied the events topic up to now (tests, and a sync just
   * after a registration); rejects when that takes longer than `timeoutMs` (default 30 s).
   */
  caughtUp(timeoutMs?: number): Promise<void>;
}
export const CAMPAIGN_DIRECTORY = Symbol('CAMPAIGN_DIRECTORY');

/** Puts facts on `ads.metric-facts`, keyed by campaign and bucket; resolves when the brokers acknowledged all. */
export interface MetricFactsPublisher {
  publish(facts: readonly MetricFact[]): Promise<void>;
}
export const METRIC_FACTS_PUBLISHER = Symbol('METRIC_FACTS_PUBLISHER');

/** The outcome of an ads command, as campaign-command answered it. */
export interface AdsCommandOutcome {
  readonly status: 'ACCEPTED' | 'REJECTED';
  readonly code?: string;
  readonly message?: string;
}

/** Sends an ads command on `ads.commands` for an org (signed as this service) and waits for its result. */
export interface AdsCommandSender {
  send(
    type: string,
    data: Record<string, unknown>,
    options: { readonly orgId: string; readonly commandId: string; readonly streamId?: string },
  ): Promise<AdsCommandOutcome>;
}
export const ADS_COMMAND_SENDER = Symbol('ADS_COMMAND_SENDER');
