import { accepted, given } from '../testing';
import { expenseDecider } from './expense';
import { agentId, AS_SERVICE, AS_VIEWER, at, command, decided, NOW, ORG_ID, registryOf, transactionId } from './testing';

const registry = registryOf(2);

describe('when the expense is not recorded', () => {
  it('RecordExpense records ExpenseRecorded, the amount with two decimals, dated now by default', () => {
    given(expenseDecider, registry)
      .when(command.recordExpense({ category: ' Ads ', agentId: agentId(2), description: 'Spring ads' }))
      .then([
        {
          type: 'ExpenseRecorded',
          data: {
            orgId: ORG_ID,
            transactionId: transactionId(1),
            category: 'Ads',
            amount: '120.50',
            currency: 'EUR',
            agentId: agentId(2),
            description: 'Spring ads',
            transactionDate: NOW,
            recordedAt: NOW,
          },
        },
      ]);
  });

  // seed 001 (line 359): CHECK (amount >= 0)
  it.each(['-0.01', '-120'])('CHECK (amount >= 0): an amount of %p is refused as TRANSACTION_INVALID', (amount) => {
    given(expenseDecider, registry)
      .when(command.recordExpense({ amount }))
      .thenRejects('TRANSACTION_INVALID', { details: { field: 'amount' } });
  });

  // seed 001 (line 359): CHECK (amount >= 0)
  it.each([
    ['0', '0.00'],
    ['0.5', '0.50'],
    ['99999.99', '99999.99'],
  ])('CHECK (amount >= 0): an amount of %p is recorded as %p', (amount, recorded) => {
    expect(accepted(given(expenseDecider, registry).when(command.recordExpense({ amount })))[0].data).toMatchObject({ amount: recorded });
  });

  it.each(['1.001', 'abc', ''])('an amount %p that is not money with at most two decimals is refused', (amount) => {
    given(expenseDecider, registry)
      .when(command.recordExpense({ amount }))
      .thenRejects('TRANSACTION_INVALID', { details: { field: 'amount' } });
  });

  it('a category is required and a currency is three capital letters', () => {
    given(expenseDecider, registry)
      .when(command.recordExpense({ category: '' }))
      .thenRejects('TRANSACTION_INVALID', { details: { field: 'category' } });
    given(expenseDecider, registry)
      .when(command.recordExpense({ currency: 'Eur' }))
      .thenRejects('TRANSACTION_INVALID', { details: { field: 'currency' } });
  });

  // seed 001 (line 244): FOREIGN KEY (agent_id) REFERENCES agents(id) — "All optional"
  it('transactions.agent_id: an agent, when named, is registered (AGENT_NOT_FOUND otherwise)', () => {
    given(expenseDecider, registry)
      .when(command.recordExpense({ agentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND', { details: { field: 'agentId' } });
  });

  it('the transaction date, when given, is an ISO instant', () => {
    expect(accepted(given(expenseDecider, registry).when(command.recordExpense({ transactionDate: at(-3600) })))[0].data).toMatchObject({
      transactionDate: at(-3600),
    });
    given(expenseDecider, registry)
      .when(command.recordExpense({ transactionDate: 'yesterday' }))
      .thenRejects('TRANSACTION_INVALID');
  });

  it('a viewer may not record expenses (COMMERCE_ROLE_REQUIRED); a service may', () => {
    given(expenseDecider, registry).when(command.recordExpense({}, AS_VIEWER)).thenRejects('COMMERCE_ROLE_REQUIRED');
    expect(accepted(given(expenseDecider, registry).when(command.recordExpense({}, AS_SERVICE)))).toHaveLength(1);
  });
});

describe('when the expense is recorded', () => {
  it('recording the same transaction again is refused as TRANSACTION_ALREADY_EXISTS', () => {
    const recorded = decided(expenseDecider, registry, command.recordExpense());
    given(expenseDecider, recorded)
      .when(command.recordExpense({ amount: '1.00' }))
      .thenRejects('TRANSACTION_ALREADY_EXISTS');
  });
});
