/** How the query API shapes rows: numbers as numbers, and the metrics seed 004 computes in the application. */
import { outreach } from '@campaign/domain';
import type { PoolClient } from 'pg';
import { successCriteriaJson } from './completion-reports.projector';

const NUMERIC = new Set([
  'response_rate',
  'target_response_rate',
  'conversion_rate',
  'overall_performance',
  'total_contacts',
  'pending_contacts',
  'total_events',
  'responses',
  'conversions',
]);

/** NUMERIC and COUNT columns arrive from pg as strings (to keep precision); these fit a double. */
export const numbers = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, NUMERIC.has(key) && typeof value === 'string' ? Number(value) : value]));

const percent = (part: number, whole: number | null): number | null => (whole ? Math.round((part / whole) * 10_000) / 100 : null);

export interface ContactStats {
  readonly total: number;
  readonly by_status: Record<string, number>;
  readonly by_variant: { A: number; B: number; none: number };
  readonly pending: number;
}

export const contactStats = async (client: PoolClient, campaignId: string): Promise<ContactStats> => {
  const { rows } = await client.query<{ status: string; ab_variant: string | null; n: number }>(
    `SELECT status, ab_variant, count(*)::int AS n FROM campaign_contacts WHERE campaign_id = $1 GROUP BY status, ab_variant`,
    [campaignId],
  );
  const byStatus = Object.fromEntries(outreach.CONTACT_STATUSES.map((s) => [s, 0]));
  const byVariant = { A: 0, B: 0, none: 0 };
  for (const { status, ab_variant, n } of rows) {
    byStatus[status] += n;
    byVariant[ab_variant === 'A' || ab_variant === 'B' ? ab_variant : 'none'] += n;
  }
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  return { total, by_status: byStatus, by_variant: byVariant, pending: byStatus.pending };
};

/**
 * seed 004: Completion Logic (progress_percentage, is_complete) and Metric Calculation Rules
 * (conversion_rate = conversions / responses_received, overall_performance = conversions /
 * contacts_reached — "stored in application"), each a percentage with two decimals, and the
 * Success Criteria judged on the campaign's current numbers.
 */
export const campaignView = (campaign: Record<string, unknown>, stats: ContactStats) => {
  const reached = Number(campaign.contacts_reached ?? 0);
  const target = campaign.target_contacts_count as number | null;
  const responses = Number(campaign.responses_received ?? 0);
  const conversions = Number(campaign.conversions ?? 0);
  return {
    ...numbers(campaign),
    contact_stats: stats,
    progress_percentage: percent(reached, target),
    is_complete: target ? reached >= target : false,
    conversion_rate: percent(conversions, responses) ?? 0,
    overall_performance: percent(conversions, reached) ?? 0,
    // seed 004 Success Criteria: met / not met (finished) / not yet (running) / no target
    success_criteria: successCriteriaJson(
      outreach.successCriteria({
        status: campaign.status as outreach.OutreachCampaignStatus,
        contactsReached: reached,
        responseRate: Number(campaign.response_rate ?? 0),
        conversions,
        targetResponseRate: campaign.target_response_rate === null ? null : Number(campaign.target_response_rate),
        targetConversionCount: (campaign.target_conversion_count as number | null) ?? null,
      }),
    ),
  };
};
