import { ads as adsWire } from '@campaign/contracts';
import { ads } from '@campaign/domain';
import type { CampaignDirectory, DirectoryEntry } from '../shared/ads-ingest.ports';
import { instantOfLocalHour } from './local-day';
import type { PushedRow } from './metric-rows';

/** One bad row of a push: where, what (a code), which field, and a sentence for a person. */
export interface RowError {
  readonly row: number;
  readonly code: string;
  readonly field: string;
  readonly message: string;
}

/** A push of an org's rows: where its facts come from (`sourceRef`) and when they were observed. */
export interface PushRequest {
  readonly orgId: string;
  readonly rows: readonly PushedRow[];
  /** `push` facts name the HTTP request's id or the Kafka import's id. */
  readonly sourceRef: string;
  readonly observedAt: string;
  /** The platform of rows that name none (an export of one platform, `?platform=google`). */
  readonly platform?: string;
  /** The most errors listed (the count of bad rows is always given). */
  readonly maxErrors: number;
}

/** All or nothing: every row good, their facts; or every bad row (up to maxErrors) and nothing. */
export type PushOutcome =
  | { readonly status: 'ACCEPTED'; readonly facts: adsWire.MetricFact[] }
  | { readonly status: 'REJECTED'; readonly rejectedRows: number; readonly errors: RowError[] };

type Fields = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The row's platform and platform campaign id (by name or seed column), as far as they are text. */
const identityOf = (fields: Fields, platform: string | undefined) => ({
  platform: text(fields.platform) ?? platform ?? null,
  platformCampaignId: text(fields.platformCampaignId ?? fields.platform_campaign_id),
});

/** How long a push waits for the directory to apply registrations just made, before it judges. */
const CATCH_UP_BUDGET_MS = 5_000;

/**
 * Looks up the campaigns the rows name. A campaign not found may have been registered a moment
 * ago (its event still on its way to the directory): the directory is given a few seconds to
 * catch up before the rows are judged.
 */
const entriesOf = async (directory: CampaignDirectory, campaignIds: readonly string[]): Promise<ReadonlyMap<string, DirectoryEntry>> => {
  const found = await directory.entries(campaignIds);
  const missing = campaignIds.filter((id) => !found.has(id));
  if (missing.length === 0) return found;
  await directory.caughtUp(CATCH_UP_BUDGET_MS).catch(() => undefined);
  const more = await directory.entries(missing);
  return new Map([...found, ...more]);
};

/** `day` (+ `hour`) of an export, in the account's time zone, as the row's `time`. */
const withTime = (fields: Fields, entry: DirectoryEntry | undefined): { readonly fields: Fields } | { readonly error: Problem } => {
  if (fields.time !== undefined && fields.time !== null && fields.time !== '') return { fields };
  const day = text(fields.day);
  if (day === null) return { fields };
  const hourText = text(fields.hour) ?? '0';
  const hour = /^\d{1,2}$/.test(hourText) ? Number(hourText) : NaN;
  const time = instantOfLocalHour(day, hour, entry?.timeZone ?? 'UTC');
  if (time === null) return { error: { code: 'METRIC_FIELD_INVALID', field: 'day', message: 'day must be a date (YYYY-MM-DD) and hour a whole hour 0-23' } };
  return { fields: { ...fields, time } };
};

/**
 * Judges every row of a push: the domain's row checks (seed 003 columns and KPI precision:
 * ads.validateMetricRow), then what only the ingest knows — the campaign is registered to the
 * caller's org (AD_CAMPAIGN_NOT_REGISTERED otherwise, the same whether unknown or another
 * org's), the row's currency is its account's, no two rows name the same campaign and bucket.
 */
export const checkPush = async (request: PushRequest, directory: CampaignDirectory): Promise<PushOutcome> => {
  const campaignIdOf = new Map<PushedRow, string>();
  // A push holds many rows of few campaigns: each pair's id (a SHA-1) is computed once.
  const idOfPair = new Map<string, string>();
  for (const pushed of request.rows) {
    if (!('fields' in pushed)) continue;
    const { platform, platformCampaignId } = identityOf(pushed.fields, request.platform);
    if (!platform || !platformCampaignId) continue;
    const pair = `${platform}\u0000${platformCampaignId}`;
    let id = idOfPair.get(pair);
    if (id === undefined) idOfPair.set(pair, (id = adsWire.adCampaignIdOf(platform, platformCampaignId)));
    campaignIdOf.set(pushed, id);
  }
  const entries = await entriesOf(directory, [...new Set(campaignIdOf.values())]);

  const errors: RowError[] = [];
  const facts: adsWire.MetricFact[] = [];
  const seen = new Map<string, number>();
  let rejectedRows = 0;
  const reject = (error: RowError) => {
    rejectedRows++;
    if (errors.length < request.maxErrors) errors.push(error);
  };
  for (const pushed of request.rows) {
    if (!('fields' in pushed)) {
      reject({ row: pushed.row, code: 'METRIC_ROW_MALFORMED', field: '(row)', message: pushed.malformed });
      continue;
    }
    const campaignId = campaignIdOf.get(pushed);
    const entry = campaignId ? entries.get(campaignId) : undefined;
    const timed = withTime(pushed.fields, entry);
    if ('error' in timed) {
      reject({ row: pushed.row, ...timed.error });
      continue;
    }
    const platform = text(pushed.fields.platform) ?? request.platform;
    // The request's platform for a row that names none (a copy only then: a row per fact of a bulk push).
    const row = ads.validateMetricRow(platform === undefined || timed.fields.platform === platform ? timed.fields : { ...timed.fields, platform });
    if (ads.isMetricRowError(row)) {
      reject({ row: pushed.row, ...row });
      continue;
    }
    const problem = campaignProblem(row, campaignId, entry, request.orgId);
    if (problem) {
      reject({ row: pushed.row, ...problem });
      continue;
    }
    const key = `${campaignId}|${row.time}`;
    const first = seen.get(key);
    if (first !== undefined) {
      reject({ row: pushed.row, code: 'METRIC_ROW_DUPLICATE', field: 'time', message: `row ${first} already gives this campaign's bucket ${row.time}` });
      continue;
    }
    seen.set(key, pushed.row);
    const owner = entry as DirectoryEntry;
    facts.push({
      orgId: request.orgId,
      campaignId: owner.campaignId,
      accountId: owner.accountId,
      platform: row.platform,
      platformCampaignId: row.platformCampaignId,
      time: row.time,
      impressions: row.impressions,
      clicks: row.clicks,
      spendCents: row.spendCents,
      conversions: row.conversions,
      revenueCents: row.revenueCents,
      currency: (row.currency ?? owner.currency) as string,
      source: 'push',
      sourceRef: request.sourceRef,
      observedAt: request.observedAt,
    });
  }
  return rejectedRows > 0 ? { status: 'REJECTED', rejectedRows, errors } : { status: 'ACCEPTED', facts };
};

type Problem = Omit<RowError, 'row'>;

const campaignProblem = (row: ads.MetricFactData, campaignId: string | undefined, entry: DirectoryEntry | undefined, orgId: string): Problem | null => {
  // Another org's campaign is answered as an unknown one: its existence is not the caller's to learn.
  if (!campaignId || !entry || entry.orgId !== orgId) {
    return {
      code: 'AD_CAMPAIGN_NOT_REGISTERED',
      field: 'platform_campaign_id',
      message: `no campaign ${row.platformCampaignId} on ${row.platform} is registered to this organization`,
    };
  }
  if (row.campaignId !== null && row.campaignId !== campaignId) {
    return { code: 'METRIC_FIELD_INVALID', field: 'campaignId', message: `campaignId is not the id of ${row.platform} campaign ${row.platformCampaignId}` };
  }
  if (row.currency === null && entry.currency === null) {
    return { code: 'METRIC_FIELD_REQUIRED', field: 'currency', message: "currency is required: the campaign's account currency is not known yet" };
  }
  if (row.currency !== null && entry.currency !== null && row.currency !== entry.currency) {
    return {
      code: 'METRIC_CURRENCY_MISMATCH',
      field: 'currency',
      message: `the campaign's account reports in ${entry.currency}, not ${row.currency} (figures are not converted)`,
    };
  }
  return null;
};
