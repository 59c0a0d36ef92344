/** seed 003 `budget_allocations`: a period's total and per-platform split, set by a person or proposed by the analyzer (ai_suggested). */
import { projector } from '../shared/projector';
import type { EnvelopeOf } from './ads.events';

export interface BudgetAllocationRow {
  readonly id: string;
  readonly org_id: string;
  readonly period_start: string;
  readonly period_end: string;
  readonly total_budget: string | number;
  readonly allocations: Readonly<Record<string, string | number>>;
  readonly ai_suggested: boolean;
  readonly created_by: string;
  readonly created_at: string;
}

const projectAllocation = (_row: BudgetAllocationRow | null, event: EnvelopeOf<'BudgetAllocationSet'>): BudgetAllocationRow => {
  const d = event.data;
  return {
    id: d.allocationId,
    org_id: d.orgId,
    period_start: d.periodStart,
    period_end: d.periodEnd,
    total_budget: d.totalBudget,
    // seed 003: allocations JSONB {"google": 5000, "meta": 3000, ...} — amounts as numbers, as printed.
    allocations: Object.fromEntries(Object.entries(d.allocations).map(([platform, amount]) => [platform, Number(amount)])),
    ai_suggested: d.aiSuggested,
    created_by: d.createdBy,
    created_at: d.createdAt,
  };
};

export const budgetAllocationsProjector = projector({
  table: 'budget_allocations',
  eventTypes: ['BudgetAllocationSet'],
  project: projectAllocation,
});
