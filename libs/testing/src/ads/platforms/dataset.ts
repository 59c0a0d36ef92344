/**
 * The stand-in platforms' world, controlled by the test: accounts, campaigns, figures per
 * campaign and local day (and hour), failures to answer with, and the changes the connectors
 * asked for. Figures are kept platform-neutral (decimal strings in the account's currency) and
 * written in each platform's own shape by its routes.
 */
export type StandInPlatform = 'google' | 'meta';

export interface StandInAccount {
  readonly platform: StandInPlatform;
  readonly platformAccountId: string;
  readonly currency: string;
  readonly timeZone: string;
}

export interface StandInCampaign {
  readonly platform: StandInPlatform;
  readonly platformAccountId: string;
  readonly platformCampaignId: string;
  readonly name: string;
  /** The platform's own word: Google ENABLED/PAUSED/REMOVED, Meta ACTIVE/PAUSED/ARCHIVED. */
  status: string;
  readonly objective: string;
  /** Decimal string in the account's currency. */
  budgetAmount: string | null;
  readonly budgetType: 'daily' | 'lifetime';
  /** Local dates (`YYYY-MM-DD`). */
  readonly startDate: string | null;
  readonly endDate: string | null;
}

export interface StandInMetric {
  readonly platform: StandInPlatform;
  readonly platformCampaignId: string;
  /** The account's local day, and for Google its local hour (Meta reports days). */
  readonly date: string;
  readonly hour?: number;
  readonly impressions: number;
  readonly clicks: number;
  /** Decimal strings in the account's currency. */
  readonly spend: string;
  readonly conversions: number;
  readonly revenue: string;
}

/** A change a connector asked for, as the stand-in applied it. */
export interface StandInMutation {
  readonly platform: StandInPlatform;
  readonly platformCampaignId: string;
  readonly change: Readonly<Record<string, string>>;
  readonly idempotencyKey: string | null;
  readonly at: string;
}

export interface StandInRequest {
  readonly platform: StandInPlatform;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

const metricKey = (m: Pick<StandInMetric, 'platform' | 'platformCampaignId' | 'date' | 'hour'>) =>
  `${m.platform}|${m.platformCampaignId}|${m.date}|${m.hour ?? ''}`;

export class StandInDataset {
  readonly accounts = new Map<string, StandInAccount>();
  readonly campaigns = new Map<string, StandInCampaign>();
  private readonly metrics = new Map<string, StandInMetric>();
  /** Changes applied, once per idempotency key. */
  readonly mutations: StandInMutation[] = [];
  /** Every request received, in order. */
  readonly requests: StandInRequest[] = [];
  private readonly failures: { platform: StandInPlatform; status: number; remaining: number; match?: RegExp }[] = [];

  addAccount(account: StandInAccount): void {
    this.accounts.set(`${account.platform}|${account.platformAccountId}`, account);
  }

  account(platform: StandInPlatform, platformAccountId: string): StandInAccount | undefined {
    return this.accounts.get(`${platform}|${platformAccountId}`);
  }

  addCampaign(campaign: StandInCampaign): void {
    this.campaigns.set(`${campaign.platform}|${campaign.platformCampaignId}`, { ...campaign });
  }

  campaign(platform: StandInPlatform, platformCampaignId: string): StandInCampaign | undefined {
    return this.campaigns.get(`${platform}|${platformCampaignId}`);
  }

  campaignsOf(platform: StandInPlatform, platformAccountId: string): StandInCampaign[] {
    return [...this.campaigns.values()].filter((c) => c.platform === platform && c.platformAccountId === platformAccountId);
  }

  /** Sets figures; a row for a bucket already set replaces it (what a platform's restatement looks like). */
  setMetrics(rows: readonly StandInMetric[]): void {
    for (const row of rows) this.metrics.set(metricKey(row), row);
  }

  /** The platform restates a bucket: late conversions change its figures. */
  restate(row: Pick<StandInMetric, 'platform' | 'platformCampaignId' | 'date' | 'hour'> & Partial<StandInMetric>): void {
    const before = this.metrics.get(metricKey(row));
    if (!before) throw new Error(`no figures to restate for ${metricKey(row)}`);
    this.metrics.set(metricKey(row), { ...before, ...row });
  }

  metricsOf(platform: StandInPlatform, platformAccountId: string, since: string, until: string): StandInMetric[] {
    const ids = new Set(this.campaignsOf(platform, platformAccountId).map((c) => c.platformCampaignId));
    return [...this.metrics.values()]
      .filter((m) => m.platform === platform && ids.has(m.platformCampaignId) && m.date >= since && m.date <= until)
      .sort((a, b) => metricKey(a).localeCompare(metricKey(b)));
  }

  /** The next `count` requests to the platform (whose path matches) are answered with `status`. */
  failNext(platform: StandInPlatform, count: number, status: number, match?: RegExp): void {
    this.failures.push({ platform, status, remaining: count, match });
  }

  /** The status to fail a request with, if one is due. */
  takeFailure(platform: StandInPlatform, path: string): number | null {
    const failure = this.failures.find((f) => f.platform === platform && f.remaining > 0 && (!f.match || f.match.test(path)));
    if (!failure) return null;
    failure.remaining--;
    return failure.status;
  }

  /** Applies a change once per idempotency key; a repeat of the same key changes nothing. */
  recordMutation(mutation: Omit<StandInMutation, 'at'>, apply: () => void): void {
    if (mutation.idempotencyKey && this.mutations.some((m) => m.idempotencyKey === mutation.idempotencyKey)) return;
    apply();
    this.mutations.push({ ...mutation, at: new Date().toISOString() });
  }
}

/** A decimal string scaled by 10^digits, exactly (`("12.5", 6)` → "12500000"). */
export const scaleDecimal = (amount: string, digits: number): string => {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole + fraction.padEnd(digits, '0').slice(0, digits)).toString();
};

/** The inverse of scaleDecimal, with 2 decimals (the stand-in's budgets). */
export const unscale = (value: string, digits: number): string => {
  const cents = (BigInt(value) * 100n) / 10n ** BigInt(digits);
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
};
