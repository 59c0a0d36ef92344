/**
 * The value lists and limits of the ads context (seed 003), in one place: deciders validate
 * with them, contracts and read models are generated from them.
 */

/** The ad platforms a budget may be split across (connectors exist for google and meta). */
export const ADS_PLATFORMS = ['google', 'meta', 'linkedin', 'tiktok', 'microsoft'] as const;
export type AdsPlatform = (typeof ADS_PLATFORMS)[number];

export const isAdsPlatform = (value: unknown): value is AdsPlatform => (ADS_PLATFORMS as readonly unknown[]).includes(value);

/** A person's role in the org (the JWT's `role`): analysts read, marketers act, admins set guardrails. */
export const AD_ROLES = ['analyst', 'marketer', 'admin'] as const;
export type AdRole = (typeof AD_ROLES)[number];

// seed 003: campaigns.budget_type VARCHAR(50) -- daily, lifetime
export const BUDGET_TYPES = ['daily', 'lifetime'] as const;
export type BudgetType = (typeof BUDGET_TYPES)[number];

// seed 003: campaigns — the VARCHAR lengths a campaign's fields must fit.
export const AD_CAMPAIGN_LIMITS = {
  platform: 50,
  platformCampaignId: 255,
  name: 500,
  status: 50,
  objective: 100,
  budgetType: 50,
} as const;

/** An account's own fields (no seed table: sized like the campaign's). */
export const AD_ACCOUNT_LIMITS = { platformAccountId: 255, name: 500 } as const;

// seed 003 data flow: "15min sync" — each connected account is synced every 15 minutes.
export const ADS_SYNC_INTERVAL_MS = 15 * 60_000;

/** Platforms restate recent days (late conversions): each sync re-reads this many past local days. */
export const ADS_SYNC_WINDOW_DAYS = 3;
export const ADS_SYNC_WINDOW_MAX_DAYS = 90;

/** How long after a recommendation's execution its result is measured (configurable in the scheduler). */
export const ADS_RESULT_WINDOW_MS = 7 * 24 * 3_600_000;

/** How many recent sync ids an account remembers, so a repeated request or outcome is recognised. */
export const RECENT_SYNCS_KEPT = 50;
