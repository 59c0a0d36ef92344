/**
 * seed 004 On Completion 5: "Send summary email to owner". The summary is an owner notification
 * of kind `completion_summary` for the sender adapters (libs/contracts README), written from the
 * CampaignCompletionReported event alone, so it says what the stored report says.
 */
import { nameUuid, outreach as outreachWire } from '@campaign/contracts';
import { outreach } from '@campaign/domain';

/** A campaign owner as the dispatcher keeps them (UserProfileRegistered). */
export interface OwnerRow {
  readonly user_id: string;
  readonly org_id: string;
  readonly email: string;
  readonly full_name: string;
}

type Reported = outreach.CampaignCompletionReported['data'];

/**
 * The summary's notificationId: a name-based UUID (RFC 4122 version 5 layout, SHA-1) of the
 * completion event's place in its stream, so every redelivery of that event names the same email.
 */
export const summaryNotificationId = (streamId: string, streamVersion: number): string => nameUuid(`outreach/completion-summary/${streamId}@${streamVersion}`);

const REASONS: Record<outreach.StatusChangeReason, string> = {
  manual: 'completed by hand',
  end_date_reached: 'end date reached',
  targets_reached: 'target contacts and response rate reached',
  all_contacts_processed: 'all contacts processed',
  archive_after_90_days: 'archived',
};

const STATUS_WORDS: Record<outreach.CriterionStatus, string> = { met: 'met', not_met: 'not met', not_yet: 'not yet', no_target: 'no target set' };

const criterionLine = (label: string, c: outreach.Criterion, unit: string): string =>
  `${label}: ${STATUS_WORDS[c.status]}${c.target === null ? '' : ` (target ${c.target}${unit}, actual ${c.actual}${unit})`}`;

const abLines = (ab: outreach.AbTestResult): string[] => [
  `A/B test: ${ab.verdict}`,
  ...outreach.AB_VARIANTS.map((v) => {
    const s = ab.variants[v];
    return `  Variant ${v}: ${s.contacts} contacts, ${s.responseRate}% response rate, ${s.conversionRate}% conversion rate`;
  }),
  `  Winner by response rate: ${ab.winners.byResponseRate ?? 'tie'}, by conversion rate: ${ab.winners.byConversionRate ?? 'tie'}, overall: ${ab.winners.byOverall ?? 'tie'}`,
];

/** The email's subject and plain text: counters, rates, success criteria, A/B verdict, duration. */
export const summaryContent = (data: Reported): { subject: string; text: string } => {
  const { report } = data;
  const summary = outreach.completionSummary(data);
  const period = `${data.startDate ?? 'not started'} to ${data.endDate}${summary.durationDays === null ? '' : ` (${summary.durationDays} days)`}`;
  const lines = [
    `Your campaign "${data.name}" is completed (${REASONS[data.reason]}).`,
    `Period: ${period}`,
    '',
    `Contacts: ${report.totalContacts}, reached: ${report.contactsReached}`,
    `Emails sent: ${report.emailsSent}, LinkedIn messages sent: ${report.linkedinMessagesSent}`,
    `Responses: ${report.responsesReceived} (${summary.rates.responseRate}% response rate)`,
    `Conversions: ${report.conversions} (${summary.rates.conversionRate}% of responses, ${summary.rates.overallPerformance}% of contacts reached)`,
    '',
    `Success criteria: ${STATUS_WORDS[summary.successCriteria.overall]}`,
    criterionLine('  Response rate', summary.successCriteria.responseRate, '%'),
    criterionLine('  Conversions', summary.successCriteria.conversionCount, ''),
    ...(summary.abTest ? ['', ...abLines(summary.abTest)] : []),
  ];
  return { subject: `Campaign completed: ${data.name}`, text: lines.join('\n') };
};

/** The notification for the sender adapters (libs/contracts: owner notifications, kind completion_summary). */
export const summaryNotificationOf = (data: Reported, notificationId: string, owner: OwnerRow): outreachWire.OwnerNotification => ({
  notificationId,
  kind: outreachWire.COMPLETION_SUMMARY_KIND,
  orgId: data.orgId,
  campaignId: data.campaignId,
  channel: 'email',
  recipient: { userId: owner.user_id, email: owner.email, fullName: owner.full_name },
  ...summaryContent(data),
  requestedAt: data.reportedAt,
});
