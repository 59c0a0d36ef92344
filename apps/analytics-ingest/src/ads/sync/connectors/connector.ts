/**
 * seed 003 data flow: "Platforms → API Connectors → ETL Pipeline". One interface every ad
 * platform's adapter implements; the sync runner and the action executor know only this.
 * Everything it returns is already normalized: money in exact cents, UTC bucket starts, whole
 * counts; the platform's own shapes stay inside its adapter.
 */

/** Which platform account, and how to reach it (the account's settings and credentials). */
export interface PlatformAccount {
  readonly platform: string;
  /** Google's customer id (digits, no dashes), Meta's ad account id (digits, no `act_`). */
  readonly platformAccountId: string;
  /** IANA zone the platform reports the account's days in. */
  readonly timeZone: string;
  /** ISO 4217 of the account: its figures are in this currency, unconverted. */
  readonly currency: string;
}

/** One campaign's base figures for one bucket (campaign_metrics' base columns). */
export interface PlatformMetricRow {
  readonly platformCampaignId: string;
  /** Bucket start, UTC, ISO-8601 with milliseconds (an hour for Google, a day for Meta). */
  readonly time: string;
  readonly impressions: number;
  readonly clicks: number;
  readonly spendCents: number;
  readonly conversions: number;
  readonly revenueCents: number;
}

/** A campaign as the platform lists it (seed 003 campaigns' columns). */
export interface PlatformCampaign {
  readonly platformCampaignId: string;
  readonly name: string;
  /** Lower case: `active`, `paused`, `removed`, `archived`… (Google's ENABLED reads active), as the recommendations compare them. */
  readonly status: string;
  readonly objective: string | null;
  /** Decimal string in the account's currency, or null when the campaign has none of its own. */
  readonly budgetAmount: string | null;
  readonly budgetType: 'daily' | 'lifetime' | null;
  /** ISO-8601 instants (UTC), or null. */
  readonly startDate: string | null;
  readonly endDate: string | null;
}

/** A window of an account: UTC instants, start inclusive, end exclusive. */
export interface MetricWindow {
  readonly start: Date;
  readonly end: Date;
}

/**
 * Sent with every change so a repeat is recognisable (the stand-in server records by it). The
 * changes themselves are absolute — status PAUSED, budget = amount — so a repeat is harmless on
 * a platform that ignores the key.
 */
export interface MutationOptions {
  readonly idempotencyKey: string;
}

export interface AdPlatformConnector {
  readonly platform: string;
  fetchMetrics(account: PlatformAccount, window: MetricWindow): Promise<PlatformMetricRow[]>;
  listCampaigns(account: PlatformAccount): Promise<PlatformCampaign[]>;
  pauseCampaign(account: PlatformAccount, platformCampaignId: string, options: MutationOptions): Promise<void>;
  /** Sets the campaign's budget (of its current type, daily or lifetime) to `amountCents`. */
  setCampaignBudget(account: PlatformAccount, platformCampaignId: string, amountCents: bigint, options: MutationOptions): Promise<void>;
}
