import type { EventEnvelope } from '@campaign/contracts';
import { type ActionRow, aiActionsLogProjector } from './ai-actions-log.projector';
import { AdsHistory } from './testing';

/** Folds the events of one action through the projector, as the writer does. */
const fold = (events: readonly EventEnvelope[]): ActionRow | null =>
  events.reduce<ActionRow | null>((row, event) => (aiActionsLogProjector.canHandle(event) ? aiActionsLogProjector.project(row, event) : row), null);

describe('ai_actions_log projector (seed 003 AI Actions Log)', () => {
  it('an action executes once: a second AdActionExecuted changes nothing (executed_at and new_state stay the first run’s)', () => {
    const h = new AdsHistory();
    const action = h.requestAction('00000000-0000-4000-8000-00000000000c', { approvalRequired: false });
    h.action(action, 'AdActionApproved', { executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null });
    const first = h.at();
    h.action(action, 'AdActionExecuted', { attempt: 1, newState: { budget: '120.00' }, executedAt: first });
    const once = fold(h.envelopes);
    h.action(action, 'AdActionExecuted', { attempt: 2, newState: { budget: '999.00' }, executedAt: h.at() });
    expect(fold(h.envelopes)).toEqual(once);
    expect(once).toMatchObject({ status: 'executed', executed_at: first, new_state: { budget: '120.00' }, executed_by: 'ai_autonomous' });
  });

  it('an autonomous action inside the guardrails needs no approval: approval_required false, approved_by NULL, executed_by ai_autonomous', () => {
    const h = new AdsHistory();
    const action = h.requestAction('00000000-0000-4000-8000-00000000000c', { approvalRequired: false });
    h.action(action, 'AdActionApproved', { executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null });
    expect(fold(h.envelopes)).toMatchObject({
      status: 'approved',
      approval_required: false,
      approved_by: null,
      approved_at: null,
      executed_by: 'ai_autonomous',
      executed_at: null,
    });
  });

  it('a failed attempt records the attempt, the error and when it is retried; the next success clears the retry', () => {
    const h = new AdsHistory();
    const action = h.requestAction('00000000-0000-4000-8000-00000000000c', { approvalRequired: false });
    h.action(action, 'AdActionApproved', { executedBy: 'ai_autonomous', approvedBy: null, approvedAt: null });
    const retryAt = h.at();
    h.action(action, 'AdActionAttemptFailed', { attempt: 1, error: 'platform 503', retryAt });
    expect(fold(h.envelopes)).toMatchObject({ status: 'retrying', attempts: 1, last_error: 'platform 503', next_retry_at: retryAt });
    h.action(action, 'AdActionExecuted', { attempt: 2, newState: { budget: '120.00' }, executedAt: h.at() });
    expect(fold(h.envelopes)).toMatchObject({ status: 'executed', attempts: 2, next_retry_at: null });
  });
});
