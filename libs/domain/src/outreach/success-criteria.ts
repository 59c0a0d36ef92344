/**
 * seed 004 Success Criteria: a campaign succeeds on its response rate when
 * `actual_response_rate >= target_response_rate`, and on its conversions when
 * `conversions >= target_conversion_count`. Each criterion is judged for a running campaign
 * (so far) and for a finished one (for good).
 */
import type { OutreachCampaignStatus } from './values';

/**
 * - `met`: the actual value reaches the target (for a running campaign: so far);
 * - `not_met`: the campaign is finished (completed or archived) and the target was not reached;
 * - `not_yet`: the campaign still runs (draft, active, paused) and the target is not reached yet;
 * - `no_target`: the owner set no target for it.
 */
export type CriterionStatus = 'met' | 'not_met' | 'not_yet' | 'no_target';

export interface Criterion {
  readonly target: number | null;
  readonly actual: number;
  readonly status: CriterionStatus;
}

export interface SuccessCriteria {
  /** Percent with two decimals, as response_rate and target_response_rate. */
  readonly responseRate: Criterion;
  readonly conversionCount: Criterion;
  /** `met` when every target set is met, `not_met` when one is not met, `not_yet` otherwise; `no_target` without targets. */
  readonly overall: CriterionStatus;
}

export interface SuccessInput {
  readonly status: OutreachCampaignStatus;
  readonly contactsReached: number;
  /** The campaign's response_rate (percent, two decimals; 0 without reach). */
  readonly responseRate: number;
  readonly conversions: number;
  readonly targetResponseRate: number | null;
  readonly targetConversionCount: number | null;
}

const FINISHED: readonly OutreachCampaignStatus[] = ['completed', 'archived'];

const judge = (target: number | null, actual: number, reached: boolean, finished: boolean): Criterion => {
  if (target === null) return { target, actual, status: 'no_target' };
  if (reached) return { target, actual, status: 'met' };
  return { target, actual, status: finished ? 'not_met' : 'not_yet' };
};

const overallOf = (criteria: readonly Criterion[]): CriterionStatus => {
  const set = criteria.filter((c) => c.status !== 'no_target');
  if (set.length === 0) return 'no_target';
  if (set.some((c) => c.status === 'not_met')) return 'not_met';
  return set.every((c) => c.status === 'met') ? 'met' : 'not_yet';
};

export const successCriteria = (input: SuccessInput): SuccessCriteria => {
  const finished = FINISHED.includes(input.status);
  // seed 004: response rate — "Only calculate if contacts_reached > 0": a running campaign that
  // reached nobody has no rate to judge yet; a finished one is judged on the seed trigger's 0.
  const rateKnown = input.contactsReached > 0 || finished;
  // seed 004: Success Criteria — actual_response_rate >= target_response_rate
  const responseRate = judge(
    input.targetResponseRate,
    input.responseRate,
    rateKnown && input.targetResponseRate !== null && input.responseRate >= input.targetResponseRate,
    finished,
  );
  // seed 004: Success Criteria — conversions >= target_conversion_count
  const conversionCount = judge(
    input.targetConversionCount,
    input.conversions,
    input.targetConversionCount !== null && input.conversions >= input.targetConversionCount,
    finished,
  );
  return { responseRate, conversionCount, overall: overallOf([responseRate, conversionCount]) };
};
