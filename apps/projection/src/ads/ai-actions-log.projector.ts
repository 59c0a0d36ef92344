/**
 * seed 003 `ai_actions_log`: one row per guarded action — PAUSE, BUDGET_CHANGE, REALLOCATE — with
 * its previous and new state, reasoning, confidence, who executed it ('ai_autonomous' or the
 * user), whether it needed approval and who gave it; `status` follows it from request to outcome.
 */
import { projector } from '../shared/projector';
import type { EnvelopeOf } from './ads.events';

type Json = Readonly<Record<string, unknown>>;

export const ACTION_STATUSES = ['requested', 'awaiting_approval', 'approved', 'retrying', 'executed', 'dead_lettered', 'expired', 'rejected'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface ActionRow {
  readonly id: string;
  readonly org_id: string;
  readonly action_type: string;
  readonly platform: string;
  readonly campaign_id: string;
  readonly previous_state: Json | null;
  readonly new_state: Json | null;
  readonly reasoning: string | null;
  readonly confidence: string | number | null;
  /** NULL until executed (the seed's DEFAULT NOW() would date an action that never ran). */
  readonly executed_at: string | null;
  readonly executed_by: string | null;
  readonly approval_required: boolean;
  readonly approved_by: string | null;
  readonly approved_at: string | null;
  readonly status: ActionStatus;
  readonly recommendation_id: string | null;
  readonly change_amount: string | number | null;
  readonly requested_by: string;
  readonly requested_at: string;
  readonly awaiting_reason: string | null;
  readonly expires_at: string | null;
  readonly attempts: number;
  readonly last_error: string | null;
  readonly next_retry_at: string | null;
  readonly updated_at: string;
}

type ActionEnvelope = EnvelopeOf<
  | 'AdActionRequested'
  | 'AdActionAwaitingApproval'
  | 'AdActionApproved'
  | 'AdActionRejected'
  | 'AdActionExpired'
  | 'AdActionExecuted'
  | 'AdActionAttemptFailed'
  | 'AdActionDeadLettered'
>;

const requested = (event: EnvelopeOf<'AdActionRequested'>): ActionRow => {
  const d = event.data;
  return {
    id: d.actionId,
    org_id: d.orgId,
    action_type: d.actionType,
    platform: d.platform,
    campaign_id: d.campaignId,
    previous_state: d.previousState,
    new_state: d.newState,
    reasoning: d.reasoning,
    confidence: d.confidence,
    executed_at: null,
    executed_by: null,
    approval_required: d.approvalRequired,
    approved_by: null,
    approved_at: null,
    status: 'requested',
    recommendation_id: d.recommendationId,
    change_amount: d.changeAmount ?? null,
    requested_by: d.requestedBy,
    requested_at: d.requestedAt,
    awaiting_reason: null,
    expires_at: null,
    attempts: 0,
    last_error: null,
    next_retry_at: null,
    updated_at: d.requestedAt,
  };
};

const projectAction = (row: ActionRow | null, event: ActionEnvelope): ActionRow | null => {
  if (event.type === 'AdActionRequested') return row ?? requested(event);
  if (!row) return null;
  const at = event.occurredAt;
  switch (event.type) {
    case 'AdActionAwaitingApproval':
      return {
        ...row,
        status: 'awaiting_approval',
        approval_required: true,
        awaiting_reason: event.data.reason,
        expires_at: event.data.expiresAt,
        updated_at: at,
      };
    case 'AdActionApproved': {
      const d = event.data;
      return { ...row, status: 'approved', executed_by: d.executedBy, approved_by: d.approvedBy, approved_at: d.approvedAt, updated_at: at };
    }
    case 'AdActionRejected':
      return { ...row, status: 'rejected', last_error: event.data.reason ?? null, approved_by: null, updated_at: event.data.rejectedAt ?? at };
    case 'AdActionExpired':
      return { ...row, status: 'expired', updated_at: event.data.expiredAt ?? at };
    case 'AdActionExecuted': {
      const d = event.data;
      // An action executes once: a second report changes nothing.
      if (row.status === 'executed') return row;
      return {
        ...row,
        status: 'executed',
        executed_at: d.executedAt,
        new_state: d.newState ?? row.new_state,
        attempts: d.attempt,
        next_retry_at: null,
        updated_at: d.executedAt,
      };
    }
    case 'AdActionAttemptFailed': {
      const d = event.data;
      return { ...row, status: 'retrying', attempts: d.attempt, last_error: d.error, next_retry_at: d.retryAt, updated_at: at };
    }
    case 'AdActionDeadLettered': {
      const d = event.data;
      return { ...row, status: 'dead_lettered', attempts: d.attempt, last_error: d.error, next_retry_at: null, updated_at: d.deadLetteredAt ?? at };
    }
  }
};

export const aiActionsLogProjector = projector({
  table: 'ai_actions_log',
  eventTypes: [
    'AdActionRequested',
    'AdActionAwaitingApproval',
    'AdActionApproved',
    'AdActionRejected',
    'AdActionExpired',
    'AdActionExecuted',
    'AdActionAttemptFailed',
    'AdActionDeadLettered',
  ],
  project: projectAction,
});
