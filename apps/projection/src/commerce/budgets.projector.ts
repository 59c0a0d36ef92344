/**
 * seed 001 `budgets` (one per category and fiscal month, idx_budgets_category_period) and
 * `configurations` (one row per key, idx UNIQUE (org_id, key)). A deleted budget's row goes;
 * its period may be budgeted again by another budget.
 */
import { projector } from '../shared/projector';
import { configurationRowId } from './commerce.ids';
import { type EnvelopeOf, patched } from './commerce.events';

export interface BudgetRow {
  readonly id: string;
  readonly org_id: string;
  readonly category: string;
  readonly fiscal_year: number;
  readonly fiscal_month: number;
  readonly amount: string | number;
  readonly currency: string;
  readonly owner_agent_id: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

type BudgetEnvelope = EnvelopeOf<'BudgetSet' | 'BudgetRevised' | 'BudgetDeleted'>;

const projectBudget = (row: BudgetRow | null, event: BudgetEnvelope): BudgetRow | null => {
  switch (event.type) {
    case 'BudgetSet': {
      const d = event.data;
      const period = { category: d.category, fiscal_year: d.fiscalYear, fiscal_month: d.fiscalMonth };
      return (
        row ?? {
          id: d.budgetId,
          org_id: d.orgId,
          ...period,
          amount: d.amount,
          currency: d.currency,
          owner_agent_id: d.ownerAgentId,
          created_at: d.setAt,
          updated_at: d.setAt,
        }
      );
    }
    case 'BudgetRevised':
      return row && patched(row, { amount: event.data.amount }, { updated_at: event.data.revisedAt });
    case 'BudgetDeleted':
      return null;
  }
};

export const budgetsProjector = projector({
  table: 'budgets',
  eventTypes: ['BudgetSet', 'BudgetRevised', 'BudgetDeleted'],
  project: projectBudget,
});

export interface ConfigurationRow {
  readonly id: string;
  readonly org_id: string;
  readonly key: string;
  readonly value: unknown;
  readonly updated_by_agent_id: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export const configurationKeyOf = (event: EnvelopeOf<'ConfigurationSet'>): string => configurationRowId(event.data.orgId, event.data.key);

const projectConfiguration = (row: ConfigurationRow | null, event: EnvelopeOf<'ConfigurationSet'>): ConfigurationRow => {
  const { orgId, key, value, updatedByAgentId, setAt } = event.data;
  if (row) return patched(row, { value, updated_by_agent_id: updatedByAgentId }, { updated_at: setAt });
  return { id: configurationKeyOf(event), org_id: orgId, key, value, updated_by_agent_id: updatedByAgentId, created_at: setAt, updated_at: setAt };
};

export const configurationsProjector = projector({
  table: 'configurations',
  eventTypes: ['ConfigurationSet'],
  project: projectConfiguration,
});
