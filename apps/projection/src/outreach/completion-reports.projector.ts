/**
 * seed 004 On Completion 4: "Generate completion report" — stored in `campaign_completion_reports`
 * (not a seed table: the seed names the report, not its storage), one row per completed
 * campaign, made from the CampaignCompletionReported event alone, so a rebuild restores it
 * exactly. Its RLS follows its campaign's: whoever may read the campaign may read its report.
 */
import { outreach } from '@campaign/domain';
import type { PoolClient } from 'pg';
import { projector } from '../shared/projector';
import type { OutreachEnvelope } from './outreach.events';

type ReportEnvelope = Extract<OutreachEnvelope, { type: 'CampaignCompletionReported' }>;

export const completionReportsDdl = `
CREATE TABLE IF NOT EXISTS campaign_completion_reports (
  campaign_id UUID PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
  org_id UUID NOT NULL,
  owner_id UUID NOT NULL,
  name TEXT NOT NULL,
  reason TEXT NOT NULL,
  start_date DATE,
  end_date DATE NOT NULL,
  duration_days INTEGER,
  total_contacts INTEGER NOT NULL,
  contacts_reached INTEGER NOT NULL,
  emails_sent INTEGER NOT NULL,
  linkedin_messages_sent INTEGER NOT NULL,
  responses_received INTEGER NOT NULL,
  conversions INTEGER NOT NULL,
  response_rate NUMERIC(5,2) NOT NULL,
  conversion_rate NUMERIC(5,2) NOT NULL,
  overall_performance NUMERIC(5,2) NOT NULL,
  target_contacts_count INTEGER,
  target_response_rate NUMERIC(5,2),
  target_conversion_count INTEGER,
  success_criteria JSONB NOT NULL,
  ab_test JSONB,
  reported_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_campaign_completion_reports_org_id ON campaign_completion_reports(org_id);
ALTER TABLE campaign_completion_reports ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS campaign_completion_reports_via_campaign ON campaign_completion_reports;
CREATE POLICY campaign_completion_reports_via_campaign ON campaign_completion_reports
  FOR ALL USING (campaign_id IN (SELECT id FROM campaigns));
`;

export interface CompletionReportRow {
  readonly campaign_id: string;
  readonly org_id: string;
  readonly owner_id: string;
  readonly name: string;
  readonly reason: string;
  readonly start_date: string | null;
  readonly end_date: string;
  readonly duration_days: number | null;
  readonly total_contacts: number;
  readonly contacts_reached: number;
  readonly emails_sent: number;
  readonly linkedin_messages_sent: number;
  readonly responses_received: number;
  readonly conversions: number;
  readonly response_rate: number;
  readonly conversion_rate: number;
  readonly overall_performance: number;
  readonly target_contacts_count: number | null;
  readonly target_response_rate: number | null;
  readonly target_conversion_count: number | null;
  readonly success_criteria: Readonly<Record<string, unknown>>;
  readonly ab_test: outreach.AbTestResult | null;
  readonly reported_at: string;
}

/** The success criteria as the query API shows them (snake_case, like getById's). */
export const successCriteriaJson = (criteria: outreach.SuccessCriteria) => ({
  response_rate: criteria.responseRate,
  conversion_count: criteria.conversionCount,
  overall: criteria.overall,
});

const reportRow = (_row: null, event: ReportEnvelope): CompletionReportRow => {
  const d = event.data;
  const { report } = d;
  const summary = outreach.completionSummary(d);
  return {
    campaign_id: d.campaignId,
    org_id: d.orgId,
    owner_id: d.ownerId,
    name: d.name,
    reason: d.reason,
    start_date: d.startDate,
    end_date: d.endDate,
    duration_days: summary.durationDays,
    total_contacts: report.totalContacts,
    contacts_reached: report.contactsReached,
    emails_sent: report.emailsSent,
    linkedin_messages_sent: report.linkedinMessagesSent,
    responses_received: report.responsesReceived,
    conversions: report.conversions,
    response_rate: summary.rates.responseRate,
    conversion_rate: summary.rates.conversionRate,
    overall_performance: summary.rates.overallPerformance,
    target_contacts_count: d.goals?.targetContactsCount ?? null,
    target_response_rate: d.goals?.targetResponseRate ?? null,
    target_conversion_count: d.goals?.targetConversionCount ?? null,
    success_criteria: successCriteriaJson(summary.successCriteria),
    ab_test: summary.abTest,
    reported_at: d.reportedAt,
  };
};

export const completionReportsProjector = projector({
  table: 'campaign_completion_reports',
  eventTypes: ['CampaignCompletionReported'],
  project: reportRow,
});

/** Writes the batch's reports; a report already stored stays as it is (a redelivery changes nothing). */
export const writeCompletionReports = async (client: PoolClient, schema: string, events: readonly OutreachEnvelope[]): Promise<number> => {
  const rows = events.filter(completionReportsProjector.canHandle).map((event) => completionReportsProjector.project(null, event));
  if (rows.length === 0) return 0;
  const { rowCount } = await client.query(
    `INSERT INTO ${schema}.campaign_completion_reports
     SELECT * FROM jsonb_populate_recordset(NULL::${schema}.campaign_completion_reports, $1::jsonb)
     ON CONFLICT (campaign_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  return rowCount ?? 0;
};
