/**
 * Budgets (seed 001 `budgets`, UNIQUE (category, fiscal_year, fiscal_month)): one stream per
 * budget; its period is a claim across streams (BUDGET_PERIOD_TAKEN), let go when the budget is
 * deleted so the period can be budgeted again. Spent-to-date is not kept here: it is the sum of
 * the category's expense transactions in the month, read from the read models.
 */
import { assertNever, type Command, type Decider, type Decision, type Event, type Guard } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { type AgentEvent, agentsStreamId, evolvingWithAgents, initialAgentsState, isActiveAgent, type WithAgents } from './agents';
import { CommerceErrorCode as Code, reject } from './errors';
import { amountCents, COMMERCE_LIMITS as LIMITS, isCurrency, money, optionalUuid, requiredText, uuidField } from './values';

export const budgetStreamId = (orgId: string, budgetId: string): string => `commerce-budget-${orgId}-${budgetId}`;

interface Period {
  readonly category: string;
  readonly fiscalYear: number;
  readonly fiscalMonth: number;
}
type BudgetRef = { readonly orgId: string; readonly budgetId: string } & Period;

export type BudgetSet = Event<
  'BudgetSet',
  BudgetRef & { readonly amount: string; readonly currency: string; readonly ownerAgentId: string | null; readonly setAt: string }
>;
export type BudgetRevised = Event<'BudgetRevised', BudgetRef & { readonly amount: string; readonly revisedAt: string }>;
export type BudgetDeleted = Event<'BudgetDeleted', BudgetRef & { readonly deletedAt: string }>;
export type BudgetEvent = BudgetSet | BudgetRevised | BudgetDeleted;
export const BUDGET_EVENT_TYPES: readonly BudgetEvent['type'][] = ['BudgetSet', 'BudgetRevised', 'BudgetDeleted'];

export type SetBudget = Command<
  'SetBudget',
  Period & { readonly budgetId: string; readonly amount: string; readonly currency: string; readonly ownerAgentId?: string | null }
>;
export type ReviseBudget = Command<'ReviseBudget', { readonly budgetId: string; readonly amount: string }>;
export type DeleteBudget = Command<'DeleteBudget', { readonly budgetId: string }>;
export type BudgetCommand = SetBudget | ReviseBudget | DeleteBudget;
export const BUDGET_COMMAND_TYPES: readonly BudgetCommand['type'][] = ['SetBudget', 'ReviseBudget', 'DeleteBudget'];

type BudgetState = { readonly status: 'none' | 'deleted' } | (Period & { readonly status: 'live'; readonly amount: string });

const evolveBudget = (state: BudgetState, event: BudgetEvent): BudgetState => {
  const { category, fiscalYear, fiscalMonth } = event.data;
  switch (event.type) {
    case 'BudgetSet':
      return { status: 'live', category, fiscalYear, fiscalMonth, amount: event.data.amount };
    case 'BudgetRevised':
      return state.status === 'live' ? { ...state, amount: event.data.amount } : state;
    case 'BudgetDeleted':
      return { status: 'deleted' };
  }
};

/** Categories compare without case, so `Ads` and `ads` cannot both be budgeted for one month. */
const periodKey = (p: Period): string => `budget:${p.category.trim().toLowerCase()}:${p.fiscalYear}:${p.fiscalMonth}`;

// seed 001 idx_budgets_category_period: one budget per category and fiscal month.
export const budgetGuards = (event: BudgetEvent): readonly Guard[] => {
  if (event.type === 'BudgetSet')
    return [
      {
        kind: 'claim',
        key: periodKey(event.data),
        code: Code.BUDGET_PERIOD_TAKEN,
        message: `${event.data.category} is budgeted for ${event.data.fiscalYear}-${event.data.fiscalMonth} already`,
      },
    ];
  return event.type === 'BudgetDeleted' ? [{ kind: 'release', key: periodKey(event.data) }] : [];
};

const invalid = (field: string, message: string) => reject(Code.BUDGET_INVALID, message, { field });

const periodError = (p: Period) =>
  requiredText(invalid, 'category', p.category, LIMITS.category) ??
  (Number.isInteger(p.fiscalYear) && p.fiscalYear >= 2000 && p.fiscalYear <= 2999 ? null : invalid('fiscalYear', 'fiscalYear is a year from 2000 to 2999')) ??
  (Number.isInteger(p.fiscalMonth) && p.fiscalMonth >= 1 && p.fiscalMonth <= 12 ? null : invalid('fiscalMonth', 'fiscalMonth is 1 to 12'));

const set = (command: SetBudget, state: WithAgents<BudgetState>): Decision<BudgetEvent> => {
  const { budgetId, category, fiscalYear, fiscalMonth, currency, ownerAgentId = null } = command.data;
  const wrong =
    uuidField(invalid, 'budgetId', budgetId) ??
    periodError({ category, fiscalYear, fiscalMonth }) ??
    (isCurrency(currency) ? null : invalid('currency', 'currency is three capital letters (ISO 4217)')) ??
    optionalUuid(invalid, 'ownerAgentId', ownerAgentId);
  if (wrong) return wrong;
  const amount = amountCents(invalid, 'amount', command.data.amount);
  if (typeof amount !== 'bigint') return amount;
  if (ownerAgentId !== null && !isActiveAgent(state.agents, ownerAgentId))
    return reject(Code.AGENT_NOT_FOUND, `Owner agent ${ownerAgentId} is not an active agent`, { agentId: ownerAgentId, field: 'ownerAgentId' });
  if (state.own.status !== 'none') return reject(Code.BUDGET_ALREADY_EXISTS, `Budget ${budgetId} exists`, { budgetId });
  const data = {
    orgId: tenantOf(command),
    budgetId,
    category: category.trim(),
    fiscalYear,
    fiscalMonth,
    amount: money(amount),
    currency,
    ownerAgentId,
    setAt: nowIsoOf(command),
  };
  return [{ type: 'BudgetSet', data }];
};

export const decideBudget = (command: BudgetCommand, state: WithAgents<BudgetState>): Decision<BudgetEvent> => {
  const denied = writerRequired(command);
  if (denied) return denied;
  if (command.type === 'SetBudget') return set(command, state);
  const budget = state.own;
  const { budgetId } = command.data;
  if (budget.status === 'deleted' && command.type === 'DeleteBudget') return [];
  if (budget.status !== 'live') return reject(Code.BUDGET_NOT_FOUND, `Budget ${budgetId} does not exist`, { budgetId });
  const ref = { orgId: tenantOf(command), budgetId, category: budget.category, fiscalYear: budget.fiscalYear, fiscalMonth: budget.fiscalMonth };
  switch (command.type) {
    case 'ReviseBudget': {
      const amount = amountCents(invalid, 'amount', command.data.amount);
      if (typeof amount !== 'bigint') return amount;
      return money(amount) === budget.amount ? [] : [{ type: 'BudgetRevised', data: { ...ref, amount: money(amount), revisedAt: nowIsoOf(command) } }];
    }
    case 'DeleteBudget':
      return [{ type: 'BudgetDeleted', data: { ...ref, deletedAt: nowIsoOf(command) } }];
    default:
      return assertNever(command);
  }
};

export const budgetDecider: Decider<BudgetCommand, BudgetEvent | AgentEvent, WithAgents<BudgetState>> = {
  initialState: () => ({ agents: initialAgentsState(), own: { status: 'none' } }),
  decide: decideBudget,
  evolve: evolvingWithAgents(evolveBudget),
  streamIdOf: (command) => budgetStreamId(tenantOf(command), command.data.budgetId),
  alsoReads: (command) => (command.type === 'SetBudget' ? [agentsStreamId(tenantOf(command))] : []),
  // Only the budget's own events are ever decided here.
  guardsOf: (event) => budgetGuards(event as BudgetEvent),
};
