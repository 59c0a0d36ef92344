/** The OpenAPI paths of the marketing doors: segments, campaigns, content, email lists and subscribers (seed 001). */
import { body, jsonObject, money, operation, pathId, responses, status, text, uuid } from './commerce.openapi-parts';

const ok = (ids: Record<string, unknown>, conflicts = '—', invalid = '—') => responses('200', ids, conflicts, invalid);
const optionalUuid = { type: ['string', 'null'], format: 'uuid' };
const instant = { type: ['string', 'null'], format: 'date-time' };
const segment = {
  name: { type: 'string', maxLength: 200 },
  description: text(10_000),
  rules: { ...jsonObject, description: 'A rule segment’s { all: [{ field, op, value }] }' },
};
const members = body({ customer_ids: { type: 'array', items: uuid, minItems: 1, maxItems: 100 } }, ['customer_ids']);
const campaign = {
  name: { type: 'string', maxLength: 200 },
  goal_id: optionalUuid,
  owner_agent_id: { ...optionalUuid, description: 'An active agent' },
  target_segment_id: optionalUuid,
  channel: text(50),
  budget: money,
  currency: { type: ['string', 'null'], pattern: '^[A-Z]{3}$' },
  starts_at: instant,
  ends_at: instant,
};
const CAMPAIGN_REFS = 'CAMPAIGN_INVALID (details.field); GOAL_NOT_FOUND, AGENT_NOT_FOUND, SEGMENT_NOT_FOUND are 404';
const subscriber = { listId: uuid, subscriberId: { ...uuid, description: 'Derived from the list and the email: the same for every subscription of it' } };

const segmentPaths = {
  '/v1/commerce/segments': {
    post: operation(
      'Create a segment (seed 001 customer_segments): rule (members from its rules) or static (members listed)',
      [],
      body({ ...segment, kind: { enum: ['rule', 'static'] } }, ['name', 'kind']),
      responses('201', { segmentId: uuid }, '—', 'SEGMENT_INVALID (details.field: kind, name, rules…)'),
    ),
  },
  '/v1/commerce/segments/{segmentId}': {
    patch: operation('Change a segment’s fields', [pathId('segmentId')], body(segment), ok({ segmentId: uuid }, '—', 'SEGMENT_INVALID')),
    delete: operation('Delete a segment and its memberships (seed 001 CASCADE)', [pathId('segmentId')], null, ok({ segmentId: uuid })),
  },
  '/v1/commerce/segments/{segmentId}/members': {
    post: operation(
      'Add customers to a static segment (existing customers only: 404 CUSTOMER_NOT_FOUND)',
      [pathId('segmentId')],
      members,
      ok({ segmentId: uuid }, '—', 'SEGMENT_RULE_BASED (a rule segment’s members come from its rules); SEGMENT_INVALID'),
    ),
    delete: operation(
      'Remove customers from a static segment',
      [pathId('segmentId')],
      members,
      ok({ segmentId: uuid }, '—', 'SEGMENT_RULE_BASED; SEGMENT_INVALID'),
    ),
  },
};

const campaignPaths = {
  '/v1/commerce/campaigns': {
    post: operation(
      'Create a draft campaign (seed 001 campaigns: "All relationships optional")',
      [],
      body(campaign, ['name']),
      responses('201', { campaignId: uuid }, '—', CAMPAIGN_REFS),
    ),
  },
  '/v1/commerce/campaigns/{campaignId}': {
    patch: operation('Change a campaign’s fields', [pathId('campaignId')], body(campaign), ok({ campaignId: uuid }, '—', CAMPAIGN_REFS)),
    delete: operation('Delete a campaign; its content stays with no campaign (seed 001 SET NULL)', [pathId('campaignId')], null, ok({ campaignId: uuid })),
  },
  '/v1/commerce/campaigns/{campaignId}/status': {
    put: operation(
      'Move a campaign: draft → active | archived, active ⇄ paused, active | paused → completed → archived',
      [pathId('campaignId')],
      body(status(['draft', 'active', 'paused', 'completed', 'archived']), ['status']),
      ok({ campaignId: uuid }, 'CAMPAIGN_STATUS_TRANSITION_INVALID (details.from, details.to)'),
    ),
  },
};

const contentPaths = {
  '/v1/commerce/content': {
    post: operation(
      'Create content (seed 001 content), optionally for a live campaign',
      [],
      body(
        {
          title: { type: 'string', maxLength: 200 },
          content_type: { type: 'string', maxLength: 50 },
          body: text(),
          campaign_id: optionalUuid,
          created_by_agent_id: optionalUuid,
        },
        ['title', 'content_type'],
      ),
      responses('201', { contentId: uuid }, '—', 'CONTENT_INVALID (details.field); CAMPAIGN_NOT_FOUND, AGENT_NOT_FOUND are 404'),
    ),
  },
  '/v1/commerce/content/{contentId}': {
    patch: operation('Revise content', [pathId('contentId')], body({ title: text(200), body: text() }), ok({ contentId: uuid }, '—', 'CONTENT_INVALID')),
  },
  '/v1/commerce/content/{contentId}/status': {
    put: operation(
      'Change content’s status',
      [pathId('contentId')],
      body(status(['draft', 'published', 'archived']), ['status']),
      ok({ contentId: uuid }, '—', 'CONTENT_INVALID'),
    ),
  },
};

const emailPaths = {
  '/v1/commerce/email-lists': {
    post: operation(
      'Create an email list (seed 001 email_lists)',
      [],
      body({ name: { type: 'string', maxLength: 200 }, description: text(10_000) }, ['name']),
      responses('201', { listId: uuid }, '—', 'EMAIL_LIST_INVALID'),
    ),
  },
  '/v1/commerce/email-lists/{listId}': {
    delete: operation('Delete a list and its subscribers (seed 001 CASCADE)', [pathId('listId')], null, ok({ listId: uuid })),
  },
  '/v1/commerce/email-lists/{listId}/subscribers': {
    post: operation(
      'Subscribe an email (again, after unsubscribing: the same subscriber resubscribed)',
      [pathId('listId')],
      body({ email: { type: 'string', format: 'email', maxLength: 255 }, customer_id: optionalUuid }, ['email']),
      responses('201', subscriber, 'EMAIL_ALREADY_SUBSCRIBED (seed 001 PRIMARY KEY (email, list_id))', 'EMAIL_LIST_INVALID (details.field)'),
    ),
  },
  '/v1/commerce/email-lists/{listId}/subscribers/{subscriberId}': {
    delete: operation('Unsubscribe a subscriber', [pathId('listId'), pathId('subscriberId')], null, ok(subscriber)),
  },
  '/v1/commerce/email-lists/{listId}/unsubscriptions': {
    post: operation('Unsubscribe an email from the list', [pathId('listId')], body({ email: { type: 'string', format: 'email' } }, ['email']), ok(subscriber)),
  },
};

export const commerceMarketingPaths = { ...segmentPaths, ...campaignPaths, ...contentPaths, ...emailPaths };
