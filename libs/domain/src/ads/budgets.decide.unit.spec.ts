/**
 * Budget allocations (seed 003 `budget_allocations`; issue 12 point 8): a period's total and its
 * split across platforms, set by a person or proposed by the analyzer.
 */
import { given } from '../testing';
import { allocationInForce, type BudgetsEvent, evolveBudgets, initialBudgetsState, platformAllocationCents } from './budgets';
import { budgetsDecider } from './budgets.decide';
import { ADMIN, ALLOCATION, allocationData, ANALYST, MARKETER, NOW, ORG, SERVICE, setAllocation } from './core.testing';

const decider = budgetsDecider;
const PERSON = 'user:a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d';
const set = (extra: Partial<Extract<BudgetsEvent, { type: 'BudgetAllocationSet' }>['data']> = {}): BudgetsEvent => ({
  type: 'BudgetAllocationSet',
  data: { ...allocationData, orgId: ORG, aiSuggested: false, createdBy: PERSON, createdAt: NOW, ...extra },
});
const propose = (data = {}) => ({ ...setAllocation(data, SERVICE), type: 'ProposeBudgetAllocation' as const });

describe('setting a budget allocation', () => {
  it('records the period, the total and the split, created by the person', () => {
    given(decider, []).when(setAllocation()).then([set()]);
  });

  it('writes every amount with two decimals', () => {
    given(decider, [])
      .when(setAllocation({ totalBudget: '10000', allocations: { google: '5000.5', meta: '0' } }))
      .then([set({ allocations: { google: '5000.50', meta: '0.00' } })]);
  });

  it('records nothing when set again unchanged, and replaces it when changed', () => {
    given(decider, [set()]).when(setAllocation()).thenNothing();
    given(decider, [set()])
      .when(setAllocation({ totalBudget: '12000.00' }))
      .then([set({ totalBudget: '12000.00' })]);
  });

  it('is for marketers and admins, not analysts', () => {
    given(decider, []).when(setAllocation({}, ANALYST)).thenRejects('AD_ROLE_REQUIRED');
    given(decider, []).when(setAllocation({}, ADMIN)).then([set()]);
  });
});

describe('budget rules', () => {
  // issue 12 (seed 003 budget_allocations): period end after start.
  it.each([
    ['on the start day', '2026-05-01'],
    ['before the start', '2026-04-30'],
  ])('BUDGET_PERIOD_INVALID: an end %s is refused', (_when, periodEnd) => {
    given(decider, []).when(setAllocation({ periodEnd })).thenRejects('BUDGET_PERIOD_INVALID');
  });

  // The platform's instants lie from 2000 to 2999 (README, Security): PostgreSQL has no year 0, so such a period could not be projected.
  it.each([
    ['periodStart', '0000-01-01'],
    ['periodStart', '1999-12-31'],
    ['periodEnd', '3000-01-01'],
    ['periodEnd', '9999-12-31'],
  ])('BUDGET_PERIOD_INVALID: a period within 2000–2999, %s %s is refused', (field, date) => {
    given(decider, [])
      .when(setAllocation(field === 'periodStart' ? { periodStart: date, periodEnd: '2999-12-31' } : { periodStart: '2000-01-01', periodEnd: date }))
      .thenRejects('BUDGET_PERIOD_INVALID');
  });

  it('BUDGET_PERIOD_INVALID: a date that does not exist is refused', () => {
    given(decider, [])
      .when(setAllocation({ periodEnd: '2026-02-30' }))
      .thenRejects('BUDGET_PERIOD_INVALID');
  });

  // issue 12: the split sums to no more than the total.
  it('BUDGET_SPLIT_EXCEEDS_TOTAL: a split above the total is refused, one equal to it kept', () => {
    given(decider, [])
      .when(setAllocation({ allocations: { google: '6000.00', meta: '4000.01' } }))
      .thenRejects('BUDGET_SPLIT_EXCEEDS_TOTAL', { details: { split: '10000.01', totalBudget: '10000.00' } });
    given(decider, [])
      .when(setAllocation({ allocations: { google: '6000.00', meta: '4000.00' } }))
      .then([set({ allocations: { google: '6000.00', meta: '4000.00' } })]);
  });

  // issue 12: non-negative amounts.
  it.each([
    ['the total', { totalBudget: '-1.00' }, 'totalBudget'],
    ['a share', { allocations: { google: '-0.01' } }, 'allocations.google'],
  ])('BUDGET_AMOUNT_NEGATIVE: a negative amount in %s is refused', (_what, data, field) => {
    given(decider, []).when(setAllocation(data)).thenRejects('BUDGET_AMOUNT_NEGATIVE', { details: { field } });
  });

  // issue 12: known platforms only.
  it('BUDGET_PLATFORM_UNKNOWN: a share for an unknown platform is refused', () => {
    given(decider, [])
      .when(setAllocation({ allocations: { google: '100.00', myspace: '100.00' } }))
      .thenRejects('BUDGET_PLATFORM_UNKNOWN', { details: { platform: 'myspace' } });
  });

  it.each([['google'], ['meta'], ['linkedin'], ['tiktok'], ['microsoft']])('BUDGET_PLATFORM_UNKNOWN: %s is a known platform', (platform) => {
    expect(given(decider, []).when(setAllocation({ allocations: { [platform]: '1.00' } })).decision).toHaveLength(1);
  });

  // seed 003: total_budget DECIMAL(15,2) (and the JSONB amounts alike).
  it.each([
    ['more than 13 digits', { totalBudget: '10000000000000.00' }],
    ['more than 2 decimals', { totalBudget: '100.001' }],
    ['a share beyond DECIMAL(15,2)', { allocations: { google: '10000000000000' } }],
  ])('BUDGET_AMOUNT_OUT_OF_RANGE: %s is refused', (_what, data) => {
    given(decider, []).when(setAllocation(data)).thenRejects('BUDGET_AMOUNT_OUT_OF_RANGE');
  });

  it('BUDGET_AMOUNT_INVALID: an amount that is not a decimal is refused', () => {
    given(decider, [])
      .when(setAllocation({ totalBudget: 'lots' }))
      .thenRejects('BUDGET_AMOUNT_INVALID', { details: { field: 'totalBudget' } });
  });
});

describe("the analyzer's proposals", () => {
  it('records an ai_suggested allocation by the service', () => {
    given(decider, [])
      .when(propose())
      .then([set({ aiSuggested: true, createdBy: 'service:analytics-ingest' })]);
  });

  it('never overwrites an allocation a person set', () => {
    given(decider, [set()]).when(propose()).thenRejects('BUDGET_ALLOCATION_ALREADY_EXISTS');
  });

  it('is for services, not people', () => {
    given(decider, [])
      .when({ ...propose(), metadata: MARKETER })
      .thenRejects('AD_ROLE_REQUIRED');
  });

  it('obeys the same budget rules', () => {
    given(decider, [])
      .when(propose({ allocations: { google: '20000.00' } }))
      .thenRejects('BUDGET_SPLIT_EXCEEDS_TOTAL');
  });
});

describe('the allocation in force (read by the automation guardrails)', () => {
  const state = [set(), set({ allocationId: 'a2', aiSuggested: true, allocations: { google: '9000.00' } })].reduce(evolveBudgets, initialBudgetsState());

  it("is the last one a person set whose period holds the day; the analyzer's proposals are not limits", () => {
    expect(allocationInForce(state, '2026-05-15')?.allocationId).toBe(ALLOCATION);
    expect(platformAllocationCents(state, '2026-05-31', 'google')).toBe(500000n);
  });

  it('is none outside every period, or for a platform without a share', () => {
    expect(allocationInForce(state, '2026-06-01')).toBeNull();
    expect(platformAllocationCents(state, '2026-05-15', 'tiktok')).toBeNull();
  });
});
