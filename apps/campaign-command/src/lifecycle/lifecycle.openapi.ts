import type { OpenApiFragment } from '../shared/command-context';

/** The OpenAPI 3.1 description of the lifecycle command endpoints (service tokens with scope lifecycle:write), merged into /openapi.json. */
const uuid = { type: 'string', format: 'uuid' };
const trigger = { type: 'string', enum: ['MANUAL', 'TIMER', 'SYSTEM'], default: 'MANUAL' };
const commandId = { type: 'string', description: 'Alternative to the Idempotency-Key header', maxLength: 200 };

const outcome = {
  oneOf: [
    {
      type: 'object',
      required: ['status', 'commandId', 'streamId', 'streamVersion', 'eventIds', 'duplicate'],
      properties: {
        status: { const: 'ACCEPTED' },
        commandId: { type: 'string' },
        streamId: { type: 'string' },
        streamVersion: { type: 'integer' },
        eventIds: { type: 'array', items: uuid },
        duplicate: { type: 'boolean', description: 'true when this command id was processed before' },
      },
    },
    { $ref: '#/components/schemas/Rejection' },
  ],
};

const responses = (created: boolean) => ({
  [created ? '201' : '200']: { description: 'Accepted', content: { 'application/json': { schema: outcome } } },
  '400': {
    description: 'Malformed request (INVALID_REQUEST), text that cannot be stored (INVALID_TEXT)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Rejection' } } },
  },
  '401': { description: 'No valid bearer token (UNAUTHORIZED)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Rejection' } } } },
  '403': {
    description: 'The token does not grant lifecycle:write (FORBIDDEN)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Rejection' } } },
  },
  '404': { description: 'CAMPAIGN_NOT_FOUND', content: { 'application/json': { schema: { $ref: '#/components/schemas/Rejection' } } } },
  '409': {
    description: 'The campaign is not in a state that allows this (e.g. INVALID_STATE_TRANSITION)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Rejection' } } },
  },
  '422': {
    description: 'A rule rejected the values (e.g. INVALID_DURATION), or the Idempotency-Key was used for another request (IDEMPOTENCY_KEY_REUSED)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Rejection' } } },
  },
});

const headers = [
  {
    name: 'Idempotency-Key',
    in: 'header',
    schema: { type: 'string' },
    description:
      'The command id, kept 7 days: a repeat of the same request returns the first outcome and writes nothing; another request under it is IDEMPOTENCY_KEY_REUSED',
  },
  { name: 'X-Correlation-Id', in: 'header', schema: { type: 'string' } },
];
const campaignIdParam = { name: 'campaignId', in: 'path', required: true, schema: uuid };

const body = (properties: Record<string, unknown>, required: string[] = []) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required, properties: { commandId, ...properties } } } },
});

const transition = (summary: string) => ({
  post: {
    summary,
    parameters: [campaignIdParam, ...headers],
    requestBody: body({ trigger, reason: { type: ['string', 'null'], maxLength: 500 } }),
    responses: responses(false),
  },
});

export const lifecycleOpenApi: OpenApiFragment = {
  title: 'lifecycle (seed 002)',
  paths: {
    '/v1/lifecycle/campaigns': {
      post: {
        summary: 'Create a campaign (CREATED); end_time = start_time + duration_hours when start_time is given',
        parameters: headers,
        requestBody: body(
          {
            campaignId: uuid,
            durationHours: { type: 'integer', minimum: 1 },
            autoClose: { type: 'boolean', default: true },
            rewardsEnabled: { type: 'boolean', default: true },
            startTime: { type: ['string', 'null'], format: 'date-time' },
            metadata: { type: 'object' },
          },
          ['durationHours'],
        ),
        responses: responses(true),
      },
    },
    '/v1/lifecycle/campaigns/{campaignId}/start': transition('CREATED → RUNNING'),
    '/v1/lifecycle/campaigns/{campaignId}/close': transition('RUNNING → CLOSED'),
    '/v1/lifecycle/campaigns/{campaignId}/open-reward-claim': transition('CLOSED → REWARD_CLAIM (rewards enabled)'),
    '/v1/lifecycle/campaigns/{campaignId}/expire': transition('RUNNING, CLOSED or REWARD_CLAIM → EXPIRED'),
    '/v1/lifecycle/campaigns/{campaignId}/participants': {
      post: {
        summary: 'A participant joins (RUNNING only)',
        parameters: [campaignIdParam, ...headers],
        requestBody: body({ participantId: { type: 'string' } }, ['participantId']),
        responses: responses(false),
      },
    },
    '/v1/lifecycle/campaigns/{campaignId}/engagements': {
      post: {
        summary: 'Record an engagement (RUNNING only)',
        parameters: [campaignIdParam, ...headers],
        requestBody: body({ participantId: { type: ['string', 'null'] }, engagementType: { type: 'string', maxLength: 50 } }, ['engagementType']),
        responses: responses(false),
      },
    },
    '/v1/lifecycle/campaigns/{campaignId}/reward-claims': {
      post: {
        summary: 'A participant claims a reward (REWARD_CLAIM only, once)',
        parameters: [campaignIdParam, ...headers],
        requestBody: body({ participantId: { type: 'string' }, rewardId: { type: ['string', 'null'] } }, ['participantId']),
        responses: responses(false),
      },
    },
  },
};
