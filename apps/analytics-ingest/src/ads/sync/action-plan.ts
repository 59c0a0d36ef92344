/**
 * What an approved action changes on the platform, read from its new_state (seed 003
 * ai_actions_log: action_type PAUSE, BUDGET_CHANGE, REALLOCATE). The shapes are the
 * recommendations' (alerting/recommendations):
 *   PAUSE          new_state {status: "paused"}                on the action's campaign
 *   BUDGET_CHANGE  new_state {budgetAmount: "80.00"}           on the action's campaign
 *   REALLOCATE     previous_state {from: {campaignId, budgetAmount}, to: {campaignId, budgetAmount}},
 *                  new_state {from: {budgetAmount}, to: {budgetAmount}} (a campaignId in new_state wins)
 * A reallocation lowers the giving campaign first: stopped halfway, it never spends more than before.
 */
import { AdPlatformError } from './connectors/connector.errors';
import { amountToCents } from './connectors/money';

export type PlannedChange = { readonly campaignId: string; readonly step: string } & (
  | { readonly kind: 'pause' }
  | { readonly kind: 'budget'; readonly amountCents: bigint }
);

export interface PlannableAction {
  readonly campaignId: string;
  readonly actionType: string;
  readonly previousState: Readonly<Record<string, unknown>>;
  readonly newState: Readonly<Record<string, unknown>>;
}

const invalid = (message: string) => new AdPlatformError('AD_PLATFORM_REQUEST_REJECTED', `AD_ACTION_STATE_INVALID: ${message}`);

const objectAt = (state: Readonly<Record<string, unknown>>, name: string): Readonly<Record<string, unknown>> => {
  const value = state[name];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
};

const amountOf = (value: unknown, where: string): bigint => {
  if (typeof value !== 'string' && typeof value !== 'number') throw invalid(`${where}.budgetAmount is missing`);
  const cents = amountToCents(String(value), `${where}.budgetAmount`);
  if (cents < 0n) throw invalid(`${where}.budgetAmount is negative`);
  return cents;
};

export const planOf = (action: PlannableAction): PlannedChange[] => {
  switch (action.actionType) {
    case 'PAUSE':
      return [{ campaignId: action.campaignId, step: 'pause', kind: 'pause' }];
    case 'BUDGET_CHANGE':
      return [{ campaignId: action.campaignId, step: 'budget', kind: 'budget', amountCents: amountOf(action.newState.budgetAmount, 'new_state') }];
    case 'REALLOCATE': {
      const side = (name: 'from' | 'to'): PlannedChange => {
        const next = objectAt(action.newState, name);
        const before = objectAt(action.previousState, name);
        const campaignId = next.campaignId ?? before.campaignId ?? (name === 'from' ? action.campaignId : undefined);
        if (typeof campaignId !== 'string' || campaignId === '') throw invalid(`the ${name} campaign is not named`);
        return { campaignId, step: name, kind: 'budget', amountCents: amountOf(next.budgetAmount, `new_state.${name}`) };
      };
      return [side('from'), side('to')];
    }
    default:
      throw invalid(`unknown action type ${action.actionType}`);
  }
};
