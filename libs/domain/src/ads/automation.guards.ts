/**
 * The guardrails an autonomous action must pass (issue 12 point 7): "autonomous only above a
 * confidence floor, under a maximum change per action and per day, never past the period's
 * budget allocation; everything else waits with approval_required".
 */
import { type AdActionType, BUDGET_MOVING_ACTIONS } from './ad-action';
import type { AdActionHoldReason, AutomationState } from './automation';
import { allocationInForce, platformAllocationCents } from './budgets';
import { centsOf } from './insight.rules';

export interface GuardedAction {
  readonly actionType: AdActionType;
  readonly platform: string;
  readonly changeCents: number;
  readonly confidence: number | null;
}

const hundredths = (value: number): number => Math.round(value * 100);

/** What the AI approved on a UTC day (YYYY-MM-DD), in cents. */
export const autonomousCentsOn = (state: AutomationState, day: string): number => {
  let total = 0;
  for (const action of state.actions.values()) if (action.autonomous && action.approvedDay === day) total += action.changeCents;
  return total;
};

/** The budget approved actions have moved on a platform inside a period (both days included), in cents. */
const committedCents = (state: AutomationState, platform: string, periodStart: string, periodEnd: string): number => {
  let total = 0;
  for (const action of state.actions.values()) {
    const { approvedDay } = action;
    if (approvedDay === null || action.platform !== platform || !BUDGET_MOVING_ACTIONS.includes(action.actionType)) continue;
    if (periodStart <= approvedDay && approvedDay <= periodEnd) total += action.changeCents;
  }
  return total;
};

/**
 * seed 003 budget_allocations: a BUDGET_CHANGE or REALLOCATE moves no more than what is left of
 * the platform's share of the allocation in force today. No allocation, or no share for the
 * platform, leaves nothing to stay within: a person decides.
 */
const pastAllocation = (state: AutomationState, action: GuardedAction, today: string): boolean => {
  if (!BUDGET_MOVING_ACTIONS.includes(action.actionType)) return false;
  const share = platformAllocationCents(state.budgets, today, action.platform);
  const allocation = allocationInForce(state.budgets, today);
  if (share === null || allocation === null) return true;
  const committed = committedCents(state, action.platform, allocation.periodStart, allocation.periodEnd);
  return BigInt(committed + action.changeCents) > share;
};

/** The first guard that says no, or null when the AI may act alone. `today` is the UTC day of the decision. */
export const holdReason = (state: AutomationState, action: GuardedAction, today: string): AdActionHoldReason | null => {
  const { guardrails } = state;
  if (!guardrails.autonomousEnabled) return 'AUTONOMOUS_DISABLED';
  if (action.confidence === null || hundredths(action.confidence) < hundredths(guardrails.confidenceFloor)) return 'CONFIDENCE_BELOW_FLOOR';
  if (action.changeCents > (centsOf(guardrails.maxChangePerAction) ?? 0)) return 'CHANGE_ABOVE_MAX_PER_ACTION';
  if (autonomousCentsOn(state, today) + action.changeCents > (centsOf(guardrails.maxChangePerDay) ?? 0)) return 'DAILY_MAX_EXCEEDED';
  if (pastAllocation(state, action, today)) return 'BUDGET_ALLOCATION_EXCEEDED';
  return null;
};
