/**
 * What an automatic action does (seed 003 `ai_actions_log`: action_type, platform,
 * previous_state, new_state), as a recommendation proposes it and as an action request names it.
 */
import type { DomainError } from '../shared/decider';
import type { AdsErrorCode } from './errors';
import { isJsonObject, isMoney, isText, reject } from './insight.rules';

// seed 003: action_type — PAUSE, BUDGET_CHANGE, REALLOCATE
export const AD_ACTION_TYPES = ['PAUSE', 'BUDGET_CHANGE', 'REALLOCATE'] as const;
export type AdActionType = (typeof AD_ACTION_TYPES)[number];

/** The types that move budget: the period's budget allocation bounds them. */
export const BUDGET_MOVING_ACTIONS: readonly AdActionType[] = ['BUDGET_CHANGE', 'REALLOCATE'];

export interface AdActionSpec {
  readonly actionType: AdActionType;
  readonly platform: string;
  /** seed 003: previous_state / new_state JSONB — what the platform had and what it gets. */
  readonly previousState: Readonly<Record<string, unknown>>;
  readonly newState: Readonly<Record<string, unknown>>;
  /**
   * The money the action moves (a decimal string, DECIMAL(15,2), never negative): a budget's
   * change up or down, a reallocation's amount, a paused campaign's budget (or "0.00"). The
   * guardrails count it.
   */
  readonly changeAmount: string;
}

// seed 003: platform VARCHAR(50)
const PLATFORM_MAX = 50;

/** The first field of an action that breaks a rule, as a rejection with `code`. */
export const actionSpecError = (spec: Partial<Record<keyof AdActionSpec, unknown>>, code: AdsErrorCode): DomainError | null => {
  const invalid = (field: string, message: string) => reject(code, message, { field });
  if (!(AD_ACTION_TYPES as readonly unknown[]).includes(spec.actionType))
    return invalid('action_type', `action_type must be one of ${AD_ACTION_TYPES.join(', ')}`);
  if (!isText(spec.platform, PLATFORM_MAX)) return invalid('platform', `platform must be 1 to ${PLATFORM_MAX} characters`);
  if (!isJsonObject(spec.previousState)) return invalid('previous_state', 'previous_state must be a JSON object');
  if (!isJsonObject(spec.newState)) return invalid('new_state', 'new_state must be a JSON object');
  if (!isMoney(spec.changeAmount)) return invalid('change_amount', 'change_amount must be a non-negative decimal string that fits DECIMAL(15,2)');
  return null;
};
