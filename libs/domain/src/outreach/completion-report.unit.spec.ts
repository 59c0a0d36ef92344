import type { CampaignCompletionReported } from './campaign';
import { completionSummary, daysBetween } from './completion-report';

type Data = CampaignCompletionReported['data'];

/** A campaign that ran 2026-03-02 → 2026-03-30: 400 contacts, 300 reached, 45 responses, 9 conversions. */
const reported = (overrides: Partial<Data> = {}): Data => ({
  orgId: 'org',
  campaignId: 'campaign',
  ownerId: 'owner',
  name: 'Q1 2026 Java Sourcing',
  reason: 'manual',
  startDate: '2026-03-02',
  endDate: '2026-03-30',
  report: { totalContacts: 400, contactsReached: 300, emailsSent: 300, linkedinMessagesSent: 0, responsesReceived: 45, conversions: 9, responseRate: 15 },
  goals: { targetContactsCount: 300, targetResponseRate: 12.5, targetConversionCount: 10, isAbTest: false },
  reportedAt: '2026-03-30T12:00:00.000Z',
  ...overrides,
});

describe('seed 004 On Completion: the completion report', () => {
  // seed 004: Metric Calculation Rules — response rate, conversion rate, overall performance
  it('states the rates of the Metric Calculation Rules', () => {
    // 45/300 = 15%; conversion_rate = 9/45 = 20%; overall_performance = 9/300 = 3%
    expect(completionSummary(reported()).rates).toEqual({ responseRate: 15, conversionRate: 20, overallPerformance: 3 });
  });

  it('rates are 0 without responses or reach', () => {
    const report = { ...reported().report, contactsReached: 0, responsesReceived: 0, conversions: 0, responseRate: 0 };
    expect(completionSummary(reported({ report })).rates).toEqual({ responseRate: 0, conversionRate: 0, overallPerformance: 0 });
  });

  it('states the duration from start_date to end_date in days', () => {
    expect(completionSummary(reported()).durationDays).toBe(28);
    expect(completionSummary(reported({ startDate: null })).durationDays).toBeNull();
    expect(daysBetween('2026-03-30', '2026-03-30')).toBe(0);
    // across a DST change (UTC dates, so whole days)
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  // seed 004: Success Criteria — judged for good at completion
  it('judges the success criteria for good: met or not met', () => {
    expect(completionSummary(reported()).successCriteria).toEqual({
      responseRate: { target: 12.5, actual: 15, status: 'met' },
      conversionCount: { target: 10, actual: 9, status: 'not_met' },
      overall: 'not_met',
    });
  });

  it('an event recorded before goals were carried judges nothing (no targets known)', () => {
    expect(completionSummary(reported({ goals: undefined })).successCriteria.overall).toBe('no_target');
  });

  // seed 004: A/B Test Winner Determination, in the completion report
  it('an A/B test reports its verdict from the variant counts at completion', () => {
    const variants = { A: { contacts: 200, responses: 30, conversions: 9 }, B: { contacts: 200, responses: 15, conversions: 0 } };
    const summary = completionSummary(reported({ report: { ...reported().report, variants }, goals: { ...reported().goals!, isAbTest: true } }));
    expect(summary.abTest).toMatchObject({ significant: true, winner: 'A', winners: { byResponseRate: 'A', byConversionRate: 'A', byOverall: 'A' } });
  });

  it('a campaign that was no A/B test has no A/B verdict', () => {
    expect(completionSummary(reported()).abTest).toBeNull();
  });
});
