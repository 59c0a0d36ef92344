/**
 * seed 004 On Completion 4–5: "Generate completion report" and "Send summary email to owner".
 * What the owner is told, computed from the CampaignCompletionReported event alone (its
 * counters, A/B counts and goals), so the stored report, its rebuild and the email agree.
 */
import { abTestResult, type AbTestResult } from './ab-test';
import type { CampaignCompletionReported } from './campaign';
import { successCriteria, type SuccessCriteria } from './success-criteria';

export interface CompletionRates {
  /** seed 004: response_rate = responses_received / contacts_reached * 100. */
  readonly responseRate: number;
  /** seed 004: conversion_rate = conversions / responses_received * 100. */
  readonly conversionRate: number;
  /** seed 004: overall_performance = conversions / contacts_reached * 100. */
  readonly overallPerformance: number;
}

export interface CompletionSummary {
  readonly rates: CompletionRates;
  /** Days from start_date to end_date (0 when both are the same day); null without a start date. */
  readonly durationDays: number | null;
  readonly successCriteria: SuccessCriteria;
  /** The A/B verdict at completion; null when the campaign was no A/B test (or the event predates the counts). */
  readonly abTest: AbTestResult | null;
}

const DAY_MS = 86_400_000;
const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : 0);

/** Whole days between two YYYY-MM-DD dates; a completion before a future start date lasted 0 days. */
export const daysBetween = (startDate: string, endDate: string): number =>
  Math.max(0, Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / DAY_MS));

export const completionSummary = (data: CampaignCompletionReported['data']): CompletionSummary => {
  const { report } = data;
  const goals = data.goals ?? null;
  return {
    rates: {
      responseRate: report.responseRate,
      conversionRate: percent(report.conversions, report.responsesReceived),
      overallPerformance: percent(report.conversions, report.contactsReached),
    },
    durationDays: data.startDate === null ? null : daysBetween(data.startDate, data.endDate),
    // seed 004: Success Criteria, judged for good: the campaign is completed.
    successCriteria: successCriteria({
      status: 'completed',
      contactsReached: report.contactsReached,
      responseRate: report.responseRate,
      conversions: report.conversions,
      targetResponseRate: goals?.targetResponseRate ?? null,
      targetConversionCount: goals?.targetConversionCount ?? null,
    }),
    abTest: goals?.isAbTest && report.variants ? abTestResult(report.variants) : null,
  };
};
