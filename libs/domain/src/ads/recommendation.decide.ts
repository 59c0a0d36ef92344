/**
 * The recommendation decider (seed 003 `ai_recommendations`, issue 12 point 6). The analyzer (a
 * service) proposes; a marketer or an admin accepts or rejects; the action executor records
 * the execution; the timer-scheduler asks for the result once the measuring window has passed.
 */
import { assertNever, type Command, type Decider, type Decision, DomainError } from '../shared/decider';
import { toIso } from '../shared/validation';
import { type AdActionSpec, actionSpecError } from './ad-action';
import { adCampaignStreamId } from './ad-campaign';
import { AdsErrorCode as Code } from './errors';
import { ACTING_ROLES, actorIdOf, instantOf, isConfidence, isJsonObject, isLowerUuid, isText, nowOf, reject, roleRequired, tenantOf } from './insight.rules';
import {
  evolveRecommendation,
  initialRecommendationState,
  RECOMMENDATION_TYPES,
  type RecommendationDeciderEvent,
  type RecommendationEvent,
  type RecommendationState,
  recommendationStreamId,
  type RecommendationType,
  type RecommendationView,
} from './recommendation';

type Ref = { readonly recommendationId: string };
export type ProposeRecommendation = Command<
  'ProposeRecommendation',
  Ref & {
    readonly campaignId: string;
    readonly recommendationType: RecommendationType;
    readonly text: string;
    readonly confidence: number;
    readonly provider: string;
    readonly action?: AdActionSpec | null;
    readonly baseline: Readonly<Record<string, unknown>>;
  }
>;
export type AcceptRecommendation = Command<'AcceptRecommendation', Ref>;
export type RejectRecommendation = Command<'RejectRecommendation', Ref>;
export type RecordRecommendationExecuted = Command<'RecordRecommendationExecuted', Ref & { readonly actionId: string; readonly executedAt: string }>;
export type RequestRecommendationResult = Command<'RequestRecommendationResult', Ref>;
export type RecordRecommendationResult = Command<'RecordRecommendationResult', Ref & { readonly resultMetrics: Readonly<Record<string, unknown>> }>;
export type RecommendationCommand =
  | ProposeRecommendation
  | AcceptRecommendation
  | RejectRecommendation
  | RecordRecommendationExecuted
  | RequestRecommendationResult
  | RecordRecommendationResult;

// seed 003: recommendation_text TEXT (bounded to keep events small); the provider's name is short.
const TEXT_MAX = 20_000;
const PROVIDER_MAX = 100;
/** Only services record what the platform did and measured; a person (any role) may not. */
const SERVICES_ONLY = [] as const;

const invalid = (field: string, message: string) => reject(Code.RECOMMENDATION_INVALID, message, { field });

const proposalError = (data: ProposeRecommendation['data']): DomainError | null => {
  if (!isLowerUuid(data.recommendationId)) return invalid('id', 'recommendation id must be a lowercase UUID');
  if (!isLowerUuid(data.campaignId)) return invalid('campaign_id', 'campaign_id must be a lowercase UUID');
  if (!(RECOMMENDATION_TYPES as readonly unknown[]).includes(data.recommendationType)) {
    return invalid('recommendation_type', `recommendation_type must be one of ${RECOMMENDATION_TYPES.join(', ')}`);
  }
  if (!isText(data.text, TEXT_MAX)) return invalid('recommendation_text', `recommendation_text must be 1 to ${TEXT_MAX} characters, not blank`);
  // seed 003: confidence_score DECIMAL(3,2)
  if (!isConfidence(data.confidence)) return invalid('confidence_score', 'confidence_score must be a number from 0 to 1 with at most two decimals');
  if (!isText(data.provider, PROVIDER_MAX)) return invalid('provider', `provider must be 1 to ${PROVIDER_MAX} characters`);
  if (!isJsonObject(data.baseline)) return invalid('baseline', 'baseline must be a JSON object of the campaign figures');
  const action = data.action ?? null;
  if (action === null) return null;
  const error = actionSpecError(action, Code.RECOMMENDATION_INVALID);
  return error && invalid(`action.${String(error.details['field'])}`, error.message);
};

const propose = (command: ProposeRecommendation, state: RecommendationState): Decision<RecommendationEvent> => {
  const denied = roleRequired(command, ACTING_ROLES);
  if (denied) return denied;
  const error = proposalError(command.data);
  if (error) return error;
  const orgId = tenantOf(command);
  const { recommendationId, campaignId, recommendationType, text, confidence, provider, baseline } = command.data;
  // seed 003: ai_recommendations.campaign_id REFERENCES campaigns(id) — the org's own campaign.
  if (state.campaign === null || state.campaign.orgId !== orgId) {
    return reject(Code.RECOMMENDATION_CAMPAIGN_NOT_FOUND, `Ad campaign ${campaignId} does not exist`, { campaignId });
  }
  if (state.recommendation !== null)
    return reject(Code.RECOMMENDATION_ALREADY_EXISTS, `Recommendation ${recommendationId} already exists`, { recommendationId });
  const { actionType, platform, previousState, newState, changeAmount } = command.data.action ?? {};
  const action = actionType === undefined ? null : ({ actionType, platform, previousState, newState, changeAmount } as AdActionSpec);
  return [
    {
      type: 'RecommendationProposed',
      data: { recommendationId, orgId, campaignId, recommendationType, text, confidence, provider, action, baseline, proposedAt: toIso(nowOf(command)) },
    },
  ];
};

/** The org's recommendation the command names; another org's is not there. */
const existing = (command: Command<string, Ref>, state: RecommendationState): RecommendationView | DomainError => {
  const { recommendationId } = command.data;
  const recommendation = state.recommendation;
  if (recommendation === null || recommendation.orgId !== tenantOf(command)) {
    return reject(Code.RECOMMENDATION_NOT_FOUND, `Recommendation ${recommendationId} does not exist`, { recommendationId });
  }
  return recommendation;
};

// seed 003: status pending → accepted / rejected, by a person (issue 12: marketer or admin).
const review = (command: AcceptRecommendation | RejectRecommendation, state: RecommendationState): Decision<RecommendationEvent> => {
  const denied = roleRequired(command, ACTING_ROLES, true);
  if (denied) return denied;
  const recommendation = existing(command, state);
  if (recommendation instanceof DomainError) return recommendation;
  if (recommendation.status !== 'pending') {
    return reject(Code.RECOMMENDATION_NOT_PENDING, `Recommendation ${recommendation.recommendationId} is ${recommendation.status}, not pending`, {
      status: recommendation.status,
    });
  }
  const by = actorIdOf(command);
  const at = toIso(nowOf(command));
  const { recommendationId } = recommendation;
  return command.type === 'AcceptRecommendation'
    ? [{ type: 'RecommendationAccepted', data: { recommendationId, acceptedBy: by, acceptedAt: at } }]
    : [{ type: 'RecommendationRejected', data: { recommendationId, rejectedBy: by, rejectedAt: at } }];
};

const invalidStatus = (recommendation: RecommendationView, what: string) =>
  reject(Code.RECOMMENDATION_INVALID_STATUS, `Recommendation ${recommendation.recommendationId} is ${recommendation.status}: ${what}`, {
    status: recommendation.status,
  });

/**
 * seed 003: accepted → executed, once. An autonomous action (inside the guardrails) executes a
 * pending recommendation directly; a rejected one is never executed.
 */
const recordExecuted = (command: RecordRecommendationExecuted, state: RecommendationState): Decision<RecommendationEvent> => {
  const denied = roleRequired(command, SERVICES_ONLY);
  if (denied) return denied;
  const recommendation = existing(command, state);
  if (recommendation instanceof DomainError) return recommendation;
  const { actionId, executedAt } = command.data;
  if (!isLowerUuid(actionId)) return invalid('action_id', 'action_id must be a lowercase UUID');
  const at = instantOf(executedAt);
  if (at === null) return invalid('executed_at', 'executed_at must be an ISO-8601 instant');
  if (recommendation.status === 'executed') return [];
  if (recommendation.status === 'rejected') return invalidStatus(recommendation, 'a rejected recommendation is not executed');
  return [{ type: 'RecommendationExecuted', data: { recommendationId: recommendation.recommendationId, actionId, executedAt: toIso(at) } }];
};

/** Issue 12 point 6: the result is measured once a configurable window after execution has passed (the timer's due time). */
const requestResult = (command: RequestRecommendationResult, state: RecommendationState): Decision<RecommendationEvent> => {
  const denied = roleRequired(command, SERVICES_ONLY);
  if (denied) return denied;
  const recommendation = existing(command, state);
  if (recommendation instanceof DomainError) return recommendation;
  if (recommendation.executedAt === null) return invalidStatus(recommendation, 'only an executed recommendation has a result');
  if (recommendation.resultRequested) return [];
  const { recommendationId, campaignId, executedAt } = recommendation;
  return [{ type: 'RecommendationResultRequested', data: { recommendationId, campaignId, executedAt, windowEnd: toIso(nowOf(command)) } }];
};

// seed 003: result_metrics JSONB — recorded once, after execution.
const recordResult = (command: RecordRecommendationResult, state: RecommendationState): Decision<RecommendationEvent> => {
  const denied = roleRequired(command, SERVICES_ONLY);
  if (denied) return denied;
  const recommendation = existing(command, state);
  if (recommendation instanceof DomainError) return recommendation;
  if (!isJsonObject(command.data.resultMetrics)) return invalid('result_metrics', 'result_metrics must be a JSON object (before / after)');
  if (recommendation.executedAt === null) return invalidStatus(recommendation, 'only an executed recommendation has a result');
  if (recommendation.resultRecorded) return [];
  const { recommendationId } = recommendation;
  return [{ type: 'RecommendationResultRecorded', data: { recommendationId, resultMetrics: command.data.resultMetrics, recordedAt: toIso(nowOf(command)) } }];
};

export const decideRecommendation = (command: RecommendationCommand, state: RecommendationState): Decision<RecommendationEvent> => {
  switch (command.type) {
    case 'ProposeRecommendation':
      return propose(command, state);
    case 'AcceptRecommendation':
    case 'RejectRecommendation':
      return review(command, state);
    case 'RecordRecommendationExecuted':
      return recordExecuted(command, state);
    case 'RequestRecommendationResult':
      return requestResult(command, state);
    case 'RecordRecommendationResult':
      return recordResult(command, state);
    default:
      return assertNever(command);
  }
};

export const recommendationDecider: Decider<RecommendationCommand, RecommendationDeciderEvent, RecommendationState> = {
  initialState: initialRecommendationState,
  decide: decideRecommendation,
  evolve: evolveRecommendation,
  streamIdOf: (command) => recommendationStreamId(command.data.recommendationId),
  alsoReads: (command) =>
    command.type === 'ProposeRecommendation' && isLowerUuid(command.data.campaignId) ? [adCampaignStreamId(command.data.campaignId)] : [],
};
