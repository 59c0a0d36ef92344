/**
 * RequestAdAction (issue 12 point 7): a person (marketer or admin) asking for an action approves
 * it by asking; the AI (a service) acts alone only inside the guardrails, else the action waits
 * with approval_required until a person approves it or it expires. An action may carry out a
 * recommendation: the fields it leaves out are the recommendation's.
 */
import type { Command, Decision } from '../shared/decider';
import { DomainError } from '../shared/decider';
import { toIso } from '../shared/validation';
import { type AdActionSpec, actionSpecError, type AdActionType } from './ad-action';
import { AI_AUTONOMOUS, type AutomationEvent, type AutomationState } from './automation';
import { holdReason } from './automation.guards';
import { AdsErrorCode as Code } from './errors';
import { ACTING_ROLES, centsOf, isConfidence, isLowerUuid, isText, nowOf, personOf, reject, roleRequired, tenantOf } from './insight.rules';

export type RequestAdAction = Command<
  'RequestAdAction',
  {
    readonly actionId: string;
    readonly recommendationId?: string | null;
    readonly campaignId?: string | null;
    readonly actionType?: AdActionType | null;
    readonly platform?: string | null;
    readonly previousState?: Readonly<Record<string, unknown>> | null;
    readonly newState?: Readonly<Record<string, unknown>> | null;
    readonly reasoning?: string | null;
    readonly confidence?: number | null;
    readonly changeAmount?: string | null;
  }
>;

// seed 003: reasoning TEXT (bounded to keep events small).
const REASONING_MAX = 20_000;
const HOUR_MS = 3_600_000;

const invalid = (field: string, message: string) => reject(Code.AD_ACTION_INVALID, message, { field });

type Resolved = AdActionSpec & { readonly campaignId: string; readonly reasoning: string | null; readonly confidence: number | null };

/** The action asked for: the command's fields, else its recommendation's. */
const resolve = (command: RequestAdAction, state: AutomationState): Resolved | DomainError => {
  const { data } = command;
  const recommendationId = data.recommendationId ?? null;
  const recommendation = recommendationId === null ? null : state.recommendation;
  if (recommendationId !== null) {
    if (!isLowerUuid(recommendationId)) return invalid('recommendation_id', 'recommendation_id must be a lowercase UUID');
    if (recommendation === null || recommendation.orgId !== tenantOf(command)) {
      return reject(Code.RECOMMENDATION_NOT_FOUND, `Recommendation ${recommendationId} does not exist`, { recommendationId });
    }
    // seed 003: a rejected recommendation is never executed, an executed one is not executed again.
    if (recommendation.status === 'rejected' || recommendation.status === 'executed') {
      return reject(Code.RECOMMENDATION_INVALID_STATUS, `Recommendation ${recommendationId} is ${recommendation.status}`, { status: recommendation.status });
    }
  }
  const proposed = recommendation?.action ?? null;
  const campaignId = data.campaignId ?? recommendation?.campaignId ?? null;
  if (!isLowerUuid(campaignId)) return invalid('campaign_id', 'campaign_id must be a lowercase UUID');
  if (recommendation !== null && campaignId !== recommendation.campaignId) {
    return invalid('campaign_id', `campaign_id must be the recommendation's campaign (${recommendation.campaignId})`);
  }
  const spec = {
    actionType: data.actionType ?? proposed?.actionType,
    platform: data.platform ?? proposed?.platform,
    previousState: data.previousState ?? proposed?.previousState,
    newState: data.newState ?? proposed?.newState,
    changeAmount: data.changeAmount ?? proposed?.changeAmount,
  };
  const error = actionSpecError(spec, Code.AD_ACTION_INVALID);
  if (error) return error;
  const reasoning = data.reasoning ?? recommendation?.text ?? null;
  if (reasoning !== null && !isText(reasoning, REASONING_MAX)) return invalid('reasoning', `reasoning must be 1 to ${REASONING_MAX} characters, not blank`);
  const confidence = data.confidence ?? recommendation?.confidence ?? null;
  // seed 003: confidence DECIMAL(3,2)
  if (confidence !== null && !isConfidence(confidence)) return invalid('confidence', 'confidence must be a number from 0 to 1 with at most two decimals');
  return { ...(spec as AdActionSpec), campaignId, reasoning, confidence };
};

/** The action's campaign, when the command named it (and so its stream was read): the org's own, on the action's platform. */
const campaignError = (command: RequestAdAction, state: AutomationState, action: Resolved): DomainError | null => {
  if (command.data.campaignId == null) return null;
  const { campaignId, platform } = action;
  const campaign = state.campaigns.get(campaignId);
  // seed 003: ai_actions_log.campaign_id REFERENCES campaigns(id)
  if (campaign === undefined || campaign.orgId !== tenantOf(command)) {
    return reject(Code.AD_ACTION_CAMPAIGN_NOT_FOUND, `Ad campaign ${campaignId} does not exist`, { campaignId });
  }
  // seed 003 ai_actions_log (platform, campaign_id): the action runs on its campaign's platform, through that platform's connector.
  if (platform !== campaign.platform) return invalid('platform', `platform must be the campaign's platform (${campaign.platform})`);
  return null;
};

/** An action under way for the recommendation already (not rejected, expired or dead-lettered): one execution per recommendation. */
const takenFor = (state: AutomationState, recommendationId: string | null): boolean =>
  recommendationId !== null &&
  [...state.actions.values()].some((a) => a.recommendationId === recommendationId && !['rejected', 'expired', 'dead_lettered'].includes(a.status));

export const requestAction = (command: RequestAdAction, state: AutomationState): Decision<AutomationEvent> => {
  const denied = roleRequired(command, ACTING_ROLES);
  if (denied) return denied;
  const { actionId } = command.data;
  const recommendationId = command.data.recommendationId ?? null;
  if (!isLowerUuid(actionId)) return invalid('id', 'action id must be a lowercase UUID');
  if (state.actions.has(actionId)) return reject(Code.AD_ACTION_ALREADY_EXISTS, `Action ${actionId} already exists`, { actionId });
  const action = resolve(command, state);
  if (action instanceof DomainError) return action;
  const error = campaignError(command, state, action);
  if (error) return error;
  if (takenFor(state, recommendationId)) {
    return reject(Code.AD_ACTION_ALREADY_EXISTS, `Recommendation ${recommendationId} already has an action`, { recommendationId });
  }
  const now = nowOf(command);
  const at = toIso(now);
  const person = personOf(command);
  const requested = (approvalRequired: boolean): AutomationEvent => ({
    type: 'AdActionRequested',
    data: { actionId, orgId: tenantOf(command), recommendationId, ...action, requestedBy: person ?? command.metadata.actor, requestedAt: at, approvalRequired },
  });
  // A marketer or an admin asking for it is the approval (seed 003: executed_by the user).
  if (person !== null) return [requested(false), { type: 'AdActionApproved', data: { actionId, executedBy: person, approvedBy: person, approvedAt: at } }];
  const reason = holdReason(state, { ...action, changeCents: centsOf(action.changeAmount) ?? 0 }, at.slice(0, 10));
  if (reason === null)
    return [requested(false), { type: 'AdActionApproved', data: { actionId, executedBy: AI_AUTONOMOUS, approvedBy: null, approvedAt: null } }];
  const expiresAt = toIso(now + state.guardrails.approvalTtlHours * HOUR_MS);
  return [requested(true), { type: 'AdActionAwaitingApproval', data: { actionId, reason, expiresAt } }];
};
