import { accepted, given } from '../testing';
import { budgetDecider, type BudgetEvent } from './budget';
import { agentsDecider } from './agents.decide';
import { agentId, AS_SERVICE, AS_VIEWER, budgetId, command, decided, NOW, ORG_ID, registryOf } from './testing';

const registry = decided(agentsDecider, registryOf(2), command.changeAgentStatus({ agentId: agentId(2), status: 'inactive' }));
const budget = decided(budgetDecider, registry, command.setBudget());
const period = { orgId: ORG_ID, budgetId: budgetId(1), category: 'Ads', fiscalYear: 2026, fiscalMonth: 4 };
const guardsOf = (events: readonly unknown[]) => events.flatMap((e) => budgetDecider.guardsOf?.(e as BudgetEvent) ?? []);
const periodClaim = (key: string) => ({ kind: 'claim', key, code: 'BUDGET_PERIOD_TAKEN' });

describe('when the budget does not exist', () => {
  it('SetBudget records BudgetSet, the amount with two decimals and the category trimmed', () => {
    given(budgetDecider, registry)
      .when(command.setBudget({ category: ' Ads ', ownerAgentId: agentId(1) }))
      .then([{ type: 'BudgetSet', data: { ...period, amount: '1500.00', currency: 'EUR', ownerAgentId: agentId(1), setAt: NOW } }]);
  });

  // seed 001 (line 252): UNIQUE (category, fiscal_year, fiscal_month) — a fiscal month is a month
  it.each([0, 13, 4.5])('fiscalMonth is 1 to 12: %p is refused as BUDGET_INVALID', (fiscalMonth) => {
    given(budgetDecider, registry)
      .when(command.setBudget({ fiscalMonth }))
      .thenRejects('BUDGET_INVALID', { details: { field: 'fiscalMonth' } });
  });

  // seed 001 (line 252): UNIQUE (category, fiscal_year, fiscal_month)
  it.each([1, 12])('fiscalMonth is 1 to 12: %p is accepted', (fiscalMonth) => {
    expect(accepted(given(budgetDecider, registry).when(command.setBudget({ fiscalMonth })))[0].data).toMatchObject({ fiscalMonth });
  });

  // seed 001 (line 359): CHECK (amount >= 0)
  it('CHECK (amount >= 0): a negative amount is refused; zero is a budget', () => {
    given(budgetDecider, registry)
      .when(command.setBudget({ amount: '-0.01' }))
      .thenRejects('BUDGET_INVALID', { details: { field: 'amount' } });
    given(budgetDecider, registry)
      .when(command.setBudget({ amount: '1.005' }))
      .thenRejects('BUDGET_INVALID', { details: { field: 'amount' } });
    expect(accepted(given(budgetDecider, registry).when(command.setBudget({ amount: '0' })))[0].data).toMatchObject({ amount: '0.00' });
  });

  it('a category is required and a currency is three capital letters', () => {
    given(budgetDecider, registry)
      .when(command.setBudget({ category: ' ' }))
      .thenRejects('BUDGET_INVALID', { details: { field: 'category' } });
    given(budgetDecider, registry)
      .when(command.setBudget({ currency: 'eur' }))
      .thenRejects('BUDGET_INVALID', { details: { field: 'currency' } });
  });

  // seed 001 (line 251): FOREIGN KEY (owner_agent_id) REFERENCES agents(id); "Can exist without owner"
  it('owner_agent_id: an owner, when named, is an active agent (AGENT_NOT_FOUND otherwise)', () => {
    given(budgetDecider, registry)
      .when(command.setBudget({ ownerAgentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND', { details: { field: 'ownerAgentId' } });
    given(budgetDecider, registry)
      .when(command.setBudget({ ownerAgentId: agentId(2) }))
      .thenRejects('AGENT_NOT_FOUND');
    expect(accepted(given(budgetDecider, registry).when(command.setBudget()))[0].data).toMatchObject({ ownerAgentId: null });
  });

  it('a viewer may not set budgets (COMMERCE_ROLE_REQUIRED); a service may', () => {
    given(budgetDecider, registry).when(command.setBudget({}, AS_VIEWER)).thenRejects('COMMERCE_ROLE_REQUIRED');
    expect(accepted(given(budgetDecider, registry).when(command.setBudget({}, AS_SERVICE)))).toHaveLength(1);
  });

  it('revising or deleting a budget that does not exist is refused as BUDGET_NOT_FOUND', () => {
    given(budgetDecider).when(command.reviseBudget()).thenRejects('BUDGET_NOT_FOUND');
    given(budgetDecider).when(command.deleteBudget()).thenRejects('BUDGET_NOT_FOUND');
  });
});

describe('when the budget is set', () => {
  it('setting it again is refused as BUDGET_ALREADY_EXISTS', () => {
    given(budgetDecider, budget).when(command.setBudget()).thenRejects('BUDGET_ALREADY_EXISTS');
  });

  it('ReviseBudget records the new amount with the period; the same amount records nothing', () => {
    given(budgetDecider, budget)
      .when(command.reviseBudget())
      .then([{ type: 'BudgetRevised', data: { ...period, amount: '2000.00', revisedAt: NOW } }]);
    given(budgetDecider, budget)
      .when(command.reviseBudget({ amount: '1500' }))
      .thenNothing();
    given(budgetDecider, budget)
      .when(command.reviseBudget({ amount: '-5' }))
      .thenRejects('BUDGET_INVALID');
  });

  it('DeleteBudget records BudgetDeleted; then it takes no revision and a second delete records nothing', () => {
    const deleted = decided(budgetDecider, budget, command.deleteBudget());
    expect(deleted.at(-1)).toEqual({ type: 'BudgetDeleted', data: { ...period, deletedAt: NOW } });
    given(budgetDecider, deleted).when(command.deleteBudget()).thenNothing();
    given(budgetDecider, deleted).when(command.reviseBudget()).thenRejects('BUDGET_NOT_FOUND');
  });
});

describe('guardsOf (the budgeted period claimed across budgets)', () => {
  // seed 001 (line 252, 349): UNIQUE (category, fiscal_year, fiscal_month) — idx_budgets_category_period
  it('idx_budgets_category_period: BudgetSet claims its category, year and month', () => {
    expect(guardsOf(budget)).toMatchObject([periodClaim('budget:ads:2026:4')]);
  });

  // seed 001 (line 349): idx_budgets_category_period
  it('idx_budgets_category_period: the claim key ignores the case and spaces of the category; another month is another key', () => {
    const keyOf = (data: Parameters<typeof command.setBudget>[0]) => guardsOf(accepted(given(budgetDecider, registry).when(command.setBudget(data))))[0].key;
    expect(keyOf({ category: ' ADS ' })).toBe('budget:ads:2026:4');
    expect(keyOf({ fiscalMonth: 5 })).toBe('budget:ads:2026:5');
    expect(keyOf({ fiscalYear: 2027 })).toBe('budget:ads:2027:4');
  });

  // seed 001 (line 349): idx_budgets_category_period — a deleted budget's period may be budgeted again
  it('idx_budgets_category_period: BudgetDeleted releases the period; BudgetRevised holds nothing new', () => {
    expect(guardsOf(accepted(given(budgetDecider, budget).when(command.deleteBudget())))).toEqual([{ kind: 'release', key: 'budget:ads:2026:4' }]);
    expect(guardsOf(accepted(given(budgetDecider, budget).when(command.reviseBudget())))).toEqual([]);
  });
});
