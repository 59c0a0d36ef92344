import { z } from '@campaign/runtime';
import type { AlertRules } from './alert-rules';
import { DAY_MS, HOUR_MS } from './window-totals';

/**
 * The alert rules' and the analyzer's settings (seed 003 Alerts, AI Recommendations), read from
 * the environment with their documented defaults. Money is a decimal string in the account's
 * currency (at most 2 decimals); percentages may carry 2 decimals.
 */
const MONEY = /^\d{1,13}(\.\d{1,2})?$/;
const money = (fallback: string) =>
  z
    .string()
    .regex(MONEY, 'a decimal amount with at most 2 decimals')
    .default(fallback)
    .transform((text) => Math.round(Number(text) * 100))
    .refine((cents) => cents > 0, 'more than 0');
const percent = (max: number, fallback: number) =>
  z.coerce
    .number()
    .gt(0)
    .max(max)
    .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-9, 'at most 2 decimals')
    .default(fallback)
    // Basis points: the rules compare in integers, so a drop of exactly the threshold fires.
    .transform((value) => Math.round(value * 100));
const hours = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(fallback);
const days = (fallback: number) => z.coerce.number().int().min(1).max(90).default(fallback);
const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');

export const alertingConfigSchema = z.object({
  ADS_ALERTING_ENABLED: flag('true'),
  /** The consumer group reading `ads.metric-facts` into this part's buckets; default `<TOPIC_PREFIX><SERVICE_NAME>-ads-alerting`. */
  ADS_ALERTING_FACTS_GROUP: z.string().min(1).optional(),
  /** The consumer group reading `ads.events` (pending recommendations, guardrails, result requests); default `<TOPIC_PREFIX><SERVICE_NAME>-ads-insights`. */
  ADS_ALERTING_EVENTS_GROUP: z.string().min(1).optional(),
  /** ROAS_DROP: the window's ROAS at least this many percent below the baseline's. */
  ADS_ALERT_ROAS_DROP_THRESHOLD_PCT: percent(100, 30),
  ADS_ALERT_ROAS_DROP_WINDOW_HOURS: hours(24),
  ADS_ALERT_ROAS_DROP_BASELINE_DAYS: days(7),
  /** Below this spend in the window (or the baseline) the ROAS says too little to judge. */
  ADS_ALERT_ROAS_DROP_MIN_SPEND: money('10.00'),
  /** CPA_SPIKE: the window's CPA at least this many percent above the baseline's. */
  ADS_ALERT_CPA_SPIKE_THRESHOLD_PCT: percent(100_000, 50),
  ADS_ALERT_CPA_SPIKE_WINDOW_HOURS: hours(24),
  ADS_ALERT_CPA_SPIKE_BASELINE_DAYS: days(7),
  ADS_ALERT_CPA_SPIKE_MIN_SPEND: money('10.00'),
  /** ZERO_CONVERSIONS: at least this spend in the window and no conversion. */
  ADS_ALERT_ZERO_CONVERSIONS_MIN_SPEND: money('50.00'),
  ADS_ALERT_ZERO_CONVERSIONS_WINDOW_HOURS: hours(24),
  /**
   * A data window that ended longer ago than this is not judged: replaying the facts topic from
   * the start, or a backfill of old buckets, raises no alerts and proposes nothing for the past.
   */
  ADS_ALERT_STALE_AFTER_HOURS: hours(72),
  /**
   * How long the alerting buckets are kept: the longest look back (the rules' window + baseline,
   * a recommendation's result window before and after execution) must fit in it. Older facts
   * are not stored; older buckets are pruned after each analysis.
   */
  ADS_ALERTING_RETENTION_DAYS: days(35),
  ADS_ANALYZER_ENABLED: flag('true'),
  /** The analyzer runs once per org per interval of data time; its window is the last interval. */
  ADS_ANALYZER_WINDOW_HOURS: hours(24),
  /** An org is analysed once its facts have rested this long (a sync's or a bulk load's batches all in). */
  ADS_ANALYZER_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** A campaign spending less than this in the window gets no recommendation. */
  ADS_ANALYZER_MIN_SPEND: money('50.00'),
  ADS_ANALYZER_BUDGET_DECREASE_PCT: percent(90, 20),
  ADS_ANALYZER_REALLOCATION_PCT: percent(90, 20),
  /** Reallocate only when the better campaign's marginal ROAS beats the worse one's by this much. */
  ADS_ANALYZER_MIN_ROAS_GAP: z.coerce.number().min(0).max(1000).default(0.5),
  /** The Anthropic provider is on only with a key; without one the statistical provider answers. */
  ANTHROPIC_API_KEY: z
    .string()
    .optional()
    .transform((key) => (key?.trim() ? key.trim() : undefined)),
  ANTHROPIC_BASE_URL: z
    .string()
    .url()
    .default('https://api.anthropic.com')
    .transform((url) => url.replace(/\/+$/, '')),
  ANTHROPIC_MODEL: z.string().min(1).default('claude-sonnet-4-5'),
  ANTHROPIC_VERSION: z.string().min(1).default('2023-06-01'),
  ANTHROPIC_MAX_TOKENS: z.coerce.number().int().min(256).max(64_000).default(4096),
  ANTHROPIC_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
});

export type AlertingConfig = z.infer<typeof alertingConfigSchema>;

export const ALERTING_CONFIG = Symbol('ALERTING_CONFIG');

/** The rules as the pure evaluation takes them. */
export const alertRulesOf = (config: AlertingConfig): AlertRules => ({
  ROAS_DROP: {
    thresholdBp: config.ADS_ALERT_ROAS_DROP_THRESHOLD_PCT,
    windowMs: config.ADS_ALERT_ROAS_DROP_WINDOW_HOURS * HOUR_MS,
    baselineMs: config.ADS_ALERT_ROAS_DROP_BASELINE_DAYS * DAY_MS,
    minSpendCents: config.ADS_ALERT_ROAS_DROP_MIN_SPEND,
  },
  CPA_SPIKE: {
    thresholdBp: config.ADS_ALERT_CPA_SPIKE_THRESHOLD_PCT,
    windowMs: config.ADS_ALERT_CPA_SPIKE_WINDOW_HOURS * HOUR_MS,
    baselineMs: config.ADS_ALERT_CPA_SPIKE_BASELINE_DAYS * DAY_MS,
    minSpendCents: config.ADS_ALERT_CPA_SPIKE_MIN_SPEND,
  },
  ZERO_CONVERSIONS: {
    minSpendCents: config.ADS_ALERT_ZERO_CONVERSIONS_MIN_SPEND,
    windowMs: config.ADS_ALERT_ZERO_CONVERSIONS_WINDOW_HOURS * HOUR_MS,
  },
});
