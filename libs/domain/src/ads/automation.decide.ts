/**
 * The automation decider (issue 12 point 7, seed 003 `ai_actions_log`): guardrails set by an
 * admin; actions requested (automation.request.ts), approved or rejected by a marketer or an
 * admin, expired by the timer-scheduler, and executed by the action executor — once, retried
 * with back-off 30 s × 2^(attempt − 1), dead-lettered after attempt 5.
 */
import { assertNever, type Command, type Decider, type Decision, DomainError } from '../shared/decider';
import { storableText } from '../shared/text';
import { toIso } from '../shared/validation';
import { adBudgetsStreamId } from './budgets';
import { adCampaignStreamId } from './ad-campaign';
import {
  AD_ACTION_MAX_ATTEMPTS,
  type AdActionView,
  type AutomationDeciderEvent,
  type AutomationEvent,
  type AutomationState,
  automationStreamId,
  evolveAutomation,
  type Guardrails,
  initialAutomationState,
  retryDelayMs,
} from './automation';
import { requestAction, type RequestAdAction } from './automation.request';
import { AdsErrorCode as Code } from './errors';
import {
  ACTING_ROLES,
  actorIdOf,
  centsOf,
  instantOf,
  isConfidence,
  isJsonObject,
  isLowerUuid,
  isMoney,
  nowOf,
  reject,
  roleRequired,
  tenantOf,
} from './insight.rules';
import { recommendationStreamId } from './recommendation';

export type { RequestAdAction } from './automation.request';
export type SetAutomationGuardrails = Command<'SetAutomationGuardrails', Guardrails>;
type Ref = { readonly actionId: string };
export type ApproveAdAction = Command<'ApproveAdAction', Ref>;
export type RejectAdAction = Command<'RejectAdAction', Ref>;
export type ExpireAdAction = Command<'ExpireAdAction', Ref>;
export type RecordAdActionExecuted = Command<
  'RecordAdActionExecuted',
  Ref & { readonly attempt: number; readonly newState: Readonly<Record<string, unknown>>; readonly executedAt: string }
>;
export type RecordAdActionFailed = Command<'RecordAdActionFailed', Ref & { readonly attempt: number; readonly error: string }>;
export type RetryAdAction = Command<'RetryAdAction', Ref>;
export type AutomationCommand =
  | SetAutomationGuardrails
  | RequestAdAction
  | ApproveAdAction
  | RejectAdAction
  | ExpireAdAction
  | RecordAdActionExecuted
  | RecordAdActionFailed
  | RetryAdAction;

/** A held action waits at most 30 days; an error is kept to 2,000 characters. */
const TTL_MAX_HOURS = 720;
const ERROR_MAX = 2_000;
/** Only services record what the executor and the timers did; a person (any role) may not. */
const SERVICES_ONLY = [] as const;

// Issue 12 point 7: guardrails set by a person — here an admin (marketers approve, they do not set limits).
const setGuardrails = (command: SetAutomationGuardrails, state: AutomationState): Decision<AutomationEvent> => {
  const denied = roleRequired(command, ['admin'], true);
  if (denied) return denied;
  const { autonomousEnabled, confidenceFloor, maxChangePerAction, maxChangePerDay, approvalTtlHours } = command.data;
  const invalid = (field: string, message: string) => reject(Code.AUTOMATION_GUARDRAILS_INVALID, message, { field });
  if (typeof autonomousEnabled !== 'boolean') return invalid('autonomous_enabled', 'autonomous_enabled must be true or false');
  if (!isConfidence(confidenceFloor)) return invalid('confidence_floor', 'confidence_floor must be a number from 0 to 1 with at most two decimals');
  if (!isMoney(maxChangePerAction)) return invalid('max_change_per_action', 'max_change_per_action must be a non-negative amount that fits DECIMAL(15,2)');
  if (!isMoney(maxChangePerDay)) return invalid('max_change_per_day', 'max_change_per_day must be a non-negative amount that fits DECIMAL(15,2)');
  if ((centsOf(maxChangePerAction) ?? 0) > (centsOf(maxChangePerDay) ?? 0))
    return invalid('max_change_per_action', 'max_change_per_action cannot exceed max_change_per_day');
  if (!Number.isInteger(approvalTtlHours) || approvalTtlHours < 1 || approvalTtlHours > TTL_MAX_HOURS) {
    return invalid('approval_ttl_hours', `approval_ttl_hours must be a whole number from 1 to ${TTL_MAX_HOURS}`);
  }
  const guardrails: Guardrails = { autonomousEnabled, confidenceFloor, maxChangePerAction, maxChangePerDay, approvalTtlHours };
  const current = state.guardrails;
  const same = (Object.keys(guardrails) as (keyof Guardrails)[]).every((key) =>
    key.startsWith('max') ? centsOf(current[key]) === centsOf(guardrails[key]) : current[key] === guardrails[key],
  );
  if (same) return [];
  return [{ type: 'AutomationGuardrailsSet', data: { orgId: tenantOf(command), ...guardrails, setBy: actorIdOf(command), setAt: toIso(nowOf(command)) } }];
};

/** The org's action the command names (the stream is the org's, so another org's is not there). */
const existing = (command: Command<string, Ref>, state: AutomationState): AdActionView | DomainError => {
  const action = state.actions.get(command.data.actionId);
  if (action === undefined) return reject(Code.AD_ACTION_NOT_FOUND, `Action ${command.data.actionId} does not exist`, { actionId: command.data.actionId });
  return action;
};

const invalidStatus = (action: AdActionView, what: string) =>
  reject(Code.AD_ACTION_INVALID_STATUS, `Action ${action.actionId} is ${action.status}: ${what}`, { status: action.status });

/** Issue 12 point 7: a held action is approved or rejected by a marketer or an admin, before it expires. */
const review = (command: ApproveAdAction | RejectAdAction, state: AutomationState): Decision<AutomationEvent> => {
  const denied = roleRequired(command, ACTING_ROLES, true);
  if (denied) return denied;
  const action = existing(command, state);
  if (action instanceof DomainError) return action;
  const now = nowOf(command);
  if (action.status !== 'awaiting_approval') return invalidStatus(action, 'only an action awaiting approval is approved or rejected');
  if (action.expiresAt !== null && now >= Date.parse(action.expiresAt)) return invalidStatus(action, `its approval expired at ${action.expiresAt}`);
  const by = actorIdOf(command);
  const at = toIso(now);
  const { actionId } = action;
  return command.type === 'ApproveAdAction'
    ? [{ type: 'AdActionApproved', data: { actionId, executedBy: by, approvedBy: by, approvedAt: at } }]
    : [{ type: 'AdActionRejected', data: { actionId, rejectedBy: by, rejectedAt: at } }];
};

/** Issue 12 point 7: what nobody approved in time expires (the timer fires at expiresAt); anything else is left as it is. */
const expire = (command: ExpireAdAction, state: AutomationState): Decision<AutomationEvent> => {
  const denied = roleRequired(command, SERVICES_ONLY);
  if (denied) return denied;
  const action = existing(command, state);
  if (action instanceof DomainError) return action;
  const now = nowOf(command);
  if (action.status !== 'awaiting_approval' || action.expiresAt === null || now < Date.parse(action.expiresAt)) return [];
  return [{ type: 'AdActionExpired', data: { actionId: action.actionId, expiredAt: toIso(now) } }];
};

const attemptError = (attempt: unknown): DomainError | null =>
  Number.isInteger(attempt) && (attempt as number) >= 1 && (attempt as number) <= AD_ACTION_MAX_ATTEMPTS
    ? null
    : reject(Code.AD_ACTION_INVALID, `attempt must be a whole number from 1 to ${AD_ACTION_MAX_ATTEMPTS}`, { field: 'attempt' });

// Issue 12 point 7: executed once — a second report of success records nothing.
const recordExecuted = (command: RecordAdActionExecuted, state: AutomationState): Decision<AutomationEvent> => {
  const denied = roleRequired(command, SERVICES_ONLY);
  if (denied) return denied;
  const action = existing(command, state);
  if (action instanceof DomainError) return action;
  const { attempt, newState, executedAt } = command.data;
  const error = attemptError(attempt);
  if (error) return error;
  if (!isJsonObject(newState)) return reject(Code.AD_ACTION_INVALID, 'new_state must be a JSON object', { field: 'new_state' });
  const at = instantOf(executedAt);
  if (at === null) return reject(Code.AD_ACTION_INVALID, 'executed_at must be an ISO-8601 instant', { field: 'executed_at' });
  if (action.status === 'executed') return [];
  if (action.status !== 'approved' && action.status !== 'failed') return invalidStatus(action, 'only an approved action is executed');
  return [{ type: 'AdActionExecuted', data: { actionId: action.actionId, attempt, newState, executedAt: toIso(at) } }];
};

/** Issue 12 point 7: a failed attempt is retried after 30 s × 2^(attempt − 1); the fifth failure is dead-lettered. */
const recordFailed = (command: RecordAdActionFailed, state: AutomationState): Decision<AutomationEvent> => {
  const denied = roleRequired(command, SERVICES_ONLY);
  if (denied) return denied;
  const action = existing(command, state);
  if (action instanceof DomainError) return action;
  const { attempt } = command.data;
  const error = attemptError(attempt);
  if (error) return error;
  if (typeof command.data.error !== 'string') return reject(Code.AD_ACTION_INVALID, 'error must be text', { field: 'error' });
  // A repeated or late report of an attempt already recorded (or overtaken by success) records nothing.
  if (['executed', 'dead_lettered', 'failed'].includes(action.status) || attempt < action.attempt) return [];
  if (action.status !== 'approved') return invalidStatus(action, 'only an approved action is attempted');
  if (attempt > action.attempt) return reject(Code.AD_ACTION_INVALID, `attempt ${action.attempt} is under way, not ${attempt}`, { field: 'attempt' });
  const reason = storableText(command.data.error.slice(0, ERROR_MAX)) || 'unknown error';
  const now = nowOf(command);
  const { actionId } = action;
  if (attempt >= AD_ACTION_MAX_ATTEMPTS) return [{ type: 'AdActionDeadLettered', data: { actionId, attempt, error: reason, deadLetteredAt: toIso(now) } }];
  return [{ type: 'AdActionAttemptFailed', data: { actionId, attempt, error: reason, retryAt: toIso(now + retryDelayMs(attempt)) } }];
};

/** The retry timer fired: the next attempt, once (a late or repeated timer records nothing). */
const retry = (command: RetryAdAction, state: AutomationState): Decision<AutomationEvent> => {
  const denied = roleRequired(command, SERVICES_ONLY);
  if (denied) return denied;
  const action = existing(command, state);
  if (action instanceof DomainError) return action;
  if (action.status !== 'failed') return [];
  return [{ type: 'AdActionRetryRequested', data: { actionId: action.actionId, attempt: action.attempt + 1 } }];
};

export const decideAutomation = (command: AutomationCommand, state: AutomationState): Decision<AutomationEvent> => {
  switch (command.type) {
    case 'SetAutomationGuardrails':
      return setGuardrails(command, state);
    case 'RequestAdAction':
      return requestAction(command, state);
    case 'ApproveAdAction':
    case 'RejectAdAction':
      return review(command, state);
    case 'ExpireAdAction':
      return expire(command, state);
    case 'RecordAdActionExecuted':
      return recordExecuted(command, state);
    case 'RecordAdActionFailed':
      return recordFailed(command, state);
    case 'RetryAdAction':
      return retry(command, state);
    default:
      return assertNever(command);
  }
};

/** RequestAdAction reads the org's budget allocations, and the campaign and the recommendation it names. */
const requestReads = (command: RequestAdAction): string[] => [
  adBudgetsStreamId(tenantOf(command)),
  ...(isLowerUuid(command.data.campaignId) ? [adCampaignStreamId(command.data.campaignId)] : []),
  ...(isLowerUuid(command.data.recommendationId) ? [recommendationStreamId(command.data.recommendationId)] : []),
];

export const automationDecider: Decider<AutomationCommand, AutomationDeciderEvent, AutomationState> = {
  initialState: initialAutomationState,
  decide: decideAutomation,
  evolve: evolveAutomation,
  streamIdOf: (command) => automationStreamId(tenantOf(command)),
  alsoReads: (command) => (command.type === 'RequestAdAction' ? requestReads(command) : []),
};
