/** The OpenAPI 3.1 description of the alerts, recommendations and guarded-actions endpoints (seed 003), merged into /openapi.json. */
import { accepted, commandId, rejection, uuid } from '../ads.openapi-parts';

const money = {
  type: ['string', 'number'],
  description: 'DECIMAL(15,2): a decimal string (or number), at most 2 decimals, never negative',
  examples: ['50.00'],
};
const confidence = { type: 'number', minimum: 0, maximum: 1, description: 'DECIMAL(3,2): at most two decimals' };
const jsonObject = { type: 'object', additionalProperties: true };

const ROLES = 'AD_ROLE_REQUIRED: a person with role marketer or admin only (an analyst, or a token without a role, may not)';
const responses = (status: '200' | '201', ids: Record<string, unknown>, notFound: string, conflicts: string, invalid: string, forbidden = ROLES) => ({
  [status]: { description: 'Accepted', content: { 'application/json': { schema: accepted(ids) } } },
  '400': { description: 'Malformed request (INVALID_REQUEST, with every problem listed)', ...rejection },
  '401': { description: 'No valid bearer JWT (UNAUTHORIZED)', ...rejection },
  '403': { description: `${forbidden}; TENANT_REQUIRED: the token names no org`, ...rejection },
  '404': { description: `${notFound} (another org's is not found either)`, ...rejection },
  '409': { description: conflicts, ...rejection },
  '422': { description: invalid, ...rejection },
});

const headers = [
  {
    name: 'Authorization',
    in: 'header',
    required: true,
    schema: { type: 'string' },
    description: 'Bearer JWT of a person: sub, org_id (UUIDs), role (analyst, marketer, admin)',
  },
  { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' }, description: 'The command id; a repeat returns the first outcome and writes nothing' },
  { name: 'X-Correlation-Id', in: 'header', schema: { type: 'string' } },
];
const path = (name: string, schema: Record<string, unknown> = uuid) => ({ name, in: 'path', required: true, schema });
const alertParams = [
  path('campaignId'),
  path('alertType', { type: 'string', enum: ['ROAS_DROP', 'CPA_SPIKE', 'ZERO_CONVERSIONS'], description: 'Case-insensitive' }),
  ...headers,
];

const body = (properties: Record<string, unknown>, required: string[] = []) => ({
  required: required.length > 0,
  content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required, properties: { commandId, ...properties } } } },
});
const alertBody = body({ alert_id: { ...uuid, description: 'When given, it must be the open alert (else ALERT_NOT_OPEN)' } });
const alertResponses = responses(
  '200',
  {},
  'ALERT_NOT_FOUND: the campaign never had this alert',
  'ALERT_NOT_OPEN: resolved, or not the open alert',
  'ALERT_INVALID (details.field)',
);
const actionConflicts = 'AD_ACTION_INVALID_STATUS: not awaiting approval (approved, rejected, expired, or past expires_at)';

export const adsInsightOpenApiPaths = {
  '/v1/ads/alerts/{campaignId}/{alertType}/acknowledge': {
    post: {
      summary: "Acknowledge the campaign's open alert of this rule (marketer, admin); a second time changes nothing",
      parameters: alertParams,
      requestBody: alertBody,
      responses: alertResponses,
    },
  },
  '/v1/ads/alerts/{campaignId}/{alertType}/resolve': {
    post: {
      summary: "Resolve the campaign's open alert of this rule (marketer, admin); resolved_by is the user",
      parameters: alertParams,
      requestBody: alertBody,
      responses: alertResponses,
    },
  },
  '/v1/ads/recommendations/{recommendationId}/accept': {
    post: {
      summary: 'Accept a pending recommendation (marketer, admin) and, unless execute is false, ask for its action, approved by this acceptance',
      parameters: [path('recommendationId'), ...headers],
      requestBody: body({ execute: { type: 'boolean', default: true } }),
      responses: responses(
        '200',
        {
          recommendationId: uuid,
          action: {
            type: ['object', 'null'],
            description: "The action's outcome (actionId, status…) or its rejection (e.g. AD_ACTION_INVALID when the recommendation has no action)",
          },
        },
        'RECOMMENDATION_NOT_FOUND',
        'RECOMMENDATION_NOT_PENDING: accepted, rejected or executed already',
        '—',
      ),
    },
  },
  '/v1/ads/recommendations/{recommendationId}/reject': {
    post: {
      summary: 'Reject a pending recommendation (marketer, admin)',
      parameters: [path('recommendationId'), ...headers],
      requestBody: body({}),
      responses: responses('200', { recommendationId: uuid }, 'RECOMMENDATION_NOT_FOUND', 'RECOMMENDATION_NOT_PENDING', '—'),
    },
  },
  '/v1/ads/actions': {
    post: {
      summary:
        'Ask for an action (marketer, admin): PAUSE, BUDGET_CHANGE or REALLOCATE, approved by the asking person (executed_by the user); with recommendation_id, the fields left out are the recommendation’s',
      parameters: headers,
      requestBody: body({
        recommendation_id: uuid,
        campaign_id: uuid,
        action_type: { type: 'string', enum: ['PAUSE', 'BUDGET_CHANGE', 'REALLOCATE'] },
        platform: { type: 'string', maxLength: 50 },
        previous_state: jsonObject,
        new_state: jsonObject,
        reasoning: { type: 'string' },
        confidence,
        change_amount: money,
      }),
      responses: responses(
        '201',
        { actionId: uuid },
        'AD_ACTION_CAMPAIGN_NOT_FOUND, RECOMMENDATION_NOT_FOUND',
        'AD_ACTION_ALREADY_EXISTS (one action per recommendation); RECOMMENDATION_INVALID_STATUS (rejected or executed)',
        'AD_ACTION_INVALID (details.field)',
      ),
    },
  },
  '/v1/ads/actions/{actionId}/approve': {
    post: {
      summary: 'Approve an action the guardrails held (marketer, admin) before it expires; approved_by / approved_at / executed_by are the user',
      parameters: [path('actionId'), ...headers],
      requestBody: body({}),
      responses: responses('200', { actionId: uuid }, 'AD_ACTION_NOT_FOUND', actionConflicts, '—'),
    },
  },
  '/v1/ads/actions/{actionId}/reject': {
    post: {
      summary: 'Reject an action the guardrails held (marketer, admin)',
      parameters: [path('actionId'), ...headers],
      requestBody: body({}),
      responses: responses('200', { actionId: uuid }, 'AD_ACTION_NOT_FOUND', actionConflicts, '—'),
    },
  },
  '/v1/ads/guardrails': {
    put: {
      summary:
        "Set the org's guardrails (admin): the AI acts alone only with autonomous_enabled, at or above confidence_floor, within max_change_per_action, the UTC day's max_change_per_day, and the platform's share of the period's budget allocation; everything else waits approval_ttl_hours for a person",
      parameters: headers,
      requestBody: body(
        {
          autonomous_enabled: { type: 'boolean', description: 'Default when never set: false' },
          confidence_floor: confidence,
          max_change_per_action: money,
          max_change_per_day: money,
          approval_ttl_hours: { type: 'integer', minimum: 1, maximum: 720, default: 72 },
        },
        ['autonomous_enabled', 'confidence_floor', 'max_change_per_action', 'max_change_per_day'],
      ),
      responses: responses('200', {}, '—', '—', 'AUTOMATION_GUARDRAILS_INVALID (details.field)', 'AD_ROLE_REQUIRED: an admin only'),
    },
  },
};
