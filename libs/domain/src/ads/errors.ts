/**
 * Rejection codes of the ads context, named as the seeds name theirs (SCREAMING_SNAKE,
 * subject first). Adapters map them to HTTP statuses or to dead-letter.
 */
export enum AdsErrorCode {
  AD_ROLE_REQUIRED = 'AD_ROLE_REQUIRED',
  // Accounts (H1): details.field names the offending field where there is one.
  AD_ACCOUNT_INVALID = 'AD_ACCOUNT_INVALID',
  /** The platform account is connected by another org (the account stream is the reservation). */
  AD_ACCOUNT_CONNECTED_ELSEWHERE = 'AD_ACCOUNT_CONNECTED_ELSEWHERE',
  /** The account is not connected by the acting org (never, disconnected, or another org's). */
  AD_ACCOUNT_NOT_CONNECTED = 'AD_ACCOUNT_NOT_CONNECTED',
  AD_SYNC_INVALID = 'AD_SYNC_INVALID',
  AD_SYNC_NOT_FOUND = 'AD_SYNC_NOT_FOUND',
  // Ad campaigns (H1)
  AD_CAMPAIGN_INVALID = 'AD_CAMPAIGN_INVALID',
  /** seed 003: start_date/end_date — the end must come after the start. */
  AD_CAMPAIGN_INVALID_DATES = 'AD_CAMPAIGN_INVALID_DATES',
  /** seed 003: UNIQUE(platform, platform_campaign_id) — the campaign is another org's (no details). */
  AD_CAMPAIGN_UNAVAILABLE = 'AD_CAMPAIGN_UNAVAILABLE',
  // Budget allocations (H1)
  BUDGET_ALLOCATION_INVALID = 'BUDGET_ALLOCATION_INVALID',
  BUDGET_ALLOCATION_ALREADY_EXISTS = 'BUDGET_ALLOCATION_ALREADY_EXISTS',
  BUDGET_PERIOD_INVALID = 'BUDGET_PERIOD_INVALID',
  BUDGET_SPLIT_EXCEEDS_TOTAL = 'BUDGET_SPLIT_EXCEEDS_TOTAL',
  BUDGET_AMOUNT_INVALID = 'BUDGET_AMOUNT_INVALID',
  BUDGET_AMOUNT_NEGATIVE = 'BUDGET_AMOUNT_NEGATIVE',
  BUDGET_PLATFORM_UNKNOWN = 'BUDGET_PLATFORM_UNKNOWN',
  BUDGET_AMOUNT_OUT_OF_RANGE = 'BUDGET_AMOUNT_OUT_OF_RANGE',
  // Alerts (H2): details.field names the offending field where there is one.
  ALERT_INVALID = 'ALERT_INVALID',
  /** The alert's campaign is not one of the acting org's registered campaigns. */
  ALERT_CAMPAIGN_NOT_FOUND = 'ALERT_CAMPAIGN_NOT_FOUND',
  ALERT_NOT_FOUND = 'ALERT_NOT_FOUND',
  /** seed 003: resolved_at set — the alert (or the one named) is no longer open. */
  ALERT_NOT_OPEN = 'ALERT_NOT_OPEN',
  // Recommendations (H2)
  RECOMMENDATION_INVALID = 'RECOMMENDATION_INVALID',
  RECOMMENDATION_CAMPAIGN_NOT_FOUND = 'RECOMMENDATION_CAMPAIGN_NOT_FOUND',
  RECOMMENDATION_NOT_FOUND = 'RECOMMENDATION_NOT_FOUND',
  RECOMMENDATION_ALREADY_EXISTS = 'RECOMMENDATION_ALREADY_EXISTS',
  /** seed 003: status pending → accepted / rejected — only a pending one is accepted or rejected. */
  RECOMMENDATION_NOT_PENDING = 'RECOMMENDATION_NOT_PENDING',
  /** The recommendation's status does not allow this (executed before accepted, a result before execution…). */
  RECOMMENDATION_INVALID_STATUS = 'RECOMMENDATION_INVALID_STATUS',
  // Guarded actions (H2)
  AUTOMATION_GUARDRAILS_INVALID = 'AUTOMATION_GUARDRAILS_INVALID',
  AD_ACTION_INVALID = 'AD_ACTION_INVALID',
  AD_ACTION_CAMPAIGN_NOT_FOUND = 'AD_ACTION_CAMPAIGN_NOT_FOUND',
  AD_ACTION_NOT_FOUND = 'AD_ACTION_NOT_FOUND',
  AD_ACTION_ALREADY_EXISTS = 'AD_ACTION_ALREADY_EXISTS',
  /** The action is not where the command needs it (approving one not awaiting approval, executing a rejected one…). */
  AD_ACTION_INVALID_STATUS = 'AD_ACTION_INVALID_STATUS',
}
