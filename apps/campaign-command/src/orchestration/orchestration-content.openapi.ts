/** The OpenAPI paths of the campaigns and their content (seed 000 `campaigns`, `campaign_content`, `campaign_content_relationships`). */
import { body, headers, instant, jsonObject, pathId, responses, text, uuid } from './orchestration.openapi-parts';

const PRIORITIES = ['low', 'medium', 'high', 'critical', 'urgent'];
const campaign = {
  name: { type: 'string', maxLength: 255 },
  description: text(),
  strategy_id: { ...uuid, type: ['string', 'null'] },
  orchestrator_id: { ...uuid, type: ['string', 'null'] },
  priority: { enum: PRIORITIES, default: 'medium', description: 'seed 000 chk_campaign_priority' },
  scheduled_start: instant,
  deadline: { ...instant, description: 'seed 000 chk_campaign_timeline: after scheduled_start and actual_start' },
};
const CAMPAIGN_RULES = 'CAMPAIGN_INVALID (details.field), CAMPAIGN_TIMELINE_INVALID, CAMPAIGN_PRIORITY_INVALID';
const campaignIds = { campaignId: uuid };
const contentIds = { campaignId: uuid, contentId: uuid };
const content = [pathId('campaignId'), pathId('contentId'), ...headers];
const CONTENT_RULES = 'CONTENT_INVALID (details.field), CONTENT_SELF_PARENT, CONTENT_DERIVATION_CYCLE, CONTENT_SCHEDULE_TIMING_INVALID';

export const orchestrationContentPaths = {
  '/v1/orchestration/campaigns': {
    post: {
      summary: 'Create a campaign in draft (editor, admin)',
      parameters: headers,
      requestBody: body({ ...campaign, budget: { type: ['string', 'number', 'null'], description: 'DECIMAL(12,2)' }, target_audience: jsonObject }, ['name']),
      responses: responses('201', campaignIds, 'CAMPAIGN_ALREADY_EXISTS', `${CAMPAIGN_RULES}; STRATEGY_NOT_FOUND and ORCHESTRATOR_NOT_FOUND are 404`),
    },
  },
  '/v1/orchestration/campaigns/{campaignId}': {
    patch: {
      summary: 'Change a campaign’s fields (editor, admin); the CHECKs hold on the merged values',
      parameters: [pathId('campaignId'), ...headers],
      requestBody: body({ ...campaign, progress_percentage: { type: 'integer', minimum: 0, maximum: 100 } }),
      responses: responses('200', campaignIds, '—', `${CAMPAIGN_RULES}, CAMPAIGN_PROGRESS_OUT_OF_RANGE`),
    },
    delete: {
      summary: 'Delete a campaign; its content commands answer CAMPAIGN_NOT_FOUND afterwards (seed 000: CASCADE)',
      parameters: [pathId('campaignId'), ...headers],
      responses: responses('200', campaignIds, '—', '—'),
    },
  },
  '/v1/orchestration/campaigns/{campaignId}/status': {
    post: {
      summary: 'Move the campaign: draft → active ⇄ paused → completed | cancelled; the first activation sets actual_start',
      parameters: [pathId('campaignId'), ...headers],
      requestBody: body({ status: { enum: ['draft', 'active', 'paused', 'completed', 'cancelled'] } }, ['status']),
      responses: responses('200', campaignIds, 'CAMPAIGN_STATUS_TRANSITION_INVALID (details.from, details.to)', 'CAMPAIGN_TIMELINE_INVALID'),
    },
  },
  '/v1/orchestration/campaigns/{campaignId}/content': {
    post: {
      summary: 'Create a piece of the campaign’s content, optionally derived from a parent',
      parameters: [pathId('campaignId'), ...headers],
      requestBody: body(
        {
          title: { type: 'string', maxLength: 500 },
          content_type: { type: 'string', maxLength: 50 },
          platform: { type: 'string', maxLength: 50 },
          content_markdown: text(),
          status: { type: 'string', default: 'draft' },
          parent_content_id: { ...uuid, type: ['string', 'null'] },
          workflow_id: { ...uuid, type: ['string', 'null'] },
          step_key: text(63),
          scheduled_publish_at: { ...instant, description: 'seed 000 chk_content_schedule_timing: in the future' },
          review_deadline: instant,
        },
        ['title', 'content_type', 'platform'],
      ),
      responses: responses('201', contentIds, 'CONTENT_ALREADY_EXISTS', `${CONTENT_RULES}; CONTENT_PARENT_NOT_FOUND is 404`),
    },
  },
  '/v1/orchestration/campaigns/{campaignId}/content/{contentId}': {
    patch: {
      summary: 'Change a content’s title, text, status, parent or review deadline',
      parameters: content,
      requestBody: body({ title: { type: 'string' }, content_markdown: text(), status: { type: 'string' }, parent_content_id: uuid, review_deadline: instant }),
      responses: responses('200', contentIds, '—', CONTENT_RULES),
    },
    delete: {
      summary: 'Delete a content; its children keep living with no parent (seed 000: SET NULL)',
      parameters: content,
      responses: responses('200', contentIds, '—', '—'),
    },
  },
  '/v1/orchestration/campaigns/{campaignId}/content/{contentId}/relationships': {
    post: {
      summary: 'Relate the content to another of the campaign (relating twice changes nothing)',
      parameters: content,
      requestBody: body({ target_content_id: uuid, relationship_type: { enum: ['references', 'depends_on', 'repurposes', 'translates', 'supports'] } }, [
        'target_content_id',
        'relationship_type',
      ]),
      responses: responses('201', contentIds, '—', 'CONTENT_RELATION_INVALID'),
    },
  },
  '/v1/orchestration/campaigns/{campaignId}/content/{contentId}/relationships/{relationshipType}/{targetContentId}': {
    delete: {
      summary: 'Remove a relationship',
      parameters: [
        pathId('campaignId'),
        pathId('contentId'),
        { name: 'relationshipType', in: 'path', required: true, schema: { type: 'string' } },
        pathId('targetContentId'),
        ...headers,
      ],
      responses: responses('200', contentIds, '—', 'CONTENT_RELATION_INVALID'),
    },
  },
  '/v1/orchestration/campaigns/{campaignId}/content/{contentId}/schedule': {
    post: {
      summary: 'Schedule the publication; the scheduler publishes it when due',
      parameters: content,
      requestBody: body({ scheduled_publish_at: { type: 'string', format: 'date-time' } }, ['scheduled_publish_at']),
      responses: responses('200', contentIds, 'CONTENT_ALREADY_PUBLISHED', 'CONTENT_SCHEDULE_TIMING_INVALID'),
    },
  },
  '/v1/orchestration/campaigns/{campaignId}/content/{contentId}/publish': {
    post: {
      summary: 'Publish now (once)',
      parameters: content,
      responses: responses('200', contentIds, 'CONTENT_ALREADY_PUBLISHED', 'CONTENT_PUBLISH_TIMING_INVALID'),
    },
  },
  '/v1/orchestration/campaigns/{campaignId}/content/{contentId}/active': {
    put: {
      summary: 'Set whether the content is active',
      parameters: content,
      requestBody: body({ is_active: { type: 'boolean' } }, ['is_active']),
      responses: responses('200', contentIds, '—', '—'),
    },
  },
};
