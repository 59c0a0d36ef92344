import { completionReportsProjector } from './completion-reports.projector';
import type { OutreachEnvelope } from './outreach.events';

type Reported = Extract<OutreachEnvelope, { type: 'CampaignCompletionReported' }>;

const event = (data: Partial<Reported['data']> = {}): Reported =>
  ({
    type: 'CampaignCompletionReported',
    data: {
      orgId: 'org',
      campaignId: 'campaign',
      ownerId: 'owner',
      name: 'Q1 2026 Java Sourcing',
      reason: 'end_date_reached',
      startDate: '2026-03-02',
      endDate: '2026-04-13',
      report: { totalContacts: 10, contactsReached: 8, emailsSent: 8, linkedinMessagesSent: 0, responsesReceived: 2, conversions: 1, responseRate: 25 },
      goals: { targetContactsCount: 10, targetResponseRate: 30, targetConversionCount: 1, isAbTest: false },
      reportedAt: '2026-04-13T00:00:05.000Z',
      ...data,
    },
  }) as Reported;

describe('campaign_completion_reports (seed 004 On Completion: "Generate completion report")', () => {
  it('is made from the completion event alone: counters, rates, duration, targets and success criteria', () => {
    expect(completionReportsProjector.project(null, event())).toEqual({
      campaign_id: 'campaign',
      org_id: 'org',
      owner_id: 'owner',
      name: 'Q1 2026 Java Sourcing',
      reason: 'end_date_reached',
      start_date: '2026-03-02',
      end_date: '2026-04-13',
      duration_days: 42,
      total_contacts: 10,
      contacts_reached: 8,
      emails_sent: 8,
      linkedin_messages_sent: 0,
      responses_received: 2,
      conversions: 1,
      response_rate: 25,
      conversion_rate: 50,
      overall_performance: 12.5,
      target_contacts_count: 10,
      target_response_rate: 30,
      target_conversion_count: 1,
      success_criteria: {
        response_rate: { target: 30, actual: 25, status: 'not_met' },
        conversion_count: { target: 1, actual: 1, status: 'met' },
        overall: 'not_met',
      },
      ab_test: null,
      reported_at: '2026-04-13T00:00:05.000Z',
    });
  });
});
