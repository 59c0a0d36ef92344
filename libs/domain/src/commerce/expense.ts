/**
 * Expenses (seed 001 `transactions`, type expense): money the shop spends, by category, which
 * budgets are measured against. One stream per transaction; `amount >= 0` and the type says the
 * sign (seed 001: CHECK (amount >= 0)). Sales and refunds are recorded by their orders.
 */
import { assertNever, type Command, type Decider, type Decision, type Event } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { type AgentEvent, agentsStreamId, evolvingWithAgents, initialAgentsState, type WithAgents } from './agents';
import { CommerceErrorCode as Code, reject } from './errors';
import { amountCents, COMMERCE_LIMITS as LIMITS, isCurrency, money, optionalInstant, optionalText, optionalUuid, requiredText, uuidField } from './values';

export const expenseStreamId = (orgId: string, transactionId: string): string => `commerce-expense-${orgId}-${transactionId}`;

export type ExpenseRecorded = Event<
  'ExpenseRecorded',
  {
    readonly orgId: string;
    readonly transactionId: string;
    readonly category: string;
    readonly amount: string;
    readonly currency: string;
    readonly agentId: string | null;
    readonly description: string | null;
    readonly transactionDate: string;
    readonly recordedAt: string;
  }
>;
export type ExpenseEvent = ExpenseRecorded;

export type RecordExpense = Command<
  'RecordExpense',
  {
    readonly transactionId: string;
    readonly category: string;
    readonly amount: string;
    readonly currency: string;
    readonly agentId?: string | null;
    readonly description?: string | null;
    readonly transactionDate?: string | null;
  }
>;
export type ExpenseCommand = RecordExpense;
export const EXPENSE_COMMAND_TYPES: readonly ExpenseCommand['type'][] = ['RecordExpense'];

const invalid = (field: string, message: string) => reject(Code.TRANSACTION_INVALID, message, { field });

export const decideExpense = (command: ExpenseCommand, state: WithAgents<boolean>): Decision<ExpenseEvent> => {
  switch (command.type) {
    case 'RecordExpense': {
      const { transactionId, category, currency, agentId = null, description = null } = command.data;
      const wrong =
        writerRequired(command) ??
        uuidField(invalid, 'transactionId', transactionId) ??
        requiredText(invalid, 'category', category, LIMITS.category) ??
        (isCurrency(currency) ? null : invalid('currency', 'currency is three capital letters (ISO 4217)')) ??
        optionalUuid(invalid, 'agentId', agentId) ??
        optionalText(invalid, 'description', description, LIMITS.text);
      if (wrong) return wrong;
      const amount = amountCents(invalid, 'amount', command.data.amount);
      if (typeof amount !== 'bigint') return amount;
      const date = optionalInstant(invalid, 'transactionDate', command.data.transactionDate);
      if (typeof date === 'object' && date !== null) return date;
      if (agentId !== null && !state.agents.agents.has(agentId))
        return reject(Code.AGENT_NOT_FOUND, `Agent ${agentId} does not exist`, { agentId, field: 'agentId' });
      if (state.own) return reject(Code.TRANSACTION_ALREADY_EXISTS, `Transaction ${transactionId} exists`, { transactionId });
      const now = nowIsoOf(command);
      const data = {
        orgId: tenantOf(command),
        transactionId,
        category: category.trim(),
        amount: money(amount),
        currency,
        agentId,
        description,
        transactionDate: date ?? now,
        recordedAt: now,
      };
      return [{ type: 'ExpenseRecorded', data }];
    }
    default:
      return assertNever(command.type);
  }
};

export const expenseDecider: Decider<ExpenseCommand, ExpenseEvent | AgentEvent, WithAgents<boolean>> = {
  initialState: () => ({ agents: initialAgentsState(), own: false }),
  decide: decideExpense,
  evolve: evolvingWithAgents((_recorded: boolean, _event: ExpenseEvent) => true),
  streamIdOf: (command) => expenseStreamId(tenantOf(command), command.data.transactionId),
  alsoReads: (command) => [agentsStreamId(tenantOf(command))],
};
