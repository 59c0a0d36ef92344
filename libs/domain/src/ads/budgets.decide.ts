/**
 * Setting a period's budget allocation (a marketer or admin) and proposing one (the analyzer,
 * a service: ai_suggested). The same allocation id set again replaces it; identical, nothing.
 */
import { assertNever, type Command, type Decider, type Decision, DomainError } from '../shared/decider';
import { isInstantInBounds, isUuid, parseInstant, toIso } from '../shared/validation';
import { type BudgetAllocation, type BudgetsEvent, type BudgetsState, adBudgetsStreamId, evolveBudgets, initialBudgetsState } from './budgets';
import { nowOf, reject, roleRequired, serviceRequired, tenantOf } from './core.rules';
import { AdsErrorCode as Code } from './errors';
import { formatCents, readMoney } from '../shared/money';
import { isAdsPlatform } from './values';

interface AllocationInput {
  readonly allocationId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly totalBudget: string;
  readonly allocations: Readonly<Record<string, string>>;
}

export type SetBudgetAllocation = Command<'SetBudgetAllocation', AllocationInput>;
export type ProposeBudgetAllocation = Command<'ProposeBudgetAllocation', AllocationInput>;
export type BudgetsCommand = SetBudgetAllocation | ProposeBudgetAllocation;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A day that exists, within the platform's instants (2000-01-01 to 2999-12-31: PostgreSQL has no year 0). */
const isDate = (value: unknown): value is string => {
  const day = typeof value === 'string' && DATE.test(value) ? parseInstant(`${value}T00:00:00Z`) : null;
  return day !== null && isInstantInBounds(day);
};
const CREATED_BY_MAX = 255;

/** seed 003: total_budget and every share DECIMAL(15,2), none negative. */
const amountOf = (value: unknown, field: string): bigint | DomainError => {
  const money = readMoney(value);
  if ('problem' in money) {
    if (money.problem === 'format') return reject(Code.BUDGET_AMOUNT_INVALID, `${field} must be a decimal amount such as "5000.00"`, { field });
    if (typeof value === 'string' && value.trim().startsWith('-')) return reject(Code.BUDGET_AMOUNT_NEGATIVE, `${field} must not be negative`, { field });
    return reject(Code.BUDGET_AMOUNT_OUT_OF_RANGE, `${field} does not fit DECIMAL(15,2): at most 13 digits before the point and 2 after`, { field });
  }
  if (money.cents < 0n) return reject(Code.BUDGET_AMOUNT_NEGATIVE, `${field} must not be negative`, { field });
  return money.cents;
};

/** The allocation as recorded (amounts with two decimals), or the first rule it breaks. */
const allocationOf = (input: AllocationInput, aiSuggested: boolean, createdBy: string): BudgetAllocation | DomainError => {
  const { allocationId, periodStart, periodEnd, totalBudget, allocations } = input;
  if (!isUuid(allocationId)) return reject(Code.BUDGET_ALLOCATION_INVALID, 'allocationId must be a UUID', { field: 'allocationId' });
  // seed 003 (issue 12): the period's end comes after its start.
  if (!isDate(periodStart) || !isDate(periodEnd))
    return reject(Code.BUDGET_PERIOD_INVALID, 'periodStart and periodEnd must be dates (YYYY-MM-DD) from 2000-01-01 to 2999-12-31');
  if (periodEnd <= periodStart) return reject(Code.BUDGET_PERIOD_INVALID, 'periodEnd must be after periodStart', { periodStart, periodEnd });
  const total = amountOf(totalBudget, 'totalBudget');
  if (total instanceof DomainError) return total;
  if (typeof allocations !== 'object' || allocations === null || Array.isArray(allocations)) {
    return reject(Code.BUDGET_ALLOCATION_INVALID, 'allocations must map platforms to amounts', { field: 'allocations' });
  }
  const split: Record<string, string> = {};
  let sum = 0n;
  for (const [platform, amount] of Object.entries(allocations)) {
    const cents = amountOf(amount, `allocations.${platform}`);
    if (cents instanceof DomainError) return cents;
    // seed 003 (issue 12): only known platforms take a share.
    if (!isAdsPlatform(platform))
      return reject(Code.BUDGET_PLATFORM_UNKNOWN, `${platform.slice(0, 50)} is not a known ad platform`, { platform: platform.slice(0, 50) });
    split[platform] = formatCents(cents);
    sum += cents;
  }
  // seed 003 (issue 12): the split sums to no more than the total.
  if (sum > total) {
    return reject(Code.BUDGET_SPLIT_EXCEEDS_TOTAL, `The split sums to ${formatCents(sum)}, more than the total ${formatCents(total)}`, {
      split: formatCents(sum),
      totalBudget: formatCents(total),
    });
  }
  return {
    allocationId,
    periodStart,
    periodEnd,
    totalBudget: formatCents(total),
    allocations: split,
    aiSuggested,
    createdBy: createdBy.slice(0, CREATED_BY_MAX),
  };
};

const sameAllocation = (a: BudgetAllocation, b: BudgetAllocation): boolean =>
  a.periodStart === b.periodStart &&
  a.periodEnd === b.periodEnd &&
  a.totalBudget === b.totalBudget &&
  a.aiSuggested === b.aiSuggested &&
  JSON.stringify(Object.entries(a.allocations).sort()) === JSON.stringify(Object.entries(b.allocations).sort());

const allocationSet = (command: BudgetsCommand, allocation: BudgetAllocation): BudgetsEvent[] => [
  { type: 'BudgetAllocationSet', data: { ...allocation, orgId: tenantOf(command), createdAt: toIso(nowOf(command)) } },
];

const set = (command: SetBudgetAllocation, state: BudgetsState): Decision<BudgetsEvent> => {
  const denied = roleRequired(command, ['marketer', 'admin']);
  if (denied) return denied;
  const allocation = allocationOf(command.data, false, command.metadata.actor);
  if (allocation instanceof DomainError) return allocation;
  const existing = state.allocations.get(allocation.allocationId);
  return existing && sameAllocation(existing, allocation) ? [] : allocationSet(command, allocation);
};

const propose = (command: ProposeBudgetAllocation, state: BudgetsState): Decision<BudgetsEvent> => {
  const denied = serviceRequired(command);
  if (denied) return denied;
  const allocation = allocationOf(command.data, true, command.metadata.actor);
  if (allocation instanceof DomainError) return allocation;
  const existing = state.allocations.get(allocation.allocationId);
  if (!existing) return allocationSet(command, allocation);
  if (sameAllocation(existing, allocation)) return [];
  // A proposal never overwrites an allocation, least of all one a person set.
  return reject(Code.BUDGET_ALLOCATION_ALREADY_EXISTS, `Budget allocation ${allocation.allocationId} already exists`, {
    allocationId: allocation.allocationId,
  });
};

export const decideBudgets = (command: BudgetsCommand, state: BudgetsState): Decision<BudgetsEvent> => {
  switch (command.type) {
    case 'SetBudgetAllocation':
      return set(command, state);
    case 'ProposeBudgetAllocation':
      return propose(command, state);
    default:
      return assertNever(command);
  }
};

export const budgetsDecider: Decider<BudgetsCommand, BudgetsEvent, BudgetsState> = {
  initialState: initialBudgetsState,
  decide: decideBudgets,
  evolve: evolveBudgets,
  streamIdOf: (command) => adBudgetsStreamId(tenantOf(command)),
};

export const BUDGETS_COMMAND_TYPES: readonly BudgetsCommand['type'][] = ['SetBudgetAllocation', 'ProposeBudgetAllocation'];
