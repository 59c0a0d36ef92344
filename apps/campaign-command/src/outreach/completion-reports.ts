import type { outreach } from '@campaign/domain';

/**
 * Where the counters of a completing campaign come from (seed 004, On Completion: "Generate
 * completion report"). The command side keeps no counters of its own, so a CompleteCampaign
 * that arrives without a report (HTTP, Kafka, the end-date timer) gets one from here before
 * the decider sees it: the dispatcher's counters (dispatch/completion-reports.source.ts).
 */
export interface CompletionReports {
  reportFor(orgId: string, campaignId: string): Promise<outreach.CompletionReport>;
}

export const COMPLETION_REPORTS = Symbol('COMPLETION_REPORTS');

export const EMPTY_REPORT: outreach.CompletionReport = {
  totalContacts: 0,
  contactsReached: 0,
  emailsSent: 0,
  linkedinMessagesSent: 0,
  responsesReceived: 0,
  conversions: 0,
  responseRate: 0,
};
