/**
 * An org's budget allocations (seed 003 `budget_allocations`): a period's total and its split
 * across platforms, set by a person or proposed by the analyzer (`ai_suggested`). One stream per
 * org (`ads-budgets-<orgId>`), which the automation's guardrails also read: an automatic budget
 * change never goes past the current period's allocation for its platform.
 */
import type { Event } from '../shared/decider';
import { readMoney } from '../shared/money';

export const adBudgetsStreamId = (orgId: string): string => `ads-budgets-${orgId}`;

export interface BudgetAllocation {
  readonly allocationId: string;
  /** seed 003: period_start / period_end DATE — YYYY-MM-DD, both days included. */
  readonly periodStart: string;
  readonly periodEnd: string;
  /** DECIMAL(15,2) as a decimal string with two decimals (`10000.00`). */
  readonly totalBudget: string;
  /** seed 003: allocations JSONB -- {"google": 5000, "meta": 3000, ...}: platform → amount. */
  readonly allocations: Readonly<Record<string, string>>;
  readonly aiSuggested: boolean;
  /** seed 003: created_by VARCHAR(255) — the acting user or service (`user:<id>`, `service:<name>`). */
  readonly createdBy: string;
}

export type BudgetAllocationSet = Event<'BudgetAllocationSet', BudgetAllocation & { readonly orgId: string; readonly createdAt: string }>;

export type BudgetsEvent = BudgetAllocationSet;

/** Every allocation of the org by id, in the order they were last set. */
export interface BudgetsState {
  readonly allocations: ReadonlyMap<string, BudgetAllocation>;
}

export const initialBudgetsState = (): BudgetsState => ({ allocations: new Map() });

export const evolveBudgets = (state: BudgetsState, event: BudgetsEvent): BudgetsState => {
  const { orgId: _org, createdAt: _at, ...allocation } = event.data;
  const allocations = new Map(state.allocations);
  // Re-set allocations move to the end: the latest one set wins where periods overlap.
  allocations.delete(allocation.allocationId);
  allocations.set(allocation.allocationId, allocation);
  return { allocations };
};

/**
 * The allocation in force on a day (YYYY-MM-DD): the last one a person set whose period holds
 * the day. The analyzer's proposals are proposals, not limits. Null when there is none.
 */
export const allocationInForce = (state: BudgetsState, day: string): BudgetAllocation | null => {
  let found: BudgetAllocation | null = null;
  for (const allocation of state.allocations.values()) {
    if (!allocation.aiSuggested && allocation.periodStart <= day && day <= allocation.periodEnd) found = allocation;
  }
  return found;
};

/** A platform's share of the allocation in force on a day, in cents; null when no allocation or no share. */
export const platformAllocationCents = (state: BudgetsState, day: string, platform: string): bigint | null => {
  const amount = allocationInForce(state, day)?.allocations[platform];
  if (amount === undefined) return null;
  const money = readMoney(amount);
  return 'cents' in money ? money.cents : null;
};
