import { planOf } from './action-plan';

const campaignId = 'c-1';

// seed 003 ai_actions_log: action_type PAUSE, BUDGET_CHANGE, REALLOCATE, with previous_state and new_state.
describe('what an approved action changes on the platform (seed 003 action_type)', () => {
  it('PAUSE pauses the action campaign', () => {
    expect(planOf({ campaignId, actionType: 'PAUSE', previousState: { status: 'active' }, newState: { status: 'paused' } })).toEqual([
      { campaignId, step: 'pause', kind: 'pause' },
    ]);
  });

  it('BUDGET_CHANGE sets the new budget amount in exact cents', () => {
    expect(planOf({ campaignId, actionType: 'BUDGET_CHANGE', previousState: {}, newState: { budgetAmount: '80.05' } })).toEqual([
      { campaignId, step: 'budget', kind: 'budget', amountCents: 8_005n },
    ]);
  });

  it('REALLOCATE lowers the giving campaign before raising the receiving one', () => {
    const plan = planOf({
      campaignId,
      actionType: 'REALLOCATE',
      previousState: { from: { campaignId, budgetAmount: '100.00' }, to: { campaignId: 'c-2', budgetAmount: '50.00' } },
      newState: { from: { budgetAmount: '80.00' }, to: { budgetAmount: '70.00' } },
    });
    expect(plan).toEqual([
      { campaignId, step: 'from', kind: 'budget', amountCents: 8_000n },
      { campaignId: 'c-2', step: 'to', kind: 'budget', amountCents: 7_000n },
    ]);
  });

  it('refuses a new state it cannot carry out, with a typed error', () => {
    expect(() => planOf({ campaignId, actionType: 'BUDGET_CHANGE', previousState: {}, newState: {} })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('AD_ACTION_STATE_INVALID') }),
    );
    expect(() =>
      planOf({ campaignId, actionType: 'REALLOCATE', previousState: {}, newState: { from: { budgetAmount: '1.00' }, to: { budgetAmount: '2.00' } } }),
    ).toThrow(expect.objectContaining({ message: expect.stringContaining('the to campaign is not named') }));
    expect(() => planOf({ campaignId, actionType: 'BUDGET_CHANGE', previousState: {}, newState: { budgetAmount: '-1.00' } })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('negative') }),
    );
  });
});
