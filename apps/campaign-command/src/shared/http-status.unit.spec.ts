import { httpStatusOf } from './http-status';

const rejected = (code: string) => ({ status: 'REJECTED' as const, commandId: 'c', streamId: 's', code, message: '', details: {} });

describe('HTTP status of a command outcome', () => {
  it('is 201 for an accepted creation and 200 for other accepted commands', () => {
    const accepted = { status: 'ACCEPTED' as const, commandId: 'c', streamId: 's', streamVersion: 1, eventIds: [] };
    expect(httpStatusOf(accepted, true)).toBe(201);
    expect(httpStatusOf(accepted, false)).toBe(200);
  });

  it.each([
    ['CAMPAIGN_NOT_FOUND', 404],
    ['INVALID_STATE_TRANSITION', 409],
    ['CAMPAIGN_ALREADY_EXISTS', 409],
    ['REWARD_ALREADY_CLAIMED', 409],
    ['PARTICIPANT_ALREADY_JOINED', 409],
    ['CAMPAIGN_NOT_RUNNING', 409],
    ['REWARDS_DISABLED', 409],
    ['REWARD_CLAIM_NOT_OPEN', 409],
    ['INVALID_DURATION', 422],
    ['START_TIME_IN_PAST', 422],
  ])('lifecycle: maps %s to %i', (code, status) => {
    expect(httpStatusOf(rejected(code), false)).toBe(status);
  });

  it.each([
    ['CONTACT_NOT_FOUND', 404],
    ['ORGANIZATION_NOT_FOUND', 404],
    ['CAMPAIGN_TEMPLATE_NOT_FOUND', 404],
    ['FORBIDDEN', 403],
    ['CAMPAIGN_ALREADY_ACTIVE', 409],
    ['USER_ALREADY_EXISTS', 409],
    ['STREAM_ALREADY_EXISTS', 409],
    ['CAMPAIGN_INVALID_STATUS_TRANSITION', 409],
    ['CAMPAIGN_READ_ONLY', 409],
    ['CAMPAIGN_NOT_ACTIVE', 409],
    ['CONTACT_INVALID_STATUS', 409],
    ['CAMPAIGN_SEND_LIMIT_EXCEEDED', 429],
    ['CAMPAIGN_NAME_REQUIRED', 422],
    ['CAMPAIGN_NO_CONTACTS', 422],
    ['CAMPAIGN_AB_SAME_TEMPLATES', 422],
    ['CONTACT_EMAIL_INVALID', 422],
    ['CONTACT_UNSUBSCRIBED', 422],
    ['CAMPAIGN_INVALID', 422],
  ])('outreach: maps %s to %i', (code, status) => {
    expect(httpStatusOf(rejected(code), false)).toBe(status);
  });

  it.each([
    ['AD_ROLE_REQUIRED', 403],
    ['AD_ACCOUNT_CONNECTED_ELSEWHERE', 409],
    ['AD_ACCOUNT_NOT_CONNECTED', 409],
    ['AD_CAMPAIGN_UNAVAILABLE', 409],
    ['BUDGET_ALLOCATION_ALREADY_EXISTS', 409],
    ['AD_SYNC_NOT_FOUND', 404],
    ['AD_CAMPAIGN_INVALID_DATES', 422],
    ['BUDGET_SPLIT_EXCEEDS_TOTAL', 422],
  ])('ads accounts, campaigns, budgets: maps %s to %i', (code, status) => {
    expect(httpStatusOf(rejected(code), false)).toBe(status);
  });

  it.each([
    ['COMMERCE_ROLE_REQUIRED', 403],
    ['CUSTOMER_EMAIL_TAKEN', 409],
    ['VARIANT_SKU_TAKEN', 409],
    ['BUDGET_PERIOD_TAKEN', 409],
    ['AGENT_HAS_CHILDREN', 409],
    ['WORKFLOW_HAS_EXECUTIONS', 409],
    ['ORDER_STATUS_INVALID', 409],
    ['INSUFFICIENT_STOCK', 409],
    ['EMAIL_ALREADY_SUBSCRIBED', 409],
    ['ORDER_NOT_FOUND', 404],
    ['AGENT_HIERARCHY_CYCLE', 422],
    ['ORDER_PAYMENT_MISMATCH', 422],
    ['ORDER_REFUND_EXCEEDS_PAID', 422],
  ])('commerce (seed 001): maps %s to %i', (code, status) => {
    expect(httpStatusOf(rejected(code), false)).toBe(status);
  });

  it.each([
    ['ORCHESTRATION_ROLE_REQUIRED', 403],
    ['ORCHESTRATOR_NOT_FOUND', 404],
    ['ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS', 409],
    ['CAMPAIGN_STATUS_TRANSITION_INVALID', 409],
    ['WORKFLOW_STEP_REPORT_CONFLICT', 409],
    ['WORKFLOW_STEP_INVALID_STATUS', 409],
    ['CONTENT_ALREADY_PUBLISHED', 409],
    ['CAMPAIGN_TIMELINE_INVALID', 422],
    ['CONTENT_DERIVATION_CYCLE', 422],
    ['TEMPLATE_DEPENDENCY_CYCLE', 422],
  ])('orchestration: maps %s to %i', (code, status) => {
    expect(httpStatusOf(rejected(code), false)).toBe(status);
  });
});
