/**
 * The derived KPIs of a campaign's figures and the check of a pushed metric row (seed 003
 * `campaign_metrics`). Pure and exact: money is integer cents, every division BigInt, rounded
 * to the seed's scale 4 half away from zero as PostgreSQL rounds NUMERIC.
 */
import { isInstantInBounds, isUuid, parseInstant, toIso } from '../shared/validation';
import { readMoney } from '../shared/money';
import { AD_CAMPAIGN_LIMITS, isAdsPlatform } from './values';

export interface MetricFigures {
  readonly impressions: number | bigint;
  readonly clicks: number | bigint;
  readonly spendCents: number | bigint;
  readonly conversions: number | bigint;
  readonly revenueCents: number | bigint;
}

/** seed 003: cpc, cpm, roas, roi DECIMAL(10,4); ctr DECIMAL(5,4) — decimal strings, null where undefined. */
export interface Kpis {
  readonly cpc: string | null;
  readonly cpm: string | null;
  readonly ctr: string | null;
  readonly roas: string | null;
  readonly roi: string | null;
}

export const KPI_SCALE = 4;
const SCALE = 10n ** BigInt(KPI_SCALE);

/** numerator / denominator at scale 4, half away from zero; null for a zero denominator (SQL NULLIF). */
export const divideAtScale = (numerator: bigint, denominator: bigint): string | null => {
  if (denominator === 0n) return null;
  const negative = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const n = (numerator < 0n ? -numerator : numerator) * SCALE;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  const digits = String(q).padStart(KPI_SCALE + 1, '0');
  const text = `${digits.slice(0, -KPI_SCALE)}.${digits.slice(-KPI_SCALE)}`;
  return negative && q !== 0n ? `-${text}` : text;
};

const big = (value: number | bigint): bigint => (typeof value === 'bigint' ? value : BigInt(value));

/** Below this every step of divideNumbersAtScale is exact in a double (q × d ≤ n + d < 2^53). */
const EXACT_NUMBER = 2 ** 52;
const NUMBER_SCALE = 10 ** KPI_SCALE;

/**
 * |numerator| / |denominator| at scale 4 (the KPI's digits as an integer, no sign), rounded half
 * away from zero, for integers small enough for doubles — the same digits as divideAtScale
 * without BigInt (a push computes five KPIs a row, the projection five a fact): the double
 * division only guesses the quotient, the exact remainder corrects it. Null for a zero
 * denominator; undefined when the operands are too large (the caller divides with BigInt).
 */
const scaledQuotient = (numerator: number, denominator: number): number | null | undefined => {
  if (denominator === 0) return null;
  const n = Math.abs(numerator) * NUMBER_SCALE;
  const d = Math.abs(denominator);
  if (!(n < EXACT_NUMBER && d < EXACT_NUMBER)) return undefined;
  let q = Math.floor(n / d);
  let r = n - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  return r * 2 >= d ? q + 1 : q;
};

/** scaledQuotient as the KPI's text (null, or undefined: too large for doubles). */
const divideNumbersAtScale = (numerator: number, denominator: number): string | null | undefined => {
  const q = scaledQuotient(numerator, denominator);
  if (q === null || q === undefined) return q;
  const digits = String(q).padStart(KPI_SCALE + 1, '0');
  const text = `${digits.slice(0, -KPI_SCALE)}.${digits.slice(-KPI_SCALE)}`;
  return numerator < 0 !== denominator < 0 && numerator !== 0 && q !== 0 ? `-${text}` : text;
};

/** Figures that are all safe integers as numbers, or null (then BigInt does every division). */
const numbersOf = (figures: MetricFigures): { impressions: number; clicks: number; spend: number; revenue: number } | null => {
  const { impressions, clicks, spendCents, revenueCents } = figures;
  if (typeof impressions !== 'number' || typeof clicks !== 'number' || typeof spendCents !== 'number' || typeof revenueCents !== 'number') return null;
  if (!Number.isSafeInteger(impressions) || !Number.isSafeInteger(clicks) || !Number.isSafeInteger(spendCents) || !Number.isSafeInteger(revenueCents))
    return null;
  return { impressions, clicks, spend: spendCents, revenue: revenueCents };
};

/**
 * cpc = spend / clicks, cpm = spend × 1000 / impressions, ctr = clicks / impressions,
 * roas = revenue / spend, roi = (revenue − spend) / spend — from the summed base figures.
 */
export const computeKpis = (figures: MetricFigures): Kpis => {
  const numbers = numbersOf(figures);
  if (numbers !== null) {
    const { impressions, clicks, spend, revenue } = numbers;
    const cpc = divideNumbersAtScale(spend, clicks * 100);
    const cpm = divideNumbersAtScale(spend * 10, impressions);
    const ctr = divideNumbersAtScale(clicks, impressions);
    const roas = divideNumbersAtScale(revenue, spend);
    const roi = divideNumbersAtScale(revenue - spend, spend);
    // Any operand too large for doubles: every KPI the exact BigInt way below.
    if (cpc !== undefined && cpm !== undefined && ctr !== undefined && roas !== undefined && roi !== undefined) return { cpc, cpm, ctr, roas, roi };
  }
  const impressions = big(figures.impressions);
  const clicks = big(figures.clicks);
  const spend = big(figures.spendCents);
  const revenue = big(figures.revenueCents);
  return {
    // spendCents / 100 / clicks
    cpc: divideAtScale(spend, clicks * 100n),
    // spendCents / 100 × 1000 / impressions
    cpm: divideAtScale(spend * 10n, impressions),
    ctr: divideAtScale(clicks, impressions),
    roas: divideAtScale(revenue, spend),
    roi: divideAtScale(revenue - spend, spend),
  };
};

export type MetricRowErrorCode =
  | 'METRIC_FIELD_REQUIRED'
  | 'METRIC_FIELD_INVALID'
  | 'METRIC_BUCKET_UNALIGNED'
  | 'METRIC_VALUE_OUT_OF_RANGE'
  | 'METRIC_KPI_OUT_OF_RANGE';

export interface MetricRowError {
  readonly code: MetricRowErrorCode;
  readonly field: string;
  readonly message: string;
}

// seed 003: the KPI columns' precision — DECIMAL(p,4) holds |x| < 10^(p−4).
export const KPI_PRECISION: Readonly<Record<keyof Kpis, { readonly precision: number; readonly limit: bigint }>> = {
  cpc: { precision: 10, limit: 10n ** 6n },
  cpm: { precision: 10, limit: 10n ** 6n },
  ctr: { precision: 5, limit: 10n },
  roas: { precision: 10, limit: 10n ** 6n },
  roi: { precision: 10, limit: 10n ** 6n },
};

const KPI_LIMITS = (Object.entries(KPI_PRECISION) as [keyof Kpis, (typeof KPI_PRECISION)['cpc']][]).map(([name, { precision, limit }]) => ({
  name,
  precision,
  limit,
  limitNumber: Number(limit),
}));

/** Each KPI's limit × 10^4, in computeKpis' order (cpc, cpm, ctr, roas, roi). */
const SCALED_LIMITS = (['cpc', 'cpm', 'ctr', 'roas', 'roi'] as const).map((name) => Number(KPI_PRECISION[name].limit) * NUMBER_SCALE);

/** A KPI's whole part (its text before the point, sign dropped) is at or above `limit`. */
const wholeReaches = (value: string, limit: bigint, limitNumber: number): boolean => {
  const whole = value.slice(value.startsWith('-') ? 1 : 0, value.indexOf('.'));
  // Up to 15 digits a double holds the integer exactly; beyond, BigInt compares.
  return whole.length <= 15 ? Number(whole) >= limitNumber : BigInt(whole) >= limit;
};

/** The first KPI that does not fit its column, as a row error; null when all fit. */
export const kpiRangeError = (kpis: Kpis): MetricRowError | null => {
  for (const { name, precision, limit, limitNumber } of KPI_LIMITS) {
    const value = kpis[name];
    if (value === null) continue;
    if (wholeReaches(value, limit, limitNumber)) {
      return {
        code: 'METRIC_KPI_OUT_OF_RANGE',
        field: name,
        message: `${name} = ${value} does not fit ${name}'s DECIMAL(${precision},4) (|${name}| < ${limit})`,
      };
    }
  }
  return null;
};

/**
 * kpiRangeError(computeKpis(figures)) === null, without writing the KPIs out: each scaled
 * quotient is compared with its column's limit × 10^4 (a KPI's whole part reaches the limit
 * exactly when its digits at scale 4 reach limit × 10^4). Figures beyond doubles take the exact way.
 */
const kpisFit = (figures: MetricFigures): boolean => {
  const numbers = numbersOf(figures);
  if (numbers === null) return kpiRangeError(computeKpis(figures)) === null;
  const { impressions, clicks, spend, revenue } = numbers;
  const quotients = [
    scaledQuotient(spend, clicks * 100),
    scaledQuotient(spend * 10, impressions),
    scaledQuotient(clicks, impressions),
    scaledQuotient(revenue, spend),
    scaledQuotient(revenue - spend, spend),
  ];
  for (let i = 0; i < quotients.length; i++) {
    const q = quotients[i];
    if (q === undefined) return kpiRangeError(computeKpis(figures)) === null;
    if (q !== null && q >= SCALED_LIMITS[i]) return false;
  }
  return true;
};

/** A validated row: the base figures of one campaign's 15-minute bucket. */
export interface MetricFactData {
  /** Given by the row, or null: the caller finds it from platform and platformCampaignId. */
  readonly campaignId: string | null;
  readonly platform: string;
  readonly platformCampaignId: string;
  /** The bucket's start, UTC, on a 15-minute boundary. */
  readonly time: string;
  readonly impressions: number;
  readonly clicks: number;
  readonly spendCents: number;
  readonly conversions: number;
  readonly revenueCents: number;
  /** ISO 4217, or null: the account's currency applies. */
  readonly currency: string | null;
}

export const METRIC_BUCKET_MS = 15 * 60_000;
// seed 003: impressions, clicks BIGINT; conversions INTEGER. A fact's long is read as a JS number,
// so a BIGINT figure is capped at 2^53 − 1 (Number.MAX_SAFE_INTEGER).
const BIGINT_MAX = Number.MAX_SAFE_INTEGER;
const INTEGER_MAX = 2_147_483_647;
const CURRENCY = /^[A-Z]{3}$/;

export const isMetricRowError = (value: MetricFactData | MetricRowError): value is MetricRowError => 'code' in value;

type Row = Readonly<Record<string, unknown>>;

const SNAKE: Readonly<Record<string, string>> = { platformCampaignId: 'platform_campaign_id', campaignId: 'campaign_id' };

/** A field by its name or, for rows from CSV or SQL exports, its seed column name; blank text is absent. */
const fieldOf = (row: Row, name: string): unknown => {
  const value = row[name] ?? (SNAKE[name] ? row[SNAKE[name]] : undefined);
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
};

const required = (field: string): MetricRowError => ({ code: 'METRIC_FIELD_REQUIRED', field, message: `${field} is required` });
const invalid = (field: string, message: string): MetricRowError => ({ code: 'METRIC_FIELD_INVALID', field, message });
const outOfRange = (field: string, message: string): MetricRowError => ({ code: 'METRIC_VALUE_OUT_OF_RANGE', field, message });

const INTEGER_TEXT = /^-?\d+$/;

/** A count (a number or its digits as text) within the column's maximum. */
const countOf = (row: Row, field: string, max: number, column: string): number | MetricRowError => {
  const value = fieldOf(row, field);
  if (value === undefined || value === null) return required(field);
  const text = typeof value === 'string' ? value.trim() : null;
  const count = text !== null && INTEGER_TEXT.test(text) ? Number(text) : typeof value === 'number' && Number.isInteger(value) ? value : null;
  if (count === null) return invalid(field, `${field} must be a whole number`);
  if (count < 0) return outOfRange(field, `${field} must not be negative`);
  if (!Number.isSafeInteger(count) || count > max) return outOfRange(field, `${field} = ${String(value)} does not fit ${column} (at most ${max})`);
  return count;
};

/** Plain amounts (digits, at most 2 decimals, within DECIMAL(15,2)), as exports write them: read without BigInt. */
const PLAIN_MONEY = /^(\d{1,13})(?:\.(\d{1,2}))?$/;
const PLAIN_MONEY_LIMIT = 1e13;

/** seed 003: spend, revenue DECIMAL(15,2) — at most 2 decimals, not negative, |x| < 10^13. */
const centsOf = (row: Row, field: string): number | MetricRowError => {
  const value = fieldOf(row, field);
  if (value === undefined || value === null) return required(field);
  // Fast paths for what every export sends; anything else (signs, spaces, numbers with decimals) is readMoney's.
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value < PLAIN_MONEY_LIMIT) return value * 100;
  const plain = typeof value === 'string' ? PLAIN_MONEY.exec(value) : null;
  if (plain !== null) return Number(plain[1]) * 100 + (plain[2] === undefined ? 0 : Number(plain[2].length === 1 ? `${plain[2]}0` : plain[2]));
  const money = readMoney(value);
  if ('problem' in money) {
    if (money.problem === 'format') return invalid(field, `${field} must be a decimal amount`);
    return outOfRange(field, `${field} = ${String(value)} does not fit DECIMAL(15,2) (2 decimals, |x| < 10^13)`);
  }
  if (money.cents < 0n) return outOfRange(field, `${field} must not be negative`);
  return Number(money.cents);
};

/**
 * Buckets already read, by their text: the rows of a push share a few buckets (a period's
 * export), and reading an instant (pattern, Date.parse, ISO text) was a fifth of a row's check.
 * Bounded: emptied when full.
 */
const bucketsRead = new Map<string, string | MetricRowError>();
const BUCKETS_KEPT = 4_096;

/** seed 003: time TIMESTAMP NOT NULL — the start of a 15-minute bucket (data flow: "15min sync"). */
const bucketOf = (row: Row): string | MetricRowError => {
  const value = fieldOf(row, 'time');
  if (value === undefined || value === null) return required('time');
  if (typeof value !== 'string') return readBucket(value);
  let bucket = bucketsRead.get(value);
  if (bucket === undefined) {
    if (bucketsRead.size >= BUCKETS_KEPT) bucketsRead.clear();
    bucketsRead.set(value, (bucket = readBucket(value)));
  }
  return bucket;
};

const readBucket = (value: unknown): string | MetricRowError => {
  const millis = parseInstant(value);
  if (millis === null) return invalid('time', 'time must be an ISO-8601 instant with its zone, e.g. 2026-05-01T10:15:00Z');
  if (!isInstantInBounds(millis)) return outOfRange('time', 'time must lie between 2000 and 3000');
  if (millis % METRIC_BUCKET_MS !== 0)
    return { code: 'METRIC_BUCKET_UNALIGNED', field: 'time', message: `time ${String(value)} is not the start of a 15-minute bucket` };
  return toIso(millis);
};

const textField = (row: Row, field: string, max: number): string | MetricRowError => {
  const value = fieldOf(row, field);
  if (value === undefined || value === null) return required(field);
  if (typeof value !== 'string' || value.length > max) return invalid(field, `${field} must be text of at most ${max} characters`);
  return value;
};

/** The identity of the row's campaign and bucket, or the first thing wrong with it. */
const identityOf = (row: Row): Pick<MetricFactData, 'campaignId' | 'platform' | 'platformCampaignId' | 'time' | 'currency'> | MetricRowError => {
  const platform = textField(row, 'platform', AD_CAMPAIGN_LIMITS.platform);
  if (typeof platform !== 'string') return platform;
  if (!isAdsPlatform(platform)) return invalid('platform', `platform ${platform} is not a known ad platform`);
  const platformCampaignId = textField(row, 'platformCampaignId', AD_CAMPAIGN_LIMITS.platformCampaignId);
  if (typeof platformCampaignId !== 'string') return platformCampaignId;
  const campaignId = fieldOf(row, 'campaignId') ?? null;
  if (campaignId !== null && !isUuid(campaignId)) return invalid('campaignId', 'campaignId must be a UUID');
  const currency = fieldOf(row, 'currency') ?? null;
  if (currency !== null && (typeof currency !== 'string' || !CURRENCY.test(currency))) return invalid('currency', 'currency must be an ISO 4217 code');
  const time = bucketOf(row);
  if (typeof time !== 'string') return time;
  return { campaignId: campaignId as string | null, platform, platformCampaignId, time, currency: currency as string | null };
};

/**
 * One pushed row (JSON, NDJSON or CSV; fields by name or seed column name, numbers or their
 * text) as the figures of one campaign's bucket, or the first thing wrong with it: a missing
 * or malformed field, a bucket off the 15-minute grid, a figure outside its column, or a KPI
 * the figures imply that its column cannot hold (rejected, never stored wrong).
 */
export const validateMetricRow = (row: unknown): MetricFactData | MetricRowError => {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return invalid('(row)', 'a row must be an object of named fields');
  const r = row as Row;
  const identity = identityOf(r);
  if ('code' in identity) return identity;
  const impressions = countOf(r, 'impressions', BIGINT_MAX, 'BIGINT');
  if (typeof impressions !== 'number') return impressions;
  const clicks = countOf(r, 'clicks', BIGINT_MAX, 'BIGINT');
  if (typeof clicks !== 'number') return clicks;
  const spendCents = centsOf(r, 'spend');
  if (typeof spendCents !== 'number') return spendCents;
  const conversions = countOf(r, 'conversions', INTEGER_MAX, 'INTEGER');
  if (typeof conversions !== 'number') return conversions;
  const revenueCents = centsOf(r, 'revenue');
  if (typeof revenueCents !== 'number') return revenueCents;
  const figures = { impressions, clicks, spendCents, conversions, revenueCents };
  if (!kpisFit(figures)) return kpiRangeError(computeKpis(figures)) as MetricRowError;
  return {
    campaignId: identity.campaignId,
    platform: identity.platform,
    platformCampaignId: identity.platformCampaignId,
    time: identity.time,
    currency: identity.currency,
    impressions,
    clicks,
    spendCents,
    conversions,
    revenueCents,
  };
};
