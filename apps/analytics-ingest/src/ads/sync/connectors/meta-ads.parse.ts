/**
 * Meta Marketing API answers read into the connector's shapes. Insights write every figure as a
 * string (`spend: "12.34"` in the account's currency, `impressions: "1000"`); conversions and
 * revenue are entries of the `actions` and `action_values` lists, under the configured action
 * type (a purchase pixel event by default). `date_start` is the account's local day.
 */
import type { PlatformAccount, PlatformCampaign, PlatformMetricRow } from './connector';
import { PlatformDataError } from './connector.errors';
import { centsToAmount, decimalToCents, minorUnitsToCents, toWhole } from './money';
import { zonedToUtc } from './zoned-time';

export interface MetaAction {
  readonly action_type?: string;
  readonly value?: string;
}

export interface MetaInsightsRow {
  readonly campaign_id?: string;
  readonly date_start?: string;
  readonly spend?: string;
  readonly impressions?: string;
  readonly clicks?: string;
  readonly actions?: readonly MetaAction[];
  readonly action_values?: readonly MetaAction[];
}

export interface MetaCampaignRow {
  readonly id?: string;
  readonly name?: string;
  readonly status?: string;
  readonly objective?: string;
  readonly daily_budget?: string;
  readonly lifetime_budget?: string;
  readonly start_time?: string;
  readonly stop_time?: string;
}

/** A page of a Graph API edge. */
export interface MetaPage<T> {
  readonly data?: readonly T[];
  readonly paging?: { readonly next?: string };
}

/** The entries of one action type (a list may name it more than once, e.g. per attribution window). */
const entriesOf = (list: readonly MetaAction[] | undefined, actionType: string): string[] =>
  (list ?? []).filter((action) => action.action_type === actionType).map((action) => action.value ?? '0');

export const metaMetricRow = (row: MetaInsightsRow, account: PlatformAccount, conversionAction: string): PlatformMetricRow => {
  if (!row.campaign_id) throw new PlatformDataError('meta insights row without campaign_id');
  if (!row.date_start) throw new PlatformDataError('meta insights row without date_start');
  return {
    platformCampaignId: row.campaign_id,
    time: zonedToUtc(row.date_start, 0, account.timeZone).toISOString(),
    impressions: toWhole(row.impressions ?? '0', 'impressions'),
    clicks: toWhole(row.clicks ?? '0', 'clicks'),
    spendCents: decimalToCents(row.spend ?? '0', 'spend'),
    conversions: entriesOf(row.actions, conversionAction).reduce((sum, value) => sum + toWhole(value, `actions[${conversionAction}]`), 0),
    revenueCents: entriesOf(row.action_values, conversionAction).reduce((sum, value) => sum + decimalToCents(value, `action_values[${conversionAction}]`), 0),
  };
};

/** Meta writes offsets without a colon (`-0800`); ISO-8601 as Date reads it wants `-08:00`. */
const instantOf = (text: string | undefined): string | null => {
  if (!text) return null;
  const at = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(at)) throw new PlatformDataError(`meta campaign time is not a date: ${text}`);
  return new Date(at).toISOString();
};

/** A campaign with a budget of its own (campaign budget optimization); without, its ad sets hold the budgets. */
export const metaCampaign = (row: MetaCampaignRow, account: PlatformAccount): PlatformCampaign => {
  if (!row.id) throw new PlatformDataError('meta campaign without id');
  const daily = row.daily_budget && row.daily_budget !== '0' ? row.daily_budget : undefined;
  const lifetime = row.lifetime_budget && row.lifetime_budget !== '0' ? row.lifetime_budget : undefined;
  const budget = daily ?? lifetime;
  return {
    platformCampaignId: row.id,
    name: row.name ?? '',
    status: (row.status ?? 'unknown').toLowerCase(),
    objective: row.objective ?? null,
    budgetAmount: budget ? centsToAmount(minorUnitsToCents(budget, account.currency, 'budget')) : null,
    budgetType: daily ? 'daily' : lifetime ? 'lifetime' : null,
    startDate: instantOf(row.start_time),
    endDate: instantOf(row.stop_time),
  };
};
