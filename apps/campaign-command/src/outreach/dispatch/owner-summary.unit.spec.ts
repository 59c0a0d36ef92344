import type { outreach } from '@campaign/domain';
import { summaryContent, summaryNotificationId } from './owner-summary';

const completion = (overrides: Partial<outreach.CampaignCompletionReported['data']> = {}): outreach.CampaignCompletionReported['data'] => ({
  orgId: 'org',
  campaignId: 'campaign',
  ownerId: 'owner',
  name: 'Q1 2026 Java Sourcing',
  reason: 'targets_reached',
  startDate: '2026-03-02',
  endDate: '2026-03-30',
  report: {
    totalContacts: 480,
    contactsReached: 400,
    emailsSent: 400,
    linkedinMessagesSent: 0,
    responsesReceived: 60,
    conversions: 12,
    responseRate: 15,
    variants: { A: { contacts: 240, responses: 40, conversions: 11 }, B: { contacts: 240, responses: 20, conversions: 1 } },
  },
  goals: { targetContactsCount: 400, targetResponseRate: 12.5, targetConversionCount: 10, isAbTest: true },
  reportedAt: '2026-03-30T12:00:00.000Z',
  ...overrides,
});

describe("seed 004 On Completion: the owner's summary email", () => {
  it('one completion, one notification id: the same event always names the same email, another event another', () => {
    const id = summaryNotificationId('outreach-org/campaign/c1', 7);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(summaryNotificationId('outreach-org/campaign/c1', 7)).toBe(id);
    expect(summaryNotificationId('outreach-org/campaign/c1', 8)).not.toBe(id);
    expect(summaryNotificationId('outreach-org/campaign/c2', 7)).not.toBe(id);
  });

  // seed 004 On Completion 5: "Send summary email to owner" — the completion report in words
  it('says what the report says: period, counters, rates, success criteria and the A/B verdict', () => {
    const { subject, text } = summaryContent(completion());
    expect(subject).toBe('Campaign completed: Q1 2026 Java Sourcing');
    expect(text.split('\n')).toEqual([
      'Your campaign "Q1 2026 Java Sourcing" is completed (target contacts and response rate reached).',
      'Period: 2026-03-02 to 2026-03-30 (28 days)',
      '',
      'Contacts: 480, reached: 400',
      'Emails sent: 400, LinkedIn messages sent: 0',
      'Responses: 60 (15% response rate)',
      'Conversions: 12 (20% of responses, 3% of contacts reached)',
      '',
      'Success criteria: met',
      '  Response rate: met (target 12.5%, actual 15%)',
      '  Conversions: met (target 10, actual 12)',
      '',
      expect.stringMatching(/^A\/B test: variant A wins by conversion rate: 27\.5% vs 5% \(p = 0\.0\d{3}\)$/),
      '  Variant A: 240 contacts, 16.67% response rate, 27.5% conversion rate',
      '  Variant B: 240 contacts, 8.33% response rate, 5% conversion rate',
      '  Winner by response rate: A, by conversion rate: A, overall: A',
    ]);
  });

  it('a campaign without targets or A/B test says so, and a missing start date leaves the duration out', () => {
    const { text } = summaryContent(completion({ goals: null, startDate: null }));
    expect(text).toContain('Period: not started to 2026-03-30\n');
    expect(text).toContain('Success criteria: no target set');
    expect(text).not.toContain('A/B test');
  });
});
